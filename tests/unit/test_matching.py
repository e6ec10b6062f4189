"""Fuzzy customer matching: codes, names, pinyin, initials, contacts, mentions inside free text."""

from __future__ import annotations

import random
import time

import pytest

from bot.domain.matching import CustomerIndex, CustomerRef, Match, is_ambiguous, search_keys

HUAXING = CustomerRef(1, "华星科技有限公司", "IT2026001", ("王经理", "李娜"), ("华星",))
HUAXING2 = CustomerRef(2, "华兴科技", "IT2026002", ("张伟",))
ACME = CustomerRef(3, "Acme Corp", "MF2026001", ("John Smith", "Zhang Wei"))
YUANHANG = CustomerRef(4, "北京远航物流", "LG2026001", ("赵总",), ("远航",))
NW_TRADERS = CustomerRef(5, "Northwind Traders", "RT2026001", ("Nancy Davolio",))
NW_HEALTH = CustomerRef(6, "Northwind Health", "MD2026001")
GLOBEX = CustomerRef(7, "Globex Inc.", "MF2026002", (), ("GBX",))
REFS = (HUAXING, HUAXING2, ACME, YUANHANG, NW_TRADERS, NW_HEALTH, GLOBEX)


@pytest.fixture(scope="module")
def index() -> CustomerIndex:
    return CustomerIndex(REFS)


def ids(matches: list[Match]) -> list[int]:
    return [m.customer.id for m in matches]


def test_search_keys_precompute_names_pinyin_initials_and_contacts() -> None:
    keys = {k.text: k.kind for k in search_keys(HUAXING)}
    assert keys["it2026001"] == "code"
    assert keys["华星科技有限公司"] == "name" and keys["华星科技"] == "name"
    assert keys["huaxingkeji"] == "pinyin" and keys["huaxingkejiyouxiangongsi"] == "pinyin"
    assert keys["hxkj"] == "initials" and keys["hxkjyxgs"] == "initials"
    assert keys["王经理"] == "contact" and keys["li na"] == "contact"
    english = {k.text for k in search_keys(GLOBEX)}
    assert {"globex inc.", "globex", "gbx"} <= english


@pytest.mark.parametrize("query", ["IT2026001", "it2026001", " It2026001 "])
def test_exact_code_wins_with_100(index: CustomerIndex, query: str) -> None:
    found = index.search(query)
    assert found[0] == Match(HUAXING, 100, "code")
    assert not is_ambiguous(found)


def test_initials_and_pinyin_find_the_chinese_name() -> None:
    single = CustomerIndex([HUAXING, ACME, YUANHANG])
    assert single.search("hxkj")[0].customer is HUAXING
    assert single.search("hxkj")[0].matched_on == "initials"
    assert single.search("hxkjyxgs")[0].customer is HUAXING
    assert single.search("huaxing")[0].customer is HUAXING
    assert single.search("huaxing")[0].matched_on == "pinyin"
    assert single.search("yuanhang")[0].customer is YUANHANG


def test_partial_chinese_name_prefers_the_exact_characters(index: CustomerIndex) -> None:
    found = index.search("华星")
    assert ids(found)[0] == 1
    assert not is_ambiguous(found)
    assert ids(index.search("华兴"))[0] == 2
    assert ids(index.search("远航"))[0] == 4
    assert ids(index.search("北京远航"))[0] == 4


def test_same_sounding_names_are_ambiguous(index: CustomerIndex) -> None:
    for query in ("hx", "hxkj", "huaxing"):
        found = index.search(query)
        assert set(ids(found)[:2]) == {1, 2}, query
        assert is_ambiguous(found), query


def test_english_names_suffixes_and_typos(index: CustomerIndex) -> None:
    assert index.search("acme")[0] == Match(ACME, 100, "name")
    assert index.search("ACME CORP")[0].customer is ACME
    assert index.search("Acmee")[0].customer is ACME
    assert index.search("globex")[0].customer is GLOBEX
    assert index.search("Gloebx")[0].customer is GLOBEX
    assert index.search("gbx")[0] == Match(GLOBEX, 100, "alias")
    found = index.search("northwind")
    assert set(ids(found)[:2]) == {5, 6} and is_ambiguous(found)
    assert ids(index.search("northwind trad"))[0] == 5


def test_contacts_find_their_customer(index: CustomerIndex) -> None:
    assert index.search("王经理")[0] == Match(HUAXING, 100, "contact")
    assert index.search("王总")[0].customer is HUAXING  # surname + another title
    assert index.search("李娜")[0].customer is HUAXING
    assert index.search("Zhang Wei")[0].customer is ACME
    assert index.search("Smith")[0].customer is ACME
    # "zhangwei" spells both Acme's Zhang Wei and 华兴's 张伟
    assert set(ids(index.search("zhangwei"))[:2]) == {2, 3}


@pytest.mark.parametrize(
    "query",
    ["", " ", "a", "华", "?", "🙂", "🙂🙂🙂", "<b>acme</b>", "'; drop table--", "\x00\x01", "x" * 10_000],
)
def test_short_or_odd_queries_never_raise(index: CustomerIndex, query: str) -> None:
    found = index.search(query)
    assert isinstance(found, list)
    if len(query.strip()) <= 1:
        assert found == []


def test_html_around_a_name_still_matches(index: CustomerIndex) -> None:
    assert ids(index.search("<b>acme</b>"))[:1] == [3]


def test_limit_and_min_score(index: CustomerIndex) -> None:
    assert len(index.search("科技", limit=1)) == 1
    assert index.search("acme", limit=0) == []
    assert (
        all(m.score >= 99 for m in index.search("hx", min_score=99)) or index.search("hx", min_score=99) == []
    )


@pytest.mark.parametrize(
    ("text", "expected", "fragment"),
    [
        ("拜访了华星科技，客户对报价有顾虑", 1, "华星科技"),
        ("called Acme, they liked the demo", 3, "Acme"),
        ("called Acmee, they liked the demo", 3, "Acmee"),
        ("今天和远航物流的赵总吃饭", 4, "远航物流"),
        ("talked to Zhang Wei about the renewal", 3, "Zhang Wei"),
        ("和华兴科技开会", 2, "华兴科技"),
        ("emailed IT2026001 the invoice", 1, "IT2026001"),
        ("visited huaxing keji today", 1, "huaxing"),  # the alias 华星 spelled out
    ],
)
def test_locate_finds_mentions_in_free_text(
    index: CustomerIndex, text: str, expected: int, fragment: str
) -> None:
    mentions = index.locate(text)
    assert mentions[0].match.customer.id == expected
    assert mentions[0].fragment == fragment
    assert text[mentions[0].start : mentions[0].end] == fragment
    assert ids(index.find_in_text(text))[0] == expected


def test_find_in_text_prefers_the_longer_name_and_reports_several(index: CustomerIndex) -> None:
    assert ids(index.find_in_text("拜访了华星科技")) == [1]
    both = index.find_in_text("Called Northwind about the renewal")
    assert set(ids(both)) == {5, 6} and is_ambiguous(both)
    assert ids(index.find_in_text("Northwind Traders renewed")) == [5]
    assert set(ids(index.find_in_text("called Acme and Globex"))) == {3, 7}


@pytest.mark.parametrize(
    "text", ["", "hello", "谢谢", "?", "🙂", "the weather is nice", "客户说再考虑", "x" * 10_000]
)
def test_find_in_text_without_a_customer(index: CustomerIndex, text: str) -> None:
    assert index.find_in_text(text) == []


def test_is_ambiguous() -> None:
    def m(score: float) -> Match:
        return Match(ACME, score, "name")

    assert not is_ambiguous([])
    assert not is_ambiguous([m(90)])
    assert is_ambiguous([m(94), m(94)])
    assert is_ambiguous([m(95), m(88)])
    assert not is_ambiguous([m(95), m(80)])
    assert not is_ambiguous([m(100), m(96)])  # an exact hit beats a near one
    assert is_ambiguous([m(100), m(100)])  # two exact hits: the rep must choose


def _many_refs(n: int) -> list[CustomerRef]:
    rng = random.Random(7)
    syllables = "华星远航明德云帆绿源天宇金山银河东方长城新华海信恒通宏达"
    kinds = ["科技", "物流", "食品", "电子", "教育"]
    refs = []
    for i in range(n // 2):
        name = "".join(rng.sample(syllables, 2)) + rng.choice(kinds) + "有限公司"
        refs.append(CustomerRef(i, name, f"IT2026{i:03d}", ("王强", f"李{syllables[i % 20]}")))
    words = ["North", "Star", "Blue", "Peak", "Global", "Data", "Green", "Rock", "Bright", "Iron"]
    for i in range(n // 2, n):
        name = (
            f"{rng.choice(words)}{rng.choice(words).lower()} {rng.choice(['Corp', 'Ltd', 'Inc', 'Traders'])}"
        )
        refs.append(CustomerRef(i, name, f"RT2026{i:03d}", (f"John Smith{i}",)))
    return [*refs, HUAXING, ACME]


def test_search_is_fast_on_2000_customers() -> None:
    refs = _many_refs(2000)
    started = time.perf_counter()
    index = CustomerIndex(refs)
    assert time.perf_counter() - started < 5
    queries = [
        "华星",
        "hxkj",
        "huaxing",
        "acme",
        "Acmee",
        "王总",
        "IT2026005",
        "northstar",
        "bluepeak corp",
        "zhang",
    ]
    started = time.perf_counter()
    for _ in range(5):
        for query in queries:
            index.search(query)
    per_query = (time.perf_counter() - started) / (5 * len(queries))
    assert per_query < 0.050  # typically 1-3 ms; loose to stay stable on slow CI
    assert index.search("hxkj")[0].customer.name.startswith("华星") or is_ambiguous(index.search("hxkj"))
    assert index.search("IT2026005")[0].score == 100
    started = time.perf_counter()
    index.find_in_text("拜访了华星科技，客户对报价有顾虑，下周二上午10点发补充报价")
    index.find_in_text("called Acmee, they liked the demo, send quote fri 3pm")
    assert time.perf_counter() - started < 0.5


def test_search_keys_are_computed_once_per_customer_version() -> None:
    """The index is rebuilt per message; the pinyin work behind it must not be."""
    from bot.domain.matching import CustomerRef, search_keys

    ref = CustomerRef(id=1, name="华星科技有限公司", code="IT2026001", contacts=("王经理",))
    assert search_keys(ref) is search_keys(CustomerRef(id=1, name="华星科技有限公司", code="IT2026001",
                                                       contacts=("王经理",)))
    renamed = CustomerRef(id=1, name="华星电子有限公司", code="IT2026001", contacts=("王经理",))
    assert search_keys(renamed) != search_keys(ref)

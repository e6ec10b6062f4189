"""Company name keys, phones, the duplicate index, search text, industries and field checks."""

from __future__ import annotations

import pytest

from bot.domain.company import is_similar, name_key, similarity
from bot.domain.duplicates import DuplicateIndex, Identity
from bot.domain.industries import DEFAULT_INDUSTRIES, match_industry, parse_industries
from bot.domain.phones import (
    InvalidEmail,
    InvalidPhone,
    national_digits,
    parse_email,
    parse_phone,
    phone_digits,
)
from bot.domain.search_text import query_text, search_text
from bot.services.contacts import BadPhone, clean_contact_value
from bot.services.customer_file import BadIndustry, BadValue, ReasonRequired, clean_reason, clean_value
from bot.services.customer_search import _needles


@pytest.mark.parametrize(("name", "key"), [
    ("华星科技有限公司", "华星科技"), ("华星科技股份有限公司", "华星科技"), ("上海 华星科技 公司", "上海华星科技"),
    ("Acme Trading Co., Ltd.", "acmetrading"), ("ACME Inc", "acme"), ("Acme Corporation", "acme"),
    ("ＡＣＭＥ　Ltd", "acme"), ("公司", "公司"), ("Ltd", "ltd"),
])
def test_name_key_drops_legal_suffixes_spaces_and_width(name: str, key: str) -> None:
    assert name_key(name) == key


def test_similar_names_contained_names_and_different_companies() -> None:
    assert similarity("华星科技", "华星科技") == 100
    assert is_similar(name_key("上海华星科技有限公司"), name_key("华星科技"))
    assert is_similar(name_key("Acme Trading Ltd"), name_key("Acme Tradng Co., Ltd."))
    assert not is_similar(name_key("华星建设"), name_key("华兴电子"))
    assert not is_similar("abc", "abcd")  # short keys must match exactly, not by containment


@pytest.mark.parametrize(("typed", "e164", "digits"), [
    ("139-1234-5678", "+8613912345678", "13912345678"), ("+86 139 1234 5678", "+8613912345678", "13912345678"),
    ("021 6234 5678", "+862162345678", "2162345678"), ("+49 30 12345678", "+493012345678", "3012345678"),
])
def test_phones_are_normalised_to_e164(typed: str, e164: str, digits: str) -> None:
    phone = parse_phone(typed)
    assert (phone.e164, phone.digits, national_digits(phone.e164)) == (e164, digits, digits)


@pytest.mark.parametrize("typed", ["12345", "abc", "", "1" * 41, "+86 000 0000 0000"])
def test_invalid_phones_are_refused(typed: str) -> None:
    with pytest.raises(InvalidPhone):
        parse_phone(typed)


def test_emails_and_query_digits() -> None:
    assert parse_email(" Wang@Example.COM ") == "wang@example.com"
    with pytest.raises(InvalidEmail):
        parse_email("wang at example")
    assert phone_digits("+86 139-1234-5678") == "13912345678" and phone_digits("021 6234") == "216234"


def test_duplicate_index_by_phone_email_exact_and_fuzzy_name() -> None:
    index = DuplicateIndex([Identity(1, "华星科技有限公司", 10, "华星科技", ("13912345678",), ("a@hx.cn",)),
                            Identity(2, "Acme Trading Ltd", 11, "acmetrading")])
    assert [(h.customer_id, h.reason) for h in index.check("完全不同", phones=["13912345678"])] == [(1, "phone")]
    assert [(h.customer_id, h.reason) for h in index.check("X", emails=["A@HX.CN"])] == [(1, "email")]
    assert [h.customer_id for h in index.check("华星科技股份有限公司", fuzzy=False)] == [1]
    assert index.check("Acme Tradng Co", fuzzy=False) == []
    assert [h.customer_id for h in index.check("Acme Tradng Co")] == [2]
    index.add(Identity(3, "New Co", 12, name_key("New Co")))
    assert [h.customer_id for h in index.check("NEW CO LTD", fuzzy=False)] == [3]


def test_search_text_holds_names_pinyin_initials_contacts_and_phones() -> None:
    text = search_text(name="华星科技有限公司", code="IT2026001", contacts=["王经理"], phones=["13912345678"])
    for part in ("|it2026001|", "|华星科技|", "|hxkj|", "|huaxingkeji|", "|王经理|", "|wjl|", "|13912345678|"):
        assert part in text
    assert query_text(" HXKJ|x ") == "hxkjx"
    assert set(_needles("139 1234")) == {"139 1234", "1391234"}
    assert _needles("a") == []


def test_industries_parse_match_and_refuse_malformed_lists() -> None:
    assert match_industry("制造业", DEFAULT_INDUSTRIES).code == "MF"  # type: ignore[union-attr]
    assert match_industry("software", DEFAULT_INDUSTRIES).code == "IT"  # type: ignore[union-attr]
    assert match_industry("汽车零部件制造业", DEFAULT_INDUSTRIES).code == "MF"  # type: ignore[union-attr]
    assert match_industry("zzz", DEFAULT_INDUSTRIES) is None
    custom = parse_industries("AG=农业/Agriculture; it=信息技术/IT")
    assert [i.code for i in custom] == ["AG", "IT", "OT"]
    for bad in ("A=农业/Agri", "AGR=农业", "AG=/Agri"):
        with pytest.raises(ValueError):
            parse_industries(bad)


def test_field_values_and_reasons_are_checked() -> None:
    assert clean_value("region", "  苏州  工业园区 ", DEFAULT_INDUSTRIES) == "苏州 工业园区"
    assert clean_value("region", "-", DEFAULT_INDUSTRIES) is None
    assert clean_value("industry", "Finance", DEFAULT_INDUSTRIES) == "FN"
    with pytest.raises(BadIndustry):
        clean_value("industry", "???", DEFAULT_INDUSTRIES)
    for field, raw in (("name", "-"), ("name", "x"), ("region", "x" * 101), ("owner_id", "1")):
        with pytest.raises(BadValue):
            clean_value(field, raw, DEFAULT_INDUSTRIES)
    with pytest.raises(ReasonRequired):
        clean_reason(" . ")
    assert clean_contact_value("phone", "139 1234 5678") == "+8613912345678"
    with pytest.raises(BadPhone):
        clean_contact_value("phone", "12")

"""read_quick_log: a plain chat message read as a draft interaction log."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from bot.domain.enums import Attitude, Channel
from bot.domain.matching import CustomerIndex, is_ambiguous
from bot.domain.quicklog import QuickLogDraft, read_quick_log
from tests.unit.quicklog_corpus import CASES, CHINESE, CUSTOMERS, ENGLISH, MIXED, NOT_LOGS, NOW, Case, at


@pytest.fixture(scope="module")
def index() -> CustomerIndex:
    return CustomerIndex(CUSTOMERS)


def read(text: str, index: CustomerIndex, now: datetime = NOW) -> QuickLogDraft:
    draft = read_quick_log(text, now=now, index=index)
    assert draft is not None, text
    return draft


def test_corpus_is_big_and_bilingual() -> None:
    assert len(CASES) >= 36
    assert len(CHINESE) >= 15 and len(ENGLISH) >= 15 and len(MIXED) >= 3


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_corpus(index: CustomerIndex, case: Case) -> None:
    draft = read(case.text, index)
    top = draft.matches[0].customer.id if draft.matches else None
    assert top == case.customer
    assert draft.channel == case.channel
    if case.exact:
        assert draft.summary == case.summary
    else:
        assert case.summary in draft.summary
    assert draft.next_action == case.next_action
    assert draft.next_action_due == case.due
    assert draft.attitude == case.attitude
    assert draft.contact_time == (case.contact_time or NOW)
    if case.query is not None:
        assert draft.customer_query == case.query
    if case.customer is not None:
        assert draft.customer_query


@pytest.mark.parametrize("text", NOT_LOGS)
def test_chit_chat_is_not_a_log(index: CustomerIndex, text: str) -> None:
    assert read_quick_log(text, now=NOW, index=index) is None


def test_the_brief_examples(index: CustomerIndex) -> None:
    draft = read("拜访了华星科技，客户对报价有顾虑，下周二上午10点发补充报价", index)
    assert draft.customer_query == "华星科技" and draft.matches[0].customer.id == 1
    assert (draft.channel, draft.attitude) == (Channel.VISIT, Attitude.HESITANT)
    assert draft.summary == "拜访了华星科技，客户对报价有顾虑"
    assert (draft.next_action, draft.next_action_due) == ("发补充报价", at(12, 1, 10))
    english = read("called Acme, they liked the demo, send quote fri 3pm", index)
    assert english.matches[0].customer.name == "Acme Corp"
    assert (english.channel, english.attitude) == (Channel.PHONE, Attitude.POSITIVE)
    assert (english.next_action, english.next_action_due) == ("send quote", at(11, 27, 15))


@pytest.mark.parametrize(
    ("text", "contact_time"),
    [
        ("昨天下午拜访了华星科技，客户很满意", at(11, 24, 14)),
        ("昨天下午4点给远航物流赵总打了电话", at(11, 24, 16)),
        ("上周五拜访了云帆电子，客户在犹豫", at(11, 20)),
        ("3天前拜访了远航物流", at(11, 22)),
        ("yesterday called Acme, not interested", at(11, 24)),
        ("called Globex yesterday afternoon, they liked it", at(11, 24, 14)),
        ("called Initech last friday, they are keen", at(11, 20)),
        ("today called Acme", NOW),  # today without a time keeps now
        ("拜访了华星科技，客户说12月8日开会讨论", NOW),  # a later date is not a contact time
    ],
)
def test_back_dated_contact_time(index: CustomerIndex, text: str, contact_time: datetime) -> None:
    draft = read(text, index)
    assert draft.contact_time == contact_time
    assert draft.next_action_due is None or draft.next_action_due > NOW


def test_ambiguous_customer_gives_several_matches(index: CustomerIndex) -> None:
    draft = read("Called Northwind about the renewal, they are on the fence", index)
    assert draft.customer_query == "Northwind"
    assert {m.customer.id for m in draft.matches} == {10, 12}
    assert is_ambiguous(list(draft.matches))
    assert draft.attitude is Attitude.HESITANT


def test_unknown_customer_keeps_the_words(index: CustomerIndex) -> None:
    draft = read("拜访了天宇建设，客户对方案感兴趣，下周一上午10点发报价", index)
    assert draft.matches == ()
    assert draft.customer_query == "天宇建设"
    assert (draft.next_action, draft.next_action_due) == ("发报价", at(11, 30, 10))
    english = read("Visited Wayne Enterprises, they declined", index)
    assert english.matches == () and english.customer_query == "Wayne Enterprises"
    assert english.attitude is Attitude.REJECTED


def test_typo_in_customer_name_still_matches(index: CustomerIndex) -> None:
    assert read("called Acmee, they liked the demo", index).matches[0].customer.id == 7
    assert read("拜访了远航物留，客户很满意", index).matches[0].customer.id == 2


def test_several_customers_in_one_message(index: CustomerIndex) -> None:
    draft = read("called Acme and Globex, both interested, send quotes fri", index)
    assert {m.customer.id for m in draft.matches[:2]} == {7, 8}
    assert (draft.next_action, draft.next_action_due) == ("send quotes", at(11, 27))


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("拜访了华星科技，客户很满意。下一步：发合同", "发合同"),
        ("called Acme, they liked it. Next: send the quote", "send the quote"),
    ],
)
def test_marked_next_action_without_a_date(index: CustomerIndex, text: str, action: str) -> None:
    draft = read(text, index)
    assert draft.next_action == action and draft.next_action_due is None


@pytest.mark.parametrize(
    "text",
    [
        "拜访了华星科技，客户很满意",
        "刚才给华星科技王经理打电话，对方说下周再说",  # vague: no due date invented
        "Emailed Globex. Next steps: demo on 12/3",  # 12/3 is ambiguous: no due date invented
        "拜访华星科技，预算50万，3.5折",  # numbers are not dates
        "客户说能不能便宜一点，拜访了华星科技",
    ],
)
def test_no_invented_due_date(index: CustomerIndex, text: str) -> None:
    assert read(text, index).next_action_due is None


def test_long_message_keeps_the_whole_summary(index: CustomerIndex) -> None:
    body = "拜访了华星科技，" + "客户详细介绍了他们的仓储流程和系统现状" * 300
    text = body + "，下周二上午10点发补充报价"
    assert len(text) > 4096
    draft = read(text, index)
    assert draft.summary == body
    assert draft.matches[0].customer.id == 1 and draft.channel is Channel.VISIT
    assert (draft.next_action, draft.next_action_due) == ("发补充报价", at(12, 1, 10))


def test_a_message_naming_only_the_customer_is_a_log(index: CustomerIndex) -> None:
    draft = read("绿源食品吴总明确说不感兴趣", index)
    assert draft.channel is None and draft.attitude is Attitude.REJECTED


@pytest.mark.parametrize(
    "text",
    ["\x00\x01\x02", "，，，。。。", "拜访了", "called", "下周二上午10点", "then then then", "next:", "🙂拜访了🙂",
     "<script>alert(1)</script> called Acme", "拜访了" + "华" * 10_000, "called " + "Acme " * 3000,
     "‮called Acme‬", "ＣＡＬＬＥＤ　ＡＣＭＥ，明天上午１０点发报价", "12/8 12/9 12-10 3.5 2026-13-45"],
)  # fmt: skip
def test_odd_input_never_raises(index: CustomerIndex, text: str) -> None:
    draft = read_quick_log(text, now=NOW, index=index)
    assert draft is None or isinstance(draft.summary, str)


def test_random_input_never_raises(index: CustomerIndex) -> None:
    rng = random.Random(2026)
    alphabet = (
        "拜访了电话华星科技下周二上午10点发报价明天后天 ,，。.;:acmeAcme called fri 3pm🙂<>/\\\n\t0123456789"
    )
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        draft = read_quick_log(text, now=NOW, index=index)
        assert draft is None or draft.contact_time <= NOW


def test_full_width_text(index: CustomerIndex) -> None:
    draft = read("ＣＡＬＬＥＤ　ＡＣＭＥ，明天上午１０点发报价", index)
    assert draft.matches[0].customer.id == 7 and draft.channel is Channel.PHONE
    assert draft.next_action_due == at(11, 26, 10)


def test_naive_now_does_not_raise(index: CustomerIndex) -> None:
    naive = NOW.replace(tzinfo=None)
    draft = read_quick_log("拜访了华星科技，下周二上午10点发补充报价", now=naive, index=index)
    assert draft is not None and draft.next_action_due is None and draft.contact_time == naive

"""Unit tests of the fake Bot API's formatting parsers and limits."""

from __future__ import annotations

import pytest

from bot.fake_telegram.errors import ApiError, EntityError
from bot.fake_telegram.formatting import parse_html, utf16_len
from bot.fake_telegram.markdown import parse_markdown, parse_markdown_v2
from bot.fake_telegram.validation import check_caption, check_reply_markup, check_text


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("plain text", "plain text"),
        ("<b>bold</b> and <i>it</i>", "bold and it"),
        ("<strong>a</strong><em>b</em><u>c</u><ins>d</ins><s>e</s><strike>f</strike><del>g</del>", "abcdefg"),
        ('<a href="https://example.com/?a=1&amp;b=2">link</a>', "link"),
        ('<pre><code class="language-python">x &lt; 1</code></pre>', "x < 1"),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
        ("<blockquote expandable>quote</blockquote>", "quote"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
        ("&lt;tag&gt; &amp; &quot;q&quot; &#65;&#x42;", '<tag> & "q" AB'),
        ("<B>upper</B>", "upper"),
        ("<b>nested <i>tags</i></b>", "nested tags"),
    ],
)
def test_html_good(source: str, plain: str) -> None:
    assert parse_html(source).plain == plain


def test_html_entities_and_offsets() -> None:
    parsed = parse_html('😀 <b>bold</b> <a href="http://x.y">l</a>')
    assert parsed.api_entities() == [
        {"type": "bold", "offset": 3, "length": 4},
        {"type": "text_link", "offset": 8, "length": 1, "url": "http://x.y"},
    ]
    assert utf16_len("😀") == 2


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<b>unclosed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("1<2", "Unclosed start tag at byte offset 1"),
        ("Tom & Jerry", 'Unescaped "&" at byte offset 4'),
        ("&nbsp;", 'Unescaped "&" at byte offset 0'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
    ],
)
def test_html_bad(source: str, message: str) -> None:
    with pytest.raises(EntityError, match=None) as info:
        parse_html(source)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("*bold* _italic_ __under__ ~strike~ ||spoiler||", "bold italic under strike spoiler"),
        (r"Price: 10\.5\! \(approx\)", "Price: 10.5! (approx)"),
        ("[link](https://example.com/a_(b\\))", "link"),
        ("`code with * inside`", "code with * inside"),
        ("```python\nprint(1)\n```", "print(1)\n"),
        ("*bold _nested_*", "bold nested"),
        (">quoted line", "quoted line"),
        ("no specials at all", "no specials at all"),
    ],
)
def test_markdown_v2_good(source: str, plain: str) -> None:
    assert parse_markdown_v2(source).plain == plain


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("Total: 10.5", "Character '.' is reserved and must be escaped with the preceding '\\'"),
        ("Hello!", "Character '!' is reserved"),
        ("a-b", "Character '-' is reserved"),
        ("(x)", "Character '(' is reserved"),
        ("*bold", "Can't find end of Bold entity at byte offset 0"),
        ("ok _it", "Can't find end of Italic entity at byte offset 3"),
        ("`code", "Can't find end of Code entity at byte offset 0"),
        ("[text](http://x", "Can't find end of a URL at byte offset 7"),
        ("a|b", "Character '|' is reserved"),
    ],
)
def test_markdown_v2_bad(source: str, message: str) -> None:
    with pytest.raises(EntityError) as info:
        parse_markdown_v2(source)
    assert message in str(info.value)


def test_legacy_markdown() -> None:
    assert parse_markdown("*b* _i_ `c` [l](http://x.y) 1.5!").plain == "b i c l 1.5!"
    with pytest.raises(EntityError, match="Can't find end of the entity starting at byte offset 5"):
        parse_markdown("snake_case")
    assert parse_markdown(r"snake\_case").plain == "snake_case"


def test_text_limits() -> None:
    with pytest.raises(ApiError, match="message text is empty"):
        check_text("", None)
    with pytest.raises(ApiError, match="message text is empty"):
        check_text("  <b> </b> ", "HTML")
    assert check_text("x" * 4096, None).plain == "x" * 4096
    with pytest.raises(ApiError, match="message is too long"):
        check_text("x" * 4097, None)
    # markup does not count towards the limit
    assert len(check_text("<b>" + "x" * 4096 + "</b>", "HTML").plain) == 4096
    with pytest.raises(ApiError, match="message caption is too long"):
        check_caption("y" * 1025, None)
    assert check_caption("y" * 1024, None) is not None
    with pytest.raises(ApiError, match="Bad Request: can't parse entities: Unsupported start tag"):
        check_text("<x>", "HTML")


def test_reply_markup_checks() -> None:
    ok = {"inline_keyboard": [[{"text": "A", "callback_data": "a" * 64}, {"text": "U", "url": "https://t.me"}]]}
    assert check_reply_markup(ok) == ok
    with pytest.raises(ApiError, match="BUTTON_DATA_INVALID"):
        check_reply_markup({"inline_keyboard": [[{"text": "A", "callback_data": "é" * 33}]]})
    with pytest.raises(ApiError, match="Text buttons are unallowed in the inline keyboard"):
        check_reply_markup({"inline_keyboard": [[{"text": "A"}]]})
    with pytest.raises(ApiError, match="BUTTON_URL_INVALID"):
        check_reply_markup({"inline_keyboard": [[{"text": "A", "url": "not a url"}]]})
    with pytest.raises(ApiError, match="inline keyboard expected"):
        check_reply_markup({"keyboard": [["x"]]}, inline_only=True)
    assert check_reply_markup({"keyboard": [["x", {"text": "loc", "request_location": True}]]})
    assert check_reply_markup({"remove_keyboard": True})
    with pytest.raises(ApiError, match="can't parse reply keyboard markup"):
        check_reply_markup({"foo": 1})

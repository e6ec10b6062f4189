"""Header mapping: Chinese and English names, spaces, case, full-width characters, brackets, first wins."""

from __future__ import annotations

import pytest

from bot.domain.sheet_headers import field_of, map_headers, normalise_header


@pytest.mark.parametrize(("header", "field"), [
    ("客户名称", "name"), ("公司名称", "name"), (" Name ", "name"), ("COMPANY NAME", "name"),
    ("客户名称（必填）*", "name"), ("Ｎａｍｅ", "name"), ("行业", "industry"), ("Industry", "industry"),
    ("联系人", "contact"), ("Contact Person", "contact"), ("职务", "title"), ("Job Title", "title"),
    ("电话", "phone"), ("手机", "phone"), ("手机号码", "phone"), ("联系人电话", "phone"), ("Mobile", "phone"),
    ("E-mail", "email"), ("邮箱", "email"), ("地址", "address"), ("公司地址", "address"), ("区域", "region"),
    ("规模", "size"), ("来源", "source"), ("负责人", "owner"), ("Sales Rep", "owner"), ("背景", "background"),
    ("备注", "background"), ("客户等级", "tier"), ("Contact title", "title"),
])
def test_known_headers(header: str, field: str) -> None:
    assert field_of(header) == field


@pytest.mark.parametrize("header", ["", "序号", "客户编号", "Code", "Open deals", "英文名称", "分公司", "Status"])
def test_unknown_headers(header: str) -> None:
    assert field_of(header) is None


def test_normalise_folds_width_case_spaces_and_brackets() -> None:
    assert normalise_header("  E - Mail  Address ") == "emailaddress"
    assert normalise_header("电话（手机）") == "电话"
    assert normalise_header("ＰＨＯＮＥ") == "phone"


def test_first_column_of_a_field_wins_and_the_rest_are_shown_as_ignored() -> None:
    mapped = map_headers(["序号", "客户名称", "公司名称", "电话", "手机", "", "Notes"])
    assert mapped.columns == {"name": 1, "phone": 3, "background": 6}
    assert mapped.ignored == ("序号", "公司名称", "手机")
    assert mapped.pairs() == [("客户名称", "name"), ("电话", "phone"), ("Notes", "background")]

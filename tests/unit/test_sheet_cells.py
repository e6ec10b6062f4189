"""Cell text from Excel values, formula neutralisation, and the CSV / xlsx writers."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from bot.domain.sheet_cells import cell_text, neutralise
from bot.domain.sheet_write import write_csv, write_xlsx


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), (13912345678.0, "13912345678"), (13912345678, "13912345678"), (2.5, "2.5"), (True, "TRUE"),
    (datetime(2026, 3, 1), "2026-03-01"), ("  华星  科技 ", "华星 科技"), ("第一行\n第二行 ", "第一行\n第二行"),
    (float("nan"), ""),
])
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


@pytest.mark.parametrize(("value", "safe"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+86 139", "'+86 139"), ("-5", "'-5"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"), ("\r=1", "'\r=1"), ("华星", "华星"), ("a=b", "a=b"),
    ("", ""), (None, ""),
])
def test_neutralise(value: str | None, safe: str) -> None:
    assert neutralise(value) == safe


def test_csv_has_a_bom_and_neutralised_cells() -> None:
    data = write_csv(["行号", "原因"], [[2, "=1+1"], [3, None]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "行号,原因\r\n2,'=1+1\r\n3,\r\n"


def test_xlsx_cells_stay_text() -> None:
    data = write_xlsx(["名称", "金额", "时间"], [["=cmd|' /C calc'!A0", 12.5, datetime(2026, 1, 2, 9, 30)]], title="客户")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values == [["名称", "金额", "时间"], ["'=cmd|' /C calc'!A0", 12.5, datetime(2026, 1, 2, 9, 30)]]
    assert sheet["A2"].data_type == "s"

"""Reading uploads: xlsx, CSV in UTF-8 / UTF-8 with BOM / GBK / GB18030, and the malformed files refused."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from bot.domain.sheet_files import OLE2, SheetProblem, decode_text, read_sheet

ROWS = [["客户名称", "电话", "行业"], ["华星科技有限公司", "13912345678", "软件"], ["远大集团", "021-62345678", ""]]


def csv_text(rows: list[list[str]], sep: str = ",") -> str:
    return "\r\n".join(sep.join(row) for row in rows) + "\r\n"


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030"),
])
def test_csv_encodings_are_detected(encoding: str, expected: str) -> None:
    sheet = read_sheet(csv_text(ROWS).encode(encoding), "客户.csv")
    assert sheet.encoding == expected
    assert sheet.header.columns == {"name": 0, "phone": 1, "industry": 2}
    assert sheet.rows == [(2, ["华星科技有限公司", "13912345678", "软件"]), (3, ["远大集团", "021-62345678", ""])]


def test_gb18030_only_characters_and_semicolons() -> None:
    text = csv_text([["客户名称", "地址"], ["㐀㐁科技", "北京市"]], sep=";")
    sheet = read_sheet(text.encode("gb18030"), "a.csv")
    assert sheet.rows == [(2, ["㐀㐁科技", "北京市"])]


def test_xlsx_numbers_become_text_without_the_float_tail() -> None:
    sheet = read_sheet(xlsx([["公司名称", "手机"], ["华星科技", 13912345678.0], ["远大", 13812345678]]), "a.xlsx")
    assert sheet.encoding == "xlsx"
    assert [cells for _, cells in sheet.rows] == [["华星科技", "13912345678"], ["远大", "13812345678"]]


def test_a_title_row_above_the_headers_and_blank_rows_are_skipped() -> None:
    sheet = read_sheet(xlsx([["2026 客户清单"], [], ["客户名称", "电话"], [None, None], ["华星", "139"]]), "a.xlsx")
    assert sheet.header.columns == {"name": 0, "phone": 1}
    assert sheet.rows == [(5, ["华星", "139"])]


@pytest.mark.parametrize(("data", "name", "key"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00", "a.xlsx", "not_sheet"),
    (bytes(range(256)) * 4, "a.csv", "not_sheet"),
    (b"PK\x03\x04" + b"\x00" * 100, "a.xlsx", "not_sheet"),
    (OLE2 + b"\x00" * 504, "a.xlsx", "protected"),
    (b"", "a.csv", "empty"),
    ("客户名称,电话\r\n".encode(), "a.csv", "empty"),
    ("序号,电话\r\n1,139\r\n".encode("gbk"), "a.csv", "no_name"),
])
def test_malformed_files_are_refused_with_a_reason(data: bytes, name: str, key: str) -> None:
    with pytest.raises(SheetProblem) as caught:
        read_sheet(data, name)
    assert caught.value.key == key


def test_row_cap() -> None:
    text = csv_text([["name"]] + [[f"Company {i}"] for i in range(11)])
    assert len(read_sheet(text.encode(), "a.csv", max_rows=11).rows) == 11
    with pytest.raises(SheetProblem) as caught:
        read_sheet(text.encode(), "a.csv", max_rows=10)
    assert caught.value.key == "too_many_rows" and caught.value.params == {"limit": 10}


def test_decode_prefers_utf8_and_refuses_utf16() -> None:
    assert decode_text("名称".encode()) == ("名称", "utf-8")
    with pytest.raises(SheetProblem):
        decode_text("名称,电话".encode("utf-16"))

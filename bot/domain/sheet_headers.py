"""Column headers of an imported sheet, in Chinese or English, mapped onto customer fields."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Field → the headers that mean it, already in normalised form (see normalise_header).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("客户名称", "公司名称", "企业名称", "客户全称", "公司全称", "单位名称", "客户", "公司", "企业",
             "name", "company", "companyname", "customer", "customername", "account", "accountname"),
    "industry": ("行业", "所属行业", "行业类别", "industry", "sector"),
    "contact": ("联系人", "联系人姓名", "姓名", "对接人", "主要联系人", "contact", "contactname",
                "contactperson", "person"),
    "title": ("职务", "职位", "岗位", "title", "jobtitle", "position", "role"),
    "phone": ("电话", "手机", "手机号", "手机号码", "联系电话", "联系方式", "电话号码", "phone", "mobile",
              "tel", "telephone", "phonenumber", "cell", "cellphone"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "邮件", "email", "mail", "emailaddress"),
    "address": ("地址", "公司地址", "详细地址", "通讯地址", "address", "companyaddress"),
    "region": ("区域", "地区", "所在区域", "所在地区", "城市", "省份", "region", "area", "city", "territory"),
    "size": ("规模", "企业规模", "公司规模", "人数", "员工人数", "size", "companysize", "staff", "employees",
             "headcount"),
    "revenue": ("营收", "年营收", "营业额", "年营业额", "revenue", "annualrevenue", "turnover"),
    "source": ("来源", "客户来源", "需求来源", "渠道", "来源渠道", "source", "leadsource", "channel", "origin"),
    "owner": ("负责人", "销售", "销售负责人", "业务员", "跟进人", "归属", "客户经理", "owner", "salesrep",
              "rep", "accountowner", "accountmanager", "salesperson"),
    "background": ("背景", "公司背景", "企业背景", "备注", "说明", "简介", "background", "notes", "note",
                   "remark", "remarks", "comment", "comments", "description"),
    "tier": ("等级", "客户等级", "分级", "客户分级", "级别", "tier", "priority", "grade"),
}
FIELDS: tuple[str, ...] = tuple(SYNONYMS)
_EXACT_ONLY = frozenset({"name", "客户", "公司", "企业", "姓名", "销售", "rep", "role", "person", "cell", "mail",
                         "note", "account", "staff", "area", "city", "channel", "origin"})
_BY_HEADER = {synonym: field for field, synonyms in SYNONYMS.items() for synonym in synonyms}
_SUFFIXES = sorted((s for s in _BY_HEADER if s not in _EXACT_ONLY), key=len, reverse=True)
_BRACKETS = re.compile(r"[(\[<{【（].*?[)\]>}】）]")
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise_header(text: str) -> str:
    """"  客户名称（必填）* " → 客户名称; "E-Mail Address" → emailaddress; full-width letters fold too."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOISE.sub("", _BRACKETS.sub("", folded)) or _NOISE.sub("", folded)


def field_of(header: str) -> str | None:
    """The field a header names: an exact synonym, else a longer synonym it ends with (联系人电话 → phone)."""
    key = normalise_header(header)
    if not key:
        return None
    if key in _BY_HEADER:
        return _BY_HEADER[key]
    return next((_BY_HEADER[s] for s in _SUFFIXES if len(key) > len(s) and key.endswith(s)), None)


@dataclass(frozen=True)
class HeaderMap:
    """Which column holds which field; headers nobody understood and second columns of a field are ignored."""

    headers: tuple[str, ...]
    columns: dict[str, int]  # field → column index
    ignored: tuple[str, ...]

    def pairs(self) -> list[tuple[str, str]]:
        """(header as written, field) in column order, for showing the mapping to the user."""
        by_column = {index: field for field, index in self.columns.items()}
        return [(self.headers[i], by_column[i]) for i in sorted(by_column)]


def map_headers(headers: Sequence[str]) -> HeaderMap:
    """Map a header row; the first column of a field wins."""
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        field = field_of(header)
        if field is None or field in columns:
            if header.strip():
                ignored.append(header.strip())
            continue
        columns[field] = index
    return HeaderMap(tuple(h.strip() for h in headers), columns, tuple(ignored))

"""Row checks, the dry-run plan (duplicates, 撞单, same-as-row) and merges that never overwrite."""

from __future__ import annotations

from bot.domain.duplicates import DuplicateIndex, Identity
from bot.domain.industries import DEFAULT_INDUSTRIES
from bot.domain.records import ContactFields
from bot.domain.sheet_files import Sheet
from bot.domain.sheet_headers import map_headers
from bot.domain.sheet_merge import merge_row
from bot.domain.sheet_plan import CREATE, DUPLICATE, FOREIGN, REJECT, plan_rows
from bot.domain.sheet_records import MergeTarget, OwnerCandidate
from bot.domain.sheet_rows import AMBIGUOUS, ImportRow, OwnerDirectory, RowProblem, check_row, read_phone

HEADER = map_headers(["客户名称", "行业", "联系人", "电话", "邮箱", "负责人", "区域"])
OWNERS = OwnerDirectory([OwnerCandidate(1, "王经理", "wang", 9001), OwnerCandidate(2, "李伟", "liwei", 9002),
                         OwnerCandidate(3, "张敏", None, 9003), OwnerCandidate(4, "张敏", "zm2", 9004)])


def check(*cells: str) -> ImportRow | RowProblem:
    return check_row(7, list(cells), HEADER, industries=DEFAULT_INDUSTRIES, owners=OWNERS, importer_id=1)


def test_a_valid_row() -> None:
    row = check("华星科技", "软件", "陈总", "139 1234 5678", "Chen@HX.cn", "@LiWei", "上海")
    assert isinstance(row, ImportRow)
    assert (row.fields.name, row.fields.industry, row.fields.region, row.owner_id) == ("华星科技", "IT", "上海", 2)
    assert row.contact == ContactFields(name="陈总", phone="+8613912345678", email="chen@hx.cn")
    assert row.phone_digits == "13912345678"


def test_unknown_industry_is_other_and_no_owner_is_the_importer() -> None:
    row = check("远大集团", "航天", "", "", "", "", "")
    assert isinstance(row, ImportRow) and row.fields.industry == "OT" and row.owner_id == 1 and row.contact is None


def test_owner_by_name_username_or_telegram_id() -> None:
    assert OWNERS.find("李伟") == 2 and OWNERS.find("@liwei") == 2 and OWNERS.find("9002") == 2
    assert OWNERS.find("liwei") == 2 and OWNERS.find("张敏") == AMBIGUOUS and OWNERS.find("@zm2") == 4
    assert OWNERS.find("赵六") is None


def test_rejections_carry_a_reason() -> None:
    reasons = {cells[0] or "-": check(*cells) for cells in (
        ("", "IT", "", "", "", "", ""), ("A", "", "", "12345", "", "", ""), ("B", "", "", "", "not-mail", "", ""),
        ("C", "", "", "", "", "赵六", ""), ("D", "", "", "", "", "张敏", ""))}
    assert {k: (v.key, v.params) for k, v in reasons.items() if isinstance(v, RowProblem)} == {
        "-": ("missing_name", {}), "A": ("bad_phone", {"value": "12345"}), "B": ("bad_email", {"value": "not-mail"}),
        "C": ("unknown_owner", {"value": "赵六"}), "D": ("ambiguous_owner", {"value": "张敏"})}


def test_phone_cells_from_excel() -> None:
    assert read_phone("13912345678")[1] == "13912345678"
    assert read_phone("+86 139-1234-5678")[0] == "+8613912345678"
    assert read_phone("13912345678 / 021-62345678") == ("+8613912345678", "13912345678")


def test_plan_sorts_rows_into_create_duplicate_foreign_and_rejected() -> None:
    index = DuplicateIndex([Identity(10, "华星科技有限公司", 1, "华星科技", ("13912345678",)),
                            Identity(11, "远大集团", 5, "远大", (), ("boss@yd.cn",))])
    rows = [["华星科技", "", "", "", "", "", ""],                 # 2: duplicate of 10 (mine)
            ["远大集团有限公司", "", "", "", "", "", ""],         # 3: someone else's (owner 5)
            ["新公司", "", "", "13812345678", "", "", ""],        # 4: create
            ["另一家", "", "", "138 1234 5678", "", "", ""],      # 5: same phone as row 4
            ["华星科技股份有限公司", "", "", "", "", "", ""],     # 6: same customer as row 2
            ["", "", "", "", "", "", ""]]                         # 7: skipped as blank by the reader
    sheet = Sheet(HEADER, [(i + 2, r) for i, r in enumerate(rows[:5])] + [(8, ["", "IT"])], "utf-8")
    plan = plan_rows(sheet, index=index, visible=frozenset({1, 2}), owners=OWNERS, importer_id=1,
                     industries=DEFAULT_INDUSTRIES, user_names={5: "赵经理"})
    assert [(i.line, i.action) for i in plan.items] == [(2, DUPLICATE), (3, FOREIGN), (4, CREATE), (5, REJECT),
                                                         (6, REJECT), (8, REJECT)]
    assert plan.items[0].target == 10 and plan.items[0].target_name == "华星科技有限公司"
    assert [(p.line, p.key, p.params) for p in plan.problems()] == [
        (3, "owned_elsewhere", {"owner": "赵经理"}), (5, "same_as_row", {"row": "4"}),
        (6, "same_as_row", {"row": "2"}), (8, "missing_name", {})]
    assert plan.counts == {DUPLICATE: 1, FOREIGN: 1, CREATE: 1, REJECT: 3}


def test_admin_sees_everyone_so_nothing_is_foreign() -> None:
    index = DuplicateIndex([Identity(11, "远大集团", 5, "远大")])
    sheet = Sheet(HEADER, [(2, ["远大集团"])], "utf-8")
    plan = plan_rows(sheet, index=index, visible=None, owners=OWNERS, importer_id=1,
                     industries=DEFAULT_INDUSTRIES, user_names={})
    assert plan.items[0].action == DUPLICATE


def test_merge_fills_only_empty_fields_and_adds_only_new_contacts() -> None:
    row = check("华星科技", "软件", "陈总", "13912345678", "chen@hx.cn", "", "上海")
    assert isinstance(row, ImportRow)
    target = MergeTarget(10, {"region": "北京", "industry": "OT", "address": None}, frozenset(), frozenset(), 0)
    merge = merge_row(target, row)
    assert merge.fields == {"industry": "IT"} and merge.old == {"industry": "OT"}
    assert merge.contact is not None and merge.primary
    known = MergeTarget(10, {"region": "上海", "industry": "IT"}, frozenset({"13912345678"}), frozenset(), 1)
    assert merge_row(known, row).changes_nothing

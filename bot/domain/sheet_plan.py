"""The dry run: every row of a sheet sorted into create, duplicate (merge or skip), or not imported."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.domain.company import name_key
from bot.domain.duplicates import DuplicateIndex, Identity
from bot.domain.industries import Industry
from bot.domain.sheet_files import Sheet
from bot.domain.sheet_rows import ImportRow, OwnerDirectory, RowProblem, check_row

CREATE, DUPLICATE, FOREIGN, REJECT = "create", "duplicate", "foreign", "reject"


@dataclass(frozen=True)
class PlanItem:
    """One row's fate. `target` is the existing customer a duplicate matches."""

    action: str
    line: int
    row: ImportRow | None = None
    target: int | None = None
    target_name: str | None = None
    problem: RowProblem | None = None


@dataclass
class Plan:
    headers: tuple[str, ...] = ()  # the file's header row, for the report of rows left out
    items: list[PlanItem] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def problems(self) -> list[RowProblem]:
        """Rows that will not be imported (rejected, or someone else's customer), in file order."""
        return [item.problem for item in self.items if item.problem is not None]


def plan_rows(sheet: Sheet, *, index: DuplicateIndex, visible: frozenset[int] | None,
              owners: OwnerDirectory, importer_id: int, industries: Sequence[Industry],
              user_names: Mapping[int, str]) -> Plan:
    """Check each row, then compare it with the customers on file and the rows above it (exact keys only).

    Rows this import will create are indexed under -line, so a later row with the same name, phone or e-mail
    is "same as row N"; so is a second row matching the same existing customer.
    """
    plan = Plan(headers=sheet.header.headers)
    first_line: dict[int, int] = {}  # existing customer id → the first row that matched it
    for line, cells in sheet.rows:
        checked = check_row(line, cells, sheet.header, industries=industries, owners=owners,
                            importer_id=importer_id)
        if isinstance(checked, RowProblem):
            _add(plan, PlanItem(REJECT, line, problem=checked))
            continue
        row = checked
        phones = (row.phone_digits,) if row.phone_digits else ()
        emails = (row.contact.email,) if row.contact and row.contact.email else ()
        hits = index.check(row.fields.name, phones=phones, emails=emails, fuzzy=False)
        earlier = next((-h.customer_id if h.customer_id < 0 else first_line[h.customer_id]
                        for h in hits if h.customer_id < 0 or h.customer_id in first_line), None)
        mine = [h for h in hits if visible is None or h.owner_id in visible]
        identity_id = -line
        if earlier is not None:
            _add(plan, PlanItem(REJECT, line, problem=RowProblem(line, "same_as_row", row.cells,
                                                                 {"row": str(earlier)})))
            continue
        if mine:
            identity_id = mine[0].customer_id
            first_line[identity_id] = line
            _add(plan, PlanItem(DUPLICATE, line, row=row, target=identity_id, target_name=mine[0].name))
        elif hits:
            owner = user_names.get(hits[0].owner_id, "?")
            _add(plan, PlanItem(FOREIGN, line, problem=RowProblem(line, "owned_elsewhere", row.cells,
                                                                  {"owner": owner})))
            continue
        else:
            _add(plan, PlanItem(CREATE, line, row=row))
        index.add(Identity(identity_id, row.fields.name, row.owner_id, name_key(row.fields.name), phones, emails))
    return plan


def _add(plan: Plan, item: PlanItem) -> None:
    plan.items.append(item)
    plan.counts[item.action] += 1

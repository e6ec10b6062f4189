"""Import texts and files: the dry-run message and its buttons, progress, the summary, the report CSV."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.sheet_plan import CREATE, DUPLICATE, FOREIGN, REJECT
from bot.domain.sheet_rows import RowProblem
from bot.domain.sheet_write import write_csv
from bot.i18n import format_number, t, t_plain
from bot.services.import_run import Outcome
from bot.services.imports import Preview
from handlers.replies import Rows

PREFIX = "imp"


def reason(problem: RowProblem, lang: str) -> str:
    """Why a row is not imported, as plain text."""
    return t_plain(lang, f"sheet.reason_{problem.key}", **problem.params)


def preview_text(preview: Preview, lang: str) -> str:
    """The dry run: mapping, counts, the first problems, the duplicate mode."""
    pairs = [t(lang, "sheet.preview_pair", header=header, field=t_plain(lang, f"sheet.field_{field}"))
             for header, field in preview.mapping]
    parts = [t(lang, "sheet.preview_title", file=preview.file_name),
             t(lang, "sheet.preview_mapping", mapping="; ".join(pairs))]
    if preview.ignored:
        parts.append(t(lang, "sheet.preview_ignored", ignored=", ".join(preview.ignored)[:300]))
    counts = {key: format_number(preview.counts.get(key, 0), lang) for key in (CREATE, DUPLICATE, FOREIGN, REJECT)}
    parts.append(t(lang, "sheet.preview_counts", **counts))
    if preview.samples:
        parts.append("\n".join(t(lang, "sheet.preview_sample", line=p.line, reason=reason(p, lang))
                               for p in preview.samples))
        parts.append(t(lang, "sheet.preview_more"))
    if not preview.importable:
        parts.append(t(lang, "sheet.preview_nothing"))
        return "\n\n".join(parts)
    if preview.counts.get(DUPLICATE):
        parts.append(t(lang, f"sheet.preview_mode_{preview.mode}"))
    parts.append(t(lang, "sheet.preview_ask"))
    return "\n\n".join(parts)


def preview_rows(preview: Preview, lang: str) -> Rows:
    """Skip / Merge (when there are duplicates), then Confirm / Cancel."""
    if not preview.importable:
        return []
    data = f"{PREFIX}:{preview.job_id}"
    rows: list[list[tuple[str, str]]] = []
    if preview.counts.get(DUPLICATE):
        rows.append([(_mode_label(mode, preview.mode, lang), f"{data}:{mode}") for mode in ("skip", "merge")])
    rows.append([(t_plain(lang, "sheet.btn_confirm"), f"{data}:confirm"),
                 (t_plain(lang, "sheet.btn_cancel"), f"{data}:cancel")])
    return rows


def _mode_label(mode: str, chosen: str, lang: str) -> str:
    label = t_plain(lang, f"sheet.btn_{mode}")
    return t_plain(lang, "sheet.btn_selected", label=label) if mode == chosen else label


def progress_text(file_name: str, done: int, total: int, lang: str) -> str:
    """⏳ Importing x.xlsx: 3,200 / 10,000 rows."""
    return t(lang, "sheet.progress", file=file_name, done=format_number(done, lang),
             total=format_number(total, lang))


def summary_text(file_name: str, outcome: Outcome, lang: str) -> str:
    """What the run did, with a pointer to the report file when rows were left out."""
    counts = {key: format_number(outcome.counts[key], lang) for key in ("created", "merged", "unchanged", "skipped")}
    text = t(lang, "sheet.finished", file=file_name, left_out=format_number(len(outcome.left_out), lang), **counts)
    return text + ("\n\n" + t(lang, "sheet.finished_report") if outcome.left_out else "")


def report_csv(headers: Sequence[str], problems: Sequence[RowProblem], lang: str) -> bytes:
    """The rows left out: row number, reason (in the user's language), then the row as it was in the file."""
    head = [t_plain(lang, "sheet.report_row"), t_plain(lang, "sheet.report_reason"), *headers]
    return write_csv(head, ([p.line, reason(p, lang), *p.cells] for p in problems))


def report_name(file_name: str) -> str:
    """report-<original name without extension>.csv."""
    stem = file_name.rsplit(".", 1)[0][:80] or "import"
    return f"report-{stem}.csv"

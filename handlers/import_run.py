"""The confirmed import, in the background: progress edits (at most about one a second), then the results.

The run is an Application task, so the update handler that pressed Confirm returns at once and
Application.stop() waits for a running import to finish its batches. One session serves the whole run.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import time

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.domain.records import UserRecord
from bot.domain.sheet_records import ImportJobRecord
from bot.i18n import format_number, t
from bot.services import import_run, imports
from bot.services.errors import ServiceError
from handlers import import_render as render
from handlers.deps import HandlerDeps
from handlers.scope import update_scope

log = logging.getLogger(__name__)
EDIT_INTERVAL = 1.0  # seconds between progress edits: Telegram limits edits per chat
BATCH_ROWS = import_run.BATCH_ROWS


class ProgressMessage:
    """Edits the dry-run message into a progress line, skipping edits that come too soon."""

    def __init__(self, bot: Bot, job: ImportJobRecord, lang: str) -> None:
        self._bot, self._job, self._lang = bot, job, lang
        self._last = time.monotonic()

    async def update(self, done: int, total: int) -> None:
        """Show done / total unless the last edit was under EDIT_INTERVAL ago (the last one always shows)."""
        if done < total and time.monotonic() - self._last < EDIT_INTERVAL:
            return
        self._last = time.monotonic()
        await self.show(render.progress_text(self._job.file_name, done, total, self._lang))

    async def show(self, text: str) -> None:
        """Replace the message's text; a failed edit never stops the import."""
        job = self._job
        if job.chat_id is None or job.progress_message_id is None:
            return
        with contextlib.suppress(TelegramError):
            await self._bot.edit_message_text(text, chat_id=job.chat_id, message_id=job.progress_message_id,
                                              parse_mode=ParseMode.HTML)


async def download(bot: Bot, file_id: str) -> bytes:
    """The bytes of a file a user sent."""
    file = await bot.get_file(file_id)
    return bytes(await file.download_as_bytearray())


async def run_job(bot: Bot, deps: HandlerDeps, user: UserRecord, job: ImportJobRecord) -> None:
    """Download, import batch by batch, then send the summary and the report of rows left out."""
    lang, chat_id = user.language, job.chat_id
    if chat_id is None:
        return
    progress = ProgressMessage(bot, job, lang)
    async with update_scope(deps.uow_factory) as scope:
        scope.user = user
        try:
            data = await download(bot, job.file_id)
            outcome = await import_run.run_import(scope.uow, user, job, data, industries=deps.industries,
                                                  now=deps.clock(), progress=progress.update,
                                                  batch_rows=BATCH_ROWS)
        except ServiceError as exc:
            await _send(bot, chat_id, t(lang, exc.key, **exc.params))
            return
        except Exception:
            error_id = secrets.token_hex(3)
            log.exception("import job %s failed (error %s)", job.id, error_id)
            try:
                stored = await imports.stored_job(scope.uow, job.id)
            except Exception:  # the database itself may be what failed
                stored = None
            done = stored.done_rows if stored else 0
            await progress.show(render.progress_text(job.file_name, done, job.total_rows, lang))
            await _send(bot, chat_id, t(lang, "sheet.failed", file=job.file_name, done=format_number(done, lang),
                                        total=format_number(job.total_rows, lang), error_id=error_id))
            return
    await _send(bot, chat_id, render.summary_text(job.file_name, outcome, lang))
    if outcome.left_out:
        with contextlib.suppress(TelegramError):
            await bot.send_document(chat_id, render.report_csv(outcome.headers, outcome.left_out, lang),
                                    filename=render.report_name(job.file_name),
                                    caption=t(lang, "sheet.report_caption", file=job.file_name),
                                    parse_mode=ParseMode.HTML)


async def recover(bot: Bot, deps: HandlerDeps) -> None:
    """On start: jobs a crash left running are marked failed, and their owners told how to finish."""
    async with update_scope(deps.uow_factory) as scope:
        interrupted = await imports.fail_interrupted(scope.uow, now=deps.clock())
    for job, user in interrupted:
        if job.chat_id is not None:
            lang = user.language
            await _send(bot, job.chat_id, t(lang, "sheet.interrupted", file=job.file_name,
                                            done=format_number(job.done_rows, lang),
                                            total=format_number(job.total_rows, lang)))


async def _send(bot: Bot, chat_id: int, text: str) -> None:
    with contextlib.suppress(TelegramError):
        await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)

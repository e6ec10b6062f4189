"""Import from .xlsx/.csv (a manager or admin sends the file) and /export.

Registered after the log conversation: inside a log, a file is the log's attachment. Documents that
are not spreadsheets by name or type fall through to the fallback that says where files belong.
"""

from __future__ import annotations

import contextlib
import operator
from functools import reduce

from telegram import Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.domain.records import UserRecord
from bot.i18n import t, t_plain
from bot.services import imports
from bot.services.errors import ServiceError
from handlers import import_render as render
from handlers import import_run
from handlers.deps import Context, get_deps
from handlers.export import export_command
from handlers.replies import edit, reply
from handlers.scope import current_scope

EXTENSIONS = ("xlsx", "xlsm", "csv", "xls")  # .xls is taken only to explain how to save it as .xlsx
MIME_TYPES = ("text/csv", "application/csv", "text/comma-separated-values", "application/vnd.ms-excel",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
SPREADSHEET: filters.BaseFilter = reduce(
    operator.or_, [*(filters.Document.FileExtension(e) for e in EXTENSIONS),
                   *(filters.Document.MimeType(m) for m in MIME_TYPES)])


def _me() -> UserRecord:
    user = current_scope().user
    assert user is not None  # the gate lets only registered users through
    return user


async def on_spreadsheet(update: Update, context: Context) -> None:
    """Dry run of an uploaded sheet: what would be created, merged or rejected; Confirm or Cancel."""
    user, message, deps = _me(), update.effective_message, get_deps(context)
    if message is None or message.document is None:
        return
    document, lang = message.document, user.language
    file_name = document.file_name or "import.csv"
    try:
        imports.admit(user, document.file_size)
        await message.chat.send_action(ChatAction.TYPING)  # a big sheet takes a few seconds to check
        try:
            data = await import_run.download(context.bot, document.file_id)
        except BadRequest as exc:  # "file is too big": Telegram's own 20 MB limit
            raise imports.too_big() from exc
        preview, plan = await imports.plan_import(
            current_scope().uow, user, data, file_name=file_name, file_id=document.file_id,
            chat_id=message.chat_id, industries=deps.industries, now=deps.clock())
    except ServiceError as exc:
        await reply(update, t(lang, exc.key, **exc.params))
        return
    await reply(update, render.preview_text(preview, lang), render.preview_rows(preview, lang))
    if not preview.importable and plan.problems():
        await message.reply_document(render.report_csv(plan.headers, plan.problems(), lang),
                                     filename=render.report_name(file_name),
                                     caption=t(lang, "sheet.report_caption", file=file_name),
                                     parse_mode=ParseMode.HTML)


async def on_button(update: Update, context: Context) -> None:
    """imp:<job>:skip|merge|confirm|cancel: only the job's own user, only while it is still planned."""
    query, user = update.callback_query, _me()
    if query is None:
        return
    _, raw_id, action = (query.data or "::").split(":", 2)
    job_id, lang, scope = int(raw_id) if raw_id.isdigit() and len(raw_id) < 12 else 0, user.language, current_scope()
    try:
        if action in imports.MODES:
            preview = await imports.choose_mode(scope.uow, user, job_id, action)
            await query.answer()
            with contextlib.suppress(TelegramError):  # pressing the chosen mode again: "not modified"
                await edit(update, render.preview_text(preview, lang), render.preview_rows(preview, lang))
        elif action == "cancel":
            job = await imports.cancel(scope.uow, user, job_id, now=get_deps(context).clock())
            await query.answer()
            await edit(update, t(lang, "sheet.cancelled", file=job.file_name))
        else:
            message_id = query.message.message_id if query.message else None
            job = await imports.begin(scope.uow, user, job_id, progress_message_id=message_id)
            await query.answer()
            await edit(update, render.progress_text(job.file_name, 0, job.total_rows, lang))
            context.application.create_task(import_run.run_job(context.bot, get_deps(context), user, job))
    except ServiceError as exc:
        await query.answer(t_plain(lang, exc.key, **exc.params), show_alert=True)


async def _recover(context: ContextTypes.DEFAULT_TYPE) -> None:
    await import_run.recover(context.bot, get_deps(context))


def register_spreadsheets(app: Application) -> None:  # type: ignore[type-arg]
    """Install the import (document + buttons), /export, and the restart check of interrupted imports."""
    app.add_handler(MessageHandler(SPREADSHEET, on_spreadsheet))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^imp:\d{1,11}:(skip|merge|confirm|cancel)$"))
    app.add_handler(CommandHandler("export", export_command))
    if app.job_queue is not None:
        app.job_queue.run_once(_recover, when=0, name="import-recovery")

"""The outbox: delivers pending notification rows to Telegram, within its limits, and records each outcome.

A batch is claimed (leased) in one short transaction, rendered into messages, and each message is sent
when the Pacer grants a slot (≤ 30/s overall, ≤ 1/s per chat; a busy chat waits in memory without holding
up the others). Its rows are marked sent, with the message id, in their own transaction right after
Telegram accepted it.

Delivery is exactly once except for one window: a crash (or a timeout whose request Telegram did accept)
between Telegram's answer and the commit that marks the rows sent. Those rows stay pending and are sent
again once their lease runs out: at least once, for that one message. Everything else is exactly once:
rows are inserted once (unique key), leased by one process (SKIP LOCKED), and only an accepted send marks
them sent; rows of a process that dies mid-batch wait for their lease to run out and are delivered then.

Outcomes: RetryAfter (429) pauses every send for retry_after and puts the row back for after it;
Forbidden (403) marks the user unreachable and blocks their rows; BadRequest fails the row for good;
other network errors, timeouts and 5xx put it back with exponential backoff (2, 4, 8 … s, ≤ 5 min).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.domain.notifications import OutboxItem, Outgoing
from bot.scheduler.pacing import Pacer, PacerClosed
from bot.services.ports import UnitOfWork

log = logging.getLogger(__name__)
Render = Callable[[UnitOfWork, list[OutboxItem], datetime], Awaitable[list[Outgoing]]]
Claimed = tuple[Outgoing, list[OutboxItem], float]  # a message, its rows, the monotonic deadline of their lease
MAX_BACKOFF = timedelta(minutes=5)


def backoff(attempts: int) -> timedelta:
    """Wait before the next try after `attempts` earlier failures: 2, 4, 8 … seconds, at most 5 minutes."""
    return min(timedelta(seconds=2 ** min(attempts + 1, 20)), MAX_BACKOFF)


def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup | None:
    """Inline buttons from (label, callback data) rows."""
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                 for row in rows])


class Outbox:
    """Claims due notification rows, renders them, and sends them paced; one per process."""

    def __init__(self, bot: Bot, uow_factory: Callable[[], UnitOfWork], clock: Callable[[], datetime],
                 render: Render, *, batch: int = 100, lease: timedelta = timedelta(minutes=5),
                 max_queued: int = 150, pacer: Pacer | None = None) -> None:
        self.bot = bot
        self.uow_factory = uow_factory
        self.clock = clock
        self.render = render
        self.batch = batch
        self.lease = lease
        self.max_queued = max_queued  # messages waiting in memory before no more rows are claimed
        self.pacer = pacer or Pacer()
        self._wake = asyncio.Event()
        self._queued = 0
        self._claimed_last = 0  # rows the last claim leased (all may have been skipped by the renderer)
        self._unreachable: set[int] = set()  # chats that answered 403 while this process ran

    def wake(self) -> None:
        """New rows may be due: drain without waiting for the next poll."""
        self._wake.set()

    async def drain_once(self) -> int:
        """Claim one batch, send all of it, record the outcomes; return how many messages were sent."""
        return await self._deliver(await self._claim())

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until `stop` is set: claim while there is room, wait for wake() or ~1 s when idle."""
        sending: set[asyncio.Task[int]] = set()
        self.pacer.open()
        while not stop.is_set():
            self._claimed_last = 0
            self._wake.clear()  # before claiming: a wake() during the claim is not lost
            if self._queued < self.max_queued:
                try:
                    claimed = await self._claim()
                except Exception:
                    log.exception("outbox: claiming failed")
                    claimed = []
                if claimed:
                    task = asyncio.create_task(self._deliver(claimed))
                    sending.add(task)
                    task.add_done_callback(sending.discard)
                if self._claimed_last:
                    await asyncio.sleep(0)  # let the new sends queue for their slots before claiming more
                    continue
            waits = [asyncio.create_task(self._wake.wait()), asyncio.create_task(stop.wait())]
            await asyncio.wait(waits, timeout=1.0, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waits:
                waiter.cancel()
        # Sends in flight finish and are recorded; messages still waiting for their turn are handed back.
        self.pacer.close()
        if sending:
            await asyncio.gather(*sending, return_exceptions=True)

    async def _claim(self) -> list[Claimed]:
        """Lease a batch (committed at once, so other processes skip it), then render it."""
        limit = max(1, min(self.batch, self.max_queued - self._queued))
        uow = self.uow_factory()
        try:
            async with uow:
                items = await uow.notifications.claim(now=self.clock(), lease=self.lease, limit=limit)
                await uow.commit()
            self._claimed_last = len(items)
            if not items:
                return []
            # The claim skips users marked unreachable, so a chat claimed again was unblocked (/start) since.
            self._unreachable -= {item.chat_id for item in items}
            by_id = {item.id: item for item in items}
            try:
                async with uow:
                    outgoing = await self.render(uow, items, self.clock())
            except Exception as exc:
                log.exception("outbox: rendering %d notifications failed", len(items))
                error = f"render: {exc!r}"
                await self._record(lambda u: u.notifications.retry_later(
                    list(by_id), not_before=self.clock() + backoff(max(i.attempts for i in items)), error=error))
                return []
            covered = {i for message in outgoing for i in message.item_ids if i in by_id}
            if skipped := [i for i in by_id if i not in covered]:
                await self._record(lambda u: u.notifications.set_status(skipped, "skipped"))
            # Past this deadline the lease may run out and another claim could send the rows too.
            deadline = time.monotonic() + self.lease.total_seconds() * 0.8
            claimed = [(m, [by_id[i] for i in m.item_ids if i in by_id], deadline) for m in outgoing]
            claimed = [(m, its, end) for m, its, end in claimed if its]
            self._queued += len(claimed)
            return claimed
        finally:
            await _close(uow)

    async def _deliver(self, claimed: list[Claimed]) -> int:
        """Send every message of a batch (different chats concurrently); return how many were sent."""
        if not claimed:
            return 0
        results = await asyncio.gather(*(self._send(*one) for one in claimed))
        return sum(results)

    async def _send(self, message: Outgoing, items: list[OutboxItem], deadline: float) -> int:
        ids = [item.id for item in items]
        try:
            try:
                sent = None
                if message.chat_id not in self._unreachable:
                    async with self.pacer.slot(message.chat_id, priority=min(ids)):  # oldest row first
                        if time.monotonic() > deadline:  # held too long behind its chat: claim it afresh
                            raise PacerClosed
                        if message.chat_id not in self._unreachable:  # no earlier message to it got 403
                            sent = await self.bot.send_message(message.chat_id, message.text,
                                                               parse_mode=ParseMode.HTML,
                                                               reply_markup=keyboard(message.rows))
            except PacerClosed:  # stopping (or the lease ends) before its turn: hand the rows back untouched
                await self._record(lambda u: u.notifications.set_status(ids, "pending"))
                return 0
            except RetryAfter as exc:
                seconds = _seconds(exc.retry_after)
                self.pacer.pause(seconds)
                await self._retry(ids, items, f"RetryAfter: {seconds:g} s", timedelta(seconds=seconds))
                return 0
            except Forbidden as exc:
                self._unreachable.add(message.chat_id)
                await self._record(lambda u: u.notifications.mark_unreachable(items[0].user_id, now=self.clock()))
                log.info("outbox: chat %s blocked the bot (%s)", message.chat_id, exc.message)
                return 0
            except BadRequest as exc:
                refusal = exc.message
                await self._record(lambda u: u.notifications.set_status(ids, "failed", error=refusal))
                log.warning("outbox: Telegram refused notification %s: %s", ids, refusal)
                return 0
            except TelegramError as exc:  # NetworkError, TimedOut, 5xx (PTB raises NetworkError for them)
                await self._retry(ids, items, f"{type(exc).__name__}: {exc.message}", None)
                return 0
            if sent is None:
                await self._record(lambda u: u.notifications.set_status(ids, "blocked"))
                return 0
            message_id = sent.message_id
            await self._record(lambda u: u.notifications.mark_sent(ids, now=self.clock(), message_id=message_id))
            return 1
        except Exception:
            # A bug or a database outage: the rows keep their lease and are retried when it runs out.
            log.exception("outbox: delivering notifications %s failed", ids)
            return 0
        finally:
            self._queued -= 1

    async def _retry(self, ids: list[int], items: list[OutboxItem], error: str, wait: timedelta | None) -> None:
        delay = wait if wait is not None else backoff(max(item.attempts for item in items))
        await self._record(lambda u: u.notifications.retry_later(ids, not_before=self.clock() + delay,
                                                                 error=error))

    async def _record(self, change: Callable[[UnitOfWork], Awaitable[None]]) -> None:
        """Apply one outcome in its own short transaction, committed at once."""
        uow = self.uow_factory()
        try:
            async with uow:
                await change(uow)
                await uow.commit()
        finally:
            await _close(uow)


def _seconds(value: timedelta | float) -> float:
    # PTB 22 gives an int unless PTB_TIMEDELTA is set (then a timedelta, as PTB 23 always will).
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def _close(uow: UnitOfWork) -> None:
    close = getattr(uow, "close", None)  # the Protocol has no close(); SqlUnitOfWork does
    if close is not None:
        with contextlib.suppress(Exception):
            await close()

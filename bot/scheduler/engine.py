"""The follow-up engine in the running bot: a one-minute tick on PTB's JobQueue (APScheduler) that decides
what is due, and the outbox task that delivers it.

No schedule state lives in the job store: the tick is the same job every minute and reads everything
from the database, so a restart (or a second process) loses and repeats nothing. A misfired tick (the
process was busy or asleep) runs late rather than being dropped, and missed ticks coalesce into one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from telegram import Bot
from telegram.ext import Application, ContextTypes

from bot.scheduler.outbox import Outbox
from bot.scheduler.render import Renderer
from bot.services import followups
from bot.services.followups import TickPlan
from bot.services.ports import UnitOfWork

log = logging.getLogger(__name__)
TICK_SECONDS = 60
MISFIRE_GRACE = 600  # seconds a late tick may still run


class FollowupEngine:
    """The tick and the outbox of one bot process."""

    def __init__(self, bot: Bot, uow_factory: Callable[[], UnitOfWork], clock: Callable[[], datetime],
                 defaults: Mapping[str, int], *, sweep_minutes: int = followups.SWEEP_MINUTES) -> None:
        self.uow_factory, self.clock, self.defaults = uow_factory, clock, dict(defaults)
        self.sweep_minutes = sweep_minutes
        self.outbox = Outbox(bot, uow_factory, clock, Renderer(defaults))
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def tick(self) -> TickPlan:
        """Decide what is due now (one session, one transaction), then wake the outbox."""
        uow = self.uow_factory()
        try:
            plan = await followups.tick(uow, now=self.clock(), defaults=self.defaults,
                                        sweep_minutes=self.sweep_minutes)
        finally:
            await uow.close()
        if plan.rows:
            log.info("tick: %d notifications due", len(plan.rows))
            self.outbox.wake()
        return plan

    async def _tick_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await self.tick()
        except Exception:  # the next tick tries again; nothing was half-written (one transaction)
            log.exception("follow-up tick failed")

    def install(self, app: Application) -> None:  # type: ignore[type-arg]
        """Schedule the tick every minute on the application's JobQueue."""
        assert app.job_queue is not None, "python-telegram-bot[job-queue] is required"
        app.job_queue.run_repeating(self._tick_job, interval=TICK_SECONDS, first=5, name="followup-tick",
                                    job_kwargs={"misfire_grace_time": MISFIRE_GRACE, "coalesce": True,
                                                "max_instances": 1})

    def start_outbox(self) -> None:
        """Start delivering in the background."""
        self._stop.clear()
        self._task = asyncio.get_running_loop().create_task(self.outbox.run(self._stop), name="outbox")

    async def stop_outbox(self) -> None:
        """Stop delivering (what is in flight finishes or stays pending for the next start)."""
        self._stop.set()
        self.outbox.wake()
        if self._task is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._task, timeout=10)
            self._task = None

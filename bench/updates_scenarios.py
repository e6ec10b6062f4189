"""Building blocks of bench.bench_updates: databases, the two bots, seeding, meters and timed scenarios.

Everything runs in one process and one event loop: the fake Bot API (aiohttp on 127.0.0.1), the bot
polling it over real HTTP, and the fake users pushing updates and waiting for the bot's answers.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.app import build_application, start_polling, stop_polling
from bot.config import Settings
from bot.fake_telegram import BotMessage, FakeTelegramServer, FakeUser
from storage.scratch import Database, scratch_database

ADMIN_ID = 500001
FIRST_REP = 710000
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # Wednesday 10:00 in Shanghai, as in the e2e tests
QUICK_LOG = "called Acme, they liked the demo, send quote fri 3pm"
REPLY_TIMEOUT = 30.0
Op = Callable[[FakeUser, int], Awaitable[list[float]]]


# --------------------------------------------------------------------------- statistics


def p95(samples: Sequence[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


# --------------------------------------------------------------------------- databases


@asynccontextmanager
async def database(kind: str, folder: Path) -> AsyncIterator[Database]:
    """A fresh SQLite file in `folder`, or a fresh PostgreSQL schema dropped afterwards."""
    async with scratch_database(kind, folder, prefix="bench") as db:
        yield db


def make_settings(server: FakeTelegramServer, db: Database) -> Settings:
    """Settings pointing at the fake server and the benchmark database (no .env is read)."""
    return Settings(  # type: ignore[call-arg]
        _env_file=None, bot_token=server.token, database_url=db.url, telegram_base_url=server.base_url,
        telegram_base_file_url=server.base_file_url, admin_ids=frozenset({ADMIN_ID}),
        default_timezone="Asia/Shanghai", default_language="en",
    )


# --------------------------------------------------------------------------- meters


class DbMeter:
    """SQL statements, DBAPI commits and the wall time spent in both, on one engine."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.statements = self.commits = 0
        self.seconds = 0.0
        sync = engine.sync_engine
        event.listen(sync, "before_cursor_execute", self._before)
        event.listen(sync, "after_cursor_execute", self._after)
        original = sync.dialect.do_commit

        def do_commit(dbapi_connection: Any) -> None:
            start = time.perf_counter()
            try:
                original(dbapi_connection)
            finally:
                self.seconds += time.perf_counter() - start
                self.commits += 1

        sync.dialect.do_commit = do_commit  # type: ignore[method-assign]

    def _before(self, conn: Any, *_: Any) -> None:
        conn.info["bench_t0"] = time.perf_counter()

    def _after(self, conn: Any, *_: Any) -> None:
        self.seconds += time.perf_counter() - conn.info.pop("bench_t0", time.perf_counter())
        self.statements += 1

    def snapshot(self) -> tuple[int, int, float]:
        return self.statements, self.commits, self.seconds


@dataclass
class Measure:
    """One timed scenario: round-trip samples plus what it cost per update."""

    name: str
    samples: list[float]
    updates: int
    wall: float
    cpu: float
    api_calls: int
    statements: int | None = None
    commits: int | None = None
    db_seconds: float | None = None
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def median_ms(self) -> float:
        return median(self.samples) * 1000

    @property
    def p95_ms(self) -> float:
        return p95(self.samples) * 1000

    @property
    def rate(self) -> float:
        return self.updates / self.wall

    @property
    def cpu_ms(self) -> float:
        return self.cpu / self.updates * 1000


@dataclass
class Bot:
    """A running bot (echo or CRM) with its fake server and users."""

    server: FakeTelegramServer
    app: Application  # type: ignore[type-arg]
    meter: DbMeter | None = None
    reps: list[FakeUser] = field(default_factory=list)

    async def settle(self) -> None:
        """Wait until no update is being processed (trailing work such as the persistence flush included)."""
        processor = self.app.update_processor
        for _ in range(int(REPLY_TIMEOUT * 1000)):
            if not processor.current_concurrent_updates and not self.app.update_queue.qsize():
                return
            await asyncio.sleep(0.001)
        raise TimeoutError("the bot did not go idle")

    async def sequential(self, user: FakeUser, op: Op, rounds: int, pause: float = 0.0) -> list[float]:
        """One user, one interaction at a time, each starting on an idle bot `pause` seconds after the last.

        The pause keeps a single user below AIORateLimiter's 30 sends a second, as a person typing would
        be; without it the limiter's bucket fills after 30 quick answers and every later send waits ~33 ms.
        """
        samples: list[float] = []
        for i in range(rounds):
            samples += await op(user, i)
            await self.settle()
            if pause:
                await asyncio.sleep(pause)
        return samples

    async def measure(self, name: str, updates: int, run: Callable[[], Awaitable[list[float]]]) -> Measure:
        """Run `run` once, with the process CPU, Bot API calls and database work it caused."""
        await self.settle()
        calls = len(self.server.calls)
        db = self.meter.snapshot() if self.meter else None
        cpu, start = time.process_time(), time.perf_counter()
        samples = await run()
        await self.settle()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        result = Measure(name, samples, updates, wall, cpu, len(self.server.calls) - calls)
        if self.meter and db:
            now = self.meter.snapshot()
            result.statements, result.commits = now[0] - db[0], now[1] - db[1]
            result.db_seconds = now[2] - db[2]
        return result


# --------------------------------------------------------------------------- the two bots


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await message.chat.send_message(message.text)


@asynccontextmanager
async def echo_bot() -> AsyncIterator[Bot]:
    """The baseline: a bare PTB application that sends every text back."""
    async with FakeTelegramServer() as server:
        app = (ApplicationBuilder().token(server.token).base_url(server.base_url)
               .base_file_url(server.base_file_url).concurrent_updates(32).build())
        app.add_handler(MessageHandler(filters.TEXT, _echo))
        await start_polling(app, timeout=1)
        try:
            yield Bot(server, app)
        finally:
            await stop_polling(app)


@asynccontextmanager
async def crm_bot(db: Database, server: FakeTelegramServer, *, rate_limit: bool = True) -> AsyncIterator[Bot]:
    """The real Application from bot.app.build_application on `db`, with its engine metered.

    Successive bots on one database must share the fake server: update ids are only unique per server,
    and the bot's de-duplication ledger would silently drop a new server's updates whose ids it has seen.
    """
    from handlers.deps import DEPS_KEY

    app = build_application(make_settings(server, db), clock=lambda: NOW, schema=db.schema, rate_limit=rate_limit)
    probe = app.bot_data[DEPS_KEY].uow_factory()
    meter = DbMeter(probe.session.bind)
    await probe.close()
    await start_polling(app, timeout=1)
    try:
        yield Bot(server, app, meter)
    finally:
        await stop_polling(app)


# --------------------------------------------------------------------------- users and data


async def ask(user: FakeUser, text: str) -> BotMessage:
    await user.send(text)
    return await user.next_reply(timeout=REPLY_TIMEOUT)


async def edit_of(user: FakeUser, message: BotMessage) -> BotMessage:
    """The next edit of this message (edits of other messages are skipped)."""
    while True:
        edit = await user.next_edit(timeout=REPLY_TIMEOUT)
        if edit.message_id == message.message_id:
            return edit


async def register_reps(bot: Bot, count: int) -> list[FakeUser]:
    """The admin /start-s, then invites `count` reps who each /start with their code (as the e2e harness)."""
    admin = bot.server.user(user_id=ADMIN_ID, first_name="Admin", language_code="en")
    await ask(admin, "/start")
    await admin.drain(quiet=0.1)
    reps = []
    for i in range(count):
        invite = await ask(admin, "/invite rep East")
        code = invite.plain_text.rsplit("start=", 1)[1].split()[0]
        rep = bot.server.user(user_id=FIRST_REP + i, first_name=f"Rep{i}", language_code="en")
        welcome = await ask(rep, f"/start {code}")
        if "Welcome" not in welcome.plain_text and "welcome" not in welcome.plain_text:
            raise RuntimeError(f"rep {i} was not registered: {welcome.plain_text!r}")
        reps.append(rep)
    await asyncio.gather(*(r.drain(quiet=0.1) for r in [admin, *reps]))
    return reps


_CN_HEAD = ("华星", "远航", "金桥", "东方", "瑞丰", "中科", "恒通", "新元", "天成", "博远", "鼎盛", "海川", "宏达", "嘉禾", "凯旋")
_CN_TAIL = ("科技有限公司", "物流", "贸易公司", "建设集团", "电子", "医药", "食品")
_EN_HEAD = ("Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent",
            "Tyrell", "Cyberdyne", "Wonka", "Gringotts", "Oscorp", "Blue Sun")
_EN_TAIL = ("Systems", "Trading", "Logistics", "Foods", "Partners", "Labs", "Holdings")


def customer_names(count: int) -> list[str]:
    """`count` distinct generated names, half Chinese, half English, plus the rep's "Acme Corp"."""
    pool = [h + t for h in _CN_HEAD for t in _CN_TAIL] + [f"{h} {t}" for h in _EN_HEAD for t in _EN_TAIL]
    chinese, english = pool[: len(pool) // 2], pool[len(pool) // 2:]
    mixed = [name for pair in zip(chinese, english, strict=True) for name in pair]
    if count - 1 > len(mixed):
        raise ValueError(f"at most {len(mixed) + 1} customers per rep")
    return ["Acme Corp", *mixed[: count - 1]]


async def seed_customers(db: Database, reps: int, per_rep: int) -> None:
    """`per_rep` customers for each rep, written like bot.services.customers.create does (one transaction a rep)."""
    from bot.domain.codes import code_prefix, customer_code
    from storage.engine import make_engine, make_session_factory
    from storage.uow import SqlUnitOfWork

    engine = make_engine(db.url, schema=db.schema)
    uow = SqlUnitOfWork(make_session_factory(engine))
    try:
        names = customer_names(per_rep)
        prefix = code_prefix("IT", NOW.year)
        async with uow:
            sequence = await uow.customers.max_sequence(prefix)
        for i in range(reps):
            async with uow:
                user = await uow.users.get_by_telegram_id(FIRST_REP + i)
                if user is None:
                    raise RuntimeError(f"rep {i} is not in the database")
                for name in names:
                    sequence += 1
                    await uow.customers.add(code=customer_code("IT", NOW.year, sequence), name=name,
                                            industry="IT", owner_id=user.id, tier="B", now=NOW)
                await uow.commit()
    finally:
        await uow.close()
        await engine.dispose()


# --------------------------------------------------------------------------- one timed interaction


async def round_trip(user: FakeUser, text: str, expect: Callable[[BotMessage], bool]) -> tuple[float, BotMessage]:
    """Seconds from pushing the message to the bot's answer arriving at the fake server."""
    start = time.perf_counter()
    await user.send(text)
    answer = await user.next_reply(timeout=REPLY_TIMEOUT)
    elapsed = time.perf_counter() - start
    if not expect(answer):
        raise RuntimeError(f"unexpected answer to {text!r}: {answer.plain_text!r} {answer.button_texts()}")
    return elapsed, answer


def is_help(message: BotMessage) -> bool:
    return "/help" in message.plain_text or "What you can do" in message.plain_text


def is_card(message: BotMessage) -> bool:
    return "Acme Corp" in message.plain_text and any("Save" in b for b in message.button_texts())


async def echo_once(user: FakeUser, i: int) -> list[float]:
    text = f"hello {user.user_id} {i}"
    return [(await round_trip(user, text, lambda m: m.plain_text == text))[0]]


async def help_once(user: FakeUser, _: int) -> list[float]:
    return [(await round_trip(user, "/help", is_help))[0]]


async def quick_once(user: FakeUser, _: int) -> list[float]:
    return [(await round_trip(user, QUICK_LOG, is_card))[0]]


async def save_press(user: FakeUser, card: BotMessage) -> tuple[float, float]:
    """Press Save on a card: seconds to the callback answer and to the card's edit into the saved log."""
    start = time.perf_counter()
    answer = await user.press(card, "Save", timeout=REPLY_TIMEOUT)
    answered = time.perf_counter() - start
    saved = await edit_of(user, card)
    elapsed = time.perf_counter() - start
    if answer.show_alert or "Saved" not in saved.plain_text:
        raise RuntimeError(f"save failed: {answer.text!r} / {saved.plain_text!r}")
    return answered, elapsed


async def log_and_save_once(user: FakeUser, _: int) -> list[float]:
    """The quick log and the press on Save: two updates, two samples."""
    elapsed, card = await round_trip(user, QUICK_LOG, is_card)
    return [elapsed, (await save_press(user, card))[1]]


async def closed_loop(users: Sequence[FakeUser], op: Op, per_user: int) -> list[float]:
    """All users at once; each sends its next message as soon as its previous one was answered."""
    async def one(user: FakeUser) -> list[float]:
        samples: list[float] = []
        for i in range(per_user):
            samples += await op(user, i)
        return samples

    return [s for samples in await asyncio.gather(*(one(u) for u in users)) for s in samples]


# --------------------------------------------------------------------------- the quick log's pure-Python part


def quick_log_parts(customers: int, rounds: int) -> tuple[float, float]:
    """Median seconds to build the rep's CustomerIndex (done on every quick log) and to read the message."""
    from zoneinfo import ZoneInfo

    from bot.domain.matching import CustomerIndex, CustomerRef
    from bot.domain.quicklog import read_quick_log

    refs = [CustomerRef(id=i + 1, name=name, code=f"IT2026{i + 1:03d}")
            for i, name in enumerate(customer_names(customers))]
    local = NOW.astimezone(ZoneInfo("Asia/Shanghai"))
    builds, reads = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        index = CustomerIndex(refs)
        built = time.perf_counter()
        read_quick_log(QUICK_LOG, now=local, index=index)
        builds.append(built - start)
        reads.append(time.perf_counter() - built)
    return median(builds), median(reads)

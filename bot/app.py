"""The composition root: the only module that wires config, storage, services and handlers together."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder
from telegram.request import HTTPXRequest

from bot.config import Settings
from bot.domain.dates import warm_up
from bot.persistence import DbPersistence
from bot.scheduler.engine import FollowupEngine
from bot.update_processor import PerUserUpdateProcessor
from handlers.deps import DEPS_KEY, HandlerDeps
from handlers.menus import set_default_menus
from handlers.registry import register
from storage.engine import make_engine, make_session_factory
from storage.migrate import upgrade_to_head
from storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
ENGINE_KEY = "followup_engine"


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)


class CrmApplication(Application):  # type: ignore[type-arg]
    """An Application that upgrades the database to head before anything (persistence too) reads it."""

    def __init__(self, *, database_url: str, schema: str | None, engine: AsyncEngine, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._database_url = database_url
        self._schema = schema
        self._engine = engine

    async def initialize(self) -> None:
        """Migrate, then initialise as usual."""
        if not self._initialized:
            revision = await upgrade_to_head(self._database_url, schema=self._schema)
            log.info("database at revision %s", revision)
        await super().initialize()

    async def shutdown(self) -> None:
        """Shut down as usual (persistence is flushed there), then close every database connection."""
        await super().shutdown()
        await self._engine.dispose()


def build_application(settings: Settings, *, clock: Clock = utc_now, schema: str | None = None,
                      rate_limit: bool = True) -> Application:  # type: ignore[type-arg]
    """Build the Application; resources are created in post_init and disposed in post_shutdown."""
    engine = make_engine(settings.database_url, schema=schema)
    session_factory = make_session_factory(engine)

    def uow_factory() -> SqlUnitOfWork:
        return SqlUnitOfWork(session_factory)

    processor = PerUserUpdateProcessor(settings.max_concurrent_updates, uow_factory=uow_factory, clock=clock)

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        warm_up()  # pay the date parser's cold start before the first rep does
        await set_default_menus(app.bot)
        if settings.followups_enabled:
            engine = FollowupEngine(app.bot, uow_factory, clock, settings.cadence_days())
            app.bot_data[ENGINE_KEY] = engine
            engine.install(app)
            engine.start_outbox()

    async def post_stop(app: Application) -> None:  # type: ignore[type-arg]
        # Before shutdown disposes the database: the outbox may still be recording an outcome.
        engine = app.bot_data.pop(ENGINE_KEY, None)
        if engine is not None:
            await engine.stop_outbox()

    builder: Any = (
        ApplicationBuilder()
        .application_class(CrmApplication, {"database_url": settings.database_url, "schema": schema,
                                            "engine": engine})
        .token(settings.bot_token)
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.base_file_url)
        .concurrent_updates(processor)
        .request(HTTPXRequest(connection_pool_size=64, read_timeout=15, connect_timeout=10))
        .get_updates_request(HTTPXRequest(read_timeout=40, connect_timeout=10))
        .persistence(DbPersistence(uow_factory, clock, update_interval=60))
        .post_init(post_init)
        .post_stop(post_stop)
    )
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    app: Application = builder.build()  # type: ignore[type-arg]
    app.bot_data[DEPS_KEY] = HandlerDeps(
        uow_factory=uow_factory, clock=clock, admin_ids=settings.admin_ids,
        default_timezone=settings.default_timezone, default_language=settings.default_language,
        cadence_days=settings.cadence_days(),
        conversation_timeout_minutes=settings.conversation_timeout_minutes,
        industries=settings.industry_list(),
    )
    register(app, conversation_timeout_minutes=settings.conversation_timeout_minutes)
    return app


def run(settings: Settings) -> None:
    """Run the bot: a webhook when a public URL is configured, long polling otherwise."""
    app = build_application(settings)
    if settings.webhook_url:
        app.run_webhook(listen=settings.webhook_listen, port=settings.webhook_port,
                        url_path=settings.webhook_url.rstrip("/").rsplit("/", 1)[-1],
                        webhook_url=settings.webhook_url, secret_token=settings.webhook_secret or None,
                        allowed_updates=Update.ALL_TYPES)
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)


async def start_polling(app: Application, *, poll_interval: float = 0.0, timeout: int = 10) -> None:  # type: ignore[type-arg]
    """Start the app the way run_polling does (post_init included) without owning the event loop."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=poll_interval, timeout=timeout,
                                    allowed_updates=Update.ALL_TYPES)


async def stop_polling(app: Application) -> None:  # type: ignore[type-arg]
    """Stop what start_polling started, flushing persistence and disposing resources."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
        if app.post_stop is not None:
            await app.post_stop(app)
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)

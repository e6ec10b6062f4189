"""FakeTelegramServer: an aiohttp server speaking the Telegram Bot API on 127.0.0.1."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from bot.fake_telegram import methods_bot  # noqa: F401  (registers its methods)
from bot.fake_telegram.core import FakeState, Fault, commands_key
from bot.fake_telegram.errors import ApiError, bad_request
from bot.fake_telegram.flood import FloodControl
from bot.fake_telegram.methods import METHODS
from bot.fake_telegram.params import Params, UploadedFile, decode_params
from bot.fake_telegram.state import ChatState
from bot.fake_telegram.user import FakeUser
from bot.fake_telegram.validation import error_for_unimplemented

log = logging.getLogger(__name__)
CANONICAL = {name.lower(): name for name in METHODS}
MAX_BODY = 64 * 1024 * 1024


def _error_response(error: ApiError) -> web.Response:
    return web.json_response(error.body(), status=error.status)


async def _read_fields(request: web.Request) -> dict[str, Any]:
    """Parameters from the query string and a JSON, urlencoded or multipart body."""
    fields: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if request.content_type == "application/json" and request.can_read_body:
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON request body") from None
        if not isinstance(body, dict):
            raise bad_request("request body must be a JSON object")
        fields.update(body)
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                files[name] = UploadedFile(value.filename, value.content_type, value.file.read())
            else:
                fields[name] = value
    return decode_params(fields, files)


class FakeTelegramServer:
    """A local, in-memory Telegram Bot API for end-to-end tests and offline demos."""

    def __init__(self, token: str = "123456:TEST", bot_username: str = "crm_test_bot", *,
                 bot_first_name: str = "CRM Test Bot", host: str = "127.0.0.1") -> None:
        self.token = token
        self.host = host
        self.state = FakeState(token, bot_username, bot_first_name)
        self._users: dict[int, FakeUser] = {}
        self._runner: web.AppRunner | None = None
        self._port = 0
        self.flood: FloodControl | None = None  # Telegram's flood limits, off unless enforce_limits()

    async def start(self) -> None:
        """Start listening on an ephemeral port."""
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self._port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Release pending long polls and stop the server."""
        self.state.updates.closed = True
        self.state.updates.wake()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegramServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """The TCP port (valid after start())."""
        return self._port

    @property
    def base_url(self) -> str:
        """Value for ApplicationBuilder().base_url(...)."""
        return f"http://{self.host}:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for ApplicationBuilder().base_file_url(...)."""
        return f"http://{self.host}:{self._port}/file/bot"

    @property
    def calls(self) -> list[tuple[str, dict[str, Any]]]:
        """Every Bot API call received as (method, decoded params), oldest first."""
        return self.state.calls

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        """Params of every call to ``method``."""
        return [params for name, params in self.state.calls if name == method]

    def user(self, user_id: int = 1001, first_name: str = "Test", last_name: str | None = None,
             username: str | None = None, language_code: str | None = "en") -> FakeUser:
        """The fake user with this id (created on first use; chat id == user id)."""
        if user_id not in self._users:
            user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
            chat: dict[str, Any] = {"id": user_id, "type": "private", "first_name": first_name}
            for key, value in (("last_name", last_name), ("username", username)):
                if value is not None:
                    user[key] = chat[key] = value
            if language_code:
                user["language_code"] = language_code
            self.state.chats[user_id] = ChatState(user=user, chat=chat)
            self._users[user_id] = FakeUser(self.state, self.state.chats[user_id])
        return self._users[user_id]

    def commands(self, scope: dict[str, Any] | None = None, language_code: str = "") -> list[dict[str, str]]:
        """The command list setMyCommands stored for this scope and language."""
        return self.state.commands.get(commands_key(scope, language_code), [])

    async def download(self, file_id: str) -> bytes:
        """The bytes of a stored file."""
        record = self.state.files.get(file_id)
        if record is None:
            raise KeyError(f"unknown file_id {file_id!r}")
        return record.data

    def inject_fault(self, method: str, status: int = 429, retry_after: int = 1, times: int = 1,
                     description: str | None = None) -> None:
        """Make the next ``times`` calls of ``method`` fail with ``status`` (429 carries retry_after)."""
        self.state.faults[method.lower()] = Fault(status, times, retry_after, description)

    def enforce_limits(self, global_per_second: int = 30, per_chat_per_second: int = 1) -> FloodControl:
        """Refuse sends beyond Telegram's limits with 429 from now on; the returned object counts them."""
        self.flood = FloodControl(global_per_second, per_chat_per_second)
        return self.flood

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if path.startswith("/file/bot"):
            return self._file(path.removeprefix("/file/bot"))
        if not path.startswith("/bot"):
            return _error_response(bad_request(f"unknown path {path!r}; the fake serves /bot<token>/<method>"))
        token, _, name = path.removeprefix("/bot").partition("/")
        if token != self.token:
            return _error_response(ApiError("Unauthorized", 401))
        method = CANONICAL.get(name.lower(), name)
        params: dict[str, Any] = {}
        try:
            params = await _read_fields(request)
            self.state.calls.append((method, params))
            fault = self.state.faults.get(method.lower())
            if fault is not None:
                fault.times -= 1
                if fault.times <= 0:
                    del self.state.faults[method.lower()]
                raise fault.error()
            if self.flood is not None:
                self.flood.admit(method, params.get("chat_id"))
            handler = METHODS.get(method)
            if handler is None:
                raise error_for_unimplemented(name or "(empty)")
            result = await handler(self.state, Params(params))
        except ApiError as exc:
            chat_id = params.get("chat_id")
            self.state.errors.append((method, chat_id if isinstance(chat_id, int) else None, exc.description))
            log.info("fake Telegram: %s -> %s %s", method, exc.status, exc.description)
            return _error_response(exc)
        except Exception as exc:
            log.exception("fake Telegram crashed in %s", method)
            return _error_response(ApiError(f"Internal Server Error: fake crashed: {exc!r}", 500))
        return web.json_response({"ok": True, "result": result})

    def _file(self, rest: str) -> web.Response:
        token, _, file_path = rest.partition("/")
        if token != self.token:
            return _error_response(ApiError("Unauthorized", 401))
        record = self.state.files.by_path(file_path)
        if record is None:
            return _error_response(bad_request(f"file {file_path!r} not found"))
        return web.Response(body=record.data, content_type="application/octet-stream")

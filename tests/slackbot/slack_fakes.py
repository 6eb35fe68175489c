"""Test doubles with no internet: a hand-made catalog, a local fake Slack Web API, signed requests."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from urllib.parse import parse_qsl

from aiohttp import web
from slack_sdk.signature import SignatureVerifier

from ohos_errcode.catalog import Catalog, Entry

BOT_TOKEN = "xoxb-111-222-testtokenSECRET"
APP_TOKEN = "xapp-1-A111-222-apptokenSECRET"
SIGNING_SECRET = "signing-secret-for-tests-0123456789"
BOT_USER = "UBOT"
BOT_ID = "BBOT"

ALLOC = Entry(
    7700201, "apis-image-kit", "Image Kit", "Unsupported Memory Allocation Type",
    message="Unsupported allocator type, e.g., use share memory to decode a HDR image as only DMA supported hdr metadata.",
    causes=("The allocator type is not supported for this operation.",),
    solutions=("Use the DMA allocator to decode HDR images.",),
    url="https://docs.openharmony.cn/errorcode-image#7700201",
)
ALLOC_ZH = Entry(
    7700201, "apis-image-kit", "Image Kit", "不支持的内存分配类型", message="不支持的分配器类型。",
    causes=("当前操作不支持该分配器类型。",), solutions=("解码HDR图片时使用DMA分配器。",), language="zh-cn",
    url="https://docs.openharmony.cn/zh-cn/errorcode-image#7700201",
)
SHM = Entry(
    62980099, "apis-image-kit", "Image Kit", "Data Error in the Shared Memory",
    message="The shared memory data is abnormal.", causes=("The shared memory data is incorrect.",),
    solutions=("Check the shared memory.",), url="https://docs.openharmony.cn/errorcode-image#62980099",
)
PARAM = Entry(401, "reference", "Universal", "Parameter Error", message="Parameter error.",
              url="https://docs.openharmony.cn/errorcode-universal#401")
ADS_401 = Entry(401, "apis-ads-kit", "Ads Kit", "Invalid Parameter", message="Invalid input parameter.",
                url="https://docs.openharmony.cn/errorcode-ads#401")
EVIL = Entry(7700999, "apis-image-kit", "Image Kit", "<!channel> & <@U123> ping",
             message="Text with <!here> & <https://evil.example|click>.",
             url="https://docs.openharmony.cn/errorcode-image#7700999")


def make_catalog(entries=(ALLOC, SHM, PARAM, ADS_401, EVIL), lang: str = "en") -> Catalog:
    return Catalog(list(entries), lang=lang)


def many_codes_catalog(n: int = 60) -> Catalog:
    es = [Entry(7800000 + i, "apis-image-kit", "Image Kit", f"Error number {i}", message="m" * 50,
                causes=("c",), solutions=("s",), url=f"https://docs.example/e#{i}") for i in range(n)]
    return Catalog(es)


def signed_headers(body: str, secret: str = SIGNING_SECRET, timestamp: int | None = None,
                   content_type: str = "application/json") -> dict:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    sig = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig, "Content-Type": content_type}


def event_body(event: dict, event_id: str = "Ev001") -> dict:
    return {
        "token": "legacy", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
        "event_id": event_id, "event_time": int(time.time()), "event": event,
        "authorizations": [{"team_id": "T1", "user_id": BOT_USER, "is_bot": True}],
    }


def mention(text: str, ts: str = "1700000000.000100", user: str = "UALICE", channel: str = "C1", **extra) -> dict:
    return {"type": "app_mention", "user": user, "text": text, "ts": ts, "channel": channel,
            "event_ts": ts, **extra}


def settle(app, timeout: float = 10) -> None:
    """Wait until the bot has nothing in flight: every listener and every answer it started is done.

    With the requests already acknowledged, this is what proves an absence (no second reply is on
    its way), instead of a fixed sleep."""
    lifecycle = app.errcode_bot.lifecycle
    deadline = time.monotonic() + timeout
    while not (lifecycle.listeners.wait_idle(0.05) and lifecycle.answers.wait_idle(0.05)
               and lifecycle.listeners.pending == 0):
        if time.monotonic() > deadline:
            raise AssertionError("the bot still has work in flight")


class BackgroundLoop:
    """An asyncio loop in a daemon thread, so synchronous tests can run aiohttp/websockets servers."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro, timeout: float = 10):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


class FakeSlackAPI:
    """Local fake of the Slack Web API (`/api/<method>`) and of response_url (`/respond/<id>`)."""

    def __init__(self, bg: BackgroundLoop) -> None:
        self.bg = bg
        self.calls: list[tuple[str, dict]] = []
        self.auth_headers: list[str] = []
        self.responses: dict[str, dict] = {}
        self.delays: dict[str, float] = {}  # seconds a method takes (a slow Slack); "*" for every method
        self.completed: list[str] = []  # methods whose (possibly delayed) response was sent
        self.ws_url = ""
        self._release: asyncio.Event | None = None
        self._cond = threading.Condition()
        self._runners: list[web.AppRunner] = []
        self.port = bg.run(self._start(self._app()))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}/respond/{name}"

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_post("/respond/{name}", self._respond)
        return app

    async def _start(self, app: web.Application) -> int:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runners.append(runner)
        return site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    def serve(self, app: web.Application) -> int:
        """Serve another aiohttp app (the bot's HTTP mode) on the same loop; returns its port."""
        return self.bg.run(self._start(app))

    async def _read(self, request: web.Request) -> dict:
        args: dict = dict(parse_qsl(request.query_string))
        if request.content_type == "application/json":
            raw = await request.text()
            if raw:
                args.update(json.loads(raw))
        else:
            args.update(dict(await request.post()))
        for key in ("blocks", "view"):
            if isinstance(args.get(key), str):
                try:
                    args[key] = json.loads(args[key])
                except ValueError:
                    pass
        return args

    def _record(self, method: str, args: dict) -> None:
        with self._cond:
            self.calls.append((method, args))
            self._cond.notify_all()

    async def _delay(self, method: str) -> None:
        seconds = self.delays.get(method, self.delays.get("*", 0))
        if seconds:
            if self._release is None:
                self._release = asyncio.Event()
            try:  # close() releases every waiting call, so the fake never holds the test up
                await asyncio.wait_for(self._release.wait(), seconds)
            except asyncio.TimeoutError:
                pass

    def _complete(self, method: str) -> None:
        with self._cond:
            self.completed.append(method)
            self._cond.notify_all()

    def wait_completed(self, method: str, n: int = 1, timeout: float = 30) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: self.completed.count(method) >= n, timeout):
                raise AssertionError(f"expected {n} completed {method} call(s), got {self.completed!r}")

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._read(request)
        self.auth_headers.append(request.headers.get("Authorization", ""))
        self._record(method, args)
        await self._delay(method)
        self._complete(method)
        if method in self.responses:
            return web.json_response(self.responses[method])
        data: dict = {"ok": True}
        if method == "auth.test":
            data.update(user_id=BOT_USER, bot_id=BOT_ID, team_id="T1", user="errcode", team="Test")
        elif method in ("chat.postMessage", "chat.postEphemeral"):
            data.update(channel=args.get("channel"), ts=f"{time.time():.6f}", message_ts=f"{time.time():.6f}")
        elif method == "apps.connections.open":
            data.update(url=self.ws_url)
        return web.json_response(data)

    async def _respond(self, request: web.Request) -> web.Response:
        args = await self._read(request)
        name = "response_url:" + request.match_info["name"]
        self._record(name, args)
        await self._delay("response_url")
        self._complete(name)
        return web.Response(text="ok")

    def of(self, method: str) -> list[dict]:
        with self._cond:
            return [a for m, a in self.calls if m == method]

    def wait_for(self, method: str, n: int = 1, timeout: float = 10) -> list[dict]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [a for m, a in self.calls if m == method]
                if len(found) >= n:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {n} {method} call(s), got {len(found)}: {self.calls!r}")
                self._cond.wait(left)

    def close(self) -> None:
        if self._release is not None:
            self.bg.loop.call_soon_threadsafe(self._release.set)
        for r in self._runners:
            self.bg.run(r.cleanup())

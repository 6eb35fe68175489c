"""HTTP mode: an aiohttp server with `POST /slack/events`, `GET /healthz` and `GET /metrics`.

Why aiohttp and not Bolt's `app.start()`: that one is `http.server` and documented for development
only (one request at a time, no keep-alive tuning, no body-size limit).  aiohttp is a production
asyncio server that is already a dependency; each request is checked on its raw bytes first
(`guard.check_http`: signature headers, UTF-8, signature), then handed to the synchronous Bolt app
in a thread pool (`App.dispatch`), which acknowledges first and answers afterwards in the
lifecycle's answer threads, so the HTTP response (the ack) never waits for the answer.

`serve` runs until SIGTERM or SIGINT: the server answers `/healthz` with 503 while starting and
draining; on the signal it refuses new events with 503 (Slack retries them, on another replica),
lets the answers in flight go out (at most 10 s), then stops and returns 0.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from aiohttp import web
from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk.signature import SignatureVerifier

from .guard import Refused, check_http
from .lifecycle import DRAIN_TIMEOUT, Lifecycle

log = logging.getLogger("ohos_errcode.slackbot")

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"
MAX_BODY = 1024 * 1024  # Slack payloads are far smaller; refuse anything bigger


def _to_response(resp: BoltResponse) -> web.Response:
    headers = {k: v for k, v in resp.first_headers_without_set_cookie().items() if k.lower() != "content-type"}
    body = resp.body or ""
    content_type = "application/json" if body.startswith("{") else "text/plain"
    return web.Response(status=resp.status, text=body, headers=headers, content_type=content_type)


def health(app: App | None, lifecycle: Lifecycle) -> tuple[int, dict]:
    """(HTTP status, body) of /healthz: 200 when serving (Redis "degraded" included), 503 otherwise."""
    bot = getattr(app, "errcode_bot", None)
    if bot is None or lifecycle.state != "ready":
        return 503, {"ok": False, "status": "draining" if lifecycle.state == "draining" else "starting"}
    body: dict = {"ok": True, "status": "ready", "codes": bot.code_count()}
    redis = bot.state.health()
    if redis != "off":
        body["redis"] = redis
        if redis == "degraded":
            body["status"] = "degraded"
    return 200, body


def add_status_routes(web_app: web.Application, get_app: Callable[[], App | None], lifecycle: Lifecycle) -> None:
    """`GET /healthz` and `GET /metrics` (also served alone on --metrics-port in Socket Mode)."""

    async def healthz(request: web.Request) -> web.Response:
        # off the event loop: while Redis is degraded, a health probe doubles as a reconnect attempt
        status, body = await asyncio.get_running_loop().run_in_executor(None, health, get_app(), lifecycle)
        return web.json_response(body, status=status)

    async def metrics(request: web.Request) -> web.Response:
        app = get_app()
        if app is None:
            return web.Response(status=503, text="starting\n")
        metrics = app.errcode_bot.metrics
        # off the event loop: the first scrape of a catalog counts its entries (a pass over the snapshot)
        resp = web.Response(body=await asyncio.get_running_loop().run_in_executor(None, metrics.render))
        resp.headers["Content-Type"] = metrics.content_type
        return resp

    web_app.router.add_get(HEALTH_PATH, healthz)
    web_app.router.add_get(METRICS_PATH, metrics)


def make_web_app(app: App | None, *, workers: int = 8, lifecycle: Lifecycle | None = None,
                 get_app: Callable[[], App | None] | None = None) -> web.Application:
    """The aiohttp app around the Bolt `app` (or around `get_app()`, which is None while starting)."""
    if get_app is None:
        def get_app() -> App | None:
            return app
    if lifecycle is None:
        lifecycle = app.errcode_bot.lifecycle  # type: ignore[union-attr]
        lifecycle.ready()
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="errcode-http")
    verifiers: dict[str, SignatureVerifier] = {}

    def verifier_for(bolt_app: App) -> SignatureVerifier | None:
        secret = bolt_app.errcode_bot.settings.signing_secret  # type: ignore[attr-defined]
        if not secret:
            return None
        if secret not in verifiers:
            verifiers[secret] = SignatureVerifier(secret)
        return verifiers[secret]

    async def events(request: web.Request) -> web.Response:
        bolt_app = get_app()
        if bolt_app is None or not lifecycle.accepting:
            return web.Response(status=503, text=f"{lifecycle.state}\n", headers={"Retry-After": "1"})
        raw = await request.read()
        try:
            body = check_http(raw, request.headers.get("X-Slack-Request-Timestamp"),
                              request.headers.get("X-Slack-Signature"), verifier_for(bolt_app))
        except Refused as refused:
            bolt_app.errcode_bot.metrics.malformed.labels(refused.reason).inc()
            log.info("refused a request (%d): %s", refused.status, refused.reason)
            return web.Response(status=refused.status, text="bad request" if refused.status == 400 else "")
        headers = {k.lower(): request.headers.getall(k) for k in request.headers.keys()}
        try:
            bolt_request = BoltRequest(body=body, query=request.query_string, headers=headers)
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:
            bolt_app.errcode_bot.metrics.malformed.labels("unparsable body").inc()
            log.info("refused a request (400): unparsable body (%s)", type(exc).__name__)
            return web.Response(status=400, text="bad request")
        if not isinstance(bolt_request.body, dict):
            return web.Response(status=400, text="bad request")
        loop = asyncio.get_running_loop()
        with lifecycle.request():
            resp = await loop.run_in_executor(executor, bolt_app.dispatch, bolt_request)
        return _to_response(resp)

    async def on_cleanup(_app: web.Application) -> None:
        executor.shutdown(wait=False, cancel_futures=True)

    web_app = web.Application(client_max_size=MAX_BODY)
    web_app.router.add_post(EVENTS_PATH, events)
    add_status_routes(web_app, get_app, lifecycle)
    web_app.on_cleanup.append(on_cleanup)
    return web_app


async def start_site(web_app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(web_app, access_log=None, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


async def until_signal() -> None:
    """Wait for SIGTERM or SIGINT."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)


def serve(build: Callable[[], App], lifecycle: Lifecycle, port: int, host: str = "0.0.0.0",
          drain_timeout: float = DRAIN_TIMEOUT) -> int:
    """Listen at once (/healthz says "starting"), build the app, serve until SIGTERM, drain, return 0."""

    async def main() -> int:
        holder: dict[str, App] = {}
        runner = await start_site(make_web_app(None, lifecycle=lifecycle, get_app=lambda: holder.get("app")),
                                  host, port)
        waiting = asyncio.ensure_future(until_signal())
        loop = asyncio.get_running_loop()
        try:
            building = loop.run_in_executor(None, build)
            done, _ = await asyncio.wait({building, waiting}, return_when=asyncio.FIRST_COMPLETED)
            if building in done:
                holder["app"] = building.result()
                lifecycle.ready()
                log.info("ready: POST %s, GET %s, GET %s on %s:%d", EVENTS_PATH, HEALTH_PATH, METRICS_PATH,
                         host, port)
                await waiting
            log.info("SIGTERM: draining (answers in flight get at most %.0f s)", drain_timeout)
            lifecycle.state = "draining"
            finished = await loop.run_in_executor(None, lifecycle.drain, drain_timeout)
            if not finished:
                log.warning("drain timed out after %.0f s; exiting with answers still in flight", drain_timeout)
        finally:
            waiting.cancel()
            await runner.cleanup()
        return 0

    return asyncio.run(main())


__all__ = ["add_status_routes", "health", "make_web_app", "serve", "start_site", "until_signal",
           "EVENTS_PATH", "HEALTH_PATH", "METRICS_PATH"]

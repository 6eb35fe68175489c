"""HTTP mode: an aiohttp server with `POST /slack/events` and `GET /healthz`.

Why aiohttp and not Bolt's `app.start()`: that one is `http.server` and documented for development
only (one request at a time, no keep-alive tuning, no body-size limit).  aiohttp is a production
asyncio server that is already a dependency; each request is handed to the synchronous Bolt app in
a thread pool (`App.dispatch`), which acknowledges first and answers afterwards in Bolt's own
executor, so the HTTP response (the ack) never waits for the answer.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from aiohttp import web
from slack_bolt import App, BoltRequest, BoltResponse

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY = 1024 * 1024  # Slack payloads are far smaller; refuse anything bigger


def _to_response(resp: BoltResponse) -> web.Response:
    headers = {k: v for k, v in resp.first_headers_without_set_cookie().items() if k.lower() != "content-type"}
    body = resp.body or ""
    content_type = "application/json" if body.startswith("{") else "text/plain"
    return web.Response(status=resp.status, text=body, headers=headers, content_type=content_type)


def make_web_app(app: App, *, workers: int = 8) -> web.Application:
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="errcode-http")

    async def events(request: web.Request) -> web.Response:
        body = await request.text()
        headers = {k.lower(): request.headers.getall(k) for k in request.headers.keys()}
        try:
            bolt_request = BoltRequest(body=body, query=request.query_string, headers=headers)
        except (ValueError, TypeError, AttributeError, KeyError):  # not a Slack payload: refuse quietly
            return web.Response(status=400, text="bad request")
        if not isinstance(bolt_request.body, dict):
            return web.Response(status=400, text="bad request")
        loop = asyncio.get_running_loop()
        resp = await loop.run_in_executor(executor, app.dispatch, bolt_request)
        return _to_response(resp)

    async def health(request: web.Request) -> web.Response:
        bot = getattr(app, "errcode_bot", None)
        codes = len({e.code for e in getattr(bot.catalog, "entries", ())}) if bot else 0
        return web.json_response({"ok": True, "codes": codes})

    async def on_cleanup(_app: web.Application) -> None:
        executor.shutdown(wait=False, cancel_futures=True)

    web_app = web.Application(client_max_size=MAX_BODY)
    web_app.router.add_post(EVENTS_PATH, events)
    web_app.router.add_get(HEALTH_PATH, health)
    web_app.on_cleanup.append(on_cleanup)
    return web_app


def serve(app: App, port: int, host: str = "0.0.0.0") -> None:
    """Run until interrupted (SIGINT/SIGTERM)."""
    web.run_app(make_web_app(app), host=host, port=port, print=None, access_log=None)


__all__ = ["make_web_app", "serve", "EVENTS_PATH", "HEALTH_PATH"]

"""Socket Mode: no public URL; the app opens a websocket to Slack with the app-level token.

apps.connections.open goes through the app's WebClient, so SLACK_API_URL applies to it too.
The built-in client reconnects by itself when Slack sends a `disconnect` message.
`--metrics-port` adds a small HTTP server (its own thread) with `GET /metrics` and `GET /healthz`.
"""

from __future__ import annotations

import asyncio
import threading

from aiohttp import web
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

from .http_mode import add_status_routes, start_site
from .lifecycle import Lifecycle


def make_handler(app: App, app_token: str, *, ping_interval: float = 10) -> SocketModeHandler:
    return SocketModeHandler(app, app_token, web_client=app.client, ping_interval=ping_interval)


class StatusServer:
    """/metrics and /healthz of a Socket Mode bot, served from an asyncio loop in a daemon thread."""

    def __init__(self, app: App, lifecycle: Lifecycle, host: str, port: int) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="errcode-status", daemon=True)
        self.thread.start()
        web_app = web.Application()
        add_status_routes(web_app, lambda: app, lifecycle)
        self.runner = asyncio.run_coroutine_threadsafe(start_site(web_app, host, port), self.loop).result(10)

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


def start_status_server(app: App, lifecycle: Lifecycle, host: str, port: int) -> StatusServer:
    return StatusServer(app, lifecycle, host, port)

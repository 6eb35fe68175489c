"""Scenario: Socket Mode against a local websocket server that sends hello, envelopes and a disconnect."""

from __future__ import annotations

import asyncio
import json
import threading

from slack_fakes import APP_TOKEN, BOT_TOKEN, event_body, mention, settle
from websockets.asyncio.server import serve

from ohos_errcode.slackbot import build_app
from ohos_errcode.slackbot.settings import Settings
from ohos_errcode.slackbot.socket_mode import make_handler


class FakeSocketModeServer:
    """Connection 1: hello, one event, then `disconnect`.  Connection 2: hello, one event, a retry of it."""

    def __init__(self) -> None:
        self.connections = 0
        self.acks: list[str] = []
        self.paths: list[str] = []
        self.acked = threading.Condition()

    async def handler(self, ws) -> None:
        self.connections += 1
        n = self.connections
        self.paths.append(ws.request.path)
        await ws.send(json.dumps({"type": "hello", "num_connections": 1,
                                  "connection_info": {"app_id": "A1"}, "debug_info": {"host": "fake"}}))
        if n == 1:
            await self.envelope(ws, "env-1", mention("<@UBOT> what is 7700201?", ts="1.1"), "EvS1")
            await self.wait_ack(ws, "env-1")
            await ws.send(json.dumps({"type": "disconnect", "reason": "refresh_requested",
                                      "debug_info": {"host": "fake"}}))
            try:
                await asyncio.wait_for(ws.wait_closed(), 10)
            except asyncio.TimeoutError:
                pass
            return
        if n == 2:
            await self.envelope(ws, "env-2", mention("<@UBOT> 62980099", ts="2.2"), "EvS2")
            await self.wait_ack(ws, "env-2")
            await self.envelope(ws, "env-3", mention("<@UBOT> 62980099", ts="2.2"), "EvS2", retry=1)
            await self.wait_ack(ws, "env-3")
        try:
            await ws.wait_closed()
        except Exception:
            pass

    async def envelope(self, ws, envelope_id: str, event: dict, event_id: str, retry: int = 0) -> None:
        await ws.send(json.dumps({
            "type": "events_api", "envelope_id": envelope_id, "accepts_response_payload": False,
            "retry_attempt": retry, "retry_reason": "timeout" if retry else "",
            "payload": event_body(event, event_id),
        }))

    async def wait_ack(self, ws, envelope_id: str) -> None:
        async for raw in ws:
            msg = json.loads(raw)
            if msg.get("envelope_id") == envelope_id:
                with self.acked:
                    self.acks.append(envelope_id)
                    self.acked.notify_all()
                return


def test_socket_mode_answers_reconnects_and_dedupes(bg, slack_api, fake_catalog):
    server = FakeSocketModeServer()

    async def start():
        ws_server = await serve(server.handler, "127.0.0.1", 0)
        return ws_server, ws_server.sockets[0].getsockname()[1]

    ws_server, port = bg.run(start())
    slack_api.ws_url = f"ws://127.0.0.1:{port}/link/?ticket=t1"
    settings = Settings(bot_token=BOT_TOKEN, app_token=APP_TOKEN, api_url=slack_api.api_url)
    app = build_app(fake_catalog, settings)
    handler = make_handler(app, APP_TOKEN)
    try:
        handler.connect()
        with server.acked:
            assert server.acked.wait_for(lambda: len(server.acks) >= 3, 20), server.acks
        slack_api.wait_for("chat.postMessage", 2)
        settle(app)  # the retry was acknowledged (so dropped or handed over); nothing is in flight now
        assert app.errcode_bot.metrics.registry.get_sample_value("errcode_slack_duplicates_dropped_total") == 1
    finally:
        handler.close()
        bg.run(_close(ws_server))
    assert server.acks == ["env-1", "env-2", "env-3"]
    assert server.connections >= 2  # reconnected after `disconnect`
    # apps.connections.open went to SLACK_API_URL with the app-level token, once per connection
    opens = [i for i, (m, _) in enumerate(slack_api.calls) if m == "apps.connections.open"]
    assert len(opens) >= 2
    assert slack_api.auth_headers[opens[0]] == f"Bearer {APP_TOKEN}"
    msgs = slack_api.of("chat.postMessage")
    assert [(m["thread_ts"], m["blocks"][0]["text"]["text"]) for m in msgs] == [
        ("1.1", "7700201 Unsupported Memory Allocation Type"),
        ("2.2", "62980099 Data Error in the Shared Memory"),
    ]


async def _close(ws_server) -> None:
    ws_server.close()
    await ws_server.wait_closed()

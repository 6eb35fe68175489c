"""Operating the bot: /metrics, /healthz while starting, JSON logs, Socket Mode's --metrics-port and SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from bot_process import BotProcess, free_port, tracebacks
from slack_fakes import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, event_body, mention, settle, signed_headers
from websockets.asyncio.server import serve

from ohos_errcode.catalog import Catalog
from ohos_errcode.catalog import snapshot as snap
from ohos_errcode.catalog.model import Entry
from ohos_errcode.slackbot import build_app
from ohos_errcode.slackbot.http_mode import health, make_web_app
from ohos_errcode.slackbot.lifecycle import Lifecycle
from ohos_errcode.slackbot.settings import Settings


def post(base: str, body: str, headers: dict) -> int:
    req = urllib.request.Request(base + "/slack/events", data=body.encode(), headers=headers, method="POST")
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status


def test_metrics_count_events_replies_duplicates_and_latency(slack_api, fake_catalog):
    app = build_app(fake_catalog, Settings(bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET,
                                           api_url=slack_api.api_url))
    base = f"http://127.0.0.1:{slack_api.serve(make_web_app(app))}"
    body = json.dumps(event_body(mention("<@UBOT> 7700201"), "EvMetrics"))
    assert post(base, body, signed_headers(body)) == 200
    assert post(base, body, {**signed_headers(body), "X-Slack-Retry-Num": "1"}) == 200
    slack_api.wait_for("chat.postMessage")
    settle(app)
    with urllib.request.urlopen(base + "/metrics", timeout=5) as resp:
        assert resp.headers["Content-Type"].startswith("text/plain; version=")  # Prometheus text format
        text = resp.read().decode()
    samples = dict(line.rsplit(" ", 1) for line in text.splitlines() if line and not line.startswith("#"))
    assert samples['errcode_slack_events_received_total{type="app_mention"}'] == "2.0"
    assert samples['errcode_slack_replies_sent_total{surface="mention"}'] == "1.0"
    assert samples["errcode_slack_duplicates_dropped_total"] == "1.0"
    assert samples["errcode_slack_rate_limited_total"] == "0.0"
    assert samples['errcode_slack_handler_seconds_count{surface="mention"}'] == "1.0"
    assert samples["errcode_slack_catalog_entries"] == "5.0"
    assert float(samples["errcode_slack_catalog_snapshot_age_seconds"]) > 0
    assert "errcode_slack_errors_total" in text
    assert samples["errcode_slack_redis_up"] == "-1.0"  # no Redis configured


def test_healthz_is_503_while_starting_and_draining(fake_catalog, slack_api):
    lifecycle = Lifecycle()
    assert health(None, lifecycle) == (503, {"ok": False, "status": "starting"})
    app = build_app(fake_catalog, Settings(bot_token=BOT_TOKEN, api_url=slack_api.api_url), lifecycle=lifecycle)
    assert health(app, lifecycle) == (503, {"ok": False, "status": "starting"})
    lifecycle.ready()
    assert health(app, lifecycle) == (200, {"ok": True, "status": "ready", "codes": 4})
    assert lifecycle.drain(1) is True
    assert health(app, lifecycle) == (503, {"ok": False, "status": "draining"})


def test_metrics_health_and_home_count_a_catalog_with_a_snapshot(slack_api, tmp_path, monkeypatch):
    """Over the bundled catalog, a snapshot of 30 codes in two languages, one more language of a bundled
    code and an SDK entry its page hides: the gauge, /healthz and the Home tab count the catalog as
    `catalog.entries` holds it."""
    monkeypatch.setenv("ERRCODE_CACHE", str(tmp_path))
    bundled = Catalog.load()
    foo = [Entry(7800000 + i, "apis-foo-kit", "Foo Kit", f"Foo {i}", language=lang)
           for i in range(30) for lang in ("en", "zh-cn")]
    alloc_zh = Entry(7700201, "apis-image-kit", "Image Kit", "解码失败", language="zh-cn")
    hidden = Entry(7700201, "apis-image-kit", "Image Kit", "decode failed", origin="sdk")
    snap.write(snap.user_snapshot_path(), [*foo, alloc_zh, hidden], symbols={}, symbol_of={})
    catalog = Catalog.load()
    assert len(Catalog.load().entries) == len(bundled.entries) + 61
    app = build_app(catalog, Settings(bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=slack_api.api_url))
    base = f"http://127.0.0.1:{slack_api.serve(make_web_app(app))}"
    with urllib.request.urlopen(base + "/metrics", timeout=5) as resp:
        samples = dict(line.rsplit(" ", 1) for line in resp.read().decode().splitlines()
                       if line and not line.startswith("#"))
    assert samples["errcode_slack_catalog_entries"] == f"{len(bundled.entries) + 61}.0"
    with urllib.request.urlopen(base + "/healthz", timeout=5) as resp:
        assert json.loads(resp.read()) == {"ok": True, "status": "ready", "codes": len(bundled.codes()) + 30}
    kits = len(bundled.kits()) + 1
    assert app.errcode_bot.home()["blocks"][-1]["elements"][0]["text"] == (
        f"{len(bundled.codes()) + 30} codes from {kits} kits loaded · answers in en, zh-cn · "
        "at most 5 codes in full per message")


def json_lines(log: str) -> list[dict]:
    return [json.loads(line) for line in log.splitlines() if line.strip()]


@pytest.mark.parametrize("level", ["info", "debug"])
def test_json_logs_carry_event_surface_latency_outcome_never_tokens(slack_api, tmp_path, level):
    bot = BotProcess(slack_api.api_url, "--log-format", "json", "--log-level", level, tmp_path=tmp_path)
    try:
        bot.wait_ready()
        assert bot.post_event(mention("<@UBOT> what is 7700201 please", ts="3.1"), "EvJson") == 200
        slack_api.wait_for("chat.postMessage")
        bot.wait_metric("errcode_slack_handler_seconds_count", 1)
        bot.terminate()
        assert bot.wait() == 0
        log = bot.log()
    finally:
        bot.close()
    lines = json_lines(log)  # every line is one JSON object
    [answered] = [line for line in lines if line.get("event_id") == "EvJson"]
    assert set(answered) >= {"time", "level", "logger", "message", "event_id", "surface", "latency_ms", "outcome"}
    assert (answered["level"], answered["surface"], answered["outcome"]) == ("info", "mention", "replied")
    assert isinstance(answered["latency_ms"], float)
    assert BOT_TOKEN not in log and SIGNING_SECRET not in log
    assert ("what is 7700201 please" in log) is (level == "debug")  # message text only at debug
    assert not tracebacks(log)


class FakeSocketModeServer:
    def __init__(self) -> None:
        self.closed = 0

    async def handler(self, ws) -> None:
        await ws.send(json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"},
                                  "debug_info": {"host": "fake"}}))
        try:
            await ws.wait_closed()
        finally:
            self.closed += 1


async def close_server(ws_server) -> None:
    ws_server.close()
    await ws_server.wait_closed()


def test_socket_mode_metrics_port_and_sigterm(bg, slack_api, tmp_path):
    server = FakeSocketModeServer()

    async def start():
        ws_server = await serve(server.handler, "127.0.0.1", 0)
        return ws_server, ws_server.sockets[0].getsockname()[1]

    ws_server, ws_port = bg.run(start())
    slack_api.ws_url = f"ws://127.0.0.1:{ws_port}/link/?ticket=t1"
    metrics_port = free_port()
    env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN, "SLACK_API_URL": slack_api.api_url,
           "ERRCODE_CONFIG": str(tmp_path / "none.toml")}
    for name in ("ERRCODE_DOCS", "ERRCODE_LANG", "REDIS_URL", "SLACK_SIGNING_SECRET"):
        env.pop(name, None)
    proc = subprocess.Popen([sys.executable, "-m", "ohos_errcode.slackbot", "--socket", "--host", "127.0.0.1",
                             "--metrics-port", str(metrics_port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/healthz", timeout=2) as resp:
                    ready = json.loads(resp.read())
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        assert ready == {"ok": True, "status": "ready", "codes": ready["codes"]} and ready["codes"] > 100
        with urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=5) as resp:
            assert "errcode_slack_catalog_entries" in resp.read().decode()
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        bg.run(close_server(ws_server))
    assert proc.returncode == 0, err
    assert "closing the Socket Mode connection" in err, err
    assert server.closed == 1, (server.closed, err)
    assert not tracebacks(err), err

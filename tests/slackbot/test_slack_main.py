"""`errcode slack`: modes, token errors (exit 2, variable named), console mode, tokens never logged."""

from __future__ import annotations

import io
import json
import logging

import pytest
from slack_fakes import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, event_body, mention, signed_headers
from slack_bolt import BoltRequest

from ohos_errcode.slackbot.__main__ import main
from ohos_errcode.slackbot.redact import RedactFilter, configure_logging, redact

SLACK_VARS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL", "PORT",
              "ERRCODE_DOCS", "ERRCODE_LANG")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in SLACK_VARS:
        monkeypatch.delenv(name, raising=False)
    yield
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_errcode", False):
            root.removeHandler(h)


@pytest.mark.parametrize("argv, env, variable, problem", [
    (["--socket"], {}, "SLACK_BOT_TOKEN", "is not set (needed for --socket)"),
    (["--socket"], {"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_APP_TOKEN", "is not set (needed for --socket)"),
    (["--http"], {"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET", "is not set (needed for --http)"),
    (["--http"], {"SLACK_SIGNING_SECRET": SIGNING_SECRET}, "SLACK_BOT_TOKEN", "is not set (needed for --http)"),
    (["--socket"], {"SLACK_BOT_TOKEN": "xoxp-user-token", "SLACK_APP_TOKEN": APP_TOKEN}, "SLACK_BOT_TOKEN",
     "does not look right: it should start with xoxb-"),
    (["--socket"], {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": BOT_TOKEN}, "SLACK_APP_TOKEN",
     "does not look right: it should start with xapp-"),
])
def test_missing_or_malformed_tokens_exit_2_naming_the_variable(monkeypatch, capsys, argv, env, variable, problem):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == f"errcode slack: {variable} {problem}"
    assert BOT_TOKEN not in err and APP_TOKEN not in err


def test_bot_token_refused_by_slack(monkeypatch, capsys, slack_api):
    slack_api.responses["auth.test"] = {"ok": False, "error": "invalid_auth"}
    monkeypatch.setenv("SLACK_API_URL", slack_api.api_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    assert main(["--socket"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == "errcode slack: SLACK_BOT_TOKEN was refused by Slack (invalid_auth)"
    assert BOT_TOKEN not in err


def test_app_token_refused_by_slack(monkeypatch, capsys, slack_api):
    slack_api.responses["apps.connections.open"] = {"ok": False, "error": "invalid_auth"}
    monkeypatch.setenv("SLACK_API_URL", slack_api.api_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    assert main(["--socket"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == "errcode slack: SLACK_APP_TOKEN was refused by Slack (invalid_auth)"
    assert APP_TOKEN not in err and BOT_TOKEN not in err


def test_a_mode_is_required(capsys):
    assert main([]) == 2
    assert "one of the arguments --socket --http --console is required" in capsys.readouterr().err


def test_bad_port(monkeypatch, capsys):
    monkeypatch.setenv("PORT", "http")
    assert main(["--http"]) == 2
    assert capsys.readouterr().err.strip() == "errcode slack: PORT must be a number between 1 and 65535"


def test_console_mode_answers_typed_questions(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("what is 7700201?\n\nIMAGE_ALLOC_FAILED <!channel>\n"))
    assert main(["--console"]) == 0
    out = capsys.readouterr().out
    blocks = out.split("\n\n")
    assert blocks[0].splitlines()[:3] == ["7700201 Unsupported Memory Allocation Type",
                                          "==========================================",
                                          "Image Kit · API 15 · `IMAGE_SOURCE_UNSUPPORTED_ALLOCATOR_TYPE`"]
    assert "Possible causes" in blocks[0] and "Solution" in blocks[0]
    assert "7600301" in out  # IMAGE_ALLOC_FAILED = 7600301


def test_console_home_tab(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(":home\n"))
    assert main(["--console"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "errcode: OpenHarmony error codes explained"


def test_redact():
    assert redact(f"Authorization: Bearer {BOT_TOKEN}") == "Authorization: Bearer xoxb-[redacted]"
    assert redact(f"t={APP_TOKEN}") == "t=xapp-[redacted]"
    assert redact(f"secret {SIGNING_SECRET}", [SIGNING_SECRET]) == "secret [redacted]"


def test_tokens_never_logged_even_at_debug(slack_api, fake_catalog):
    from ohos_errcode.slackbot import build_app
    from ohos_errcode.slackbot.settings import Settings

    settings = Settings(bot_token=BOT_TOKEN, app_token=APP_TOKEN, signing_secret=SIGNING_SECRET,
                        api_url=slack_api.api_url, process_before_response=True)
    stream = io.StringIO()
    configure_logging(logging.DEBUG, settings.secrets(), stream)
    try:
        app = build_app(fake_catalog, settings)
        logging.getLogger("test").debug("token %s secret %s app %s", BOT_TOKEN, SIGNING_SECRET, APP_TOKEN)
        body = json.dumps(event_body(mention("<@UBOT> 7700201"), "EvLog"))
        resp = app.dispatch(BoltRequest(body=body, headers={k.lower(): v for k, v in signed_headers(body).items()}))
        assert resp.status == 200
        slack_api.wait_for("chat.postMessage")
    finally:
        logging.getLogger().setLevel(logging.WARNING)
    logs = stream.getvalue()
    assert "chat.postMessage" in logs  # debug logging really was on
    for secret in (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET):
        assert secret not in logs
    assert "token [redacted] secret [redacted] app [redacted]" in logs


def test_redact_filter_on_exceptions():
    f = RedactFilter([SIGNING_SECRET])
    try:
        raise RuntimeError(f"bad {BOT_TOKEN}")
    except RuntimeError:
        import sys

        rec = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed %s", (SIGNING_SECRET,), sys.exc_info())
    assert f.filter(rec)
    assert rec.getMessage() == "failed [redacted]"
    assert BOT_TOKEN not in rec.exc_text


def test_http_mode_process_end_to_end(slack_api, tmp_path):
    """`errcode slack --http` as a process: health endpoint, a signed event answered via SLACK_API_URL."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": slack_api.api_url, "PORT": str(port), "ERRCODE_CONFIG": str(tmp_path / "none.toml")}
    for name in ("ERRCODE_DOCS", "ERRCODE_LANG", "SLACK_APP_TOKEN"):
        env.pop(name, None)
    proc = subprocess.Popen([sys.executable, "-m", "ohos_errcode.slackbot", "--http", "--host", "127.0.0.1"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as resp:
                    health = json.loads(resp.read())
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError(f"server did not start: {proc.poll()}")
                time.sleep(0.1)
        assert health["ok"] is True and health["codes"] > 100
        body = json.dumps(event_body(mention("<@UBOT> what is 7700201?"), "EvProc"))
        req = urllib.request.Request(base + "/slack/events", data=body.encode(), method="POST",
                                     headers=signed_headers(body))
        with urllib.request.urlopen(req, timeout=5) as resp:
            assert resp.status == 200
        [msg] = slack_api.wait_for("chat.postMessage")
        assert msg["blocks"][0]["text"]["text"] == "7700201 Unsupported Memory Allocation Type"
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert BOT_TOKEN not in err and SIGNING_SECRET not in err

"""Scenario: signed requests through the HTTP app; replies captured by a local fake Web API (SLACK_API_URL)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from slack_fakes import BOT_ID, BOT_TOKEN, BOT_USER, SIGNING_SECRET, event_body, mention, settle, signed_headers

from ohos_errcode.slackbot import build_app
from ohos_errcode.slackbot.http_mode import make_web_app
from ohos_errcode.slackbot.settings import Settings


@pytest.fixture
def http_app(slack_api, fake_catalog, monkeypatch):
    monkeypatch.setenv("SLACK_API_URL", slack_api.api_url.rstrip("/"))  # without the slash: normalized
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    return build_app(fake_catalog, Settings.from_env())


@pytest.fixture
def http_bot(slack_api, http_app):
    port = slack_api.serve(make_web_app(http_app))
    return f"http://127.0.0.1:{port}"


def post(base: str, body: str, headers: dict, path: str = "/slack/events") -> tuple[int, str, float]:
    req = urllib.request.Request(base + path, data=body.encode(), headers=headers, method="POST")
    start = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read().decode(), time.monotonic() - start
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(), time.monotonic() - start


def post_event(base, event, event_id="Ev001", **kw):
    body = json.dumps(event_body(event, event_id))
    headers = signed_headers(body, **kw)
    return post(base, body, headers)


def sentinel(base, slack_api, n, app):
    """A later event answered, then nothing in flight: every earlier request was processed and
    nothing else is on its way."""
    status, _, _ = post_event(base, mention("<@UBOT> 62980099", ts=f"9.{n}"), event_id=f"EvSentinel{n}")
    assert status == 200
    slack_api.wait_for("chat.postMessage", n)
    settle(app)


def test_valid_mention_is_answered_once_in_a_thread(http_bot, http_app, slack_api):
    status, _, elapsed = post_event(http_bot, mention("<@UBOT> what is 7700201?"))
    assert status == 200
    assert elapsed < 3
    [msg] = slack_api.wait_for("chat.postMessage")
    assert msg["channel"] == "C1"
    assert msg["thread_ts"] == "1700000000.000100"
    assert msg["blocks"][0]["text"]["text"] == "7700201 Unsupported Memory Allocation Type"
    assert msg["text"].startswith("7700201 Unsupported Memory Allocation Type (Image Kit): ")
    # the token went in the Authorization header to the fake API, set through SLACK_API_URL
    assert slack_api.of("auth.test")
    assert all(h == f"Bearer {BOT_TOKEN}" for h in slack_api.auth_headers)
    sentinel(http_bot, slack_api, 2, http_app)
    assert len(slack_api.of("chat.postMessage")) == 2


def test_retry_of_the_same_event_is_not_answered_again(http_bot, http_app, slack_api):
    ev = mention("<@UBOT> 401")
    assert post_event(http_bot, ev, "EvRetry")[0] == 200
    slack_api.wait_for("chat.postMessage")
    body = json.dumps(event_body(ev, "EvRetry"))
    for n in (1, 2):
        headers = {**signed_headers(body), "X-Slack-Retry-Num": str(n), "X-Slack-Retry-Reason": "http_timeout"}
        status, _, _ = post(http_bot, body, headers)
        assert status == 200  # acknowledged so Slack stops retrying
    sentinel(http_bot, slack_api, 2, http_app)
    texts = [m["blocks"][0]["text"]["text"] for m in slack_api.of("chat.postMessage")]
    assert texts == ["*401* has 2 meanings:", "62980099 Data Error in the Shared Memory"]


@pytest.mark.parametrize("how", ["bad signature", "wrong secret", "6 minutes old", "unsigned"])
def test_forged_or_stale_requests_get_401_and_no_reply(http_bot, http_app, slack_api, how):
    body = json.dumps(event_body(mention("<@UBOT> 7700201"), "EvForged"))
    if how == "bad signature":
        headers = signed_headers(body)
        headers["X-Slack-Signature"] = "v0=" + "0" * 64
    elif how == "wrong secret":
        headers = signed_headers(body, secret="not-the-secret")
    elif how == "6 minutes old":
        headers = signed_headers(body, timestamp=int(time.time()) - 360)
    else:
        headers = {"Content-Type": "application/json"}
    status, _, _ = post(http_bot, body, headers)
    assert status == 401
    sentinel(http_bot, slack_api, 1, http_app)
    assert [m["blocks"][0]["text"]["text"] for m in slack_api.of("chat.postMessage")] == [
        "62980099 Data Error in the Shared Memory"]
    # the forged event did not use up its event_id: the genuine one is still answered
    assert post_event(http_bot, mention("<@UBOT> 7700201", ts="3.3"), "EvForged")[0] == 200
    assert slack_api.wait_for("chat.postMessage", 2)[1]["blocks"][0]["text"]["text"].startswith("7700201")


@pytest.mark.parametrize("event", [
    {"type": "message", "subtype": "bot_message", "bot_id": "B999", "channel_type": "im", "channel": "D1",
     "ts": "1.1", "text": "7700201"},
    {"type": "message", "channel_type": "im", "channel": "D1", "user": "U2", "bot_id": "B999", "ts": "1.2",
     "text": "7700201"},
    {"type": "message", "channel_type": "im", "channel": "D1", "user": BOT_USER, "bot_id": BOT_ID, "ts": "1.3",
     "text": "7700201"},
    {"type": "message", "subtype": "message_changed", "channel_type": "im", "channel": "D1", "ts": "1.4",
     "message": {"user": "U1", "text": "7700201"}},
    {"type": "message", "subtype": "message_deleted", "channel_type": "im", "channel": "D1", "ts": "1.5",
     "previous_message": {"user": "U1", "text": "7700201"}},
], ids=["bot_message", "bot_id", "own message", "message_changed", "message_deleted"])
def test_bots_edits_and_deletions_are_ignored(http_bot, http_app, slack_api, event):
    status, _, _ = post_event(http_bot, event, "EvNoise")
    assert status == 200
    sentinel(http_bot, slack_api, 1, http_app)
    assert len(slack_api.of("chat.postMessage")) == 1


def test_direct_message_answered(http_bot, slack_api):
    ev = {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "ts": "4.4",
          "text": "IMAGE_RESULT_BASE + 3 &lt;!channel&gt;"}
    assert post_event(http_bot, ev, "EvDm")[0] == 200
    [msg] = slack_api.wait_for("chat.postMessage")
    assert msg["channel"] == "D1"
    assert "thread_ts" not in msg
    assert msg["blocks"][0]["text"]["text"] == "62980099 Data Error in the Shared Memory"
    assert "<!channel>" not in json.dumps(msg)


def test_slash_command_through_http_replies_via_response_url(http_bot, slack_api):
    form = {"command": "/errcode", "text": "share 7700201", "user_id": "U1", "channel_id": "C1",
            "team_id": "T1", "response_url": slack_api.response_url("cmd1"), "trigger_id": "1.2.3"}
    body = urllib.parse.urlencode(form)
    status, text, elapsed = post(http_bot, body, signed_headers(body, content_type="application/x-www-form-urlencoded"))
    assert status == 200 and elapsed < 3
    assert text == ""  # empty ack: nothing echoed
    [resp] = slack_api.wait_for("response_url:cmd1")
    assert resp["response_type"] == "in_channel"
    assert resp["blocks"][0]["text"]["text"] == "7700201 Unsupported Memory Allocation Type"


def test_shortcut_through_http(http_bot, slack_api):
    payload = {"type": "message_action", "callback_id": "explain_error_codes", "trigger_id": "1",
               "team": {"id": "T1"}, "user": {"id": "U1"}, "channel": {"id": "C1"},
               "message": {"type": "message", "user": "U2", "ts": "8.8", "text": "crash: error 62980099"},
               "response_url": slack_api.response_url("sc1")}
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    status, _, _ = post(http_bot, body, signed_headers(body, content_type="application/x-www-form-urlencoded"))
    assert status == 200
    [msg] = slack_api.wait_for("chat.postEphemeral")
    assert (msg["channel"], msg["user"], msg["thread_ts"]) == ("C1", "U1", "8.8")
    assert msg["blocks"][0]["text"]["text"] == "62980099 Data Error in the Shared Memory"


def test_home_tab_through_http(http_bot, slack_api):
    ev = {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}
    assert post_event(http_bot, ev, "EvHome")[0] == 200
    [call] = slack_api.wait_for("views.publish")
    assert call["user_id"] == "U1"
    assert call["view"]["blocks"][0]["text"]["text"] == "errcode: OpenHarmony error codes explained"


def test_url_verification_and_health(http_bot):
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"})
    status, text, _ = post(http_bot, body, signed_headers(body))
    assert status == 200 and json.loads(text) == {"challenge": "abc123"}
    with urllib.request.urlopen(http_bot + "/healthz", timeout=5) as resp:
        assert resp.status == 200
        assert json.loads(resp.read()) == {"ok": True, "status": "ready", "codes": 4}


def test_garbage_body_is_refused_without_crash(http_bot, http_app, slack_api):
    for body in ("not json at all", "{", json.dumps([1, 2]), "payload=%7B"):
        status, _, _ = post(http_bot, body, signed_headers(body))
        assert status in (400, 401, 404)
    sentinel(http_bot, slack_api, 1, http_app)


def test_documentation_button_click_is_acknowledged(http_bot, http_app, slack_api):
    # as Slack sends it: the button's text and the message's blocks are objects
    payload = {"type": "block_actions", "team": {"id": "T1", "domain": "t"}, "api_app_id": "A1",
               "user": {"id": "U1", "username": "u", "name": "u", "team_id": "T1"},
               "container": {"type": "message", "message_ts": "1.1", "channel_id": "C1", "is_ephemeral": False},
               "trigger_id": "1", "channel": {"id": "C1", "name": "general"}, "is_enterprise_install": False,
               "enterprise": None, "token": "legacy", "response_url": "https://hooks.slack.com/actions/x",
               "message": {"type": "message", "user": BOT_USER, "ts": "1.1", "bot_id": BOT_ID, "text": "7700201 …",
                           "blocks": [{"type": "header", "block_id": "h",
                                       "text": {"type": "plain_text", "text": "7700201", "emoji": True}}]},
               "actions": [{"type": "button", "action_id": "open_docs_0_0", "block_id": "b",
                            "text": {"type": "plain_text", "text": "Documentation", "emoji": True},
                            "url": "https://docs.openharmony.cn/errorcode-image#7700201", "action_ts": "1"}]}
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    status, _, _ = post(http_bot, body, signed_headers(body, content_type="application/x-www-form-urlencoded"))
    assert status == 200
    sentinel(http_bot, slack_api, 1, http_app)
    assert len(slack_api.calls) == 2  # auth.test at start and the sentinel's reply: the click posts nothing
    assert http_app.errcode_bot.metrics.registry.get_sample_value(
        "errcode_slack_events_received_total", {"type": "block_actions"}) == 1  # reached the app, not refused

"""Hostile input through real HTTP requests to a real `errcode slack --http` process (memory-limited):
refused before parsing, malformed signed bodies acknowledged and ignored, a 10 s Web API never delays
an ack; then a fuzz run of random signed and unsigned requests."""

from __future__ import annotations

import json
import os
import random
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from bot_process import BotProcess, tracebacks
from slack_fakes import BackgroundLoop, FakeSlackAPI, event_body, mention, signed_headers

IGNORED = "ignored a malformed request: "


@pytest.fixture(scope="module")
def api():
    bg = BackgroundLoop()
    fake = FakeSlackAPI(bg)
    yield fake
    fake.close()
    bg.close()


@pytest.fixture(scope="module")
def bot(api, tmp_path_factory):
    proc = BotProcess(api.api_url, tmp_path=tmp_path_factory.mktemp("hostile"))
    try:
        proc.wait_ready()
        yield proc
        assert proc.proc.poll() is None, proc.log()
        assert not tracebacks(proc.log()), proc.log()
    finally:
        proc.close()


def wait_log(bot: BotProcess, line: str, count: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while bot.log().count(line) < count:
        assert time.monotonic() < deadline, f"expected {count}× {line!r} in the log:\n{bot.log()}"
        time.sleep(0.02)


def deep_json(depth: int = 100_000) -> str:
    return '{"a":' * depth + "1" + "}" * depth


# ---------------------------------------------------------------- refused before any parsing
@pytest.mark.parametrize("case, body, headers, status", [
    ("unsigned non-UTF-8 body", b"\xff\xfe{\"type\": \"event_callback\"}\xc3(", {"Content-Type": "application/json"}, 401),
    ("unsigned JSON 100,000 deep", deep_json().encode(), {"Content-Type": "application/json"}, 401),
    ("timestamp notanumber", b'{"type": "event_callback"}',
     {"Content-Type": "application/json", "X-Slack-Request-Timestamp": "notanumber",
      "X-Slack-Signature": "v0=" + "0" * 64}, 401),
    ("signature of the right shape, non-UTF-8 body", b"\xff\xfe\xfd",
     {"Content-Type": "application/json", "X-Slack-Request-Timestamp": str(int(time.time())),
      "X-Slack-Signature": "v0=" + "0" * 64}, 400),
], ids=lambda v: v if isinstance(v, str) and len(v) < 60 else None)
def test_unsigned_or_unreadable_requests_are_refused_without_a_traceback(bot, api, case, body, headers, status):
    got, text, _ = bot.post(body, headers)
    assert got == status
    assert text in ("", "bad request")
    wait_log(bot, f"refused a request ({status})", 1)
    assert not tracebacks(bot.log())


def test_signed_json_100000_deep_is_a_400(bot):
    body = deep_json()
    assert bot.post(body, signed_headers(body))[0] == 400
    wait_log(bot, "refused a request (400): unparsable body (RecursionError)", 1)


# ---------------------------------------------------------------- signed but malformed: ack, ignore, one line
@pytest.mark.parametrize("event_id, event, reason", [
    (["Ev1", "Ev2"], mention("<@UBOT> 7700201"), "event_id is not a string"),
    ({"id": "Ev1"}, mention("<@UBOT> 7700201"), "event_id is not a string"),
    ("EvStr", "str", "event is not an object"),
], ids=["event_id list", "event_id object", "event string"])
def test_signed_malformed_events_are_acknowledged_and_ignored(bot, api, event_id, event, reason):
    before = bot.log().count(IGNORED + reason)
    body = json.dumps({**event_body({}, "x"), "event_id": event_id, "event": event})
    status, text, _ = bot.post(body, signed_headers(body))
    assert (status, text) == (200, "")
    wait_log(bot, IGNORED + reason, before + 1)
    assert bot.log().count(IGNORED + reason) == before + 1  # one line per request


def test_slash_command_without_response_url_is_acknowledged_at_once(bot, api):
    form = {"command": "/errcode", "text": "7700201", "user_id": "U1", "channel_id": "C1", "team_id": "T1",
            "trigger_id": "1.2"}
    body = urllib.parse.urlencode(form)
    status, text, elapsed = bot.post(body, signed_headers(body, content_type="application/x-www-form-urlencoded"))
    assert (status, text) == (200, "")
    assert elapsed < 3  # Slack's deadline for the ack
    wait_log(bot, IGNORED + "slash command without a response_url", 1)


# ---------------------------------------------------------------- a Web API that takes 10 s per call
def test_acks_stay_under_3_s_with_a_10_s_web_api(tmp_path):
    bg = BackgroundLoop()
    api = FakeSlackAPI(bg)
    proc = BotProcess(api.api_url, tmp_path=tmp_path)
    try:
        proc.wait_ready()
        assert len(api.of("auth.test")) == 1  # the start-up check
        api.delays["*"] = 10  # every Web API method, response_url and auth.test included
        api.delays["response_url"] = 10

        def command(i: int) -> tuple[int, float]:
            form = {"command": "/errcode", "text": f"7700201 {i}", "user_id": f"U{i}", "channel_id": "C1",
                    "team_id": "T1", "trigger_id": "1.2", "response_url": api.response_url(f"c{i}")}
            body = urllib.parse.urlencode(form)
            status, _, elapsed = proc.post(body, signed_headers(body, content_type="application/x-www-form-urlencoded"))
            return status, elapsed

        def event(i: int) -> tuple[int, float]:
            body = json.dumps(event_body(mention("<@UBOT> 401", ts=f"9.{i}", user=f"U{i}"), f"EvSlow{i}"))
            status, _, elapsed = proc.post(body, signed_headers(body))
            return status, elapsed

        # more requests than there are threads of any kind in the bot, all at once
        with ThreadPoolExecutor(24) as pool:
            results = list(pool.map(lambda i: (command if i % 2 else event)(i), range(48)))
        assert [s for s, _ in results] == [200] * 48
        slowest = max(t for _, t in results)
        assert slowest < 3, f"slowest ack {slowest:.2f} s"
        api.wait_for("chat.postMessage", 1)  # answers are on their way (each takes 10 s)
        assert len(api.of("auth.test")) == 1  # no auth.test per request
        assert not tracebacks(proc.log()), proc.log()
    finally:
        proc.close()
        api.close()
        bg.close()


# ---------------------------------------------------------------- fuzz
FUZZ_SECONDS = float(os.environ.get("ERRCODE_FUZZ_SECONDS", "3"))
FUZZ_SEED = int(os.environ.get("ERRCODE_FUZZ_SEED", str(random.randrange(1 << 30))))

_VALUES = [None, True, 0, -1, 2 ** 70, 1.5, "", "x", "7700201", "<!channel>", "\ud800".encode("utf-8", "surrogatepass")
           .decode("utf-8", "replace"), [], {}, ["a"], {"id": 1}, {"type": "message"}, "A" * 5000]
_KEYS = ["type", "event_id", "event", "text", "user", "channel", "ts", "thread_ts", "channel_type", "subtype",
         "command", "response_url", "payload", "callback_id", "message", "actions", "team", "team_id",
         "authorizations", "challenge", "tab", "bot_id", "api_app_id", "trigger_id", "user_id", "view"]


def _mutate(rng: random.Random, value, depth: int = 0):
    if isinstance(value, dict) and value and rng.random() < 0.7:
        value = dict(value)
        key = rng.choice(list(value) + _KEYS)
        value[key] = _mutate(rng, value.get(key), depth + 1) if rng.random() < 0.5 or depth > 3 else \
            rng.choice(_VALUES + [{"type": rng.choice(["message", "app_mention", "app_home_opened", "x"])}])
        return value
    return rng.choice(_VALUES)


def _valid(rng: random.Random, i: int) -> tuple[str, str]:
    """A well-formed request of a random kind: (body, content type)."""
    kind = rng.randrange(4)
    if kind == 0:
        return json.dumps(event_body(mention(f"<@UBOT> {rng.choice(['7700201', '401', 'x'])}", ts=f"11.{i}"),
                                     f"EvFuzz{i}")), "application/json"
    if kind == 1:
        return json.dumps(event_body({"type": "message", "channel_type": "im", "channel": "D1", "user": "U1",
                                      "ts": f"12.{i}", "text": "62980099"}, f"EvFuzzDm{i}")), "application/json"
    if kind == 2:
        form = {"command": "/errcode", "text": "7700201", "user_id": "U1", "channel_id": "C1", "team_id": "T1",
                "response_url": "http://127.0.0.1:9/respond/x"}
        return urllib.parse.urlencode(form), "application/x-www-form-urlencoded"
    payload = {"type": rng.choice(["message_action", "block_actions", "shortcut", "view_submission"]),
               "callback_id": "explain_error_codes", "team": {"id": "T1"}, "user": {"id": "U1"},
               "channel": {"id": "C1"}, "message": {"ts": "1.1", "text": "62980099"}, "trigger_id": "1"}
    return urllib.parse.urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"


def fuzz_request(rng: random.Random, i: int) -> tuple[bytes, dict]:
    body, content_type = _valid(rng, i)
    how = rng.random()
    if how < 0.45 and content_type == "application/json":
        body = json.dumps(_mutate(rng, json.loads(body)))
    elif how < 0.45:
        form = dict(urllib.parse.parse_qsl(body))
        if "payload" in form:
            form["payload"] = json.dumps(_mutate(rng, json.loads(form["payload"])))
        else:
            form[rng.choice(_KEYS)] = rng.choice(["", "x", "[1]", "{}", "\u0000", "%ff"])
        body = urllib.parse.urlencode(form)
    elif how < 0.6:
        raw = bytearray(body.encode())
        for _ in range(rng.randrange(1, 6)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        data = bytes(raw)
        return data, _headers(rng, data, content_type)
    elif how < 0.7:
        body = rng.choice(["", "{", "[]", "null", "1e999999", "9" * 5000, '{"a":' * 3000 + "1" + "}" * 3000,
                           "payload=", "payload=%7B", "payload=" + "%5B" * 5000])
    return body.encode("utf-8", "surrogatepass"), _headers(rng, body, content_type)


def _headers(rng: random.Random, body, content_type: str) -> dict:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    roll = rng.random()
    if roll < 0.65:
        headers = signed_headers(text, content_type=content_type)
    elif roll < 0.8:
        headers = {"Content-Type": content_type}
    else:
        headers = signed_headers(text, content_type=content_type)
        headers[rng.choice(["X-Slack-Request-Timestamp", "X-Slack-Signature"])] = rng.choice(
            ["notanumber", "", "v0=", "1" * 40, "-5", "v0=" + "g" * 64, "\u00b2\u00b3"])
    if rng.random() < 0.1:
        headers.update({"X-Slack-Retry-Num": rng.choice(["1", "x", "-1"]), "X-Slack-Retry-Reason": "http_timeout"})
    if rng.random() < 0.05:
        headers["Content-Type"] = rng.choice(["text/plain", "application/json; charset=latin1", "multipart/form-data"])
    return headers


def test_fuzz_random_signed_and_unsigned_requests(bot, api):
    """Every request gets an answer (never a 5xx, never a hang); the bot stays up and answers afterwards.
    ERRCODE_FUZZ_SECONDS (default 3) runs longer; ERRCODE_FUZZ_SEED replays a run."""
    rng = random.Random(FUZZ_SEED)
    deadline = time.monotonic() + FUZZ_SECONDS
    seen = {}
    i = 0
    while time.monotonic() < deadline or i < 50:
        body, headers = fuzz_request(rng, i)
        status, _, _ = bot.post(body, headers, timeout=10)
        assert status in (200, 400, 401, 404, 413, 415), f"seed {FUZZ_SEED}, request {i}: {status} for {body[:200]!r}"
        seen[status] = seen.get(status, 0) + 1
        i += 1
    assert seen.get(200) and seen.get(401)  # the run reached the bot's handlers and its refusals
    assert bot.proc.poll() is None
    assert bot.health()[0] == 200
    before = len(api.of("chat.postMessage"))
    assert bot.post_event(mention("<@UBOT> 62980099", ts="99.9", user="UFUZZEND"), "EvFuzzEnd") == 200
    api.wait_for("chat.postMessage", before + 1)
    assert any(m.get("thread_ts") == "99.9" for m in api.of("chat.postMessage"))
    assert not tracebacks(bot.log()), f"seed {FUZZ_SEED}:\n{bot.log()[-5000:]}"

"""Production: two `errcode slack --http` processes sharing one real redis-server; Redis lost and back;
SIGTERM while a Web API call is slow; Redis unreachable at start."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from bot_process import BotProcess, RedisServer, free_port, sum_metric, tracebacks, wait_sum
from slack_fakes import BOT_TOKEN, SIGNING_SECRET, event_body, mention, signed_headers

HANDLED = "errcode_slack_handler_seconds_count"
REPLIES = "errcode_slack_replies_sent_total"
DUPLICATES = "errcode_slack_duplicates_dropped_total"
RATE_LIMITED = "errcode_slack_rate_limited_total"


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def replicas(slack_api, redis_server, tmp_path):
    bots = [BotProcess(slack_api.api_url, redis_url=redis_server.url, tmp_path=tmp_path) for _ in range(2)]
    try:
        for bot in bots:
            health = bot.wait_ready()
            assert health == {"ok": True, "status": "ready", "codes": health["codes"], "redis": "ok"}
        yield bots
    finally:
        for bot in bots:
            bot.close()
    for bot in bots:
        assert not tracebacks(bot.log()), bot.log()


def test_same_event_and_its_retries_across_two_replicas_get_exactly_one_reply(replicas, slack_api):
    a, b = replicas
    # alternately: the event at A, retry 1 at B, retry 2 at A, retry 3 at B
    ev = mention("<@UBOT> what is 7700201?", ts="5.1")
    for retry, bot in enumerate((a, b, a, b)):
        assert bot.post_event(ev, "EvAlt", retry=retry) == 200
    # concurrently: 8 copies of another event sent to both replicas at once
    ev2 = mention("<@UBOT> 62980099", ts="5.2")
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda i: (a, b)[i % 2].post_event(ev2, "EvConc", retry=i), range(8)))
    assert statuses == [200] * 8
    # one message seen through two events (a mention in a DM: app_mention and message.im), one per replica
    dm = {"channel": "D9", "ts": "5.3", "user": "UDM", "text": "<@UBOT> 401"}
    assert a.post_event({"type": "app_mention", **dm}, "EvDmMention") == 200
    assert b.post_event({"type": "message", "channel_type": "im", **dm}, "EvDmMessage") == 200
    # every one of the 14 requests handled: 3 answered, 11 dropped as duplicates (counted by the replicas)
    wait_sum(replicas, DUPLICATES, 11)
    wait_sum(replicas, REPLIES, 3)
    assert sum_metric(replicas, DUPLICATES) == 11
    assert sum_metric(replicas, REPLIES) == 3
    msgs = slack_api.of("chat.postMessage")
    assert sorted((m["channel"], m.get("thread_ts"), m["blocks"][0]["text"]["text"]) for m in msgs)[:2] == [
        ("C1", "5.1", "7700201 Unsupported Memory Allocation Type"),
        ("C1", "5.2", "62980099 Data Error in the Shared Memory")]
    assert [m["channel"] for m in msgs].count("D9") == 1


def test_rate_limit_is_counted_across_both_replicas(replicas, slack_api):
    # 12 questions from one user, alternating between the replicas: 10 answers, one polite notice, one dropped
    for i in range(12):
        assert replicas[i % 2].post_event(mention("<@UBOT> 401", ts=f"6.{i}", user="UBUSY"), f"EvRate{i}") == 200
    wait_sum(replicas, HANDLED, 12)
    assert sum_metric(replicas, RATE_LIMITED) == 2
    texts = [m["text"] for m in slack_api.of("chat.postMessage")]
    assert len(texts) == 11
    notices = [t for t in texts if t.startswith("You are asking faster")]
    assert len(notices) == 1
    assert notices[0].endswith("seconds and ask again.")


def test_redis_lost_and_back(slack_api, redis_server, tmp_path):
    bot = BotProcess(slack_api.api_url, redis_url=redis_server.url, tmp_path=tmp_path)
    try:
        bot.wait_ready()
        assert bot.post_event(mention("<@UBOT> 7700201", ts="7.1"), "EvUp") == 200
        slack_api.wait_for("chat.postMessage", 1)
        redis_server.stop()
        # answers continue from this process's memory; a retry of an event it saw is still not answered twice
        assert bot.post_event(mention("<@UBOT> 401", ts="7.2"), "EvDown") == 200
        assert bot.post_event(mention("<@UBOT> 7700201", ts="7.1"), "EvUp", retry=1) == 200
        slack_api.wait_for("chat.postMessage", 2)
        bot.wait_metric(HANDLED, 2)
        assert bot.metric(DUPLICATES) == 1
        status, health = bot.health()
        assert (status, health["status"], health["redis"]) == (200, "degraded", "degraded")
        assert bot.metric("errcode_slack_redis_up") == 0
        assert bot.log().count("unreachable") == 1  # logged once, not per request
        redis_server.start()  # same port, empty
        deadline = time.monotonic() + 15
        while bot.health()[1].get("redis") != "ok":
            assert time.monotonic() < deadline, bot.log()
            time.sleep(0.1)
        assert bot.health() == (200, {"ok": True, "status": "ready", "codes": health["codes"], "redis": "ok"})
        assert "reachable again" in bot.log()
        assert bot.metric("errcode_slack_redis_up") == 1
        assert bot.post_event(mention("<@UBOT> 62980099", ts="7.3"), "EvBack") == 200
        slack_api.wait_for("chat.postMessage", 3)
        # the shared state is in use again: the event's key is in Redis
        import redis

        assert redis.Redis.from_url(redis_server.url).exists("errcode:event:EvBack") == 1
        assert not tracebacks(bot.log()), bot.log()
    finally:
        bot.close()


@pytest.mark.parametrize("how", ["REDIS_URL", "--redis"])
def test_redis_unreachable_at_start_exits_2_naming_redis_url(tmp_path, slack_api, how):
    port = free_port()  # nothing listens there
    url = f"redis://:hunter2secret@127.0.0.1:{port}/0"
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": slack_api.api_url,
           "PATH": "/usr/bin:/bin", "ERRCODE_CONFIG": str(tmp_path / "none.toml")}
    argv = [sys.executable, "-m", "ohos_errcode.slackbot", "--http", "--port", str(free_port())]
    if how == "REDIS_URL":
        env["REDIS_URL"] = url
    else:
        argv += ["--redis", url]
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == (
        f"errcode slack: REDIS_URL: cannot reach Redis at redis://***@127.0.0.1:{port}/0 (ConnectionError)")
    assert "hunter2secret" not in proc.stderr


def test_redis_url_that_is_not_one_exits_2(tmp_path, slack_api):
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": slack_api.api_url,
           "PATH": "/usr/bin:/bin", "ERRCODE_CONFIG": str(tmp_path / "none.toml"), "REDIS_URL": "localhost:6379"}
    proc = subprocess.run([sys.executable, "-m", "ohos_errcode.slackbot", "--http", "--port", str(free_port())],
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("errcode slack: REDIS_URL: Redis URL must specify one of the following schemes"), last
    assert "Traceback" not in proc.stderr


def test_sigterm_during_a_slow_web_api_call_lets_the_reply_go_out(slack_api, tmp_path):
    bot = BotProcess(slack_api.api_url, tmp_path=tmp_path)
    try:
        bot.wait_ready()
        slack_api.delays["chat.postMessage"] = 3
        assert bot.post_event(mention("<@UBOT> 7700201", ts="8.1"), "EvSlow") == 200
        slack_api.wait_for("chat.postMessage", 1)  # the reply is on its way, its response 3 s off
        bot.terminate()
        deadline = time.monotonic() + 10
        while bot.health()[0] != 503:  # draining: not ready for the load balancer
            assert time.monotonic() < deadline and bot.proc.poll() is None, bot.log()
            time.sleep(0.02)
        assert bot.health() == (503, {"ok": False, "status": "draining"})
        body = json.dumps(event_body(mention("<@UBOT> 401", ts="8.2"), "EvLate"))
        assert bot.post(body, signed_headers(body))[0] == 503  # refused: Slack retries it on another replica
        assert bot.wait(20) == 0
        assert slack_api.completed.count("chat.postMessage") == 1  # the slow reply was answered before exit
        assert len(slack_api.of("chat.postMessage")) == 1
        assert not tracebacks(bot.log()), bot.log()
    finally:
        bot.close()

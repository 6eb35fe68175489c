"""Load test for the Slack bot's HTTP mode: 200 events pushed as fast as possible.

Everything runs on 127.0.0.1 with no internet: the bot (`errcode slack --http` code path: aiohttp server
→ Bolt app) on the bundled catalog, a fake Slack Web API reached through SLACK_API_URL, and a client that
sends 200 signed event requests at once (plus 50 Slack-style retries of some of them).

Reports p50/p99 handler time (listener start → reply posted; target p99 ≤ 50 ms) and the part of it
spent in catalog.query + rendering, the slowest ack
(HTTP response to Slack; must be < 3 s), and checks that every event got exactly one reply.
Exit status 1 when a check fails.

    .venv/bin/python benchmarks/slack_load.py [--events 200] [--retries 50]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import threading
import time
from collections import Counter

from aiohttp import ClientSession, web
from slack_sdk.signature import SignatureVerifier

SECRET = "benchmark-signing-secret"
TOKEN = "xoxb-benchmark-token"

QUESTIONS = [
    "<@UBOT> what is 7700201?",
    "<@UBOT> 62980096 and 401",
    "<@UBOT> IMAGE_ALLOC_FAILED",
    "<@UBOT> IMAGE_RESULT_BASE + 5",
    "<@UBOT> shared memory error",
    "<@UBOT> 共享内存",
    "<@UBOT> 7700210",
    "<@UBOT> " + "E/ImageSource: decode failed 62980115, retry 62980096\n" * 50,
]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


class FakeWebAPI:
    def __init__(self) -> None:
        self.posts: list[dict] = []
        self.lock = threading.Lock()

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            args = await request.json()
        else:
            args = dict(await request.post())
        if method == "auth.test":
            return web.json_response({"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"})
        if method == "chat.postMessage":
            with self.lock:
                self.posts.append(args)
            return web.json_response({"ok": True, "channel": args.get("channel"), "ts": f"{time.time():.6f}"})
        return web.json_response({"ok": True})


async def start_site(app: web.Application) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


def event(i: int) -> dict:
    ts = f"1700000000.{i:06d}"
    return {
        "token": "x", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
        "event_id": f"EvLoad{i:05d}", "event_time": int(time.time()),
        "event": {"type": "app_mention", "user": f"U{i:05d}", "channel": "C1", "ts": ts, "event_ts": ts,
                  "text": QUESTIONS[i % len(QUESTIONS)]},
    }


def signed(body: str, retry: int = 0) -> dict:
    ts = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body),
    }
    if retry:
        headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
    return headers


async def push(url: str, n_events: int, n_retries: int) -> list[tuple[int, float]]:
    bodies = [json.dumps(event(i)) for i in range(n_events)]
    requests = [(b, 0) for b in bodies] + [(bodies[(i * 7) % n_events], 1) for i in range(n_retries)]
    results: list[tuple[int, float]] = []

    async with ClientSession() as session:
        async def one(body: str, retry: int) -> None:
            start = time.perf_counter()
            async with session.post(url, data=body.encode(), headers=signed(body, retry)) as resp:
                await resp.read()
                results.append((resp.status, time.perf_counter() - start))

        await asyncio.gather(*(one(b, r) for b, r in requests))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--retries", type=int, default=50)
    args = parser.parse_args(argv)

    from ohos_errcode.catalog import Catalog
    from ohos_errcode.slackbot import build_app
    from ohos_errcode.slackbot.http_mode import make_web_app
    from ohos_errcode.slackbot.settings import Settings

    loops = []

    def new_loop() -> asyncio.AbstractEventLoop:
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, daemon=True).start()
        loops.append(loop)
        return loop

    bot_loop, api_loop = new_loop(), new_loop()  # the fake Slack API does not share the bot's loop

    def run(coro, loop):
        return asyncio.run_coroutine_threadsafe(coro, loop).result(60)

    fake = FakeWebAPI()
    api_app = web.Application()
    api_app.router.add_post("/api/{method}", fake.api)
    api_runner, api_port = run(start_site(api_app), api_loop)

    timings: list[float] = []
    timings_lock = threading.Lock()

    def on_timing(surface: str, seconds: float) -> None:
        with timings_lock:
            timings.append(seconds)

    settings = Settings.from_env({"SLACK_API_URL": f"http://127.0.0.1:{api_port}/api/", "SLACK_BOT_TOKEN": TOKEN,
                                  "SLACK_SIGNING_SECRET": SECRET}, on_timing=on_timing)
    catalog = Catalog.load()
    catalog.query("warm up the search index")
    app = build_app(catalog, settings)
    bot = app.errcode_bot
    answer_times: list[float] = []
    plain_answer = bot.answer

    def timed_answer(text: str):
        start = time.perf_counter()
        try:
            return plain_answer(text)
        finally:
            with timings_lock:
                answer_times.append(time.perf_counter() - start)

    bot.answer = timed_answer
    bot_runner, bot_port = run(start_site(make_web_app(app)), bot_loop)

    wall = time.perf_counter()
    results = asyncio.run(push(f"http://127.0.0.1:{bot_port}/slack/events", args.events, args.retries))
    deadline = time.monotonic() + 30
    while len(timings) < args.events and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # let any (wrong) duplicate reply arrive
    wall = time.perf_counter() - wall

    run(bot_runner.cleanup(), bot_loop)
    run(api_runner.cleanup(), api_loop)
    for loop in loops:
        loop.call_soon_threadsafe(loop.stop)

    acks = [t for _, t in results]
    statuses = Counter(s for s, _ in results)
    replies = Counter(p.get("thread_ts") for p in fake.posts)
    duplicates = {k: v for k, v in replies.items() if v > 1}
    missing = args.events - len(replies)

    print(f"events: {args.events} (+{args.retries} retries), pushed concurrently; wall time {wall:.2f} s")
    print(f"HTTP statuses: {dict(statuses)}")
    print(f"ack time:     p50 {percentile(acks, 50) * 1000:.1f} ms  p99 {percentile(acks, 99) * 1000:.1f} ms"
          f"  max {max(acks) * 1000:.1f} ms")
    if timings:
        print(f"handler time: p50 {percentile(timings, 50) * 1000:.1f} ms  p99 {percentile(timings, 99) * 1000:.1f} ms"
              f"  max {max(timings) * 1000:.1f} ms  (n={len(timings)}, target p99 <= 50 ms;"
              " listener start to reply posted)")
    if answer_times:
        print(f"  of which catalog.query + Block Kit: p50 {percentile(answer_times, 50) * 1000:.1f} ms"
              f"  p99 {percentile(answer_times, 99) * 1000:.1f} ms")
    print(f"replies: {sum(replies.values())} for {len(replies)} events; duplicates {len(duplicates)}; missing {missing}")

    ok = True
    if statuses != Counter({200: args.events + args.retries}):
        print("FAIL: not every request was acknowledged with 200")
        ok = False
    if max(acks) >= 3.0:
        print("FAIL: an ack took 3 s or more")
        ok = False
    if duplicates or missing or len(timings) != args.events:
        print("FAIL: every event must be answered exactly once")
        ok = False
    if timings and percentile(timings, 99) > 0.050:
        print("WARN: handler p99 above the 50 ms target (shared machine?)")
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

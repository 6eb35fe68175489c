"""Load test for the Slack bot's HTTP mode: one process without Redis vs two replicas sharing Redis.

Everything runs on 127.0.0.1 with no internet: real `errcode slack --http` processes on the bundled
catalog, a real `redis-server` (scripts/setup-redis.sh installs it), a fake Slack Web API reached
through SLACK_API_URL, and a client that sends 1,000 signed events (16 in flight at a time) plus
20% Slack-style retries, each right after its original.  The two set-ups take turns (40 chunks of
25 events each), so the machine's changing load falls on both alike.  With two replicas each retry goes to the replica that did not get the original, as a
load balancer may do, so only the shared state in Redis keeps the answer single.

Measured side by side in one run, for both set-ups: handler time p50/p99 (listener start → reply
posted, from the bot's own JSON log lines), ack time (the HTTP response Slack waits for, < 3 s),
and replies per event (exactly one).  Prints the ratio of the handler p99s (target ≤ 1.5).
Exit status 1 when a check fails.

    .venv/bin/python benchmarks/slack_load.py [--events 1000] [--retry-share 0.2] [--concurrency 16] [--rounds 40]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter

from aiohttp import ClientSession, ClientTimeout, TCPConnector, web
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeWebAPI:
    """auth.test and chat.postMessage, served from an asyncio loop in a thread."""

    def __init__(self) -> None:
        self.posts: list[dict] = []
        self.lock = threading.Lock()
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.port = free_port()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self.api)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await request.json() if request.content_type == "application/json" else dict(await request.post())
        if method == "auth.test":
            return web.json_response({"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"})
        if method == "chat.postMessage":
            with self.lock:
                self.posts.append(args)
            return web.json_response({"ok": True, "channel": args.get("channel"), "ts": f"{time.time():.6f}"})
        return web.json_response({"ok": True})

    def reset(self) -> None:
        with self.lock:
            self.posts.clear()

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)


class Redis:
    def __init__(self) -> None:
        path = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not os.path.exists(path):
            raise SystemExit("redis-server not found: run `bash scripts/setup-redis.sh` (Debian's redis-server)")
        self.port = free_port()
        self.proc = subprocess.Popen([path, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("redis-server did not start")
                time.sleep(0.05)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(10)


class Replica:
    """`errcode slack --http --log-format json` as a process; its log holds each handler's latency."""

    def __init__(self, api_url: str, redis_url: str | None, tmp: str) -> None:
        self.port = free_port()
        self.log_path = os.path.join(tmp, f"bot-{self.port}.log")
        env = {**os.environ, "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": api_url,
               "PORT": str(self.port), "ERRCODE_CONFIG": os.path.join(tmp, "none.toml")}
        for name in ("ERRCODE_DOCS", "ERRCODE_LANG", "REDIS_URL"):
            env.pop(name, None)
        if redis_url:
            env["REDIS_URL"] = redis_url
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "ohos_errcode.slackbot", "--http", "--host", "127.0.0.1",
                                      "--log-format", "json"], env=env, stdout=subprocess.DEVNULL, stderr=self.log)
        self.url = f"http://127.0.0.1:{self.port}/slack/events"
        deadline = time.monotonic() + 60
        while not self._ready():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise SystemExit(f"bot did not start: {open(self.log_path).read()}")
            time.sleep(0.05)

    def _ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as resp:
                return resp.status == 200
        except OSError:
            return False

    def handled(self) -> float:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=5) as resp:
            text = resp.read().decode()
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith(("errcode_slack_handler_seconds_count", "errcode_slack_duplicates_dropped_total")))

    def stop(self) -> list[float]:
        """SIGTERM (drains), then the handler latencies (seconds) from the log."""
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(30)
        self.log.close()
        latencies = []
        with open(self.log_path) as f:
            for line in f:
                record = json.loads(line)
                if record.get("surface") == "mention" and "latency_ms" in record:
                    latencies.append(record["latency_ms"] / 1000)
        return latencies


def event(setup: int, i: int) -> dict:
    ts = f"{1700000000 + setup}.{i:06d}"  # the reply's thread_ts tells which set-up answered
    return {
        "token": "x", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
        "event_id": f"EvLoad{setup}x{i:05d}", "event_time": int(time.time()),
        "event": {"type": "app_mention", "user": f"U{setup}x{i:05d}", "channel": "C1", "ts": ts, "event_ts": ts,
                  "text": QUESTIONS[i % len(QUESTIONS)]},
    }


def signed(body: str, retry: int = 0) -> dict:
    ts = str(int(time.time()))
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts,
               "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body)}
    if retry:
        headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
    return headers


async def push(urls: list[str], setup: int, events: range, n_retries: int,
               concurrency: int) -> list[tuple[int, float]]:
    """Every event to replica i % n; each retry to the next replica (the other one with two), right
    after its original; at most `concurrency` requests in flight."""
    bodies = {i: json.dumps(event(setup, i)) for i in events}
    retried = {events[(k * len(events)) // max(1, n_retries)] for k in range(n_retries)}  # spread out
    requests = []
    for i, b in bodies.items():
        requests.append((urls[i % len(urls)], b, 0))
        if i in retried:
            requests.append((urls[(i + 1) % len(urls)], b, 1))
    results: list[tuple[int, float]] = []
    gate = asyncio.Semaphore(concurrency)

    async with ClientSession(connector=TCPConnector(limit=200), timeout=ClientTimeout(total=60)) as session:
        async def one(url: str, body: str, retry: int) -> None:
            async with gate:
                start = time.perf_counter()
                async with session.post(url, data=body.encode(), headers=signed(body, retry)) as resp:
                    await resp.read()
                    results.append((resp.status, time.perf_counter() - start))

        await asyncio.gather(*(one(*r) for r in requests))
    return results


class Setup:
    """One way to run the bot: its replicas, and what it was sent and answered."""

    def __init__(self, index: int, name: str, api: FakeWebAPI, redis_url: str | None, n_replicas: int,
                 tmp: str) -> None:
        self.index, self.name = index, name
        self.replicas = [Replica(f"http://127.0.0.1:{api.port}/api/", redis_url, tmp) for _ in range(n_replicas)]
        self.results: list[tuple[int, float]] = []
        self.timings: list[float] = []
        self.sent = 0
        self.wall = 0.0

    def run_chunk(self, events: range, n_retries: int, concurrency: int) -> None:
        start = time.perf_counter()
        self.results += asyncio.run(push([r.url for r in self.replicas], self.index, events, n_retries, concurrency))
        self.sent += len(events) + n_retries
        deadline = time.monotonic() + 60
        while sum(r.handled() for r in self.replicas) < self.sent and time.monotonic() < deadline:
            time.sleep(0.02)  # every event answered and every retry dropped: nothing more can arrive
        self.wall += time.perf_counter() - start

    def stop(self) -> None:
        self.timings = [t for r in self.replicas for t in r.stop()]

    def report(self, api: FakeWebAPI, n_events: int, n_retries: int, concurrency: int) -> dict:
        acks = [t for _, t in self.results]
        prefix = f"{1700000000 + self.index}."
        replies = Counter(p.get("thread_ts") for p in api.posts if str(p.get("thread_ts")).startswith(prefix))
        out = {"name": self.name, "statuses": Counter(s for s, _ in self.results), "acks": acks,
               "timings": self.timings, "duplicates": sum(1 for v in replies.values() if v > 1),
               "missing": n_events - len(replies)}
        timings = self.timings
        print(f"-- {self.name}: {n_events} events (+{n_retries} retries), {concurrency} in flight;"
              f" busy {self.wall:.2f} s")
        print(f"   HTTP statuses: {dict(out['statuses'])}")
        print(f"   ack time:     p50 {percentile(acks, 50) * 1000:.1f} ms  p99 {percentile(acks, 99) * 1000:.1f} ms"
              f"  max {max(acks) * 1000:.1f} ms")
        if timings:
            print(f"   handler time: p50 {percentile(timings, 50) * 1000:.2f} ms"
                  f"  p99 {percentile(timings, 99) * 1000:.2f} ms  max {max(timings) * 1000:.1f} ms"
                  f"  (n={len(timings)}; listener start to reply posted)")
        print(f"   replies: {sum(replies.values())} for {len(replies)} events; duplicates {out['duplicates']};"
              f" missing {out['missing']}")
        return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--retry-share", type=float, default=0.2, help="retries as a share of the events (0.2)")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight at once (16)")
    parser.add_argument("--rounds", type=int, default=40, help="turns each set-up takes (40 chunks of 25 events)")
    args = parser.parse_args(argv)
    n_retries = int(args.events * args.retry_share)

    api = FakeWebAPI()
    redis = Redis()
    tmp = tempfile.mkdtemp(prefix="errcode-slack-load-")
    chunk = max(1, args.events // args.rounds)
    try:
        local = Setup(0, "one process, no Redis", api, None, 1, tmp)
        shared = Setup(1, "two replicas + Redis", api, redis.url, 2, tmp)
        # side by side: the two set-ups take turns, `rounds` chunks each, so a change in the
        # machine's load touches both alike
        for start in range(0, args.events, chunk):
            events = range(start, min(args.events, start + chunk))
            retries = (n_retries * events.stop) // args.events - (n_retries * events.start) // args.events
            for setup in (local, shared):
                setup.run_chunk(events, retries, args.concurrency)
        for setup in (local, shared):
            setup.stop()
        local, shared = (s.report(api, args.events, n_retries, args.concurrency) for s in (local, shared))
    finally:
        redis.close()
        api.close()
        shutil.rmtree(tmp, ignore_errors=True)

    ok = True
    for run in (local, shared):
        if run["statuses"] != Counter({200: args.events + n_retries}):
            print(f"FAIL ({run['name']}): not every request was acknowledged with 200")
            ok = False
        if max(run["acks"]) >= 3.0:
            print(f"FAIL ({run['name']}): an ack took 3 s or more")
            ok = False
        if run["duplicates"] or run["missing"] or len(run["timings"]) != args.events:
            print(f"FAIL ({run['name']}): every event must be answered exactly once")
            ok = False
    if local["timings"] and shared["timings"]:
        median = percentile(shared["timings"], 50) / percentile(local["timings"], 50)
        ratio = percentile(shared["timings"], 99) / percentile(local["timings"], 99)
        print(f"handler p50, two replicas + Redis / one process without: {median:.2f}x")
        print(f"handler p99, two replicas + Redis / one process without: {ratio:.2f}x (target <= 1.5x)")
        if ratio > 1.5:
            print("FAIL: Redis costs the handler more than 1.5x at p99")
            ok = False
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

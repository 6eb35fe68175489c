"""Real processes for the bot's production tests: `errcode slack --http` and a real `redis-server`.

Each child runs under a memory limit (RLIMIT_AS), so a regression that eats memory fails the test
instead of the machine; every wait is bounded.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from slack_fakes import BOT_TOKEN, SIGNING_SECRET, event_body, signed_headers

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of one child: a bot process uses ~150 MB resident


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def redis_server_path() -> str:
    path = shutil.which("redis-server") or ("/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None)
    if path is None:
        pytest.skip("redis-server is not installed (scripts/setup-redis.sh, run by `make test`, installs "
                    "Debian's redis-server; it could not here)")
    return path


class RedisServer:
    """redis-server on a free loopback port, no persistence; `stop()` kills it, `start()` brings it back
    on the same port (empty)."""

    def __init__(self) -> None:
        self.path = redis_server_path()
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        self.proc = subprocess.Popen(
            [self.path, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--protected-mode", "no", "--daemonize", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_limit_memory)
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"redis-server did not start (exit status {self.proc.poll()})")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc = None


class BotProcess:
    """`python -m ohos_errcode.slackbot --http` on a free port, talking to the fake Slack API."""

    def __init__(self, api_url: str, *args: str, redis_url: str | None = None, env: dict | None = None,
                 tmp_path=None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                    "SLACK_API_URL": api_url, "PORT": str(self.port), "MALLOC_ARENA_MAX": "2",
                    "ERRCODE_CONFIG": os.path.join(str(tmp_path or "/nonexistent"), "none.toml")}
        for name in ("ERRCODE_DOCS", "ERRCODE_LANG", "SLACK_APP_TOKEN", "REDIS_URL"):
            full_env.pop(name, None)
        if redis_url:
            full_env["REDIS_URL"] = redis_url
        full_env.update(env or {})
        self.stderr_path = os.path.join(str(tmp_path or "/tmp"), f"bot-{self.port}.log")
        self._stderr = open(self.stderr_path, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ohos_errcode.slackbot", "--http", "--host", "127.0.0.1", *args],
            env=full_env, stdout=subprocess.DEVNULL, stderr=self._stderr, preexec_fn=_limit_memory)

    def wait_ready(self, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            status, body = self.health()
            if status == 200:
                return body
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"bot did not get ready (exit {self.proc.poll()}): {self.log()}")
            time.sleep(0.05)

    def health(self) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(self.base + "/healthz", timeout=5) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"{}")
        except OSError:
            return 0, {}

    def metrics(self) -> dict[str, float]:
        """Every sample of GET /metrics: `name{labels}` → value."""
        with urllib.request.urlopen(self.base + "/metrics", timeout=5) as resp:
            text = resp.read().decode()
        samples = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                samples[name] = float(value)
        return samples

    def metric(self, prefix: str) -> float:
        """Sum of the samples whose name (labels included) starts with `prefix`."""
        return sum(v for k, v in self.metrics().items() if k.startswith(prefix))

    def post(self, body: bytes | str, headers: dict, timeout: float = 10) -> tuple[int, str, float]:
        data = body.encode() if isinstance(body, str) else body
        req = urllib.request.Request(self.base + "/slack/events", data=data, headers=headers, method="POST")
        start = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read().decode(errors="replace"), time.monotonic() - start
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode(errors="replace"), time.monotonic() - start

    def post_event(self, event: dict, event_id: str, retry: int = 0) -> int:
        body = json.dumps(event_body(event, event_id))
        headers = signed_headers(body)
        if retry:
            headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
        return self.post(body, headers)[0]

    def wait_metric(self, prefix: str, value: float, timeout: float = 20) -> None:
        """Wait until the sum of `prefix` samples reaches `value` (the event that proves work is done)."""
        deadline = time.monotonic() + timeout
        while (got := self.metric(prefix)) < value:
            if time.monotonic() > deadline:
                raise AssertionError(f"{prefix} stayed at {got}, expected {value}: {self.log()}")
            time.sleep(0.05)

    def log(self) -> str:
        if not self._stderr.closed:
            self._stderr.flush()
        with open(self.stderr_path) as f:
            return f.read()

    def terminate(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)

    def wait(self, timeout: float = 20) -> int:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
            raise AssertionError(f"bot did not exit within {timeout} s after SIGTERM: {self.log()}")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        self._stderr.close()


def tracebacks(log: str) -> list[str]:
    return re.findall(r"Traceback \(most recent call last\)", log)


def sum_metric(bots, prefix: str) -> float:
    return sum(b.metric(prefix) for b in bots)


def wait_sum(bots, prefix: str, value: float, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while (got := sum_metric(bots, prefix)) < value:
        if time.monotonic() > deadline:
            raise AssertionError(f"{prefix} stayed at {got} across replicas, expected {value}")
        time.sleep(0.05)

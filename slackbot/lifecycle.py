"""Start, serve, drain: the process's readiness and the threads that answer in the background.

`Lifecycle.state` is "starting" until the app is built, "ready" while serving and "draining" after
SIGTERM (`/healthz` answers 503 in the first and the last).  Work runs in two `TrackedExecutor`s:
Bolt's listener threads (which only acknowledge and hand over, so an ack never waits for a busy
thread) and the answer threads (which may wait seconds on a slow Web API).  `drain(timeout)` waits
for both to be idle, so a SIGTERM lets every answer in flight go out before the process exits.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Iterator

DRAIN_TIMEOUT = 10.0

log = logging.getLogger("ohos_errcode.slackbot")


class TrackedExecutor(ThreadPoolExecutor):
    """A thread pool that knows how many submitted tasks are not finished yet."""

    def __init__(self, max_workers: int, name: str) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix=name)
        self._pending = 0
        self._idle = threading.Condition()

    def submit(self, fn, /, *args, **kwargs) -> Future:
        with self._idle:
            self._pending += 1
        try:
            future = super().submit(fn, *args, **kwargs)
        except BaseException:
            self._done(None)
            raise
        future.add_done_callback(self._done)
        return future

    def _done(self, _future) -> None:
        with self._idle:
            self._pending -= 1
            if self._pending <= 0:
                self._idle.notify_all()

    @property
    def pending(self) -> int:
        return self._pending

    def wait_idle(self, timeout: float) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._pending <= 0, max(0.0, timeout))


class Lifecycle:
    def __init__(self, *, listener_workers: int = 8, answer_workers: int = 16) -> None:
        self.state = "starting"
        self.listeners = TrackedExecutor(listener_workers, "errcode-listener")
        self.answers = TrackedExecutor(answer_workers, "errcode-answer")
        self._requests = 0  # HTTP requests being dispatched (they may still hand work to the listeners)
        self._no_requests = threading.Condition()

    @contextmanager
    def request(self) -> Iterator[None]:
        """Around the dispatch of one HTTP request, so draining waits for it too."""
        with self._no_requests:
            self._requests += 1
        try:
            yield
        finally:
            with self._no_requests:
                self._requests -= 1
                self._no_requests.notify_all()

    @property
    def accepting(self) -> bool:
        return self.state == "ready"

    def ready(self) -> None:
        self.state = "ready"

    def drain(self, timeout: float = DRAIN_TIMEOUT) -> bool:
        """Stop taking work and wait (at most `timeout` s) for what is in flight; True when all finished."""
        self.state = "draining"
        deadline = time.monotonic() + timeout
        with self._no_requests:
            if not self._no_requests.wait_for(lambda: self._requests <= 0, max(0.0, deadline - time.monotonic())):
                return False
        # a listener may still hand an answer over, so: listeners idle, then answers idle, then re-check
        while True:
            if not self.listeners.wait_idle(deadline - time.monotonic()):
                return False
            if not self.answers.wait_idle(deadline - time.monotonic()):
                return False
            if self.listeners.pending == 0 and self.answers.pending == 0:
                break
        self.listeners.shutdown(wait=False)
        self.answers.shutdown(wait=False)
        return True


def in_background(executor: ThreadPoolExecutor, handler):
    """A Bolt listener that acknowledges at once and runs `handler` in `executor`.

    Bolt reads the listener's argument names through `__wrapped__`, so `handler` gets exactly the
    arguments it names; its own `ack()` call becomes a no-op (the request was acknowledged here).
    """

    @functools.wraps(handler)
    def listener(**kwargs):
        ack = kwargs.get("ack")
        if ack is not None:
            ack()
            kwargs["ack"] = _acked
        executor.submit(_run, handler, kwargs)

    return listener


def _run(handler, kwargs: dict) -> None:
    try:
        handler(**kwargs)
    except Exception as exc:  # a handler's own failure: one line, never a lost thread
        log.error("%s failed: %s", getattr(handler, "__name__", "listener"), type(exc).__name__)


def _acked(*_args, **_kwargs) -> None:
    """ack() after the request was acknowledged already."""

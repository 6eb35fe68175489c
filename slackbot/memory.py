"""In-process memory: an expiring set (events and messages answered) and a per-user rate limiter."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from typing import Callable, Hashable


class SeenSet:
    """Thread-safe, bounded, expiring set: `add(key)` is True only the first time within `ttl` seconds."""

    def __init__(self, ttl: float = 3600.0, max_size: int = 50_000, clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self.max_size = max_size
        self.clock = clock
        self._items: OrderedDict[Hashable, float] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, key: Hashable) -> bool:
        now = self.clock()
        with self._lock:
            while self._items:
                oldest, at = next(iter(self._items.items()))
                if now - at < self.ttl and len(self._items) < self.max_size:
                    break
                self._items.popitem(last=False)
            if key in self._items:
                return False
            self._items[key] = now
            return True

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            at = self._items.get(key)
            return at is not None and self.clock() - at < self.ttl

    def __len__(self) -> int:
        return len(self._items)


class RateLimiter:
    """Sliding window per user: at most `limit` questions in `window` seconds.

    `check(user)` returns (allowed, wait_seconds, warn): `warn` is True for the first refused
    question of a burst, so the bot answers politely once instead of flooding the channel.
    """

    def __init__(self, limit: int = 10, window: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 max_users: int = 10_000):
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_users = max_users
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._warned: dict[str, float] = {}
        self._lock = threading.Lock()

    def check(self, user: str | None) -> tuple[bool, int, bool]:
        if self.limit <= 0:
            return True, 0, False
        user = user or "?"
        now = self.clock()
        with self._lock:
            hits = self._hits.pop(user, None) or deque()
            self._hits[user] = hits  # most recent user last
            while len(self._hits) > self.max_users:
                old, _ = self._hits.popitem(last=False)
                self._warned.pop(old, None)
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            if len(hits) < self.limit:
                hits.append(now)
                self._warned.pop(user, None)
                return True, 0, False
            wait = max(1, int(self.window - (now - hits[0]) + 0.999))
            warned_at = self._warned.get(user)
            warn = warned_at is None or now - warned_at >= self.window
            if warn:
                self._warned[user] = now
            return False, wait, warn

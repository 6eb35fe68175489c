"""What every surface shares: the question → answer path, de-duplication and the per-user rate limit.

Every question goes through the core's one query function, `catalog.query(text)`.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from contextlib import contextmanager
from typing import Callable, Hashable, Iterator

from .blocks import Reply, has_cjk, normalize_incoming, render_answers, render_notice
from .settings import Settings




def cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space when one is near, so no code is cut in half."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    return head[:space] if space >= limit - 200 else head


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


class Bot:
    """The catalog plus the state the listeners share."""

    def __init__(self, catalog, settings: Settings | None = None) -> None:
        self.catalog = catalog
        self.settings = settings or Settings()
        self.events = SeenSet(self.settings.dedupe_ttl)  # event_id of every event handled
        self.replies = SeenSet(self.settings.dedupe_ttl)  # (channel, ts) of every message answered
        self.limiter = RateLimiter(self.settings.rate_limit, self.settings.rate_window)
        entries = getattr(catalog, "entries", ())
        self.languages = sorted({getattr(e, "language", "en") for e in entries}) or ["en"]
        self.default_lang = getattr(catalog, "lang", "en") or "en"

    def question_lang(self, text: str) -> str:
        """Chinese questions get Chinese answers (where a Chinese page is loaded; the catalog decides)."""
        return "zh-cn" if has_cjk(text) else self.default_lang

    def answer(self, raw_text: str) -> Reply:
        """Slack message text (with Slack's markup) → the reply, via `catalog.query`."""
        text = cut(normalize_incoming((raw_text or "")[: self.settings.max_chars * 2]), self.settings.max_chars)
        lang = self.question_lang(text)
        return render_answers(self.query(text, lang), lang, self.settings.max_codes)

    def query(self, text: str, lang: str):
        """`catalog.query`: the core bounds its own work on a long message (every code in the
        first 40,000 characters; free-text search over at most 500 characters and 12 words)."""
        return self.catalog.query(text, lang=lang)

    def rate_check(self, user: str | None, text: str = "") -> tuple[bool, Reply | None]:
        """(allowed, polite reply or None when the user was already told)."""
        ok, wait, warn = self.limiter.check(user)
        if ok:
            return True, None
        return False, (render_notice("rate", self.question_lang(text), s=wait) if warn else None)

    def error_reply(self, text: str = "") -> Reply:
        return render_notice("error", self.question_lang(text))

    def home(self) -> dict:
        from .blocks import home_view

        kits = self.catalog.kits() if hasattr(self.catalog, "kits") else []
        codes = len({e.code for e in getattr(self.catalog, "entries", ())})
        return home_view(codes=codes, kits=kits, languages=self.languages, max_codes=self.settings.max_codes)

    @contextmanager
    def timed(self, surface: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            if self.settings.on_timing is not None:
                self.settings.on_timing(surface, time.perf_counter() - start)

"""What every surface shares: the question → answer path, de-duplication and the per-user rate limit.

Every question goes through the core's one query function, `catalog.query(text)`.  The memory of
what was answered and the rate limit live in `SharedState` (this process, or Redis for replicas);
`timed` records each answer's latency, outcome and one log line.
"""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from typing import Iterator

from .blocks import Reply, has_cjk, normalize_incoming, render_answers, render_notice
from .lifecycle import Lifecycle, in_background
from .memory import RateLimiter, SeenSet
from .metrics import Metrics
from .settings import Settings
from .state import EVENT_SEEN, MESSAGE_SEEN, SharedState

log = logging.getLogger("ohos_errcode.slackbot")


def cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space when one is near, so no code is cut in half."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    return head[:space] if space >= limit - 200 else head


def languages_of(catalog) -> list[str]:
    """The languages the catalog has entries in (at least English), from its counts: no entry is
    kept in memory for it."""
    return [lang for lang, n in catalog.entry_counts.items() if n] or ["en"]


class Bot:
    """The catalog plus the state the listeners share."""

    def __init__(self, catalog, settings: Settings | None = None, *, state: SharedState | None = None,
                 lifecycle: Lifecycle | None = None) -> None:
        self.catalog = catalog
        self.settings = settings = settings or Settings()
        self.state = state or SharedState(ttl=settings.dedupe_ttl, rate_limit=settings.rate_limit,
                                          rate_window=settings.rate_window, redis_url=settings.redis_url)
        self.lifecycle = lifecycle or Lifecycle()
        self.metrics = Metrics(lambda: self.catalog, lambda: self.state.status)
        self.default_lang = getattr(catalog, "lang", "en") or "en"

    def use_catalog(self, catalog) -> None:
        """Answer from `catalog` from now on (a new snapshot: slackbot/reload.py); answers in flight
        finish with the catalog they started with; the gauges read the new one."""
        self.catalog = catalog

    @property
    def languages(self) -> list[str]:
        """The languages the catalog answers in (counted on first use, not at start)."""
        return languages_of(self.catalog)

    def code_count(self) -> int:
        """How many codes the catalog knows (/healthz, the Home tab): no entry is read for it."""
        return len(self.catalog.codes())

    def listener(self, handler):
        """The Bolt listener for `handler`: inline when answering before the ack (console mode),
        else acknowledged at once and answered in the lifecycle's answer threads."""
        if self.settings.process_before_response:
            return handler
        return in_background(self.lifecycle.answers, handler)

    def admit(self, *, event_id: str | None = None, message: str | None = None, user=None, count: bool = True):
        """`SharedState.admit` (one round trip to Redis for an event), counting duplicates."""
        verdict = self.state.admit(event_id=event_id, message=message, user=user if isinstance(user, str) else None,
                                   count=count)
        if verdict in (EVENT_SEEN, MESSAGE_SEEN):
            self.metrics.duplicates.inc()
        return verdict

    def question_lang(self, text: str) -> str:
        """Chinese questions get Chinese answers (where a Chinese page is loaded; the catalog decides)."""
        return "zh-cn" if has_cjk(text) else self.default_lang

    def answer(self, raw_text: str) -> Reply:
        """Slack message text (with Slack's markup) → the reply, via `catalog.query`."""
        text = cut(normalize_incoming((raw_text or "")[: self.settings.max_chars * 2]), self.settings.max_chars)
        lang = self.question_lang(text)
        from .throws import answer as throws_answer, thrown_by_line

        got = throws_answer(self.catalog, text)
        if got is not None:
            return got
        return render_answers(self.query(text, lang), lang, self.settings.max_codes,
                              thrown_by=lambda code: thrown_by_line(self.catalog, code))

    def query(self, text: str, lang: str):
        """`catalog.query`: the core bounds its own work on a long message (every code in the
        first 40,000 characters; free-text search over at most 500 characters and 12 words)."""
        return self.catalog.query(text, lang=lang)

    def rate_check(self, user: str | None, text: str = "", message: str | None = None,
                   verdict=None) -> tuple[bool, Reply | None] | None:
        """(allowed, polite reply or None when the user was already told).  With `message`
        ("channel:ts") the message is claimed first, in the same call: None when it was answered
        before (seen through another event, or by another replica).  `verdict`: what the middleware's
        `admit` already decided for this event (then nothing is asked again)."""
        if verdict is None:
            verdict = self.admit(message=message, user=user)
        if isinstance(verdict, str):  # EVENT_SEEN or MESSAGE_SEEN
            return None
        ok, wait, warn = verdict
        if ok:
            return True, None
        self.metrics.rate_limited.inc()
        return False, (render_notice("rate", self.question_lang(text), s=wait) if warn else None)

    def error_reply(self, text: str = "") -> Reply:
        return render_notice("error", self.question_lang(text))

    def reply_for(self, surface: str, text: str, decided: tuple[bool, Reply | None], outcome: dict) -> Reply | None:
        """What to post for a question `rate_check` decided on: the answer when allowed (the error
        notice when answering fails: a question is never left unanswered without saying so), else
        the rate-limit notice (None when the user was already told); `outcome` notes a refusal."""
        allowed, notice = decided
        if not allowed:
            outcome["outcome"] = "rate-limited"
            return notice
        try:
            return self.answer(text)
        except Exception as exc:
            log.error("%s: answering failed: %s", surface, type(exc).__name__)
            return self.error_reply(text)

    def home(self) -> dict:
        from .blocks import home_view

        return home_view(codes=self.code_count(), kits=self.catalog.kits(), languages=self.languages,
                         max_codes=self.settings.max_codes)

    @contextmanager
    def timed(self, surface: str, event_id: str | None = None) -> Iterator[dict]:
        """Around one answer: the caller sets `outcome["outcome"]` ("replied", "rate-limited") and
        `outcome["sent"]` once a message went out; an exception makes it "error".  Latency goes to the
        histogram, on_timing and one log line."""
        outcome = {"outcome": "replied"}
        start = time.perf_counter()
        try:
            yield outcome
        except Exception as exc:
            outcome["outcome"] = "error"
            self.metrics.errors.labels(surface).inc()
            log.error("%s: failed: %s", surface, type(exc).__name__,
                      extra={"event_id": event_id, "surface": surface, "outcome": "error"})
        seconds = time.perf_counter() - start
        if outcome["outcome"] == "duplicate":  # answered before: not an answer to time or log
            return
        self.metrics.latency.labels(surface).observe(seconds)
        if outcome.get("sent"):
            self.metrics.replies.labels(surface).inc()
        if self.settings.on_timing is not None:
            self.settings.on_timing(surface, seconds)
        log.info("%s answered in %.1f ms: %s", surface, seconds * 1000, outcome["outcome"],
                 extra={"event_id": event_id, "surface": surface, "latency_ms": round(seconds * 1000, 2),
                        "outcome": outcome["outcome"]})

__all__ = ["Bot", "RateLimiter", "SeenSet", "cut"]

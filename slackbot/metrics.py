"""Prometheus metrics of one bot process, served as `GET /metrics` (text exposition format).

Each bot has its own registry (several bots in one test process must not collide), filled by the
listeners through `Bot`: events received by type, replies sent, duplicates dropped, rate-limited
questions, errors, handler latency, catalog size and the age of its bundled snapshot.
"""

from __future__ import annotations

import os
import time

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

NAMESPACE = "errcode_slack"
REDIS_UP = {"off": -1, "ok": 1, "degraded": 0}
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


def snapshot_mtime() -> float | None:
    """When the bundled catalog snapshot was built (its file's modification time)."""
    from ..catalog.bundled import bundled_snapshot_path

    path = bundled_snapshot_path()
    try:
        return os.path.getmtime(path)
    except OSError:
        return None


def entry_count(catalog) -> int:
    """The entries of `catalog` (0 without one), from its per-language counts."""
    return sum(catalog.entry_counts.values()) if catalog is not None else 0


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self, catalog=lambda: None, redis_status=lambda: "off") -> None:
        """`catalog()`: the catalog answering now (its entries are counted on the first scrape
        after it is loaded, not at start); `redis_status()`: "off", "ok" or "degraded"."""
        self.registry = CollectorRegistry()
        r = self.registry
        self.events = Counter("events_received", "Slack requests received, by type", ["type"],
                              namespace=NAMESPACE, registry=r)
        self.replies = Counter("replies_sent", "Replies sent, by surface", ["surface"], namespace=NAMESPACE,
                               registry=r)
        self.duplicates = Counter("duplicates_dropped", "Events and messages seen before (Slack retries), "
                                  "acknowledged and not answered again", namespace=NAMESPACE, registry=r)
        self.rate_limited = Counter("rate_limited", "Questions refused by the per-user rate limit",
                                    namespace=NAMESPACE, registry=r)
        self.errors = Counter("errors", "Failures while answering or talking to Slack, by surface", ["surface"],
                              namespace=NAMESPACE, registry=r)
        self.malformed = Counter("malformed_requests", "Requests refused or ignored as malformed", ["reason"],
                                 namespace=NAMESPACE, registry=r)
        self.latency = Histogram("handler_seconds", "Listener start to reply sent, by surface", ["surface"],
                                 buckets=LATENCY_BUCKETS, namespace=NAMESPACE, registry=r)
        redis_up = Gauge("redis_up", "1 when the shared state in Redis is reachable, 0 when degraded, "
                         "-1 without Redis", namespace=NAMESPACE, registry=r)
        redis_up.set_function(lambda: REDIS_UP[redis_status()])
        self.catalog_entries = Gauge("catalog_entries", "Error-code entries in the loaded catalog",
                                     namespace=NAMESPACE, registry=r)
        self.catalog_entries.set_function(lambda: entry_count(catalog()))
        self.catalog_reloads = Counter("catalog_reloads", "Catalogs loaded again because `errcode catalog update` "
                                       "wrote a new snapshot", namespace=NAMESPACE, registry=r)
        age = Gauge("catalog_snapshot_age_seconds", "Age of the bundled catalog snapshot", namespace=NAMESPACE,
                    registry=r)
        built = snapshot_mtime()
        age.set_function(lambda: time.time() - built if built is not None else float("nan"))

    def render(self) -> bytes:
        return generate_latest(self.registry)

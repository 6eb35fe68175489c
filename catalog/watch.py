"""Watching the user's catalog snapshot, for a face that keeps a catalog in memory.

The language server and the Slack bot load their catalog once; when `errcode catalog update`
writes a new snapshot (or the cache's snapshot is replaced or removed), a `SnapshotWatcher` calls
their `on_change`, which loads the new catalog and swaps it in.  The watcher is one daemon thread
that checks `Catalog.snapshot_changed()` (one `stat` of the snapshot file) every `interval`
seconds: no request waits for a check, and a slow file system never stalls a face.  The next check
waits until `on_change` has returned, so two reloads never overlap.

`ERRCODE_RELOAD_SECONDS` sets the interval (default 2 seconds; 0 switches reloading off).
"""

from __future__ import annotations

import logging
import math
import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

INTERVAL_VAR = "ERRCODE_RELOAD_SECONDS"
DEFAULT_INTERVAL = 2.0

log = logging.getLogger("ohos_errcode.catalog")


def reload_interval(environ: Mapping[str, str] = os.environ) -> float:
    """Seconds between two checks, from ERRCODE_RELOAD_SECONDS (0: no reloading)."""
    raw = environ.get(INTERVAL_VAR, "").strip()
    if not raw:
        return DEFAULT_INTERVAL
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        log.warning("%s should be a number of seconds (0: off), got %r; using %g", INTERVAL_VAR, raw,
                    DEFAULT_INTERVAL)
        return DEFAULT_INTERVAL
    return value


class SnapshotWatcher:
    """Calls `on_change()` when the snapshot under `current()` (the catalog in use) has changed."""

    def __init__(self, current: Callable[[], Any], on_change: Callable[[], None], *,
                 interval: float | None = None, name: str = "errcode-snapshot-watch") -> None:
        self.current = current
        self.on_change = on_change
        self.interval = reload_interval() if interval is None else interval
        self.name = name
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> "SnapshotWatcher":
        if self.interval > 0 and self._thread is None:
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def check(self) -> bool:
        """One check: True when the snapshot had changed and `on_change` ran."""
        changed = getattr(self.current(), "snapshot_changed", None)
        if changed is None or not changed():
            return False
        self.on_change()
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception:
                log.exception("reloading the catalog failed; the one loaded before stays in use")

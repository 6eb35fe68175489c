"""The server's view of the core: one `DocumentAnalysis` per open document, kept in step with edits.

Everything here is protocol-free (core positions, core Findings).  A document is analysed off
the event loop when it is opened (edits that arrive meanwhile are queued and replayed); after
that each edit is applied incrementally (`DocumentAnalysis.apply_edit`), on the event loop.
Documents larger than MAX_ANALYZED_CHARS get no diagnostics; hover, completion, inlay hints and
code actions then analyse a window of lines around the request.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections import OrderedDict
from typing import Any

from ..catalog.analyze import AnalyzeOptions, DocumentAnalysis
from ..catalog.model import Finding, Position, Range, Severity
from ..catalog.scan import Literal, NameRef, counts_as_code

log = logging.getLogger("ohos_errcode.server")

MAX_ANALYZED_CHARS = 2_000_000
WINDOW_LINES = 200
MAX_WINDOWS = 4  # window analyses kept per huge document (dropped on its next edit and on close)


def settle() -> None:
    """Take every object alive now out of the cyclic garbage collector's reach (`gc.freeze`).

    Called once, at start-up, after the catalog is loaded: otherwise every full collection walks
    its hundreds of thousands of objects again.  Never on a request path: an object frozen there
    (a window analysis, a replaced document's analysis) would escape the collector for good.
    """
    gc.freeze()


class IdleCollector:
    """The cyclic garbage collector, run when the client has been quiet for a while.

    A server holds big, long-lived analyses; an automatic full collection walks all of them, a
    pause of 100 ms or more in the middle of an edit.  So automatic collection is switched off
    at start-up, and once the client has sent no message (an edit, a hover, a completion…) for
    `quiet` seconds and something was allocated since, the young generations are collected: what
    was allocated since the last time (a few ms after typing).  A full collection (every
    long-lived object: ~100 ms with a 20,000-line document open) runs only when the young ones
    have moved a quarter as many objects to the old generation as it held after the last full
    one (CPython's own rule for its automatic full collections), so one rarely meets a hover or
    an edit after a pause.  A client that never pauses (requests on a timer) gets the same
    collections once `max_pending` objects were allocated, so the heap stays bounded.
    Nothing is frozen, so garbage with reference cycles is still freed, only later.
    """

    FULL_GROWTH = 0.25  # a full collection once the old generation may have grown by this much

    def __init__(self, quiet: float = 1.0, tick: float = 0.5, min_allocations: int = 1000,
                 max_pending: int = 200_000):
        # max_pending: allocations after which the young generations are collected even without a
        # pause (a client that never stops sending requests must not grow the heap without bound)
        self.quiet, self.tick, self.min_allocations, self.max_pending = quiet, tick, min_allocations, max_pending
        self.last_activity = time.monotonic()
        self.collections = 0  # young collections
        self.full_collections = 0
        self.promoted = 0  # objects young collections may have moved to the old generation since the last full one
        self.long_lived = 0  # objects the collector tracked after the last full collection
        self._task: asyncio.Future | None = None

    def start(self) -> None:
        if self._task is None:
            gc.disable()
            self._task = asyncio.ensure_future(self._run())

    def active(self) -> None:
        self.last_activity = time.monotonic()

    def collect(self) -> None:
        """One idle collection: the young generations, and everything when the old one has grown."""
        self.promoted += gc.get_count()[0]
        gc.collect(1)
        self.collections += 1
        if self.promoted > self.FULL_GROWTH * self.long_lived:
            gc.collect()
            self.full_collections += 1
            self.promoted = 0
            self.long_lived = len(gc.get_objects(generation=2))

    def due(self, now: float) -> bool:
        """Whether to collect now: after a pause with something allocated, or when much was."""
        pending = gc.get_count()[0]
        return pending >= self.max_pending or (now - self.last_activity >= self.quiet and pending >= self.min_allocations)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.tick)
            if self.due(time.monotonic()):
                self.collect()


def options(known_severity: Severity | None, not_thrown_severity: Severity | None = Severity.HINT) -> AnalyzeOptions:
    return AnalyzeOptions(known_severity=known_severity, not_thrown_severity=not_thrown_severity)


class View:
    """Read access to an analysis, possibly of a window of lines starting at `first_line`."""

    def __init__(self, analysis: DocumentAnalysis | None, first_line: int = 0, complete: bool = True):
        self.da = analysis
        self.first_line = first_line
        self.complete = complete  # False: a window of a huge document (no findings outside it)

    @property
    def hint(self) -> str | None:
        return self.da.hint if self.da is not None else None

    def _in(self, pos: Position) -> Position:
        return Position(pos.line - self.first_line, pos.character)

    def _shift_range(self, r: Range) -> Range:
        if not self.first_line:
            return r
        d = self.first_line
        return Range(Position(r.start.line + d, r.start.character), Position(r.end.line + d, r.end.character))

    def _shift(self, item):
        if not self.first_line:
            return item
        from dataclasses import replace

        return replace(item, range=self._shift_range(item.range))

    def literal_at(self, pos: Position) -> Literal | None:
        if self.da is None:
            return None
        lit = _safe(self.da.literal_at, self._in(pos))
        return self._shift(lit) if lit is not None else None

    def name_at(self, pos: Position) -> NameRef | None:
        if self.da is None:
            return None
        ref = _safe(self.da.name_at, self._in(pos))
        return self._shift(ref) if ref is not None else None

    def literals_in(self, first: int, last: int) -> list[Literal]:
        """Literals on lines first..last (only those lines are looked at)."""
        if self.da is None:
            return []
        lits = _safe(self.da.literals_in, first - self.first_line, last - self.first_line) or []
        return [self._shift(x) for x in lits]

    @property
    def findings(self) -> list[Finding]:
        if self.da is None or not self.complete:
            return []
        return _safe(lambda: self.da.findings) or []

    def findings_in(self, rng: Range) -> list[Finding]:
        if self.da is None:
            return []
        lo, hi = rng.start.line - self.first_line, rng.end.line - self.first_line
        found = _safe(self.da.findings_in, lo, hi) or []
        out = []
        for f in found:
            r = self._shift_range(f.range)
            if r.start <= rng.end and rng.start <= r.end:
                out.append(f.shifted(self.first_line))
        return out

    def verdict(self, lit: Literal, catalog: Any) -> str | None:
        return _safe(counts_as_code, lit, catalog)


class Tracker:
    """One open document's analysis, built off the event loop, then edited incrementally."""

    def __init__(self, text: str, language: str | None, catalog: Any, opts: AnalyzeOptions):
        self.language = language
        self.catalog = catalog
        self.options = opts
        self.too_big = len(text) > MAX_ANALYZED_CHARS
        self._da: DocumentAnalysis | None = None
        self._pending: list[tuple[Range | None, str]] = []
        self._failed = False
        if language is None or self.too_big:
            self._future = None
        elif len(text) < 20_000:  # small: build now, no thread hop
            self._da = self._build(text)
            self._future = None
        else:
            self._future = asyncio.ensure_future(asyncio.to_thread(self._build, text))

    def _build(self, text: str) -> DocumentAnalysis | None:
        try:
            da = DocumentAnalysis(text, self.language, self.catalog, self.options)
            _ = da.findings  # judge every line now, off the event loop
            return da
        except Exception:
            log.exception("errcode core: analysing a document failed")
            return None

    def edit(self, rng: Range | None, new_text: str) -> None:
        if self._failed or (self._da is None and self._future is None):
            return
        if self._da is not None and not self._pending:
            try:
                self._da.apply_edit(rng, new_text)
            except Exception:
                log.exception("errcode core: apply_edit failed; analysis switched off for this document")
                self._da, self._failed = None, True
        else:
            self._pending.append((rng, new_text))

    @property
    def is_ready(self) -> bool:
        """True when `current` is up to date without awaiting `ready()`."""
        return self._future is None and not self._pending

    @property
    def current(self) -> DocumentAnalysis | None:
        return self._da

    async def ready(self) -> DocumentAnalysis | None:
        if self._future is not None:
            da = await asyncio.shield(self._future)
            if self._future is not None and self._future.done():
                self._future = None
                self._da = da
        if self._da is not None and self._pending:
            pending, self._pending = self._pending, []
            for rng, text in pending:
                self.edit(rng, text)
        return self._da

    def cancel(self) -> None:
        if self._future is not None:
            self._future.cancel()


class Windows:
    """The window analyses of one version of a huge document: at most MAX_WINDOWS, least recently
    used dropped first; the server drops the whole set with the version (an edit, a close)."""

    def __init__(self, revision: int):
        self.revision = revision
        self._views: OrderedDict[tuple[int, int], View] = OrderedDict()

    @staticmethod
    def span(line_count: int, first_line: int, last_line: int) -> tuple[int, int]:
        """The lines (first, last) of the window around a request's lines."""
        last = line_count - 1
        lo = max(0, min(max(first_line, 0), last) - WINDOW_LINES)
        return lo, min(last, max(min(last_line, last), lo) + WINDOW_LINES)

    def get(self, key: tuple[int, int]) -> View | None:
        view = self._views.get(key)
        if view is not None:
            self._views.move_to_end(key)
        return view

    def put(self, key: tuple[int, int], view: View) -> View:
        self._views[key] = view
        while len(self._views) > MAX_WINDOWS:
            self._views.popitem(last=False)
        return view

    def __len__(self) -> int:
        return len(self._views)


def window(lines: list[str], first_line: int, language: str | None, catalog: Any, opts: AnalyzeOptions) -> View:
    """An analysis of a slice of a huge document, positions shifted to the document's lines."""
    if language is None:
        return View(None)
    da = _safe(DocumentAnalysis, "\n".join(lines), language, catalog, opts)
    return View(da, first_line, complete=False)


def _safe(fn, *args):
    try:
        return fn(*args)
    except Exception:  # the core promises not to raise; an editor must keep working if it does
        log.exception("errcode core: %s failed", getattr(fn, "__name__", fn))
        return None

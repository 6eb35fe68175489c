"""The language server: state (catalog, settings, open documents) and the wiring of features.

Each feature lives in its own module with a `register(server)` function; handlers are
thin translations between LSP and the core.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..catalog import Catalog
from . import core
from .diagnostics import DiagnosticsCache, converter_factory, publish_later
from .docs_paths import vet_docs_paths
from .documents import UTF16, Document
from .pipes import widen_pipe
from .protocol import BodyRecorder, ErrcodeProtocol
from .settings import Settings, parse_settings

log = logging.getLogger("ohos_errcode.server")

DEFAULT_DEBOUNCE = 0.150  # seconds


CatalogFactory = Callable[[Sequence[str], str], Catalog]


def default_catalog_factory(docs: Sequence[str], lang: str) -> Catalog:
    return Catalog.load(list(docs), lang=lang)


class ErrcodeServer(LanguageServer):
    def __init__(self, *, docs: Sequence[str] = (), lang: str = "en", debounce: float = DEFAULT_DEBOUNCE,
                 catalog: Catalog | None = None, catalog_factory: CatalogFactory = default_catalog_factory):
        super().__init__("ohos-errcode", __version__, protocol_cls=ErrcodeProtocol,
                         converter_factory=converter_factory,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.cli_docs = tuple(docs)
        self.base_settings = Settings(language=lang)  # defaults for keys a client leaves out
        self.settings = self.base_settings
        self.debounce = max(0.0, debounce)
        self.catalog_factory = catalog_factory
        self._catalog = catalog
        self._catalog_key: tuple | None = (self.cli_docs, lang) if catalog is not None else None
        self.documents: dict[str, Document] = {}
        self._revision: dict[str, int] = {}
        self._trackers: dict[str, core.Tracker] = {}
        self._tasks: dict[str, asyncio.Task] = {}
        self.changed_at: dict[str, tuple[float, float]] = {}  # uri -> (perf_counter, thread_time) of the edit diagnostics are pending for
        self.pulled: set[str] = set()  # documents whose diagnostics the client pulls (no pushes for them)
        self.session = f"{os.getpid():x}.{time.time_ns():x}"  # resultIds of an earlier server never match
        self._diag_caches: dict[str, Any] = {}
        self._windows: dict[str, core.Windows] = {}  # huge documents: a few window analyses each
        self.recorder: BodyRecorder | None = None
        self.pipe_size: int | None = None  # bytes the output pipe holds, when it is one (see pipes.py)
        self.collector = core.IdleCollector()
        self.protocol.on_message = self.collector.active  # every message is activity: no collection inside a burst
        self.background: set[asyncio.Task] = set()  # tasks started by notifications (kept until done)
        self.last_change_ms: float | None = None  # applying the last didChange
        self.last_diagnostics_ms: float | None = None  # last edit received -> diagnostics sent, minus the debounce wait
        self.last_diagnostics_cpu_ms: float | None = None  # of which the event loop thread ran (the rest: waiting for a CPU)
        self.last_publish_ms: float | None = None  # of which: serialising and writing the last publishDiagnostics

    # ------------------------------------------------------------ catalog
    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = self._load_catalog()
        return self._catalog

    def docs_paths(self) -> list[str]:
        root = None
        try:
            root = self.workspace.root_path
        except RuntimeError:
            pass
        out = list(self.cli_docs)
        for p in self.settings.docs_paths:
            path = Path(os.path.expanduser(p))
            if not path.is_absolute() and root:
                path = Path(root) / path
            out.append(str(path))
        return out

    def _catalog_inputs(self) -> tuple[tuple, list[str]]:
        """The catalog key (docs paths as configured, language) and the paths safe to read.

        Paths that are not folders or regular files of a bounded size (a FIFO, /dev/zero, a
        huge file) are reported with window/showMessage and left out."""
        key = (tuple(self.docs_paths()), self.settings.language)
        paths, problems = vet_docs_paths(key[0])
        for problem in problems:
            self.show(types.MessageType.Warning, f"errcode: {problem}")
        return key, paths

    def _loaded(self, key: tuple, cat: Catalog, t0: float) -> Catalog:
        self._catalog, self._catalog_key = cat, key
        log.info("catalog: %d codes from %d pages in %.0f ms", len(cat.codes()), len(getattr(cat, "pages", ())),
                 (time.perf_counter() - t0) * 1000)
        if cat.errors:
            shown = "; ".join(str(e) for e in cat.errors[:3])
            more = f" (and {len(cat.errors) - 3} more)" if len(cat.errors) > 3 else ""
            self.show(types.MessageType.Warning, f"errcode: some documentation could not be read: {shown}{more}")
        return cat

    def _load_catalog(self) -> Catalog:
        key, paths = self._catalog_inputs()
        t0 = time.perf_counter()
        return self._loaded(key, self.catalog_factory(paths, key[1]), t0)

    async def load_catalog(self) -> Catalog:
        """Load the catalog for the current settings in a worker thread (the request loop keeps going)."""
        key, paths = self._catalog_inputs()
        t0 = time.perf_counter()
        cat = await asyncio.to_thread(self.catalog_factory, paths, key[1])
        return self._loaded(key, cat, t0)

    def configure(self, raw: Any) -> bool:
        """Take a client's settings object (absent keys: defaults).  Returns True when the
        catalog must be reloaded (docs or language changed)."""
        parsed = parse_settings(raw, self.base_settings)
        for problem in parsed.problems:
            self.show(types.MessageType.Warning, f"errcode: {problem}")
        self.settings = parsed.settings
        key = (tuple(self.docs_paths()), self.settings.language)
        return self._catalog is None or key != self._catalog_key

    async def apply_settings(self, raw: Any) -> None:
        """`configure`, then reload the catalog if needed and republish every open document."""
        old = self.settings
        if self.configure(raw):
            await self.load_catalog()
        elif old == self.settings:
            return
        self.reanalyse_all()

    async def reload_catalog(self) -> None:
        """The same settings, a new catalog (the user's snapshot changed: server/reload.py), loaded
        in a worker thread; then every open document is analysed again and republished."""
        await self.load_catalog()
        self.reanalyse_all()

    # ------------------------------------------------------------ messages
    def show(self, kind: types.MessageType, text: str) -> None:
        log.warning(text) if kind <= types.MessageType.Warning else log.info(text)
        try:
            self.window_show_message(types.ShowMessageParams(type=kind, message=text))
        except Exception:  # no client yet (before initialize) or the pipe is gone
            pass

    def report_server_error(self, error: Exception, source) -> None:
        # The reading loop reports a body it could not read or handle: answered when it was a request.
        if source is JsonRpcException and self.protocol.refuse_unparsable(
                error, self.recorder.last_body if self.recorder is not None else None):
            return
        # Log instead of popping up an error box for every malformed notification.
        log.error("errcode server: %s: %s", getattr(source, "__name__", source), error)

    # ------------------------------------------------------------ transport
    def start_io(self, stdin=None, stdout=None):
        self.recorder = BodyRecorder(stdin or sys.stdin.buffer)
        self.pipe_size = widen_pipe(stdout or sys.stdout.buffer)  # a whole publish in one write
        super().start_io(self.recorder, stdout)

    @property
    def exit_code(self) -> int:
        """0, or 1 when the client sent `exit` without `shutdown` first."""
        return self.protocol.exit_code or 0

    # ------------------------------------------------------------ capabilities
    @property
    def encoding(self) -> str:
        try:
            enc = self.workspace.position_encoding
        except RuntimeError:
            return UTF16
        return getattr(enc, "value", enc) or UTF16

    @property
    def markdown(self) -> bool:
        try:
            fmt = self.client_capabilities.text_document.hover.content_format  # type: ignore[union-attr]
        except AttributeError:
            return True
        if not fmt:
            return True
        return types.MarkupKind.Markdown in fmt

    # ------------------------------------------------------------ documents
    def _tracker(self, doc: Document) -> core.Tracker:
        return core.Tracker(doc.text, doc.language, self.catalog, core.options(self.settings.known_severity, self.settings.not_thrown_severity))

    def open(self, uri: str, text: str, version: int | None, language_id: str) -> Document:
        self.close(uri)
        self.protocol.out_of_step.discard(uri)  # in step again
        doc = Document(uri, text if isinstance(text, str) else "", version, language_id or "")
        self.documents[uri] = doc
        self._revision[uri] = self._revision.get(uri, 0) + 1
        self._trackers[uri] = self._tracker(doc)
        return doc

    def change(self, uri: str, version: int | None, changes: Sequence[Any]) -> Document | None:
        doc = self.documents.get(uri)
        if doc is None:
            return None
        t0 = time.perf_counter()
        received = getattr(self.protocol, "received_change_at", None)
        if received is not None:
            self.protocol.received_change_at = None
        self.changed_at[uri] = received if received is not None and received[0] <= t0 else (t0, time.thread_time())
        tracker = self._trackers.get(uri)
        enc = self.encoding
        for ch in changes:
            rng = getattr(ch, "range", None)
            core_range = doc.range_from_lsp(rng, enc) if rng is not None else None
            doc.apply_change(ch, enc)
            if tracker is not None:
                tracker.edit(core_range, getattr(ch, "text", "") or "")
        doc.version = version
        self._revision[uri] = self._revision.get(uri, 0) + 1
        self._windows.pop(uri, None)
        if tracker is None or tracker.too_big != (len(doc.text) > core.MAX_ANALYZED_CHARS):
            if tracker is not None:
                tracker.cancel()
            self._trackers[uri] = self._tracker(doc)
        self.last_change_ms = (time.perf_counter() - t0) * 1000
        return doc

    def close(self, uri: str) -> None:
        self.documents.pop(uri, None)
        self.changed_at.pop(uri, None)
        self._diag_caches.pop(uri, None)
        self._windows.pop(uri, None)
        self.pulled.discard(uri)
        tracker = self._trackers.pop(uri, None)
        if tracker is not None:
            tracker.cancel()
        self._revision[uri] = self._revision.get(uri, 0) + 1
        task = self._tasks.pop(uri, None)
        if task is not None:
            task.cancel()

    def reanalyse_all(self) -> None:
        """After a catalog or settings change: fresh analyses, diagnostics republished."""
        for uri, doc in list(self.documents.items()):
            old = self._trackers.pop(uri, None)
            if old is not None:
                old.cancel()
            self._trackers[uri] = self._tracker(doc)
            self._revision[uri] = self._revision.get(uri, 0) + 1
            self.schedule_diagnostics(uri, delay=0.0)
        if self.pulled and self._can_refresh_diagnostics():
            self.workspace_diagnostic_refresh(None)  # pulled documents: the client asks again

    def _can_refresh_diagnostics(self) -> bool:
        try:
            return bool(self.client_capabilities.workspace.diagnostics.refresh_support)  # type: ignore[union-attr]
        except AttributeError:
            return False

    def revision(self, uri: str) -> int:
        return self._revision.get(uri, 0)

    def result_id(self, uri: str) -> str:
        """The pull-diagnostics resultId of the document's current text, settings and catalog."""
        return f"{self.session}.{self.revision(uri)}"

    async def analysis(self, uri: str) -> tuple[Document, core.View] | None:
        """The analysis of the document's current version (None when it is not open)."""
        doc = self.documents.get(uri)
        tracker = self._trackers.get(uri)
        if doc is None or tracker is None:
            return None
        da = await tracker.ready()
        if self.documents.get(uri) is not doc or self._trackers.get(uri) is not tracker:
            return None  # closed or re-opened meanwhile
        return doc, core.View(da, complete=not tracker.too_big)

    def analysis_now(self, uri: str, first_line: int, last_line: int) -> tuple[Document, core.View] | None:
        """Without waiting: the whole analysis when it is up to date, else (a huge document, or one
        still being analysed) a window of lines around the request, built now (a few ms) or cached."""
        doc = self.documents.get(uri)
        tracker = self._trackers.get(uri)
        if doc is None or tracker is None:
            return None
        if not tracker.too_big and tracker.is_ready:
            return doc, core.View(tracker.current, complete=True)
        windows = self._windows_of(uri)
        key = windows.span(doc.line_count, first_line, last_line)
        win = windows.get(key)
        if win is None:
            win = windows.put(key, core.window(*self._window_args(doc, key)))
        return doc, win

    async def analysis_near(self, uri: str, first_line: int, last_line: int) -> tuple[Document, core.View] | None:
        """Like `analysis`; for a document too big to analyse whole, a window of lines around the request."""
        got = await self.analysis(uri)
        if got is None:
            return None
        doc, view = got
        if view.complete:
            return got
        windows = self._windows_of(uri)
        key = windows.span(doc.line_count, first_line, last_line)
        win = windows.get(key)
        if win is None:
            win = await asyncio.to_thread(core.window, *self._window_args(doc, key))
            if self.documents.get(uri) is doc and self._windows.get(uri) is windows:
                windows.put(key, win)
        return doc, win

    @property
    def windows_kept(self) -> int:
        """How many window analyses of huge documents are kept now (for serverStats and tests)."""
        return sum(len(w) for w in self._windows.values())

    def _windows_of(self, uri: str) -> core.Windows:
        """The window analyses of the document's current version (a new, empty set after an edit)."""
        rev = self.revision(uri)
        windows = self._windows.get(uri)
        if windows is None or windows.revision != rev:
            windows = self._windows[uri] = core.Windows(rev)
        return windows

    def _window_args(self, doc: Document, key: tuple[int, int]) -> tuple:
        lo, hi = key
        return ([doc.line(i) for i in range(lo, hi + 1)], lo, doc.language, self.catalog,
                core.options(self.settings.known_severity, self.settings.not_thrown_severity))

    # ------------------------------------------------------------ diagnostics
    def diagnostics_cache(self, uri: str):
        """The JSON-form diagnostics of the document's last published or pulled findings (see diagnostics.DiagnosticsCache)."""
        cache = self._diag_caches.get(uri)
        if cache is None:
            cache = self._diag_caches[uri] = DiagnosticsCache()
        return cache

    def schedule_diagnostics(self, uri: str, delay: float | None = None) -> None:
        task = self._tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        self._tasks[uri] = asyncio.ensure_future(
            publish_later(self, uri, self.revision(uri), self.debounce if delay is None else delay)
        )


def create_server(*, docs: Sequence[str] = (), lang: str = "en", debounce: float = DEFAULT_DEBOUNCE,
                  catalog: Catalog | None = None,
                  catalog_factory: CatalogFactory = default_catalog_factory) -> ErrcodeServer:
    """A ready-to-start server with every feature registered."""
    from . import code_actions, commands, completion, definition, diagnostics, hover, inlay_hints, lifecycle, symbols
    from . import reload

    server = ErrcodeServer(docs=docs, lang=lang, debounce=debounce, catalog=catalog, catalog_factory=catalog_factory)
    for module in (lifecycle, diagnostics, hover, code_actions, commands, inlay_hints, completion, symbols, definition):
        module.register(server)
    reload.register(server)
    return server

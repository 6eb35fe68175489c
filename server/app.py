"""The language server: state (catalog, settings, open documents) and the wiring of features.

Each feature lives in its own module with a `register(server)` function; handlers are
thin translations between LSP and the core.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from .. import __version__
from ..catalog import Catalog
from . import core
from .documents import UTF16, Document
from .settings import Settings, parse_settings

log = logging.getLogger("ohos_errcode.server")

DEFAULT_DEBOUNCE = 0.150  # seconds


@dataclass
class _Malformed:
    """A request whose params could not be read: answered with InvalidParams instead of silence."""

    id: Any
    method: str
    error: JsonRpcException
    jsonrpc: str = "2.0"


class ErrcodeProtocol(LanguageServerProtocol):
    """pygls' protocol, with the server's own text store and an answer for every request."""

    _server: "ErrcodeServer"
    received_change_at: float | None = None  # perf_counter when the last didChange arrived

    def structure_message(self, data: dict[str, Any]):
        if "jsonrpc" not in data:
            return data  # a dict inside a message: structured with the message (as pygls does)
        if data.get("method") == types.TEXT_DOCUMENT_DID_CHANGE:
            self.received_change_at = time.perf_counter()  # before reading its params into objects
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and isinstance(data.get("method"), str):
                return _Malformed(data["id"], data["method"], exc)
            raise

    def handle_message(self, message):
        if isinstance(message, _Malformed):
            log.warning("malformed %s request: %s", message.method, message.error)
            err = JsonRpcInvalidParams(f"invalid params for {message.method}")
            self._send_response(message.id, error=err.to_response_error())
            return
        return super().handle_message(message)

    # The text of open documents is kept by the server (ErrcodeServer.documents), with
    # LSP line breaks and cheap incremental edits; pygls' workspace copy is not needed.
    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        if (h := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield h, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        if (h := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield h, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        if (h := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield h, (params,), None


CatalogFactory = Callable[[Sequence[str], str], Catalog]


def default_catalog_factory(docs: Sequence[str], lang: str) -> Catalog:
    return Catalog.load(list(docs), lang=lang)


class ErrcodeServer(LanguageServer):
    def __init__(self, *, docs: Sequence[str] = (), lang: str = "en", debounce: float = DEFAULT_DEBOUNCE,
                 catalog: Catalog | None = None, catalog_factory: CatalogFactory = default_catalog_factory):
        super().__init__("ohos-errcode", __version__, protocol_cls=ErrcodeProtocol,
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
        self._changed_at: dict[str, float] = {}
        self._diag_caches: dict[str, Any] = {}
        self.last_change_ms: float | None = None  # applying the last didChange
        self.last_diagnostics_ms: float | None = None  # last edit received -> diagnostics sent, minus the debounce wait
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

    def _load_catalog(self) -> Catalog:
        key = (tuple(self.docs_paths()), self.settings.language)
        t0 = time.perf_counter()
        cat = self.catalog_factory(list(key[0]), key[1])
        self._catalog_key = key
        core.settle()
        log.info("catalog: %d entries from %d pages in %.0f ms", len(cat.entries), len(getattr(cat, "pages", ())),
                 (time.perf_counter() - t0) * 1000)
        if cat.errors:
            shown = "; ".join(str(e) for e in cat.errors[:3])
            more = f" (and {len(cat.errors) - 3} more)" if len(cat.errors) > 3 else ""
            self.show(types.MessageType.Warning, f"errcode: some documentation could not be read: {shown}{more}")
        return cat

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
            self._catalog = await asyncio.to_thread(self._load_catalog)
        elif old == self.settings:
            return
        self.reanalyse_all()

    # ------------------------------------------------------------ messages
    def show(self, kind: types.MessageType, text: str) -> None:
        log.warning(text) if kind <= types.MessageType.Warning else log.info(text)
        try:
            self.window_show_message(types.ShowMessageParams(type=kind, message=text))
        except Exception:  # no client yet (before initialize) or the pipe is gone
            pass

    def report_server_error(self, error: Exception, source) -> None:
        # Log instead of popping up an error box for every malformed notification.
        log.error("errcode server: %s: %s", getattr(source, "__name__", source), error)

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
        self._changed_at[uri] = received if received is not None and received <= t0 else t0
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
        if tracker is None or tracker.too_big != (len(doc.text) > core.MAX_ANALYZED_CHARS):
            if tracker is not None:
                tracker.cancel()
            self._trackers[uri] = self._tracker(doc)
        self.last_change_ms = (time.perf_counter() - t0) * 1000
        return doc

    def close(self, uri: str) -> None:
        self.documents.pop(uri, None)
        self._changed_at.pop(uri, None)
        self._diag_caches.pop(uri, None)
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

    def revision(self, uri: str) -> int:
        return self._revision.get(uri, 0)

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

    def analysis_now(self, uri: str) -> tuple[Document, core.View] | None | bool:
        """The analysis when it is available without waiting; False when it needs `await analysis_near`."""
        doc = self.documents.get(uri)
        tracker = self._trackers.get(uri)
        if doc is None or tracker is None:
            return None
        if tracker.too_big or not tracker.is_ready:
            return False
        return doc, core.View(tracker.current, complete=True)

    async def analysis_near(self, uri: str, first_line: int, last_line: int) -> tuple[Document, core.View] | None:
        """Like `analysis`; for a document too big to analyse whole, a window of lines around the request."""
        got = await self.analysis(uri)
        if got is None:
            return None
        doc, view = got
        if view.complete:
            return got
        lo = max(0, min(first_line, doc.line_count - 1) - core.WINDOW_LINES)
        hi = min(doc.line_count - 1, max(last_line, lo) + core.WINDOW_LINES)
        lines = [doc.line(i) for i in range(lo, hi + 1)]
        win = await asyncio.to_thread(core.window, lines, lo, doc.language, self.catalog,
                                      core.options(self.settings.known_severity, self.settings.not_thrown_severity))
        return doc, win

    # ------------------------------------------------------------ diagnostics
    def diagnostics_cache(self, uri: str):
        """The JSON texts of the document's last published diagnostics (see diagnostics.DiagnosticsCache)."""
        cache = self._diag_caches.get(uri)
        if cache is None:
            from .diagnostics import DiagnosticsCache

            cache = self._diag_caches[uri] = DiagnosticsCache()
        return cache

    def schedule_diagnostics(self, uri: str, delay: float | None = None) -> None:
        from .diagnostics import publish_later

        task = self._tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        self._tasks[uri] = asyncio.ensure_future(
            publish_later(self, uri, self.revision(uri), self.debounce if delay is None else delay)
        )


class ClientLogHandler(logging.Handler):
    """Forwards the server's own log records (not pygls') to the client as window/logMessage."""

    LEVELS = {logging.ERROR: types.MessageType.Error, logging.WARNING: types.MessageType.Warning,
              logging.INFO: types.MessageType.Info}

    def __init__(self, server: "ErrcodeServer", level: int = logging.INFO):
        super().__init__(level)
        self.server = server
        self._busy = False

    def emit(self, record: logging.LogRecord) -> None:
        if self._busy or getattr(self.server.protocol, "writer", None) is None:
            return
        self._busy = True
        try:
            kind = self.LEVELS.get(record.levelno, types.MessageType.Log)
            if record.levelno < logging.INFO:
                kind = types.MessageType.Log
            self.server.window_log_message(types.LogMessageParams(type=kind, message=self.format(record)))
        except Exception:
            pass
        finally:
            self._busy = False


def create_server(*, docs: Sequence[str] = (), lang: str = "en", debounce: float = DEFAULT_DEBOUNCE,
                  catalog: Catalog | None = None,
                  catalog_factory: CatalogFactory = default_catalog_factory) -> ErrcodeServer:
    """A ready-to-start server with every feature registered."""
    from . import code_actions, commands, completion, definition, diagnostics, hover, inlay_hints, lifecycle, symbols

    server = ErrcodeServer(docs=docs, lang=lang, debounce=debounce, catalog=catalog, catalog_factory=catalog_factory)
    for module in (lifecycle, diagnostics, hover, code_actions, commands, inlay_hints, completion, symbols, definition):
        module.register(server)
    return server


def attach_client_log(server: ErrcodeServer, level: int = logging.INFO) -> None:
    """Send this package's log records (INFO and up) to the client too (window/logMessage)."""
    handler = ClientLogHandler(server, level)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logging.getLogger("ohos_errcode").addHandler(handler)

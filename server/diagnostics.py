"""Diagnostics: the core's Findings as LSP Diagnostics, pushed (debounced, never stale) and pulled.

Each diagnostic carries `source: "errcode"`, the rule id as `code`, the documentation
anchor as `codeDescription.href`, and in `data` the error code concerned (`data.code`) and,
when the finding has fixes, its fixes (`data.fixes`, ranges in the negotiated encoding), so that
a client can apply them without asking again.  Nothing else: a 20,000-line file has thousands of
diagnostics, republished after every edit, and each byte is serialised again each time (the rule
id is `code` already, and a finding without fixes has no `fixes` key); the server's own quick
fixes (code_actions.py) are made afresh from the findings, not read back from `data`.

Both ways go through pygls: `textDocument/publishDiagnostics` for clients that do not pull, and
`textDocument/diagnostic` (a `resultId` per document version; "unchanged" when the client's
`previousResultId` is still current).  A document with thousands of findings is republished after
every edit, and most findings are the same as last time (the same objects before the edit, the
same but moved after it when lines were added or removed): `DiagnosticsCache` keeps each finding's
diagnostic in JSON form, and the server's converter (`converter_factory`) hands such a JSON-form
diagnostic to pygls' serialiser as it is, so an edit costs the conversion of the findings it
changed, not of every finding.
"""

from __future__ import annotations

import asyncio
import logging
import time

from lsprotocol import types
from pygls.protocol import default_converter

from ..catalog.model import Finding
from .documents import Document

log = logging.getLogger("ohos_errcode.server")

SOURCE = "errcode"


def diagnostic_json(f: Finding, doc: Document, encoding: str, conv=None) -> dict:
    """One Finding as an LSP Diagnostic, already in JSON form (cheap for thousands of findings)."""
    if conv is None:
        conv = doc.converter(encoding)
    d = {
        "range": conv(f.range),
        "severity": int(f.severity),
        "code": f.rule,
        "source": SOURCE,
        "message": f.message,
        "data": {"code": f.code},
    }
    if f.fixes:
        d["data"]["fixes"] = [{"title": fix.title, "range": conv(fix.range), "newText": fix.new_text,
                               "preferred": fix.preferred} for fix in f.fixes]
    if f.url:
        d["codeDescription"] = {"href": f.url}
    return d


def to_diagnostic(f: Finding, doc: Document, encoding: str) -> types.Diagnostic:
    """The same as `diagnostic_json`, as an lsprotocol object (for code actions)."""
    d = diagnostic_json(f, doc, encoding)
    return types.Diagnostic(
        range=doc.range_to_lsp(f.range, encoding),
        message=f.message,
        severity=types.DiagnosticSeverity(int(f.severity)),
        source=SOURCE,
        code=f.rule,
        code_description=types.CodeDescription(href=f.url) if f.url else None,
        data=d["data"],
    )


def converter_factory():
    """pygls' converter, where a Diagnostic already in JSON form (a dict) is passed through as it is.

    cattrs writes the function that unstructures a type the first time one is sent; for a
    completion list (its items, their text edits, label details, documentation) that is ~6 ms, so
    it is done here, at start-up, rather than in the user's first completion."""
    conv = default_converter()
    unstructure = conv.get_unstructure_hook(types.Diagnostic)
    conv.register_unstructure_hook(types.Diagnostic, lambda d: d if type(d) is dict else unstructure(d))
    edit = types.TextEdit(range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
                          new_text="0")
    conv.unstructure(types.CompletionList(is_incomplete=False, items=[types.CompletionItem(
        label="0", label_details=types.CompletionItemLabelDetails(description="0"), kind=types.CompletionItemKind.Constant,
        detail="0", documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value="0"), sort_text="0",
        filter_text="0", text_edit=edit)]))
    return conv


def _moved_json(d: dict, n: int) -> dict:
    """A one-line finding's diagnostic JSON with every range put on line n (the rest shared)."""
    out = d.copy()
    r = d["range"]
    out["range"] = {"start": {"line": n, "character": r["start"]["character"]},
                    "end": {"line": n, "character": r["end"]["character"]}}
    data = d["data"]
    if "fixes" in data:
        out["data"] = {**data, "fixes": [{**fix, "range": {"start": {"line": n, "character": fix["range"]["start"]["character"]},
                                                          "end": {"line": n, "character": fix["range"]["end"]["character"]}}}
                                         for fix in data["fixes"]]}
    return out


def _one_line(f: Finding) -> int | None:
    """The line all of the finding's ranges are on (its range and its fixes'), None if several."""
    r = f.range
    n = r.start.line
    if r.end.line != n:
        return None
    for fix in f.fixes:
        if fix.range.start.line != n or fix.range.end.line != n:
            return None
    return n


def _moved(f: Finding, g: Finding) -> bool:
    """Is `f` the finding `g` moved by whole lines (the same in everything its diagnostic shows)?

    `g` is a one-line finding (`_one_line`), so `f` is one too when its range and fixes are on one
    line with `g`'s columns; what `Finding.shifted` keeps is shared, so most comparisons below are
    of an object with itself."""
    fr, gr = f.range, g.range
    fs, gs, fe, ge = fr.start, gr.start, fr.end, gr.end
    if not (fs.character == gs.character and fe.character == ge.character and fe.line == fs.line
            and f.message == g.message and f.rule == g.rule and f.code == g.code
            and f.url == g.url and f.severity == g.severity):
        return False
    if not f.fixes:
        return not g.fixes
    if len(f.fixes) != len(g.fixes):
        return False
    for a, b in zip(f.fixes, g.fixes):
        ar, br = a.range, b.range
        if (a.title != b.title or a.new_text != b.new_text or a.preferred != b.preferred
                or ar.start.character != br.start.character or ar.end.character != br.end.character
                or ar.start.line != fs.line or ar.end.line != fs.line):
            return False
    return True


class DiagnosticsCache:
    """The JSON-form diagnostics of one document's last published findings, reused when unchanged.

    A cached diagnostic is reused for a finding only when it would come out the same: the same
    finding object (or one equal to it in every shown field but moved by whole lines, then copied
    with its line numbers replaced), on a line whose text is unchanged (columns in UTF-16/UTF-8
    depend on it), in the same position encoding.  Everything else is rendered afresh.

    What is kept per finding is a tuple (finding, its line, that line's raw text, its JSON, whether
    it can move whole): one per finding and publish, so a tuple, not an object.
    """

    def __init__(self) -> None:
        self.encoding: str | None = None
        self._prev: list[tuple] = []
        self._by_id: dict[int, tuple] = {}
        self.reused = self.moved = self.rendered = 0  # of the last `render` (for tests and stats)

    def clear(self) -> None:
        self._prev, self._by_id = [], {}

    def render(self, findings: list[Finding], doc: Document, encoding: str) -> list[dict]:
        """Each finding's diagnostic in JSON form (equal to `diagnostic_json`'s); do not modify them."""
        if encoding != self.encoding:
            self.clear()
            self.encoding = encoding
        prev, by_id = self._prev, self._by_id
        n_prev = len(prev)
        offset = len(findings) - n_prev  # moved findings after an edit keep their place from the end
        # a line's raw text (with its line break): compared, never converted, so a slice is enough
        starts = doc.line_starts
        full = doc.text
        last = len(starts) - 1
        conv = None
        out: list[dict] = []
        cur: list[tuple] = []
        new_by_id: dict[int, tuple] = {}
        moved = rendered = 0
        for j, f in enumerate(findings):
            n = f.range.start.line
            if 0 <= n < last:
                text = full[starts[n]:starts[n + 1]]
            elif n == last:
                text = full[starts[n]:]
            else:
                text = None
            e = by_id.get(id(f))
            if e is None or e[0] is not f or e[2] != text or text is None:
                e = None
                if text is not None:
                    k = j - offset
                    if 0 <= k < n_prev:
                        g = prev[k]
                        if g[4] and g[2] == text and _moved(f, g[0]):
                            e = (f, n, text, _moved_json(g[3], n), True)
                            moved += 1
                if e is None:
                    if conv is None:
                        conv = doc.converter(encoding)
                    e = (f, n, text, diagnostic_json(f, doc, encoding, conv), text is not None and _one_line(f) == n)
                    rendered += 1
            cur.append(e)
            new_by_id[id(f)] = e
            out.append(e[3])
        self._prev, self._by_id = cur, new_by_id
        self.reused, self.moved, self.rendered = len(out) - moved - rendered, moved, rendered
        return out


def publish(server, uri: str, diagnostics: list[dict], version: int | None) -> None:
    """textDocument/publishDiagnostics through pygls (diagnostics in JSON form, see `converter_factory`)."""
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))


async def publish_later(server, uri: str, revision: int, delay: float) -> None:
    """Publish the document's diagnostics after `delay`, unless it changed or closed meanwhile
    (or the client pulls this document's diagnostics)."""
    try:
        slept = 0.0
        if delay > 0:
            t_sleep = time.perf_counter()
            await asyncio.sleep(delay)
            slept = time.perf_counter() - t_sleep
        if uri not in server.documents or server.revision(uri) != revision or uri in server.pulled:
            return
        got = await server.analysis(uri)
        if got is None or uri not in server.documents or server.revision(uri) != revision or uri in server.pulled:
            return  # closed or edited while we were analysing: a newer task publishes
        doc, analysis = got
        rendered = server.diagnostics_cache(uri).render(analysis.findings, doc, server.encoding)
        t_write = time.perf_counter()
        publish(server, uri, rendered, doc.version)
        server.last_publish_ms = (time.perf_counter() - t_write) * 1000
        changed_at = server.changed_at.pop(uri, None)
        if changed_at is not None:
            server.last_diagnostics_ms = (time.perf_counter() - changed_at[0] - slept) * 1000
            server.last_diagnostics_cpu_ms = (time.thread_time() - changed_at[1]) * 1000
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("diagnostics for %s failed", uri)


async def pull(server, params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
    """textDocument/diagnostic: the document's diagnostics, or "unchanged" for a current resultId.

    From a document's first pull on, its diagnostics are no longer pushed (a client that pulls
    would show both); what was pushed before is cleared once."""
    uri = params.text_document.uri
    if uri not in server.pulled:
        server.pulled.add(uri)
        if uri in server.documents:
            publish(server, uri, [], None)
    got = await server.analysis(uri)
    result_id = server.result_id(uri)
    if got is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[], result_id=result_id)
    if params.previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    doc, analysis = got
    items = server.diagnostics_cache(uri).render(analysis.findings, doc, server.encoding)
    return types.RelatedFullDocumentDiagnosticReport(items=items, result_id=result_id)


def register(server) -> None:
    """Pull diagnostics; pushed diagnostics are scheduled from the document notifications (see lifecycle)."""

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
        identifier=SOURCE, inter_file_dependencies=False, workspace_diagnostics=False))
    async def document_diagnostic(params: types.DocumentDiagnosticParams):
        return await pull(server, params)

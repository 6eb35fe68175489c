"""Diagnostics: the core's Findings as LSP Diagnostics, debounced, never stale.

Each diagnostic carries `source: "errcode"`, the rule id as `code`, the documentation
anchor as `codeDescription.href`, and its fixes in `data` (ranges in the negotiated
encoding), so that a client (or `errcode check`) can apply them without asking again.

A document with thousands of findings is republished after every edit, and most findings are
the same as last time (the same objects before the edit, the same but moved after it when lines
were added or removed).  `DiagnosticsCache` keeps each finding's JSON text, and the
publishDiagnostics notification is written as one string built from those texts: an edit costs
the serialisation of the findings it changed, not of every finding.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import time

from lsprotocol import types

from ..catalog.model import Finding
from . import core
from .documents import Document

log = logging.getLogger("ohos_errcode.server")

SOURCE = "errcode"
SETTLE_AFTER = 0.020  # seconds: findings that took longer were mostly built afresh (see core.settle)

_LINE_KEY = '"line":'
_dumps = json.JSONEncoder(separators=(",", ":")).encode  # compact; ensure_ascii as pygls does


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
        "data": {
            "rule": f.rule,
            "code": f.code,
            "fixes": [
                {"title": fix.title, "range": conv(fix.range), "newText": fix.new_text,
                 "preferred": fix.preferred}
                for fix in f.fixes
            ],
        },
    }
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


class _Rendered:
    """One finding's diagnostic JSON text, and what it was made from."""

    __slots__ = ("finding", "line", "text", "json", "pieces")

    def __init__(self, finding: Finding, line: int, text: str | None, json_text: str, pieces: list[str] | None):
        self.finding = finding
        self.line = line  # the one line every range of the finding is on
        self.text = text  # that line's raw text when it was rendered (None: not reusable)
        self.json = json_text
        self.pieces = pieces  # json_text split around its line numbers (None: not movable)


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


def _moved(f: Finding, g: Finding, d: int) -> bool:
    """Is `f` the finding `g` moved down `d` lines (the same in everything its diagnostic shows)?"""
    fr, gr = f.range, g.range
    if (fr.start.character != gr.start.character or fr.end.character != gr.end.character
            or fr.start.line - d != gr.start.line or fr.end.line - d != gr.end.line
            or f.message != g.message or f.rule != g.rule or int(f.severity) != int(g.severity)
            or f.code != g.code or f.url != g.url or len(f.fixes) != len(g.fixes)):
        return False
    for a, b in zip(f.fixes, g.fixes):
        ar, br = a.range, b.range
        if (a.title != b.title or a.new_text != b.new_text or a.preferred != b.preferred
                or ar.start.character != br.start.character or ar.end.character != br.end.character
                or ar.start.line - d != br.start.line or ar.end.line - d != br.end.line):
            return False
    return True


class DiagnosticsCache:
    """The diagnostic JSON texts of one document's last published findings, reused when unchanged.

    A cached text is reused for a finding only when its diagnostic would come out the same: the
    same finding object (or one equal to it in every shown field but moved by whole lines, then
    with its line numbers rewritten), on a line whose text is unchanged (columns in UTF-16/UTF-8
    depend on it), in the same position encoding.  Everything else is rendered afresh.
    """

    def __init__(self) -> None:
        self.encoding: str | None = None
        self._prev: list[_Rendered] = []
        self._by_id: dict[int, _Rendered] = {}
        self.reused = self.moved = self.rendered = 0  # of the last `render` (for tests and stats)

    def clear(self) -> None:
        self._prev, self._by_id = [], {}

    def render(self, findings: list[Finding], doc: Document, encoding: str) -> list[str]:
        """Each finding's diagnostic as JSON text (equal to `diagnostic_json`'s, compactly dumped)."""
        if encoding != self.encoding:
            self.clear()
            self.encoding = encoding
        prev, by_id = self._prev, self._by_id
        n_prev = len(prev)
        offset = len(findings) - n_prev  # moved findings after an edit keep their place from the end
        # a line's raw text (with its line break): compared, never converted, so a slice is enough
        starts = doc.line_starts
        full = doc.text
        n_lines = len(starts)
        last = n_lines - 1
        conv = None
        out: list[str] = []
        cur: list[_Rendered] = []
        new_by_id: dict[int, _Rendered] = {}
        reused = moved = rendered = 0
        for j, f in enumerate(findings):
            n = f.range.start.line
            if 0 <= n < last:
                text = full[starts[n]:starts[n + 1]]
            elif n == last:
                text = full[starts[n]:]
            else:
                text = None
            e = by_id.get(id(f))
            if e is not None and e.finding is f and text is not None and e.text == text:
                reused += 1
            else:
                e = None
                if text is not None:
                    k = j - offset
                    g = prev[k] if 0 <= k < n_prev else None
                    if g is not None and g.pieces is not None and g.text == text and _moved(f, g.finding, n - g.line):
                        e = _Rendered(f, n, text, (_LINE_KEY + str(n)).join(g.pieces), g.pieces)
                        moved += 1
                if e is None:
                    if conv is None:
                        conv = doc.converter(encoding)
                    e = self._fresh(f, doc, encoding, conv, text)
                    rendered += 1
            cur.append(e)
            new_by_id[id(f)] = e
            out.append(e.json)
        self._prev, self._by_id = cur, new_by_id
        self.reused, self.moved, self.rendered = reused, moved, rendered
        return out

    @staticmethod
    def _fresh(f: Finding, doc: Document, encoding: str, conv, text: str | None) -> _Rendered:
        js = _dumps(diagnostic_json(f, doc, encoding, conv))
        n = f.range.start.line
        pieces = None
        if text is not None and _one_line(f) == n:
            # every line number in the text is n: keep the text around them, to move it cheaply
            parts = js.split(_LINE_KEY)
            s = str(n)
            if len(parts) == 3 + 2 * len(f.fixes) and all(
                    p.startswith(s) and not p[len(s):len(s) + 1].isdigit() for p in parts[1:]):
                pieces = [parts[0], *(p[len(s):] for p in parts[1:])]
        return _Rendered(f, n, text, js, pieces)


def _send_raw(protocol, body: str) -> None:
    """Write one JSON-RPC message already serialised to `body` (what pygls' `_send_data` does after
    `json.dumps`)."""
    writer = protocol.writer
    if writer is None:
        log.error("Unable to send data, no available transport!")
        return
    if getattr(protocol, "_include_headers", True):
        data = (f"Content-Length: {len(body.encode(protocol.CHARSET))}\r\n"
                f"Content-Type: {protocol.CONTENT_TYPE}; charset={protocol.CHARSET}\r\n\r\n{body}")
    else:
        data = body
    res = writer.write(data.encode(protocol.CHARSET))
    if inspect.isawaitable(res):
        asyncio.ensure_future(res)


def publish(server, uri: str, diagnostics: list[dict], version: int | None) -> None:
    params: dict = {"uri": uri, "diagnostics": diagnostics}
    if version is not None:
        params["version"] = version
    # A generic notification: the params are plain JSON already, no cattrs pass over thousands of objects.
    server.protocol._send_data({"jsonrpc": "2.0", "method": types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
                                "params": params})


def publish_rendered(server, uri: str, rendered: list[str], version: int | None) -> None:
    """`publish`, from the diagnostics' JSON texts (`DiagnosticsCache.render`)."""
    tail = "]}}" if version is None else f'],"version":{int(version)}}}}}'
    body = "".join((
        '{"jsonrpc":"2.0","method":', _dumps(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS),
        ',"params":{"uri":', _dumps(uri), ',"diagnostics":[', ",".join(rendered), tail,
    ))
    _send_raw(server.protocol, body)


async def publish_later(server, uri: str, revision: int, delay: float) -> None:
    """Publish the document's diagnostics after `delay`, unless it changed or closed meanwhile."""
    try:
        slept = 0.0
        if delay > 0:
            t_sleep = time.perf_counter()
            await asyncio.sleep(delay)
            slept = time.perf_counter() - t_sleep
        if uri not in server.documents or server.revision(uri) != revision:
            return
        got = await server.analysis(uri)
        if got is None or uri not in server.documents or server.revision(uri) != revision:
            return  # closed or edited while we were analysing: a newer task publishes
        doc, analysis = got
        t_find = time.perf_counter()
        findings = analysis.findings
        if time.perf_counter() - t_find > SETTLE_AFTER:
            core.settle()  # the analysis was (re)built: e.g. an edit of the file's imports re-judged every line
        cache = server.diagnostics_cache(uri)
        rendered = cache.render(findings, doc, server.encoding)
        t_write = time.perf_counter()
        publish_rendered(server, uri, rendered, doc.version)
        server.last_publish_ms = (time.perf_counter() - t_write) * 1000
        changed_at = server._changed_at.pop(uri, None)
        if changed_at is not None:
            server.last_diagnostics_ms = (time.perf_counter() - changed_at - slept) * 1000
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("diagnostics for %s failed", uri)


def register(server) -> None:
    """Diagnostics are pushed from the document notifications (see lifecycle)."""

"""Diagnostics: the core's Findings as LSP Diagnostics, debounced, never stale.

Each diagnostic carries `source: "errcode"`, the rule id as `code`, the documentation
anchor as `codeDescription.href`, and its fixes in `data` (ranges in the negotiated
encoding), so that a client (or `errcode check`) can apply them without asking again.
"""

from __future__ import annotations

import asyncio
import logging
import time

from lsprotocol import types

from ..catalog.model import Finding
from .documents import Document

log = logging.getLogger("ohos_errcode.server")

SOURCE = "errcode"


def to_diagnostic(f: Finding, doc: Document, encoding: str) -> types.Diagnostic:
    data = {
        "rule": f.rule,
        "code": f.code,
        "fixes": [
            {
                "title": fix.title,
                "range": _range_json(doc.range_to_lsp(fix.range, encoding)),
                "newText": fix.new_text,
                "preferred": fix.preferred,
            }
            for fix in f.fixes
        ],
    }
    return types.Diagnostic(
        range=doc.range_to_lsp(f.range, encoding),
        message=f.message,
        severity=types.DiagnosticSeverity(int(f.severity)),
        source=SOURCE,
        code=f.rule,
        code_description=types.CodeDescription(href=f.url) if f.url else None,
        data=data,
    )


def _range_json(r: types.Range) -> dict:
    return {"start": {"line": r.start.line, "character": r.start.character},
            "end": {"line": r.end.line, "character": r.end.character}}


async def publish_later(server, uri: str, revision: int, delay: float) -> None:
    """Publish the document's diagnostics after `delay`, unless it changed or closed meanwhile."""
    try:
        if delay > 0:
            await asyncio.sleep(delay)
        if uri not in server.documents or server.revision(uri) != revision:
            return
        t0 = time.perf_counter()
        got = await server.analysis(uri)
        if got is None or uri not in server.documents or server.revision(uri) != revision:
            return  # closed or edited while we were analysing: a newer task publishes
        doc, analysis = got
        enc = server.encoding
        diagnostics = [to_diagnostic(f, doc, enc) for f in analysis.findings]
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=doc.version)
        )
        server.last_diagnostics_ms = (time.perf_counter() - t0) * 1000
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("diagnostics for %s failed", uri)


def register(server) -> None:
    """Diagnostics are pushed from the document notifications (see lifecycle)."""

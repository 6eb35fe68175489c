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


def publish(server, uri: str, diagnostics: list[dict], version: int | None) -> None:
    params: dict = {"uri": uri, "diagnostics": diagnostics}
    if version is not None:
        params["version"] = version
    # A generic notification: the params are plain JSON already, no cattrs pass over thousands of objects.
    server.protocol._send_data({"jsonrpc": "2.0", "method": types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
                                "params": params})


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
        enc = server.encoding
        conv = doc.converter(enc)
        publish(server, uri, [diagnostic_json(f, doc, enc, conv) for f in analysis.findings], doc.version)
        changed_at = server._changed_at.pop(uri, None)
        if changed_at is not None:
            server.last_diagnostics_ms = (time.perf_counter() - changed_at - slept) * 1000
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("diagnostics for %s failed", uri)


def register(server) -> None:
    """Diagnostics are pushed from the document notifications (see lifecycle)."""

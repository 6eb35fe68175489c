"""workspace/executeCommand: `errcode.explain` and `errcode.search`.

errcode.explain [query, options?]   query: a code (int or text), a C name, `NAME + n`, a sentence.
    Returns {"query", "found", "markdown", "text", "answers": [{query, kind, code, entries, suggestions}]}.
    With options {"show": true} (what the "Show explanation" code action sends) the plain-text
    explanation is also shown with window/showMessage, for clients that ignore command results.
errcode.search [text, limit?]  Returns [{code, kit, kitName, title}] best first (for quick-pick lists).
errcode.serverStats []  Server-side timings of the last edit and diagnostics publish (for benchmarks).
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from lsprotocol import types

from . import render

log = logging.getLogger("ohos_errcode.server")

EXPLAIN = "errcode.explain"
SEARCH = "errcode.search"
STATS = "errcode.serverStats"
MAX_QUERY = 2000


def _entry_json(e) -> dict:
    d = asdict(e)
    d["heading"] = f"{e.code} {e.title}".strip()
    return d


def explain(server, query: Any, kit: str | None = None) -> dict:
    if isinstance(query, bool) or not isinstance(query, (int, str)):
        raise ValueError("errcode.explain needs a code, a name or a question as its first argument")
    text = str(query)[:MAX_QUERY]
    lang = server.settings.language
    answers = server.catalog.query(text, kit_hint=kit, lang=lang) if text.strip() else []
    md_parts, text_parts, out = [], [], []
    for a in answers:
        if a.kind == "text":
            entries = list(a.entries[:5])
        else:
            entries = list(a.entries)
        name = a.query if a.kind in ("symbol", "expression") else None
        if entries and a.kind == "text":  # search hits: different codes, one section each
            md_parts.extend(render.explain([e], markdown=True, lang=lang) for e in entries)
            text_parts.extend(render.explain([e], markdown=False, lang=lang) for e in entries)
        elif entries:
            md_parts.append(render.explain(entries, markdown=True, lang=lang, code=a.code, name=name))
            text_parts.append(render.explain(entries, markdown=False, lang=lang, code=a.code, name=name))
        elif a.code is not None or a.kind == "symbol":
            md_parts.append(render.unknown(a.code, a.suggestions, markdown=True, lang=lang, name=name)
                            if a.code is not None else _unknown_name(a, lang))
            text_parts.append(render.unknown(a.code, a.suggestions, markdown=False, lang=lang, name=name)
                              if a.code is not None else _unknown_name(a, lang))
        out.append({
            "query": a.query,
            "kind": a.kind,
            "code": a.code,
            "entries": [_entry_json(e) for e in entries],
            "suggestions": [_entry_json(e) for e in a.suggestions],
        })
    found = any(a.found for a in answers)
    if not md_parts:
        nothing = f"Nothing found for {text.strip()!r}" if text.strip() else "Nothing to explain"
        md_parts, text_parts = [nothing], [nothing]
    return {
        "query": text,
        "found": found,
        "markdown": render.RULE_MD.join(md_parts),
        "text": render.RULE_TEXT.join(text_parts),
        "answers": out,
    }


def _unknown_name(answer, lang: str) -> str:
    from ..catalog import render as core_render

    return core_render.unknown_text(answer, lang)


def search(server, text: Any, limit: Any = 20) -> list[dict]:
    if not isinstance(text, (str, int)) or isinstance(text, bool):
        raise ValueError("errcode.search needs a query string as its first argument")
    limit = limit if isinstance(limit, int) and not isinstance(limit, bool) and 0 < limit <= 500 else 20
    q = str(text)[:MAX_QUERY].strip()
    cat = server.catalog
    lang = server.settings.language
    seen, out = set(), []

    def add(e) -> None:
        if (e.kit, e.code) not in seen and len(out) < limit:
            seen.add((e.kit, e.code))
            out.append({"code": e.code, "kit": e.kit, "kitName": e.kit_name, "title": e.title})

    if not q:
        for code in cat.codes()[:limit]:
            for e in cat.lookup(code, lang=lang):
                add(e)
        return out
    for a in cat.query(q, lang=lang):
        for e in a.entries:
            add(e)
    if q.lstrip("-").isdigit():  # prefix matches while typing a number
        for code in cat.codes():
            if str(code).startswith(q):
                for e in cat.lookup(code, lang=lang):
                    add(e)
    return out


def register(server) -> None:
    @server.command(EXPLAIN)
    def explain_command(ls, *args) -> dict:
        if not args:
            raise ValueError("errcode.explain needs a code, a name or a question as its first argument")
        opts = args[1] if len(args) > 1 and isinstance(args[1], dict) else {}
        kit = opts.get("kit") if isinstance(opts.get("kit"), str) else None
        result = explain(server, args[0], kit)
        if opts.get("show"):
            server.show(types.MessageType.Info, result["text"])
        return result

    @server.command(SEARCH)
    def search_command(ls, *args) -> list[dict]:
        if not args:
            raise ValueError("errcode.search needs a query string as its first argument")
        return search(server, args[0], args[1] if len(args) > 1 else 20)

    @server.command(STATS)
    def stats_command(ls, *args) -> dict:
        """Timings for benchmarks and bug reports (milliseconds, server side)."""
        return {
            "lastChangeMs": server.last_change_ms,
            "lastDiagnosticsMs": server.last_diagnostics_ms,
            "lastDiagnosticsCpuMs": server.last_diagnostics_cpu_ms,
            "lastPublishMs": server.last_publish_ms,
            "documents": len(server.documents),
            "windowAnalyses": server.windows_kept,
            "catalogEntries": len(server.catalog.entries),
            "encoding": server.encoding,
            "outputPipeBytes": server.pipe_size,
            "idleCollections": server.collector.collections,
            "fullCollections": server.collector.full_collections,
        }

"""workspace/symbol: the catalog's codes and C names, as locations in the reference pages."""

from __future__ import annotations

from lsprotocol import types

from .definition import entry_location

MAX_SYMBOLS = 200


def register(server) -> None:
    @server.feature(types.WORKSPACE_SYMBOL)
    def workspace_symbol(params: types.WorkspaceSymbolParams) -> list[types.WorkspaceSymbol]:
        q = (params.query or "").strip()[:200]
        cat, lang = server.catalog, server.settings.language
        entries = []
        if not q:
            entries = [e for c in cat.codes() for e in cat.lookup(c, lang=lang)]
        elif q.lstrip("-").isdigit():
            entries = [e for c in cat.codes() if str(c).startswith(q) for e in cat.lookup(c, lang=lang)]
        else:
            up = q.upper()
            named = [c for name, c in cat.symbols().items() if up in name]
            seen = set()
            for c in sorted(set(named)):
                for e in cat.lookup(c, lang=lang):
                    seen.add((e.kit, e.code))
                    entries.append(e)
            for hit in cat.search(q, limit=50, lang=lang):
                if (hit.entry.kit, hit.entry.code) not in seen:
                    seen.add((hit.entry.kit, hit.entry.code))
                    entries.append(hit.entry)
        out = []
        for e in entries:
            loc = entry_location(e)
            if loc is None:
                continue
            name = f"{e.code} {e.title}".strip()
            if e.symbols:
                name += f" ({e.symbols[0]})"
            out.append(types.WorkspaceSymbol(name=name, kind=types.SymbolKind.Constant, location=loc,
                                             container_name=e.kit_name))
            if len(out) >= MAX_SYMBOLS:
                break
        return out

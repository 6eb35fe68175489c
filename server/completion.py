"""textDocument/completion: error codes with their titles where a code is expected:
after `err.code === `, `case `, `assertEqual(` and similar error contexts."""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from lsprotocol import types

from ..catalog import render as core_render
from . import api_hover

# The text before the cursor on its line, ending in a (possibly empty) number being typed.
_CONTEXT = re.compile(
    r"""(?:
        (?:\.code|\bcode|\berrCode|\berrorCode|\berrcode|\bret|\bresult|\bstatus)\s*(?:[!=]==?|<|>)\s*
      | \bcase\s+
      | \bassertEqual\s*\(\s*
      | \btoBe\s*\(\s*
      | \bcode\s*:\s*
    )(?P<typed>-?\d*)$""",
    re.VERBOSE,
)
MAX_ITEMS = 500
_RANKED: WeakKeyDictionary = WeakKeyDictionary()  # catalog -> (kit hint, language) -> its codes ranked


def ranked_codes(catalog, hint: str | None, lang: str) -> list[tuple[int, list]]:
    """Every documented code with its entries, best first: the hinted kit's, then codes of 7+
    digits, then by number.  Made once per catalog, kit hint and language (a catalog of 11,000
    codes costs a lookup of each once, not at every completion)."""
    per = _RANKED.setdefault(catalog, {})
    got = per.get((hint, lang))
    if got is None:
        rows = []
        for code in catalog.codes():
            entries = catalog.lookup(code, kit_hint=hint, lang=lang)
            if entries:
                rows.append((0 if hint and entries[0].kit == hint else 1, len(str(abs(code))) < 7, code, entries))
        rows.sort(key=lambda t: t[:3])
        got = per[(hint, lang)] = [(code, entries) for _, _, code, entries in rows]
    return got


def typed_prefix(line_before: str) -> str | None:
    """The digits typed so far when the cursor is where an error code is expected; None otherwise."""
    m = _CONTEXT.search(line_before[-200:])
    return m.group("typed") if m else None


def register(server) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[" ", "("], resolve_provider=False),
    )
    async def completion(params: types.CompletionParams) -> types.CompletionList | None:
        doc = server.documents.get(params.text_document.uri)
        if doc is None or doc.language is None:
            return None
        p = params.position
        if p.line < 0 or p.line >= doc.line_count:
            return None
        enc = server.encoding
        pos = doc.from_lsp(p, enc)
        before = doc.line(pos.line)[: pos.character]
        typed = typed_prefix(before)
        if typed is None:
            return None
        got = await server.analysis_near(params.text_document.uri, p.line, p.line)
        hint = got[1].hint if got else None
        cat, lang = server.catalog, server.settings.language
        start = doc.to_lsp(type(pos)(pos.line, pos.character - len(typed)), enc)
        edit_range = types.Range(start=start, end=doc.to_lsp(pos, enc))
        md = server.markdown
        items = []
        ranked = ranked_codes(cat, hint, lang)
        if typed:
            ranked = [r for r in ranked if str(r[0]).startswith(typed)]
        first = api_hover.catch_codes(got[1], pos) if got else {}  # the try block's codes come first
        if first:
            ranked = [r for r in ranked if r[0] in first] + [r for r in ranked if r[0] not in first]
        for i, (code, entries) in enumerate(ranked[:MAX_ITEMS]):
            best = entries[0]
            doc_text = "\n\n---\n\n".join(
                core_render.entry_markdown(e, lang) if md else core_render.entry_text(e, lang) for e in entries
            )
            items.append(types.CompletionItem(
                label=str(code),
                label_details=types.CompletionItemLabelDetails(
                    description=f"{first[code]} · {best.title or best.kit_name}" if code in first else best.title or best.kit_name),
                kind=types.CompletionItemKind.Constant,
                detail=f"{best.title} ({best.kit_name})".strip() if best.title else best.kit_name,
                documentation=types.MarkupContent(kind=types.MarkupKind.Markdown if md else types.MarkupKind.PlainText,
                                                  value=doc_text),
                sort_text=f"{i:05d}",
                filter_text=str(code),
                text_edit=types.TextEdit(range=edit_range, new_text=str(code)),
            ))
        return types.CompletionList(is_incomplete=len(ranked) > MAX_ITEMS, items=items)

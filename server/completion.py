"""textDocument/completion: error codes with their titles where a code is expected:
after `err.code === `, `case `, `assertEqual(` and similar error contexts, and in C/C++ after
any variable that holds the code of a resolved `OH_*` call (`rc == `, `errCode != `,
`EXPECT_EQ(rc, `; `case ` in `switch (rc)`), that call's codes first, inserted as the names its
`@return` documents them by (`IMAGE_BAD_PARAMETER`, not 401: what C code compares with)."""

from __future__ import annotations

import re

from lsprotocol import types

from ..catalog import render as core_render
from ..catalog.per_catalog import PerCatalog
from ..catalog.api.c_returns import code_expected_at, switch_operand_before
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
_CASE = re.compile(r"\bcase\s+(-?\d*)$")
MAX_ITEMS = 500
SWITCH_LINES_BACK = 60  # lines a `case` may be below its `switch (rc) {` (a C call's region is read 40 lines on)
_RANKED = PerCatalog(lambda catalog: {})  # catalog -> (kit hint, language) -> its codes ranked


def ranked_codes(catalog, hint: str | None, lang: str) -> list[tuple[int, list]]:
    """Every documented code with its entries, best first: the hinted kit's, then codes of 7+
    digits, then by number.  Made once per catalog, kit hint and language (a catalog of 11,000
    codes costs a lookup of each once, not at every completion)."""
    per = _RANKED.get(catalog)
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


def c_context(view, pos, generic: bool) -> tuple[str | None, object] | None:
    """C/C++: (the number typed, the region whose codes come first, or None) where a code is
    expected; None where none is.  `rc == ` (`EXPECT_EQ(rc, `, …) is such a place when `rc` holds
    the code of a resolved `OH_*` call whose region holds the cursor (catalog/api/c_returns.py),
    whatever its name; `case ` in `switch (rc)` (or `switch (OH_X(…))`) gets that region; a
    `generic` context (`ret == `, `case `) stays one without a region, and gets the region only
    when it is the compared variable's."""
    region = api_hover.handler_region(view, pos)
    if region is not None and not any(c.apis for c in region.calls):
        region = None
    line = api_hover.code_only_before(view, pos)
    got = code_expected_at(line, len(line))
    if got is not None:
        var, typed = got
    elif m := _CASE.search(line):
        operand = switch_operand_before(api_hover.code_only_before(view, pos, SWITCH_LINES_BACK))
        var = "" if operand and operand.startswith("OH_") else operand
        typed = m.group(1)
    else:
        return (None, None) if generic else None
    if region is not None and (var is None or region.err != var):
        region = None
    if region is None and not generic:
        return None
    return typed, region


def register(server) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[" ", "("], resolve_provider=True),
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
        if typed is None and (doc.language != "c" or code_expected_at(before, len(before)) is None):
            return None  # (C: a comparison with a variable; whether it holds a call's code is asked below)
        got = await server.analysis_near(params.text_document.uri, p.line, p.line)
        view = got[1] if got else None
        if doc.language == "c":
            ctx = c_context(view, pos, typed is not None)
            if ctx is None:
                return None
            region = ctx[1]
            typed = typed if ctx[0] is None else ctx[0]
        else:
            region = api_hover.handler_region(view, pos)
        hint = view.hint if view else None
        cat, lang = server.catalog, server.settings.language
        start = doc.to_lsp(type(pos)(pos.line, pos.character - len(typed)), enc)
        edit_range = types.Range(start=start, end=doc.to_lsp(pos, enc))
        md = server.markdown
        items = []
        ranked = ranked_codes(cat, hint, lang)
        if typed:
            ranked = [r for r in ranked if str(r[0]).startswith(typed)]
        first = api_hover.region_codes(region)  # the try block's (the C call's) codes come first
        if first:
            ranked = [r for r in ranked if r[0] in first] + [r for r in ranked if r[0] not in first]
        names = api_hover.region_names(region)  # C: the call's codes are inserted as its enum's names
        lazy = resolves_documentation(server)
        for i, (code, entries) in enumerate(ranked[:MAX_ITEMS]):
            best = entries[0]
            name = names.get(code)
            items.append(types.CompletionItem(
                label=name or str(code),
                label_details=types.CompletionItemLabelDetails(
                    detail=f" = {code}" if name else None,
                    description=f"{first[code]} · {best.title or best.kit_name}" if code in first else best.title or best.kit_name),
                kind=types.CompletionItemKind.EnumMember if name else types.CompletionItemKind.Constant,
                detail=f"{best.title} ({best.kit_name})".strip() if best.title else best.kit_name,
                documentation=None if lazy else documentation(entries, lang, md, (code, hint), cat),
                sort_text=f"{i:05d}",
                filter_text=f"{code} {name}" if name else None,  # the number typed so far still matches
                text_edit=types.TextEdit(range=edit_range, new_text=name or str(code)),
                data=[code, hint] if lazy else None,
            ))
        return types.CompletionList(is_incomplete=len(ranked) > MAX_ITEMS, items=items)

    @server.feature(types.COMPLETION_ITEM_RESOLVE)
    def resolve(item: types.CompletionItem) -> types.CompletionItem:
        """The documentation of the item the client shows (its every meaning), left out of the list."""
        got = item.data
        if (item.documentation is None and isinstance(got, list) and len(got) == 2 and isinstance(got[0], int)
                and not isinstance(got[0], bool) and (got[1] is None or isinstance(got[1], str))):
            lang = server.settings.language
            entries = server.catalog.lookup(got[0], kit_hint=got[1], lang=lang)
            if entries:
                item.documentation = documentation(entries, lang, server.markdown, (got[0], got[1]), server.catalog)
        return item


_DOCS = PerCatalog(lambda catalog: {})  # catalog -> (code, kit hint, language, markdown) -> text


def documentation(entries, lang: str, md: bool, key: tuple | None = None, catalog=None) -> types.MarkupContent:
    """A completion item's documentation: every meaning of its code.  With `key` (code, kit hint)
    and the `catalog` the entries come from, the text is made once per catalog (a list of 160
    codes renders 160 entries' Markdown: ~2 ms a completion)."""
    kind = types.MarkupKind.Markdown if md else types.MarkupKind.PlainText
    memo = _DOCS.get(catalog) if key is not None and catalog is not None else None
    text = memo.get((*key, lang, md)) if memo is not None else None
    if text is None:
        text = "\n\n---\n\n".join(core_render.entry_markdown(e, lang) if md else core_render.entry_text(e, lang) for e in entries)
        if memo is not None:
            memo[(*key, lang, md)] = text
    return types.MarkupContent(kind=kind, value=text)


def resolves_documentation(server) -> bool:
    """Whether the client resolves completion items (LSP 3.16 `resolveSupport`; `documentation` is
    always one a client may resolve): then an item's documentation comes with `completionItem/
    resolve`, for the item shown, not with each of the list's items (two thirds of its bytes)."""
    try:
        return server.client_capabilities.text_document.completion.completion_item.resolve_support is not None  # type: ignore[union-attr]
    except AttributeError:
        return False

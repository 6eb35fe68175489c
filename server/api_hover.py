"""Hover on API calls and on codes inside a catch (catalog/api): what a call can throw, and
which of a try block's calls can throw the code under the cursor.

The document's API analysis is made once per text (`catalog.api.rule.document_apis`, kept with
the document's analysis), not per request.
"""

from __future__ import annotations

from lsprotocol import types

from ..catalog.api.render import region_note, throws_text
from ..catalog.api.rule import document_apis, throwable
from ..catalog.model import Position, Range


def _apis(view):
    da = getattr(view, "da", None)
    if da is None or getattr(view, "first_line", 0) or not getattr(view, "complete", True):
        return None
    try:
        return document_apis(da)
    except Exception:
        return None


def call_hover(view, pos: Position, catalog, markdown: bool):
    """(text, core Range) for an API call under the cursor, or None."""
    apis = _apis(view)
    if apis is None:
        return None
    # the lines around the cursor only (`call_at`): every call of the file (`apis.calls`) would be
    # found and resolved again after each edit, hundreds of ms in a 20,000-line file
    call = apis.call_at(apis.offset(pos.line, pos.character))
    if call is None or call.kind not in ("exact", "guess") or not call.apis:
        return None
    line, col = apis.position(call.start)
    text = throws_text(list(call.apis), catalog, markdown=markdown, guess=call.kind == "guess", kit_hint=view.hint)
    return text, Range.of(line, col, col + (call.end - call.start))


def catch_note(view, pos: Position, code: int | None, markdown: bool) -> str:
    """The line a code's hover gets inside a catch (C: after an `OH_*` call whose code is compared):
    which of the region's calls can throw it (catalog/api/render.py `region_note`)."""
    if code is None:
        return ""
    apis = _apis(view)
    if apis is None or not apis.chunk_regions:
        return ""
    region = apis.region_at(apis.offset(pos.line, pos.character))
    if region is None:
        return ""
    return region_note(region, code, markdown=markdown, complete=throwable(region) is not None)


def hover_for_call(server, doc, view, pos: Position):
    """The LSP Hover for an API call at `pos`, or None."""
    got = call_hover(view, pos, server.catalog, server.markdown)
    if got is None:
        return None
    text, rng = got
    kind = types.MarkupKind.Markdown if server.markdown else types.MarkupKind.PlainText
    return types.Hover(contents=types.MarkupContent(kind=kind, value=text), range=doc.range_to_lsp(rng, server.encoding))


def handler_region(view, pos: Position):
    """The handler region at `pos` (a catch, or in C the code of an `OH_*` call), or None; with
    `view` None or a window of a huge document, None."""
    apis = _apis(view) if view is not None else None
    if apis is None or not apis.chunk_regions:
        return None
    return apis.region_at(apis.offset(pos.line, pos.character))


def code_only_before(view, pos: Position, lines: int = 0) -> str:
    """The code-only text (strings and comments blanked) of the `lines` lines before `pos` and of
    its own line up to it; "" when the document's analysis is not at hand."""
    apis = _apis(view) if view is not None else None
    if apis is None or pos.line >= len(apis.lines):
        return ""
    text = "\n".join(apis.masked(i) for i in range(max(0, pos.line - lines), pos.line + 1))
    return text[:len(text) - len(apis.lines[pos.line]) + pos.character]


def region_names(region) -> dict[int, str]:
    """C: code -> the enum member the region's call documents it as in its `@return`
    (`401` -> `IMAGE_BAD_PARAMETER`), what C code compares with; empty for ArkTS and for None."""
    out: dict[int, str] = {}
    if region is None or region.kind != "c":
        return out
    for c in region.calls:
        if c.kind == "exact":
            for a in c.apis:
                for code, name in a.codes:
                    if name.isidentifier():
                        out.setdefault(code, name)
    return out


def region_codes(region) -> dict[int, str]:
    """code -> the region's calls that can throw (C: return) it (`createPixelMapList`, …), for
    completion to offer first; empty for None."""
    out: dict[int, list[str]] = {}
    for c in region.calls if region is not None else ():
        if c.kind in ("exact", "guess"):
            for a in c.apis:
                for code, _ in a.codes:
                    names = out.setdefault(code, [])
                    if c.name not in names:
                        names.append(c.name)
    return {code: ", ".join(names) for code, names in out.items()}

"""textDocument/definition: from a code (literal or name) to its heading in the reference page."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path

from ..catalog.model import Entry
from .lookup import target_at

BUNDLED_PREFIX = "<bundled>/"


def entry_path(e: Entry) -> Path | None:
    if not e.source or e.line <= 0:
        return None
    src = e.source
    if src.startswith(BUNDLED_PREFIX):
        from ..catalog.seed import bundled_page_path

        return bundled_page_path().parent / src[len(BUNDLED_PREFIX):]
    return Path(src)


def entry_location(e: Entry) -> types.Location | None:
    path = entry_path(e)
    if path is None:
        return None
    uri = from_fs_path(str(path.resolve()))
    if uri is None:
        return None
    line = e.line - 1
    return types.Location(uri=uri, range=types.Range(start=types.Position(line=line, character=0),
                                                     end=types.Position(line=line, character=0)))


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(params: types.DefinitionParams) -> list[types.Location] | None:
        p = params.position
        got = await server.analysis_near(params.text_document.uri, p.line, p.line)
        if got is None:
            return None
        doc, analysis = got
        if p.line < 0 or p.line >= doc.line_count:
            return None
        pos = doc.from_lsp(p, server.encoding)
        t = target_at(analysis, pos, server.catalog, server.settings.language)
        if t is None:
            return None
        locs = [loc for e in t.entries if (loc := entry_location(e)) is not None]
        return locs or None

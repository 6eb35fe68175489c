"""textDocument/hover: every meaning of the code under the cursor (literal or name)."""

from __future__ import annotations

import logging

from lsprotocol import types

from . import api_hover, render
from .documents import units
from .lookup import target_at

log = logging.getLogger("ohos_errcode.server")


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams):
        # A plain function, answered at once (no task per request): the analysis when it is up to
        # date, else a window of lines around the cursor (see `analysis_now`).  Not a generator
        # handing a coroutine back to pygls: pygls keeps every future a generator handler yields.
        uri, p = params.text_document.uri, params.position
        got = server.analysis_now(uri, p.line, p.line)
        if got is None:
            return None
        doc, analysis = got
        if p.line < 0 or p.line >= doc.line_count or p.character < 0:
            return None
        enc = server.encoding
        if p.character > units(doc.line(p.line), enc):
            return None  # past the end of the line
        pos = doc.from_lsp(p, enc)
        t = target_at(analysis, pos, server.catalog, server.settings.language)
        if t is None or t.name is not None:  # (a literal under the cursor is no call's name)
            call = api_hover.hover_for_call(server, doc, analysis, pos)
            if call is not None:
                return call
        if t is None:
            return None
        md = server.markdown
        lang = server.settings.language
        if t.entries:
            text = render.explain(t.entries, markdown=md, lang=lang, code=t.code, name=t.name)
        else:
            text = render.unknown(t.code, t.suggestions, markdown=md, lang=lang, name=t.name)
        note = api_hover.catch_note(analysis, pos, t.code, md)
        text = f"{text}\n\n{note}" if note else text
        kind = types.MarkupKind.Markdown if md else types.MarkupKind.PlainText
        return types.Hover(contents=types.MarkupContent(kind=kind, value=text),
                           range=doc.range_to_lsp(t.range, enc))

"""textDocument/inlayHint: the title after a known code in an error context (setting inlayHints)."""

from __future__ import annotations

from lsprotocol import types

from ..catalog import render as core_render

MAX_LABEL = 48


def label_for(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= MAX_LABEL else title[: MAX_LABEL - 1].rstrip() + "…"


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT, types.InlayHintOptions(resolve_provider=False))
    async def inlay_hint(params: types.InlayHintParams) -> list[types.InlayHint] | None:
        if not server.settings.inlay_hints:
            return None
        uri, r = params.text_document.uri, params.range
        got = await server.analysis_near(uri, r.start.line, r.end.line)
        if got is None:
            return None
        doc, analysis = got
        enc = server.encoding
        rng = doc.range_from_lsp(r, enc)
        cat, lang = server.catalog, server.settings.language
        hints = []
        for lit in analysis.literals_in(rng.start.line, rng.end.line):
            if not (rng.start <= lit.range.start and lit.range.end <= rng.end):
                continue
            if lit.context != "code" or not lit.error_context or analysis.verdict(lit, cat) != "known":
                continue
            entries = cat.lookup(lit.value, kit_hint=analysis.hint, lang=lang)
            if not entries or not entries[0].title:
                continue
            best = entries[0]
            tooltip = core_render.entry_markdown(best, lang) if server.markdown else core_render.entry_text(best, lang)
            kind = types.MarkupKind.Markdown if server.markdown else types.MarkupKind.PlainText
            hints.append(types.InlayHint(
                position=doc.to_lsp(lit.range.end, enc),
                label=label_for(best.title),
                padding_left=True,
                tooltip=types.MarkupContent(kind=kind, value=tooltip),
            ))
        return hints

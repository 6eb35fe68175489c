"""textDocument/codeAction: a quick fix per Fix of the findings in range (fresh, from the
current version), "Replace with IMAGE_ALLOC_FAILED" in C/C++, and "Show explanation"."""

from __future__ import annotations

from lsprotocol import types

from ..catalog.model import Range
from .commands import EXPLAIN
from .diagnostics import to_diagnostic
from .lookup import target_at

QUICKFIX = types.CodeActionKind.QuickFix


def _wanted(only, kind) -> bool:
    if not only:
        return True
    return any(kind == k or kind.startswith(f"{k}.") for k in only)


def register(server) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[QUICKFIX], resolve_provider=False),
    )
    async def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        got = await server.analysis_near(uri, params.range.start.line, params.range.end.line)
        if got is None:
            return None
        doc, analysis = got
        enc = server.encoding
        rng: Range = doc.range_from_lsp(params.range, enc)
        only = [str(getattr(k, "value", k)) for k in (params.context.only or [])] if params.context else []
        actions: list[types.CodeAction] = []
        seen_edits: set[tuple] = set()

        def edit_action(title: str, fix_range: Range, new_text: str, preferred: bool, diags) -> None:
            key = (fix_range, new_text)
            if key in seen_edits:
                return
            seen_edits.add(key)
            edit = types.TextEdit(range=doc.range_to_lsp(fix_range, enc), new_text=new_text)
            actions.append(types.CodeAction(
                title=title,
                kind=QUICKFIX,
                diagnostics=diags,
                is_preferred=preferred or None,
                edit=types.WorkspaceEdit(changes={uri: [edit]}),
            ))

        if _wanted(only, QUICKFIX.value):
            for f in analysis.findings_in(rng):
                diag = [to_diagnostic(f, doc, enc)]
                for fix in f.fixes:
                    edit_action(fix.title, fix.range, fix.new_text, fix.preferred, diag)
            if doc.language == "c":  # a named constant reads better than a number, whatever the severity setting
                for lit in analysis.literals_in(rng.start.line, rng.end.line):
                    if not (lit.range.start <= rng.end and rng.start <= lit.range.end):
                        continue
                    if lit.context != "code" or lit.quoted or lit.reason == "definition":
                        continue
                    sym = server.catalog.symbol_for(lit.value)
                    if sym and analysis.verdict(lit, server.catalog) == "known":
                        edit_action(f"Replace with {sym}", lit.range, sym, False, None)

        target = target_at(analysis, rng.start, server.catalog, server.settings.language)
        if target is not None and target.code is not None and _wanted(only, QUICKFIX.value):
            what = target.name or str(target.code)
            actions.append(types.CodeAction(
                title=f"Show explanation of {what}",
                kind=QUICKFIX,
                command=types.Command(title=f"Show explanation of {what}", command=EXPLAIN,
                                      arguments=[str(target.code), {"show": True, "kit": analysis.hint}]),
            ))
        return actions or None


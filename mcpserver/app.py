"""`build_server(catalog)`: the MCP server's tools and resources, each a thin adapter over the core.

Lookups take microseconds, so `explain_error_code` and `search_error_codes` run on the event loop
(a worker thread would cost more than the lookup); `check_source`, which reads files, runs in one.
Tools answer with text (Markdown, as an assistant reads it) and with structured content that
matches the tool's output schema (the models in `results.py`).  Bad input is answered with a tool
error that says what was wrong (`isError`), never a crash.
"""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.server.mcpserver import Context, ListRoots, MCPServer, Resolve
from mcp_types import CallToolResult, ListRootsResult, TextContent, ToolAnnotations
from pydantic import BaseModel, Field

from .. import __version__
from ..catalog.analyze import analyze
from ..catalog.scan import language_of
from . import results, sources
from .results import CheckResult, ExplainResult, SearchResult, ThrowsResult

INSTRUCTIONS = """\
Explains OpenHarmony error codes from the real reference pages (cause, solution, documentation
link, every meaning when kits disagree) and checks ArkTS/TS/JS and C/C++ source for unknown or
mistyped error codes, with the fix.  Ask `explain_error_code` about any code, C name
(IMAGE_ALLOC_FAILED), `IMAGE_RESULT_BASE + 5`, a pasted log line, or words."""

READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
Lang = Literal["en", "zh-cn"]


def _reply(model: BaseModel, text: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=model.model_dump(mode="json"))


def _refuse(reason: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=f"Refused: {reason}.")], is_error=True)


def _wants_roots(path_or_text: str, ctx: Context) -> ListRoots | None:
    """Ask the client for its roots only when a file is to be read (and the client has roots)."""
    caps = ctx.client_capabilities
    if sources.too_long(path_or_text, "") is None and sources.looks_like_path(path_or_text) \
            and caps is not None and caps.roots is not None:
        return ListRoots()
    return None


def build_server(catalog) -> MCPServer:
    server = MCPServer("errcode", title="OpenHarmony error codes", version=__version__, instructions=INSTRUCTIONS,
                       log_level="WARNING")

    def lang_of(lang: str | None) -> str:
        return lang or catalog.lang

    @server.tool(annotations=READ_ONLY)
    async def explain_error_code(
        query: Annotated[str, Field(description="7700201, -62980096, 0x3C10000, IMAGE_ALLOC_FAILED, "
                                                "IMAGE_RESULT_BASE + 5, a log line holding codes, or words (at most 40,000 characters)")],
        lang: Annotated[Lang | None, Field(description="answer language where both are loaded")] = None,
    ) -> Annotated[CallToolResult, ExplainResult]:
        """Explain OpenHarmony error codes: cause, solution and documentation link of each code in
        the query, every meaning when the same number means different things in different kits."""
        if reason := sources.too_long(query, "the query"):
            return _refuse(reason)
        answers = catalog.query(query, lang=lang)
        return _reply(ExplainResult(answers=[results.explained(a) for a in answers]),
                      results.answers_markdown(answers, lang_of(lang)))

    @server.tool(annotations=READ_ONLY)
    async def search_error_codes(
        text: Annotated[str, Field(description="words, English or Chinese: 'shared memory', '共享内存'")],
        kit: Annotated[str | None, Field(description="only this kit: image, universal, apis-ads-kit, …")] = None,
        limit: Annotated[int, Field(ge=1, le=100, description="most hits returned")] = 10,
    ) -> Annotated[CallToolResult, SearchResult]:
        """Free-text search over every loaded error code (titles, messages, causes), best first."""
        if reason := sources.too_long(text, "the text"):
            return _refuse(reason)
        key = None
        if kit:
            key = catalog.match_kit(kit)
            if key is None:
                return _refuse(f"unknown kit {kit!r}; kits: {', '.join(catalog.kits())}")
        hits = catalog.search(text, limit=limit if key is None else len(catalog.entries))
        if key is not None:
            hits = [h for h in hits if h.entry.kit == key][:limit]
        return _reply(SearchResult(text=text, kit=key, hits=[results.hit(h) for h in hits]),
                      results.hits_markdown(hits, text))

    @server.tool(annotations=READ_ONLY)
    async def codes_thrown_by(
        api: Annotated[str, Field(description="a method or function: createPixelMapList, "
                                              "image.ImageSource.createPixelMapList, OH_ImageSourceNative_CreatePixelmap")],
    ) -> Annotated[CallToolResult, ThrowsResult]:
        """The error codes an OpenHarmony API declares it can throw (`@throws` in the SDK, `@return`
        of C functions), each with its title and documentation link: what a `catch` should expect."""
        from ..catalog.api.index import api_index
        from ..catalog.api.render import throws_data, throws_text

        if reason := sources.too_long(api, "the API name"):
            return _refuse(reason)
        found = api_index(catalog).find(api.strip())
        if not found:
            return _reply(ThrowsResult(name=api, apis=[]),
                          f"No API named `{api.strip()}` is known (the bundled catalog knows Image Kit; "
                          "`errcode catalog update` adds every kit).")
        return _reply(ThrowsResult(name=api, apis=throws_data(found, catalog)),
                      throws_text(found, catalog, markdown=True))

    @server.tool(annotations=READ_ONLY)
    def check_source(
        path_or_text: Annotated[str, Field(description="a source file under the client's roots (absolute, "
                                                       "file:// or relative to the first root), or the source text itself (at most 40,000 characters)")],
        language: Annotated[Literal["arkts", "ets", "ts", "js", "c", "cpp"] | None,
                            Field(description="language of pasted text (default arkts; a file's comes from its name)")] = None,
        roots: Annotated[ListRootsResult | None, Resolve(_wants_roots)] = None,
    ) -> Annotated[CallToolResult, CheckResult]:
        """The findings of `errcode check` (unknown or mistyped error codes, `=` in a condition,
        known codes) for one ArkTS/TS/JS or C/C++ file or a pasted snippet, each with its fix."""
        if reason := sources.too_long(path_or_text, "the input"):
            return _refuse(reason)
        path = None
        if sources.looks_like_path(path_or_text):
            try:
                real = sources.resolve(path_or_text, sources.root_paths([str(r.uri) for r in roots.roots] if roots else []))
                text = sources.read(real)
                lang = language_of(real.name) or (language_of(language) if language else None)
                if lang is None:
                    raise sources.Refused(f"{real.name} is not an ArkTS/TS/JS or C/C++ file")
            except sources.Refused as exc:
                return _refuse(str(exc))
            path, shown = str(real), str(real)
        else:
            text, lang, shown = path_or_text, language_of(language or "arkts") or "arkts", "<source>"
        findings = analyze(text, lang, catalog)
        result = CheckResult(source="text" if path is None else "file", path=path, language=lang,  # type: ignore[arg-type]
                             findings=[results.finding(f) for f in findings])
        return _reply(result, results.findings_text(findings, shown, lang))

    @server.resource("errcode://code/{code}", name="error-code", title="An OpenHarmony error code",
                     description="every meaning of the code, in Markdown", mime_type="text/markdown")
    def code_resource(code: str) -> str:
        answers = catalog.query(code[: sources.MAX_CHARS])
        if not answers or answers[0].kind == "text":
            raise ValueError(f"not an error code: {code!r}")
        return results.answer_markdown(answers[0], catalog.lang)

    @server.resource("errcode://kit/{kit}", name="error-code-kit", title="The error codes of one kit",
                     description="every code of the kit with its title, in Markdown", mime_type="text/markdown")
    def kit_resource(kit: str) -> str:
        key = catalog.match_kit(kit[:200])
        if key is None:
            raise ValueError(f"unknown kit {kit!r}; kits: {', '.join(catalog.kits())}")
        return kit_markdown(catalog, key)

    return server


def kit_markdown(catalog, kit: str) -> str:
    entries: dict[int, object] = {}
    for e in catalog.entries:
        if e.kit == kit and (e.code not in entries or e.language == catalog.lang):
            entries[e.code] = e
    name = catalog.kit_names().get(kit, kit)
    rows = [f"# {name} error codes", "", f"{len(entries)} codes (kit `{kit}`).", "", "| code | title |", "|---|---|"]
    for code in sorted(entries):
        e = entries[code]
        title = f"[{e.title or code}]({e.url})" if e.url else (e.title or str(code))  # type: ignore[attr-defined]
        rows.append(f"| {code} | {title} |")
    return "\n".join(rows) + "\n"

"""What the MCP tools return: a typed result (its JSON schema is the tool's output schema) and
the same answer as Markdown text, built from the core's values and renderers."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from ..catalog import render
from ..catalog.model import Answer, Entry, Finding, Range, SearchHit
from ..cli.formats import SEVERITY_NAMES, FileResult, TextWriter
from ..cli.walk import SourceFile


class Meaning(BaseModel):
    """One documented meaning of a code (a code can mean different things in different kits)."""

    code: int
    kit: str = Field(description="kit key, e.g. apis-image-kit; 'reference' for universal codes")
    kit_name: str
    title: str
    message: str = Field(description="the error message the API reports")
    description: str
    causes: list[str]
    solutions: list[str]
    notes: list[str]
    url: str = Field(description="documentation link (with the heading's anchor)")
    symbols: list[str] = Field(description="C/ArkTS names that stand for the code")
    language: str
    since: str = Field(description="API version, when known")
    system_only: bool
    deprecated: bool


class Suggestion(BaseModel):
    code: int
    kit: str
    title: str


class Hit(BaseModel):
    score: float = Field(description="0..100, higher is better")
    code: int
    kit: str
    kit_name: str
    title: str
    url: str


class Explained(BaseModel):
    query: str = Field(description="the piece of the input this answers")
    kind: Literal["code", "symbol", "expression", "text"]
    code: int | None = Field(description="the resolved number (null for free text or an unknown name)")
    found: bool
    meanings: list[Meaning] = Field(description="every meaning, best first")
    suggestions: list[Suggestion] = Field(description="did-you-mean codes when nothing was found")
    hits: list[Hit] = Field(description="ranked matches when the input was free text")


class ExplainResult(BaseModel):
    answers: list[Explained]


class SearchResult(BaseModel):
    text: str
    kit: str | None
    hits: list[Hit]


class ThrownCode(BaseModel):
    code: int
    title: str
    url: str = Field(description="documentation link, empty when no loaded page documents the code")
    name: str | None = Field(default=None, description="the C enum name (C functions)")


class ApiThrows(BaseModel):
    api: str = Field(description="image.ImageSource.createPixelMapList, OH_ImageSourceNative_CreatePixelmap")
    module: str
    since: str | None
    codes: list[ThrownCode]


class ThrowsResult(BaseModel):
    name: str
    apis: list[ApiThrows]


class Span(BaseModel):
    line: int = Field(description="1-based")
    column: int = Field(description="1-based, in code points")
    end_line: int
    end_column: int = Field(description="exclusive")


class FixOut(BaseModel):
    title: str
    new_text: str = Field(description="put this text at `range`")
    range: Span
    preferred: bool = Field(description="the one unambiguous fix (what `errcode check --fix` applies)")


class FindingOut(BaseModel):
    rule: str
    severity: Literal["error", "warning", "info", "hint"]
    message: str
    range: Span
    code: int | None
    url: str
    fixes: list[FixOut]


class CheckResult(BaseModel):
    source: Literal["file", "text"]
    path: str | None = Field(description="the file read (resolved), null for pasted text")
    language: Literal["arkts", "c"]
    findings: list[FindingOut]


# --- from the core ------------------------------------------------------------------------------

def meaning(e: Entry) -> Meaning:
    return Meaning(code=e.code, kit=e.kit, kit_name=e.kit_name, title=e.title, message=e.message,
                   description=e.description, causes=list(e.causes), solutions=list(e.solutions),
                   notes=list(e.notes), url=e.url, symbols=list(e.symbols), language=e.language,
                   since=e.since, system_only=e.system_only, deprecated=e.deprecated)


def hit(h: SearchHit) -> Hit:
    e = h.entry
    return Hit(score=round(h.score, 1), code=e.code, kit=e.kit, kit_name=e.kit_name, title=e.title, url=e.url)


def explained(a: Answer) -> Explained:
    return Explained(query=a.query, kind=a.kind, code=a.code, found=a.found,  # type: ignore[arg-type]
                     meanings=[] if a.kind == "text" else [meaning(e) for e in a.entries],
                     suggestions=[Suggestion(code=e.code, kit=e.kit, title=e.title) for e in a.suggestions],
                     hits=[hit(h) for h in a.hits])


def span(r: Range) -> Span:
    return Span(line=r.start.line + 1, column=r.start.character + 1, end_line=r.end.line + 1,
                end_column=r.end.character + 1)


def finding(f: Finding) -> FindingOut:
    return FindingOut(rule=f.rule, severity=SEVERITY_NAMES[f.severity], message=f.message,  # type: ignore[arg-type]
                      range=span(f.range), code=f.code, url=f.url,
                      fixes=[FixOut(title=x.title, new_text=x.new_text, range=span(x.range), preferred=x.preferred)
                             for x in f.fixes])


# --- Markdown text ------------------------------------------------------------------------------

def hits_markdown(hits: list[SearchHit] | tuple[SearchHit, ...], query: str) -> str:
    if not hits:
        return f"Nothing matches {query!r}."
    rows = ["| score | code | kit | title |", "|---|---|---|---|"]
    rows += [f"| {h.score:.0f} | {h.entry.code} | {h.entry.kit_name} | {h.entry.title} |" for h in hits]
    return "\n".join(rows)


def answer_markdown(a: Answer, lang: str) -> str:
    """One answer as an assistant reads it: every meaning in full, or why nothing was found."""
    if not a.entries:
        return render.unknown_text(a, lang)
    if a.kind == "text":
        return hits_markdown(a.hits, a.query)
    parts = []
    if a.kind in ("symbol", "expression"):
        parts.append(f"`{a.query}` = {a.code}")
    if len(a.entries) > 1:
        parts.append(render.labels(lang)["meanings"].format(code=a.code, n=len(a.entries)))
    parts += [render.entry_markdown(e, lang) for e in a.entries]
    return "\n\n".join(parts)


def answers_markdown(answers: list[Answer], lang: str) -> str:
    if not answers:
        return "Nothing to explain: give a code (7700201, 0x3C10000, -62980096), a C name, NAME + n, or words."
    return "\n\n---\n\n".join(answer_markdown(a, lang) for a in answers)


def findings_text(findings: list[Finding], shown_path: str, language: str) -> str:
    """What `errcode check` prints for these findings (its text format), then a count."""
    result = FileResult(SourceFile(shown_path, shown_path, language), findings)
    text = TextWriter(io.StringIO(), Path(".")).render(result)
    n = len(findings)
    return text + (f"{n} finding{'s' if n != 1 else ''}" if n else "No error-code findings.")

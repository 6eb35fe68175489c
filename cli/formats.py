"""Output formats of `errcode check`: text, json, sarif, rdjsonl, rdjson, github.

The core reports positions as (0-based line, code-point column).  Each format converts here,
at the edge, and documents its convention:

| format          | line    | column                                   | end             |
|-----------------|---------|------------------------------------------|-----------------|
| text            | 1-based | 1-based code points (for humans)          | not shown       |
| json            | 1-based | 1-based UTF-16 code units (+ UTF-8 bytes) | exclusive       |
| sarif           | 1-based | 1-based UTF-16 code units (utf16CodeUnits)| exclusive       |
| rdjson/rdjsonl  | 1-based | 1-based UTF-8 bytes (reviewdog)           | exclusive       |
| github          | 1-based | 1-based UTF-16 code units                 | exclusive       |

Machine formats use paths relative to the repository root ('/' separators); text uses the
path as given on the command line, so that terminals and editors can open it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, TextIO

from .. import __version__
from ..catalog.model import Finding, Fix, Range, Severity
from .walk import Note, SourceFile

FORMATS = ("text", "json", "sarif", "rdjsonl", "rdjson", "github")
TOOL = "errcode"
# No project homepage yet: the tool's information URI points at the reference it explains.
INFO_URI = "https://gitee.com/openharmony/docs/blob/master/en/application-dev/reference/errorcode-universal.md"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SEVERITY_NAMES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFORMATION: "info", Severity.HINT: "hint"}
SEVERITY_BY_NAME = {v: k for k, v in SEVERITY_NAMES.items()} | {"information": Severity.INFORMATION, "note": Severity.INFORMATION}


@dataclass(slots=True)
class FileResult:
    """What one file produced: its findings and the text of every line they touch."""

    file: SourceFile
    findings: list[Finding] = field(default_factory=list)
    lines: dict[int, str] = field(default_factory=dict)  # 0-based line -> text without terminator
    note: Note | None = None
    size: int = 0


@dataclass(frozen=True, slots=True)
class Change:
    """A fix that `--fix` applied."""

    file: SourceFile
    range: Range  # in the text before the change
    old: str
    new: str
    title: str


@dataclass(slots=True)
class Report:
    results: list[FileResult]
    notes: list[Note]
    root: Path
    changes: list[Change] = field(default_factory=list)
    files_checked: int = 0

    def items(self) -> Iterable[tuple[FileResult, Finding]]:
        for r in self.results:
            for f in r.findings:
                yield r, f


# --- columns -----------------------------------------------------------------------------------

def utf16_units(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def utf8_bytes(s: str) -> int:
    return len(s.encode("utf-8"))


def _line(lines: dict[int, str], n: int) -> str:
    return lines.get(n, "")


def col16(lines: dict[int, str], line: int, cp: int) -> int:
    """1-based UTF-16 column of code-point column `cp` (0-based) on `line`."""
    text = lines.get(line, "")
    if text.isascii():
        return cp + 1
    return utf16_units(text[:cp]) + 1 + max(0, cp - len(text))


def col8(lines: dict[int, str], line: int, cp: int) -> int:
    """1-based UTF-8 byte column of code-point column `cp` (0-based) on `line`."""
    text = lines.get(line, "")
    if text.isascii():
        return cp + 1
    return utf8_bytes(text[:cp]) + 1 + max(0, cp - len(text))


def span16(lines: dict[int, str], r: Range) -> dict[str, int]:
    return {
        "startLine": r.start.line + 1,
        "startColumn": col16(lines, r.start.line, r.start.character),
        "endLine": r.end.line + 1,
        "endColumn": col16(lines, r.end.line, r.end.character),
    }


def span8(lines: dict[int, str], r: Range) -> dict:
    return {
        "start": {"line": r.start.line + 1, "column": col8(lines, r.start.line, r.start.character)},
        "end": {"line": r.end.line + 1, "column": col8(lines, r.end.line, r.end.character)},
    }


def range_text(lines: dict[int, str], r: Range) -> str:
    if r.start.line == r.end.line:
        return _line(lines, r.start.line)[r.start.character : r.end.character]
    parts = [_line(lines, r.start.line)[r.start.character :]]
    parts += [_line(lines, n) for n in range(r.start.line + 1, r.end.line)]
    parts.append(_line(lines, r.end.line)[: r.end.character])
    return "\n".join(parts)


# --- rules -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    name: str
    short: str
    help: str
    severity: Severity
    url: str


def _pascal(rule_id: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in rule_id.replace("_", "-").split("-"))


def rules() -> list[RuleInfo]:
    """Every rule the analysis knows, in a stable order (sorted by id)."""
    from ..catalog.analyze import RULES

    out = []
    for rid in sorted(RULES):
        meta = RULES[rid]
        sev = meta.default_severity if meta.default_severity is not None else Severity.WARNING
        out.append(RuleInfo(rid, meta.name or _pascal(rid), meta.short, meta.help, Severity(sev), meta.help_uri or INFO_URI))
    return out


# --- shared helpers ----------------------------------------------------------------------------

def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "。", "！", "？")) else text + "."


def _fingerprints(report: Report) -> dict[int, str]:
    """Stable per-finding fingerprint: rule, file, the line's text (trimmed), the flagged text, and
    which occurrence of that combination in the file; unchanged by edits elsewhere in the file."""
    out: dict[int, str] = {}
    for r in report.results:
        seen: Counter = Counter()
        for f in r.findings:
            key = (f.rule, r.file.rel, _line(r.lines, f.range.start.line).strip(), range_text(r.lines, f.range))
            seen[key] += 1
            h = hashlib.sha256("\0".join((*key, str(seen[key]))).encode("utf-8")).hexdigest()[:32]
            out[id(f)] = h
    return out


def _fix_label(fix: Fix) -> str:
    return fix.title or f"Replace with {fix.new_text}"


# --- text --------------------------------------------------------------------------------------

TEXT_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan", "hint": "dim"}


def write_text(report: Report, out: TextIO, color: bool = False) -> None:
    """`path:line:col: severity rule message` (columns: 1-based code points), then each fix."""
    console = None
    if color:
        from rich.console import Console
        from rich.markup import escape

        console = Console(file=out, highlight=False, soft_wrap=True, force_terminal=True)
    for r, f in report.items():
        sev = SEVERITY_NAMES[f.severity]
        loc = f"{r.file.path}:{f.range.start.line + 1}:{f.range.start.character + 1}"
        if console is None:
            print(f"{loc}: {sev} {f.rule} {f.message}", file=out)
            for fx in f.fixes:
                print(f"    fix{' (--fix)' if fx.preferred else ''}: {_fix_label(fx)}", file=out)
        else:
            console.print(
                f"[bold]{escape(loc)}[/]: [{TEXT_STYLES[sev]}]{sev}[/] [dim]{escape(f.rule)}[/] {escape(f.message)}"
            )
            for fx in f.fixes:
                tag = " [green](--fix)[/]" if fx.preferred else ""
                console.print(f"    [green]fix[/]{tag}: {escape(_fix_label(fx))}")
    for ch in report.changes:
        print(
            f"{ch.file.path}:{ch.range.start.line + 1}:{ch.range.start.character + 1}: fixed: {ch.old} -> {ch.new}",
            file=out,
        )
    n = sum(len(r.findings) for r in report.results)
    counts = Counter(SEVERITY_NAMES[f.severity] for _, f in report.items())
    detail = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info", "hint") if counts[s])
    summary = f"{n} finding{'s' if n != 1 else ''}" + (f" ({detail})" if detail else "")
    summary += f" in {report.files_checked} file{'s' if report.files_checked != 1 else ''}"
    if report.changes:
        summary += f"; {len(report.changes)} fixed"
    print(summary, file=out)


# --- json --------------------------------------------------------------------------------------

def _json_range(lines: dict[int, str], r: Range) -> dict:
    s = span16(lines, r)
    return {
        "start": {"line": s["startLine"], "column": s["startColumn"], "byte": col8(lines, r.start.line, r.start.character)},
        "end": {"line": s["endLine"], "column": s["endColumn"], "byte": col8(lines, r.end.line, r.end.character)},
    }


def to_json(report: Report) -> dict:
    findings = []
    for r, f in report.items():
        findings.append(
            {
                "path": r.file.rel,
                "language": r.file.language,
                "rule": f.rule,
                "severity": SEVERITY_NAMES[f.severity],
                "message": f.message,
                "code": f.code,
                "url": f.url or None,
                "text": range_text(r.lines, f.range),
                "range": _json_range(r.lines, f.range),
                "fixes": [
                    {"title": _fix_label(x), "preferred": x.preferred, "range": _json_range(r.lines, x.range), "newText": x.new_text}
                    for x in f.fixes
                ],
            }
        )
    return {
        "tool": TOOL,
        "version": __version__,
        "columns": "line 1-based; column 1-based UTF-16 code units; byte 1-based UTF-8 bytes; end exclusive",
        "root": str(report.root),
        "filesChecked": report.files_checked,
        "findings": findings,
        "notes": [{"path": n.rel, "kind": n.kind, "message": n.message} for n in report.notes],
        "fixed": [
            {"path": c.file.rel, "line": c.range.start.line + 1, "old": c.old, "new": c.new, "title": c.title}
            for c in report.changes
        ],
    }


def _dump(doc: dict, out: TextIO) -> None:
    # Indented on a terminal; compact otherwise (json's C encoder only runs without indent: ~5x faster).
    pretty = hasattr(out, "isatty") and out.isatty()
    out.write(json.dumps(doc, ensure_ascii=False, indent=2 if pretty else None))
    out.write("\n")


def write_json(report: Report, out: TextIO) -> None:
    _dump(to_json(report), out)


# --- SARIF 2.1.0 -------------------------------------------------------------------------------

SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFORMATION: "note", Severity.HINT: "note"}


def to_sarif(report: Report) -> dict:
    infos = rules()
    index = {ri.id: i for i, ri in enumerate(infos)}
    extra = sorted({f.rule for _, f in report.items()} - set(index))
    for rid in extra:  # a rule the table does not know (should not happen): still valid SARIF
        index[rid] = len(infos)
        infos.append(RuleInfo(rid, _pascal(rid), rid, rid, Severity.WARNING, INFO_URI))
    rule_objs = []
    for ri in infos:
        rule_objs.append(
            {
                "id": ri.id,
                "name": ri.name,
                "shortDescription": {"text": _sentence(ri.short)},
                "fullDescription": {"text": _sentence(ri.help.replace("`", ""))},
                "help": {"text": _sentence(ri.help.replace("`", "")), "markdown": f"{ri.help}\n\n[Documentation]({ri.url})"},
                "helpUri": ri.url,
                "defaultConfiguration": {"level": SARIF_LEVEL[ri.severity]},
            }
        )
    artifacts: list[dict] = []
    art_index: dict[str, int] = {}

    def artifact(rel: str, language: str) -> int:
        if rel not in art_index:
            art_index[rel] = len(artifacts)
            artifacts.append(
                {
                    "location": _artifact_location(rel),
                    "sourceLanguage": "cpp" if language == "c" else "typescript",
                    "encoding": "utf-8",
                }
            )
        return art_index[rel]

    prints = _fingerprints(report)
    results = []
    for r, f in report.items():
        ai = artifact(r.file.rel, r.file.language)
        region = span16(r.lines, f.range)
        region["snippet"] = {"text": range_text(r.lines, f.range)}
        loc = _artifact_location(r.file.rel) | {"index": ai}
        context = {
            "startLine": f.range.start.line + 1,
            "endLine": f.range.end.line + 1,
            "snippet": {"text": "\n".join(_line(r.lines, n) for n in range(f.range.start.line, f.range.end.line + 1))},
        }
        res = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": _sentence(f.message)},
            "locations": [{"physicalLocation": {"artifactLocation": loc, "region": region, "contextRegion": context}}],
            "partialFingerprints": {"errcodeFinding/v1": prints[id(f)]},
        }
        if f.fixes:
            res["fixes"] = [
                {
                    "description": {"text": _sentence(_fix_label(x))},
                    "artifactChanges": [
                        {
                            "artifactLocation": dict(loc),
                            "replacements": [{"deletedRegion": span16(r.lines, x.range), "insertedContent": {"text": x.new_text}}],
                        }
                    ],
                }
                for x in f.fixes
            ]
        props = {}
        if f.code is not None:
            props["errorCode"] = f.code
        if f.url:
            props["documentation"] = f.url
        if props:
            res["properties"] = props
        results.append(res)
    notifications = [
        {
            "level": "note" if n.kind in ("unsupported",) else "warning",
            "message": {"text": _sentence(f"{n.rel}: {n.message}")},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact_location(n.rel)}}],
            "descriptor": {"id": f"skipped-{n.kind}"},
        }
        for n in report.notes
    ]
    invocation = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    root_uri = report.root.resolve().as_uri().rstrip("/") + "/"
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL,
                        "fullName": "errcode check (ohos-errcode)",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFO_URI,
                        "rules": rule_objs,
                    }
                },
                "invocations": [invocation],
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
                "artifacts": artifacts,
                "columnKind": "utf16CodeUnits",
                "results": results,
            }
        ],
    }


def _artifact_location(rel: str) -> dict:
    """Relative to %SRCROOT% (the repository root); a file outside the repository gets an absolute file URI."""
    if rel.startswith("/"):
        return {"uri": Path(rel).as_uri()}
    return {"uri": _uri(rel), "uriBaseId": "%SRCROOT%"}


def _uri(rel: str) -> str:
    from urllib.parse import quote

    return quote(rel, safe="/")


def write_sarif(report: Report, out: TextIO) -> None:
    _dump(to_sarif(report), out)


# --- reviewdog rdjson / rdjsonl ----------------------------------------------------------------

RD_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFORMATION: "INFO", Severity.HINT: "INFO"}
RD_SOURCE = {"name": TOOL}


def rd_diagnostics(report: Report) -> list[dict]:
    urls = {ri.id: ri.url for ri in rules()}
    out = []
    for r, f in report.items():
        d = {
            "message": f.message,
            "location": {"path": r.file.rel, "range": span8(r.lines, f.range)},
            "severity": RD_SEVERITY[f.severity],
            "source": dict(RD_SOURCE),
            "code": {"value": f.rule, "url": f.url or urls.get(f.rule, INFO_URI)},
        }
        if f.fixes:
            d["suggestions"] = [{"range": span8(r.lines, x.range), "text": x.new_text} for x in f.fixes]
        out.append(d)
    return out


def write_rdjsonl(report: Report, out: TextIO) -> None:
    for d in rd_diagnostics(report):
        out.write(json.dumps(d, ensure_ascii=False) + "\n")


def write_rdjson(report: Report, out: TextIO) -> None:
    _dump({"source": dict(RD_SOURCE), "diagnostics": rd_diagnostics(report)}, out)


# --- GitHub workflow commands ------------------------------------------------------------------

GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFORMATION: "notice", Severity.HINT: "notice"}


def gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_prop(s: str) -> str:
    return gh_data(s).replace(":", "%3A").replace(",", "%2C")


def write_github(report: Report, out: TextIO) -> None:
    """`::warning file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message` (UTF-16 columns, 1-based)."""
    for r, f in report.items():
        s = span16(r.lines, f.range)
        props = [
            f"file={gh_prop(r.file.rel)}",
            f"line={s['startLine']}",
            f"endLine={s['endLine']}",
            f"col={s['startColumn']}",
            f"endColumn={s['endColumn']}",
            f"title={gh_prop(f'errcode {f.rule}')}",
        ]
        msg = f.message
        if f.fixes:
            msg += "\n" + "\n".join(f"Fix: {_fix_label(x)}" for x in f.fixes)
        print(f"::{GH_LEVEL[f.severity]} {','.join(props)}::{gh_data(msg)}", file=out)
    for n in report.notes:
        print(f"::notice file={gh_prop(n.rel)},title={gh_prop('errcode skipped a file')}::{gh_data(n.message)}", file=out)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(step_summary(report))
        except OSError as exc:
            print(f"::warning title=errcode::{gh_data(f'cannot write GITHUB_STEP_SUMMARY: {exc}')}", file=out)


def _md_cell(s: str) -> str:
    return " ".join(s.split()).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def step_summary(report: Report, limit: int = 100) -> str:
    items = list(report.items())
    counts = Counter(SEVERITY_NAMES[f.severity] for _, f in items)
    lines = ["## errcode check", ""]
    if not items:
        lines.append(f"No findings in {report.files_checked} files. :white_check_mark:")
    else:
        detail = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info", "hint") if counts[s])
        lines.append(f"**{len(items)} findings** ({detail}) in {report.files_checked} files.")
        lines += ["", "| Location | Severity | Rule | Message | Fix |", "|---|---|---|---|---|"]
        for r, f in items[:limit]:
            fix = "; ".join(_fix_label(x) for x in f.fixes)
            lines.append(
                f"| `{_md_cell(r.file.rel)}:{f.range.start.line + 1}` | {SEVERITY_NAMES[f.severity]} | "
                f"`{f.rule}` | {_md_cell(f.message)} | {_md_cell(fix)} |"
            )
        if len(items) > limit:
            lines.append(f"\n… and {len(items) - limit} more (see the annotations or the SARIF upload).")
    if report.notes:
        lines += ["", f"{len(report.notes)} file(s) skipped:", ""]
        lines += [f"- `{_md_cell(n.rel)}`: {_md_cell(n.message)}" for n in report.notes[:limit]]
    return "\n".join(lines) + "\n\n"


WRITERS = {
    "json": write_json,
    "sarif": write_sarif,
    "rdjsonl": write_rdjsonl,
    "rdjson": write_rdjson,
    "github": write_github,
}


def write(fmt: str, report: Report, out: TextIO, color: bool = False) -> None:
    if fmt == "text":
        write_text(report, out, color)
    else:
        WRITERS[fmt](report, out)

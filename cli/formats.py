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
from collections import Counter
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
    # set instead of `findings` when a worker rendered them (`Writer.render`): the rendered output and
    # the number of findings per severity (as plain ints)
    rendered: object = None
    counts: tuple[tuple[int, int], ...] = ()


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


def fingerprints(result: FileResult) -> list[str]:
    """Stable per-finding fingerprints: rule, file, the line's text (trimmed), the flagged text, and
    which occurrence of that combination in the file; unchanged by edits elsewhere in the file."""
    seen: Counter = Counter()
    out = []
    for f in result.findings:
        key = (f.rule, result.file.rel, _line(result.lines, f.range.start.line).strip(), range_text(result.lines, f.range))
        seen[key] += 1
        out.append(hashlib.sha256("\0".join((*key, str(seen[key]))).encode("utf-8")).hexdigest()[:32])
    return out


def _fix_label(fix: Fix) -> str:
    return fix.title or f"Replace with {fix.new_text}"


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)  # compact: json's C encoder (indent= would use the slow one)


_enc = json.encoder.encode_basestring  # a str as `_dumps` writes it (ensure_ascii=False)


def _json_scalar(v) -> str:
    """None, a bool, an int or a str as `_dumps` writes it."""
    if v is None or isinstance(v, (bool, int, str)):
        return _dumps(v)
    raise TypeError(f"not a JSON scalar: {v!r}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class Writer:
    """Streams one format: `begin()`, `add(result)` per file in order, `finish(...)`.

    Results are written as they come, so memory stays flat on large trees.  Counts per severity
    are kept for the summary and the exit status.
    """

    def __init__(self, out: TextIO, root: Path, color: bool = False):
        self.out = out
        self.root = root
        self.color = color
        self.counts: Counter = Counter()
        self.total = 0

    # Formats whose output for a file depends on that file alone render it with `render` (in a worker
    # process when the check runs in parallel); the parent writes it with `add_rendered`.
    stateless = False

    def begin(self) -> None:
        self.prepare()

    def prepare(self) -> None:
        """Set up what `render` needs (also in a worker, where nothing is written)."""

    def add(self, result: FileResult) -> None:
        for f in result.findings:
            self.counts[f.severity] += 1
        self.total += len(result.findings)

    def render(self, result: FileResult):
        """The output for the file's findings (stateless formats only)."""
        raise NotImplementedError

    def add_rendered(self, result: FileResult) -> None:
        """Write what `render` made of a file's findings (in `result.rendered`, counts in `result.counts`)."""
        n = 0
        for sev, k in result.counts:
            self.counts[Severity(sev)] += k
            n += k
        self.total += n
        if n:
            self.write_rendered(result.rendered)

    def write_rendered(self, rendered) -> None:
        self.out.write(rendered)

    def finish(self, notes: list[Note], changes: list[Change], files_checked: int) -> None:
        pass

    def detail(self) -> str:
        return ", ".join(f"{self.counts[s]} {SEVERITY_NAMES[s]}" for s in Severity if self.counts[s])


# --- text --------------------------------------------------------------------------------------

TEXT_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan", "hint": "dim"}


class TextWriter(Writer):
    """`path:line:col: severity rule message` (columns: 1-based code points), then each fix."""

    def begin(self) -> None:
        self.console = None
        self.stateless = not self.color
        if self.color:
            from rich.console import Console

            self.console = Console(file=self.out, highlight=False, soft_wrap=True, force_terminal=True)

    def render(self, result: FileResult) -> str:
        path = result.file.path
        parts = []
        for f in result.findings:
            start = f.range.start
            parts.append(f"{path}:{start.line + 1}:{start.character + 1}: {SEVERITY_NAMES[f.severity]} {f.rule} {f.message}\n")
            for fx in f.fixes:
                parts.append(f"    fix{' (--fix)' if fx.preferred else ''}: {_fix_label(fx)}\n")
        return "".join(parts)

    def add(self, result: FileResult) -> None:
        super().add(result)
        if self.console is None:
            if result.findings:
                self.out.write(self.render(result))
            return
        from rich.markup import escape

        for f in result.findings:
            sev = SEVERITY_NAMES[f.severity]
            loc = f"{result.file.path}:{f.range.start.line + 1}:{f.range.start.character + 1}"
            self.console.print(
                f"[bold]{escape(loc)}[/]: [{TEXT_STYLES[sev]}]{sev}[/] [dim]{escape(f.rule)}[/] {escape(f.message)}"
            )
            for fx in f.fixes:
                tag = " [green](--fix)[/]" if fx.preferred else ""
                self.console.print(f"    [green]fix[/]{tag}: {escape(_fix_label(fx))}")

    def finish(self, notes: list[Note], changes: list[Change], files_checked: int) -> None:
        for ch in changes:
            self.out.write(
                f"{ch.file.path}:{ch.range.start.line + 1}:{ch.range.start.character + 1}: fixed: {ch.old} -> {ch.new}\n"
            )
        detail = self.detail()
        summary = _plural(self.total, "finding") + (f" ({detail})" if detail else "")
        summary += f" in {_plural(files_checked, 'file')}"
        if changes:
            summary += f"; {len(changes)} fixed"
        self.out.write(summary + "\n")


# --- json --------------------------------------------------------------------------------------

def _json_range(lines: dict[int, str], r: Range) -> dict:
    return {
        "start": {"line": r.start.line + 1, "column": col16(lines, r.start.line, r.start.character), "byte": col8(lines, r.start.line, r.start.character)},
        "end": {"line": r.end.line + 1, "column": col16(lines, r.end.line, r.end.character), "byte": col8(lines, r.end.line, r.end.character)},
    }


def _json_range_str(lines: dict[int, str], r: Range) -> str:
    """`_dumps(_json_range(lines, r))`, faster (ASCII lines need no column conversion)."""
    s, e = r.start, r.end
    sl, sc, el, ec = s.line, s.character, e.line, e.character
    text = lines.get(sl, "")
    if text.isascii():
        s16 = s8 = sc + 1
    else:
        s16, s8 = col16(lines, sl, sc), col8(lines, sl, sc)
    if el != sl:
        text = lines.get(el, "")
    if text.isascii():
        e16 = e8 = ec + 1
    else:
        e16, e8 = col16(lines, el, ec), col8(lines, el, ec)
    return (f'{{"start": {{"line": {sl + 1}, "column": {s16}, "byte": {s8}}}, '
            f'"end": {{"line": {el + 1}, "column": {e16}, "byte": {e8}}}}}')


JSON_COLUMNS = "line 1-based; column 1-based UTF-16 code units; byte 1-based UTF-8 bytes; end exclusive"


class JsonWriter(Writer):
    """One JSON document; each finding on its own line (compact and greppable)."""

    stateless = True

    def begin(self) -> None:
        super().begin()
        head = {"tool": TOOL, "version": __version__, "columns": JSON_COLUMNS, "root": str(self.root)}
        self.out.write(_dumps(head)[:-1] + ', "findings": [')
        self.sep = "\n"

    def prepare(self) -> None:
        self._const: dict = {}  # (rule, severity, message, code, url) -> its JSON fragment
        self._fix: dict = {}  # (label, preferred) -> its JSON fragment

    def render(self, result: FileResult) -> str:
        """The file's findings as `_dumps` of the objects below would write them, joined by ",\n";
        built from pieces: what does not depend on the position is encoded once per run."""
        r = result
        lines = r.lines
        const = self._const
        fixc = self._fix
        head = '{"path": ' + _enc(r.file.rel) + ', "language": ' + _enc(r.file.language) + ', "rule": '
        parts = []
        for f in r.findings:
            key = (f.rule, f.severity, f.message, f.code, f.url)
            mid = const.get(key)
            if mid is None:
                mid = const[key] = (
                    f"{_enc(f.rule)}, \"severity\": {_enc(SEVERITY_NAMES[f.severity])}, \"message\": {_enc(f.message)}, "
                    f"\"code\": {_json_scalar(f.code)}, \"url\": {_enc(f.url) if f.url else 'null'}, \"text\": "
                )
            rg = f.range
            s, e = rg.start, rg.end
            sl = s.line
            if sl == e.line:
                ln = lines.get(sl, "")
                sc, ec = s.character, e.character
                if ln.isascii():
                    a, b, n = sc + 1, ec + 1, sl + 1
                    rj = (f'{{"start": {{"line": {n}, "column": {a}, "byte": {a}}}, '
                          f'"end": {{"line": {n}, "column": {b}, "byte": {b}}}}}')
                else:
                    rj = _json_range_str(lines, rg)
                text = ln[sc:ec]
            else:
                rj = _json_range_str(lines, rg)
                text = range_text(lines, rg)
            if f.fixes:
                fx = []
                for x in f.fixes:
                    k2 = (_fix_label(x), x.preferred)
                    fm = fixc.get(k2)
                    if fm is None:
                        fm = fixc[k2] = f'{{"title": {_enc(k2[0])}, "preferred": {"true" if x.preferred else "false"}, "range": '
                    fx.append(f'{fm}{rj if x.range == rg else _json_range_str(lines, x.range)}, "newText": {_enc(x.new_text)}}}')
                fixes = "[" + ", ".join(fx) + "]"
            else:
                fixes = "[]"
            parts.append(f'{head}{mid}{_enc(text)}, "range": {rj}, "fixes": {fixes}}}')
        return ",\n".join(parts)

    def add(self, result: FileResult) -> None:
        super().add(result)
        if result.findings:
            self.write_rendered(self.render(result))

    def write_rendered(self, rendered) -> None:
        self.out.write(self.sep + rendered)
        self.sep = ",\n"

    def finish(self, notes: list[Note], changes: list[Change], files_checked: int) -> None:
        tail = {
            "filesChecked": files_checked,
            "notes": [{"path": n.rel, "kind": n.kind, "message": n.message} for n in notes],
            "fixed": [
                {"path": c.file.rel, "line": c.range.start.line + 1, "old": c.old, "new": c.new, "title": c.title}
                for c in changes
            ],
        }
        self.out.write(("\n" if self.total else "") + "], " + _dumps(tail)[1:] + "\n")


# --- SARIF 2.1.0 -------------------------------------------------------------------------------

SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFORMATION: "note", Severity.HINT: "note"}


def _artifact_location(rel: str) -> dict:
    """Relative to %SRCROOT% (the repository root); a file outside the repository gets an absolute file URI."""
    if rel.startswith("/"):
        return {"uri": Path(rel).as_uri()}
    return {"uri": _uri(rel), "uriBaseId": "%SRCROOT%"}


def _uri(rel: str) -> str:
    from urllib.parse import quote

    return quote(rel, safe="/")


def sarif_rule(ri: RuleInfo) -> dict:
    plain = _sentence(ri.help.replace("`", ""))
    return {
        "id": ri.id,
        "name": ri.name,
        "shortDescription": {"text": _sentence(ri.short)},
        "fullDescription": {"text": plain},
        "help": {"text": plain, "markdown": f"{ri.help}\n\n[Documentation]({ri.url})"},
        "helpUri": ri.url,
        "defaultConfiguration": {"level": SARIF_LEVEL[ri.severity]},
    }


class SarifWriter(Writer):
    """SARIF 2.1.0: rules with help, results with fixes and fingerprints; `results` streamed."""

    def begin(self) -> None:
        self.rules = rules()
        self.rule_index = {ri.id: i for i, ri in enumerate(self.rules)}
        self.artifacts: list[dict] = []
        self.art_index: dict[str, int] = {}
        driver = {
            "name": TOOL,
            "fullName": "errcode check (ohos-errcode)",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFO_URI,
            "rules": [sarif_rule(ri) for ri in self.rules],
        }
        root_uri = self.root.resolve().as_uri().rstrip("/") + "/"
        run_head = {
            "tool": {"driver": driver},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
            "columnKind": "utf16CodeUnits",
        }
        self.out.write(
            '{"$schema": ' + _dumps(SARIF_SCHEMA) + ', "version": "2.1.0", "runs": [' + _dumps(run_head)[:-1] + ', "results": ['
        )
        self.sep = "\n"

    def _artifact(self, rel: str, language: str) -> int:
        if rel not in self.art_index:
            self.art_index[rel] = len(self.artifacts)
            self.artifacts.append(
                {"location": _artifact_location(rel), "sourceLanguage": "cpp" if language == "c" else "typescript", "encoding": "utf-8"}
            )
        return self.art_index[rel]

    def add(self, result: FileResult) -> None:
        super().add(result)
        r = result
        if not r.findings:
            return
        ai = self._artifact(r.file.rel, r.file.language)
        prints = fingerprints(r)
        for f, fp in zip(r.findings, prints):
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
                "level": SARIF_LEVEL[f.severity],
                "message": {"text": _sentence(f.message)},
                "locations": [{"physicalLocation": {"artifactLocation": loc, "region": region, "contextRegion": context}}],
                "partialFingerprints": {"errcodeFinding/v1": fp},
            }
            if f.rule in self.rule_index:  # (a rule missing from the table keeps just its ruleId)
                res["ruleIndex"] = self.rule_index[f.rule]
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
            self.out.write(self.sep + _dumps(res))
            self.sep = ",\n"

    def finish(self, notes: list[Note], changes: list[Change], files_checked: int) -> None:
        invocation: dict = {"executionSuccessful": True}
        if notes:
            invocation["toolExecutionNotifications"] = [
                {
                    "level": "note" if n.kind == "unsupported" else "warning",
                    "message": {"text": _sentence(f"{n.rel}: {n.message}")},
                    "locations": [{"physicalLocation": {"artifactLocation": _artifact_location(n.rel)}}],
                    "descriptor": {"id": f"skipped-{n.kind}"},
                }
                for n in notes
            ]
        tail = {"artifacts": self.artifacts, "invocations": [invocation]}
        self.out.write(("\n" if self.total else "") + "], " + _dumps(tail)[1:-1] + "}]}\n")


# --- reviewdog rdjson / rdjsonl ----------------------------------------------------------------

RD_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFORMATION: "INFO", Severity.HINT: "INFO"}
RD_SOURCE = {"name": TOOL}


def rd_diagnostics(result: FileResult, urls: dict[str, str]) -> list[dict]:
    r = result
    out = []
    for f in r.findings:
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


def _span8_str(lines: dict[int, str], r: Range) -> str:
    """`_dumps(span8(lines, r))`, faster (ASCII lines need no column conversion)."""
    s, e = r.start, r.end
    sl, sc, el, ec = s.line, s.character, e.line, e.character
    text = lines.get(sl, "")
    s8 = sc + 1 if text.isascii() else col8(lines, sl, sc)
    if el != sl:
        text = lines.get(el, "")
    e8 = ec + 1 if text.isascii() else col8(lines, el, ec)
    return f'{{"start": {{"line": {sl + 1}, "column": {s8}}}, "end": {{"line": {el + 1}, "column": {e8}}}}}'


class RdjsonlWriter(Writer):
    """reviewdog Diagnostic per line (columns: 1-based UTF-8 bytes)."""

    stateless = True
    joiner = "\n"

    def prepare(self) -> None:
        self.urls = {ri.id: ri.url for ri in rules()}
        self._const: dict = {}  # (message, severity, rule, url) -> (JSON before the path, after the range)

    def render(self, result: FileResult) -> str:
        """`_dumps` of each of `rd_diagnostics(result, urls)`, joined by `joiner`; built from pieces."""
        r = result
        lines = r.lines
        const = self._const
        path = _enc(r.file.rel)
        parts = []
        for f in r.findings:
            key = (f.message, f.severity, f.rule, f.url)
            c = const.get(key)
            if c is None:
                c = const[key] = (
                    f'{{"message": {_enc(f.message)}, "location": {{"path": ',
                    f'}}, "severity": {_enc(RD_SEVERITY[f.severity])}, "source": {_dumps(RD_SOURCE)}, '
                    f'"code": {{"value": {_enc(f.rule)}, "url": {_enc(f.url or self.urls.get(f.rule, INFO_URI))}}}',
                )
            rj = _span8_str(lines, f.range)
            if f.fixes:
                sugg = ", ".join(
                    f'{{"range": {rj if x.range == f.range else _span8_str(lines, x.range)}, "text": {_enc(x.new_text)}}}'
                    for x in f.fixes
                )
                parts.append(f'{c[0]}{path}, "range": {rj}{c[1]}, "suggestions": [{sugg}]}}')
            else:
                parts.append(f'{c[0]}{path}, "range": {rj}{c[1]}}}')
        return self.joiner.join(parts)

    def add(self, result: FileResult) -> None:
        super().add(result)
        if result.findings:
            self.write_rendered(self.render(result))

    def write_rendered(self, rendered) -> None:
        self.out.write(rendered + "\n")


class RdjsonWriter(RdjsonlWriter):
    """reviewdog DiagnosticResult document."""

    joiner = ",\n"

    def begin(self) -> None:
        super().begin()
        self.out.write('{"source": ' + _dumps(RD_SOURCE) + ', "diagnostics": [')
        self.sep = "\n"

    def write_rendered(self, rendered) -> None:
        self.out.write(self.sep + rendered)
        self.sep = ",\n"

    def finish(self, notes: list[Note], changes: list[Change], files_checked: int) -> None:
        self.out.write(("\n" if self.total else "") + "]}\n")


# --- GitHub workflow commands ------------------------------------------------------------------

GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFORMATION: "notice", Severity.HINT: "notice"}
SUMMARY_ROWS = 100


def gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_prop(s: str) -> str:
    return gh_data(s).replace(":", "%3A").replace(",", "%2C")


def _md_cell(s: str) -> str:
    return " ".join(s.split()).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


class GithubWriter(Writer):
    """`::warning file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message` (UTF-16 columns, 1-based),
    and a Markdown summary appended to `$GITHUB_STEP_SUMMARY` when it is set."""

    stateless = True

    def prepare(self) -> None:
        self.rows: list[str] = []
        self._const: dict = {}  # (severity, rule, message, fixes' labels) -> (command, " ::message")

    def render(self, result: FileResult) -> tuple[str, list[str]]:
        """(the commands for the file's findings, the summary rows of its first `SUMMARY_ROWS` when a
        step summary will be written)."""
        return self._render(result, SUMMARY_ROWS if os.environ.get("GITHUB_STEP_SUMMARY") else 0)

    def _render(self, result: FileResult, nrows: int) -> tuple[str, list[str]]:
        r = result
        lines = r.lines
        const = self._const
        file = f"file={gh_prop(r.file.rel)}"
        parts = []
        for f in r.findings:
            labels = tuple(_fix_label(x) for x in f.fixes) if f.fixes else ()
            key = (f.severity, f.rule, f.message, labels)
            c = const.get(key)
            if c is None:
                msg = f.message
                if labels:
                    msg += "\n" + "\n".join(f"Fix: {x}" for x in labels)
                c = const[key] = (f"::{GH_LEVEL[f.severity]} ", f",title={gh_prop(f'errcode {f.rule}')}::{gh_data(msg)}\n")
            rg = f.range
            sl, el = rg.start.line, rg.end.line
            parts.append(
                f"{c[0]}{file},line={sl + 1},endLine={el + 1},col={col16(lines, sl, rg.start.character)},"
                f"endColumn={col16(lines, el, rg.end.character)}{c[1]}"
            )
        rows = [self._row(r, f) for f in r.findings[:nrows]] if nrows > 0 else []
        return "".join(parts), rows

    @staticmethod
    def _row(r: FileResult, f: Finding) -> str:
        fix = "; ".join(_fix_label(x) for x in f.fixes)
        return (
            f"| `{_md_cell(r.file.rel)}:{f.range.start.line + 1}` | {SEVERITY_NAMES[f.severity]} | "
            f"`{f.rule}` | {_md_cell(f.message)} | {_md_cell(fix)} |"
        )

    def add(self, result: FileResult) -> None:
        super().add(result)
        if result.findings:
            self.write_rendered(self._render(result, SUMMARY_ROWS - len(self.rows)))

    def write_rendered(self, rendered) -> None:
        text, rows = rendered
        self.out.write(text)
        if len(self.rows) < SUMMARY_ROWS:
            self.rows += rows[: SUMMARY_ROWS - len(self.rows)]

    def finish(self, notes: list[Note], changes: list[Change], files_checked: int) -> None:
        for n in notes:
            self.out.write(f"::notice file={gh_prop(n.rel)},title={gh_prop('errcode skipped a file')}::{gh_data(n.message)}\n")
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        if path:
            try:
                with open(path, "a", encoding="utf-8") as fh:
                    fh.write(self.summary(notes, files_checked))
            except OSError as exc:
                self.out.write(f"::warning title=errcode::{gh_data(f'cannot write GITHUB_STEP_SUMMARY: {exc}')}\n")

    def summary(self, notes: list[Note], files_checked: int) -> str:
        lines = ["## errcode check", ""]
        if not self.total:
            lines.append(f"No findings in {_plural(files_checked, 'file')}. :white_check_mark:")
        else:
            lines.append(f"**{_plural(self.total, 'finding')}** ({self.detail()}) in {_plural(files_checked, 'file')}.")
            lines += ["", "| Location | Severity | Rule | Message | Fix |", "|---|---|---|---|---|", *self.rows]
            if self.total > len(self.rows):
                lines.append(f"\n… and {self.total - len(self.rows)} more (see the annotations or the SARIF upload).")
        if notes:
            lines += ["", f"{_plural(len(notes), 'file')} skipped:", ""]
            lines += [f"- `{_md_cell(n.rel)}`: {_md_cell(n.message)}" for n in notes[:SUMMARY_ROWS]]
        return "\n".join(lines) + "\n\n"


WRITERS: dict[str, type[Writer]] = {
    "text": TextWriter,
    "json": JsonWriter,
    "sarif": SarifWriter,
    "rdjsonl": RdjsonlWriter,
    "rdjson": RdjsonWriter,
    "github": GithubWriter,
}


def writer(fmt: str, out: TextIO, root: Path, color: bool = False) -> Writer:
    return WRITERS[fmt](out, root, color and fmt == "text")


def write(fmt: str, report: Report, out: TextIO, color: bool = False) -> Writer:
    """Write a whole report at once (the streaming writer driven over it)."""
    w = writer(fmt, out, report.root, color)
    w.begin()
    for r in report.results:
        w.add(r)
    w.finish(report.notes, report.changes, report.files_checked)
    return w


def write_github(report: Report, out: TextIO) -> None:
    write("github", report, out)


def step_summary(report: Report) -> str:
    w = GithubWriter(open(os.devnull, "w"), report.root)
    w.begin()
    for r in report.results:
        w.add(r)
    w.out.close()
    return w.summary(report.notes, report.files_checked)

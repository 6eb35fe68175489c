"""What every format of `errcode check` shares: the results it is given, column conversion, the rules
table, fingerprints, and the streaming `Writer` each format subclasses.

The core reports positions as (0-based line, code-point column); each format converts at the edge
(see the table in `formats/__init__.py`).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, TextIO

import orjson

from ...catalog.analyze import RuleInfo
from ...catalog.model import Finding, Fix, Range, Severity
from ..walk import Note, SourceFile

TOOL = "errcode"
# No project homepage yet: the tool's information URI points at the reference it explains.
INFO_URI = "https://gitee.com/openharmony/docs/blob/master/en/application-dev/reference/errorcode-universal.md"
SEVERITY_NAMES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFORMATION: "info", Severity.HINT: "hint"}
SEVERITY_BY_NAME = {v: k for k, v in SEVERITY_NAMES.items()} | {"information": Severity.INFORMATION, "note": Severity.INFORMATION}


@dataclass(slots=True)
class FileResult:
    """What one file produced: its findings and the text of every line they touch."""

    file: SourceFile
    findings: list[Finding] = field(default_factory=list)
    lines: dict[int, str] = field(default_factory=dict)  # 0-based line -> text without terminator
    note: Note | None = None  # skipped (`note.skipped`), or checked with something left undone
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
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def utf8_bytes(s: str) -> int:
    return len(s.encode("utf-8", "surrogateescape"))


def line_text(lines: dict[int, str], n: int) -> str:
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
        return line_text(lines, r.start.line)[r.start.character : r.end.character]
    parts = [line_text(lines, r.start.line)[r.start.character :]]
    parts += [line_text(lines, n) for n in range(r.start.line + 1, r.end.line)]
    parts.append(line_text(lines, r.end.line)[: r.end.character])
    return "\n".join(parts)


# --- rules -------------------------------------------------------------------------------------

def _pascal(rule_id: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in rule_id.replace("_", "-").split("-"))


def rules() -> list[RuleInfo]:
    """Every rule the analysis knows, sorted by id, with what a report needs filled in: a name, a
    default severity (warning when the rule has none) and a help URI (`INFO_URI` when it has none)."""
    from ...catalog.analyze import RULES

    out = []
    for rid in sorted(RULES):
        meta = RULES[rid]
        sev = meta.default_severity if meta.default_severity is not None else Severity.WARNING
        out.append(replace(meta, name=meta.name or _pascal(rid), default_severity=Severity(sev),
                           help_uri=meta.help_uri or INFO_URI))
    return out


# --- shared helpers ----------------------------------------------------------------------------

def sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "。", "！", "？")) else text + "."


def fingerprints(result: FileResult) -> list[str]:
    """Stable per-finding fingerprints: rule, file, the line's text (trimmed), the flagged text, and
    which occurrence of that combination in the file; unchanged by edits elsewhere in the file."""
    seen: Counter = Counter()
    out = []
    for f in result.findings:
        key = (f.rule, result.file.rel, line_text(result.lines, f.range.start.line).strip(), range_text(result.lines, f.range))
        seen[key] += 1
        data = "\0".join((*key, str(seen[key]))).encode("utf-8", "surrogateescape")
        out.append(hashlib.sha256(data).hexdigest()[:32])
    return out


def fix_label(fix: Fix) -> str:
    return fix.title or f"Replace with {fix.new_text}"


def dumps(obj) -> str:
    """Compact JSON on one line, strings as they are (no \\u escapes but for control characters)."""
    return dumps_joined([obj], "")


def dumps_joined(objs: list, sep: str) -> str:
    """`sep.join(dumps(o) for o in objs)`.

    orjson: the reports are mostly findings, and json's C encoder takes several times as long
    per finding (benchmarks/check_formats.py).  What orjson refuses (a file name that is not UTF-8,
    held as surrogate escapes; an integer past 64 bits) goes through json with the same compact
    separators; `check.py` writes the surrogates as the \\udcXX escapes JSON strings allow."""
    try:
        return sep.encode().join([orjson.dumps(o) for o in objs]).decode("utf-8")
    except orjson.JSONEncodeError:
        return sep.join(json.dumps(o, ensure_ascii=False, separators=(",", ":")) for o in objs)


def plural(n: int, word: str) -> str:
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

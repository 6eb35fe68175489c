"""Stand-in for `ohos_errcode.catalog.scan` / `.analyze` while those modules are being written.

Only used when the core modules cannot be imported; deliberately small (one line of
context, `//` comments and quoted strings).  The core's versions replace it entirely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog.model import Finding, Fix, Range, Severity


@dataclass(frozen=True)
class Literal:
    text: str
    value: int
    range: Range
    context: str  # "code" | "comment" | "string"
    error_context: bool


@dataclass(frozen=True)
class NameRef:
    text: str
    value: int | None
    range: Range


@dataclass(frozen=True)
class AnalyzeOptions:
    known_severity: Severity | None = Severity.INFORMATION


_NUM = re.compile(r"(?<![\w.])-?(?:0[xX][0-9A-Fa-f]+|\d[\d_']*)(?![\w.])")
_ERR_BEFORE = re.compile(r"(?:\bcode|\berrCode|\bret|\berr)\s*(?:[!=]==?|=)\s*$|\bcase\s+$|assertEqual\(\s*$|\bcode\s*:\s*$")
_NAME = re.compile(r"\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?:\s*([+-])\s*(\d+))?")
_ASSIGN = re.compile(r"\bif\s*\(\s*[\w.]*code\s*(=)(?!=)\s*")


def _spans(line: str) -> list[tuple[int, int, str]]:
    out, i, n = [], 0, len(line)
    while i < n:
        c = line[i]
        if line.startswith("//", i):
            out.append((i, n, "comment"))
            break
        if c in "\"'`":
            j = line.find(c, i + 1)
            j = n if j < 0 else j + 1
            out.append((i, j, "string"))
            i = j
            continue
        i += 1
    return out


def scan(text: str, language: str) -> list[Literal]:
    out = []
    for ln, line in enumerate(re.split(r"\r\n|\r|\n", text)):
        spans = _spans(line)
        for m in _NUM.finditer(line):
            ctx = next((k for a, b, k in spans if a <= m.start() < b), "code")
            raw = m.group(0)
            try:
                t = raw.replace("_", "").replace("'", "")
                value = int(t, 16) if "x" in t.lower() else int(t)
            except ValueError:
                continue
            err = ctx == "code" and bool(_ERR_BEFORE.search(line[: m.start()]))
            out.append(Literal(raw, value, Range.of(ln, m.start(), m.end()), ctx, err))
    return out


def scan_names(text: str, language: str, catalog) -> list[NameRef]:
    out = []
    for ln, line in enumerate(re.split(r"\r\n|\r|\n", text)):
        for m in _NAME.finditer(line):
            value = catalog.resolve_expression(m.group(0))
            if value is None and m.group(2):
                value = catalog.resolve_symbol(m.group(1))
                out.append(NameRef(m.group(1), value, Range.of(ln, m.start(), m.start() + len(m.group(1)))))
                continue
            out.append(NameRef(m.group(0), value, Range.of(ln, m.start(), m.end())))
    return out


def kit_hint(text: str) -> str | None:
    if "@ohos.multimedia.image" in text or re.search(r"#include\s*[<\"][^>\"]*image_\w*\.h", text):
        return "apis-image-kit"
    return None


def analyze(text: str, language: str, catalog, options: AnalyzeOptions = AnalyzeOptions()) -> list[Finding]:
    findings = []
    hint = kit_hint(text)
    for lit in scan(text, language):
        if lit.context != "code":
            continue
        digits = len(str(abs(lit.value)))
        entries = tuple(catalog.lookup(lit.value, kit_hint=hint))
        if entries and (lit.error_context or digits >= 7):
            if options.known_severity is None:
                continue
            fixes = ()
            sym = catalog.symbol_for(lit.value)
            if language == "c" and sym:
                fixes = (Fix(f"Replace with {sym}", lit.range, sym, False),)
            findings.append(Finding("known-error-code", lit.range, options.known_severity,
                                    f"{lit.value}: {entries[0].title}", lit.value, entries, fixes, entries[0].url))
        elif not entries and lit.error_context and digits >= 3:
            sugg = catalog.suggest(lit.value)
            msg = f"Unknown error code {lit.value}"
            if sugg:
                msg += " — did you mean " + " or ".join(f"{e.code} ({e.title})" for e in sugg) + "?"
            fixes = tuple(Fix(f"Replace with {e.code}", lit.range, str(e.code), len(sugg) == 1) for e in sugg)
            findings.append(Finding("unknown-error-code", lit.range, Severity.WARNING, msg, lit.value, (), fixes, ""))
    for ln, line in enumerate(re.split(r"\r\n|\r|\n", text)):
        for m in _ASSIGN.finditer(line):
            rng = Range.of(ln, m.start(1), m.end(1))
            op = "==" if language == "c" else "==="
            findings.append(Finding("assignment-in-condition", rng, Severity.WARNING,
                                    f"Assignment in a condition: did you mean {op}?", None, (),
                                    (Fix(f"Replace = with {op}", rng, op, True),), ""))
    findings.sort(key=lambda f: (f.range.start, f.rule))
    return findings

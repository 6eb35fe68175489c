"""The server's view of the core: scanning and analysis of one document version.

Everything here is protocol-free (core positions, core Findings).  Uses
`ohos_errcode.catalog.scan` / `.analyze`; a small stand-in is used only while those
modules are absent.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field
from typing import Any

from ..catalog.model import Finding, Position, Range, Severity

log = logging.getLogger(__name__)

try:  # the core modules (written in parallel)
    from ..catalog import analyze as _analyze_mod
    from ..catalog import scan as _scan_mod

    scan = _scan_mod.scan
    scan_names = _scan_mod.scan_names
    kit_hint = _scan_mod.kit_hint
    analyze = _analyze_mod.analyze
    AnalyzeOptions = _analyze_mod.AnalyzeOptions
    USING_FALLBACK = False
except ImportError:  # pragma: no cover - only until the core lands
    from . import _fallback

    scan, scan_names, kit_hint = _fallback.scan, _fallback.scan_names, _fallback.kit_hint
    analyze, AnalyzeOptions = _fallback.analyze, _fallback.AnalyzeOptions
    USING_FALLBACK = True

# Documents larger than this are not analysed as a whole (no diagnostics); hover, completion
# and inlay hints then scan a window of lines around the request.
MAX_ANALYZED_CHARS = 2_000_000
WINDOW_LINES = 200


@dataclass
class Analysis:
    """Scan results of one document version (core positions)."""

    literals: list[Any] = field(default_factory=list)  # sorted by range start
    names: list[Any] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    kit_hint: str | None = None
    complete: bool = True  # False: a window of a huge document, no findings
    line_offset: int = 0

    def _at(self, items: list[Any], pos: Position) -> Any | None:
        best = None
        for it in items:
            r = it.range
            if r.start <= pos <= r.end:
                if best is None or (r.end.character - r.start.character) < (
                    best.range.end.character - best.range.start.character
                ):
                    best = it
            elif r.start > pos:
                break
        return best

    def literal_at(self, pos: Position) -> Any | None:
        i = bisect.bisect_left([lit.range.start for lit in self.literals], Position(pos.line, 0))
        return self._at(self.literals[i:], pos)

    def name_at(self, pos: Position) -> Any | None:
        i = bisect.bisect_left([n.range.start for n in self.names], Position(pos.line, 0))
        return self._at(self.names[i:], pos)

    def findings_in(self, rng: Range) -> list[Finding]:
        return [f for f in self.findings if f.range.start <= rng.end and rng.start <= f.range.end]

    def literals_in(self, first_line: int, last_line: int) -> list[Any]:
        starts = [lit.range.start.line for lit in self.literals]
        lo = bisect.bisect_left(starts, first_line)
        hi = bisect.bisect_right(starts, last_line)
        return self.literals[lo:hi]


def _sorted(items: list[Any]) -> list[Any]:
    return sorted(items, key=lambda it: (it.range.start, it.range.end))


def compute(text: str, language: str | None, catalog: Any, known_severity: Severity | None) -> Analysis:
    """Scan and analyse a whole document (for one version)."""
    if language is None:
        return Analysis()
    if len(text) > MAX_ANALYZED_CHARS:
        return Analysis(kit_hint=_safe(kit_hint, text[:200_000]), complete=False)
    hint = _safe(kit_hint, text)
    literals = _safe(scan, text, language) or []
    names = _safe(scan_names, text, language, catalog) or []
    findings = _safe(analyze, text, language, catalog, _options(known_severity)) or []
    return Analysis(_sorted(literals), _sorted(names), list(findings), hint)


def compute_window(text_lines: list[str], first_line: int, language: str | None, catalog: Any,
                   hint: str | None) -> Analysis:
    """Literals and names of a slice of a huge document, positions shifted to the document's lines."""
    if language is None:
        return Analysis()
    chunk = "\n".join(text_lines)
    literals = [_shift(lit, first_line) for lit in (_safe(scan, chunk, language) or [])]
    names = [_shift(n, first_line) for n in (_safe(scan_names, chunk, language, catalog) or [])]
    return Analysis(_sorted(literals), _sorted(names), [], hint, complete=False)


def _shift(item: Any, lines: int) -> Any:
    from dataclasses import replace

    r = item.range
    return replace(item, range=Range(Position(r.start.line + lines, r.start.character),
                                     Position(r.end.line + lines, r.end.character)))


def _options(known_severity: Severity | None) -> Any:
    try:
        return AnalyzeOptions(known_severity=known_severity)
    except TypeError:
        return AnalyzeOptions()


def _safe(fn, *args):
    try:
        return fn(*args)
    except Exception:  # the core promises not to raise; an editor must keep working if it does
        log.exception("errcode core: %s failed", getattr(fn, "__name__", fn))
        return None

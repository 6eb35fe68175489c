"""`--fix`: apply the unambiguous fixes (each finding's single preferred fix) to a text.

Only the replaced ranges change: line endings, BOM and everything else stay byte-identical
(the caller re-encodes with the BOM it found).
"""

from __future__ import annotations

from ..catalog.model import Finding, Fix, Position
from ..catalog.scan import split_lines


def _offsets(text: str) -> tuple[list[int], list[str]]:
    lines, ends = split_lines(text)
    starts = []
    pos = 0
    for line, end in zip(lines, ends):
        starts.append(pos)
        pos += len(line) + len(end)
    return starts, lines


def _index(starts: list[int], lines: list[str], p: Position) -> int | None:
    if p.line < 0 or p.line >= len(lines) or p.character < 0 or p.character > len(lines[p.line]):
        return None
    return starts[p.line] + p.character


def preferred_fix(finding: Finding) -> Fix | None:
    """The finding's one preferred fix; None when it has none or (ambiguously) several."""
    chosen = [f for f in finding.fixes if f.preferred]
    return chosen[0] if len(chosen) == 1 else None


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, list[tuple[Fix, str]]]:
    """(new text, [(fix, replaced text)…] in document order). Overlapping or out-of-range fixes are skipped."""
    starts, lines = _offsets(text)
    planned: list[tuple[int, int, Fix]] = []
    for f in findings:
        fix = preferred_fix(f)
        if fix is None:
            continue
        a = _index(starts, lines, fix.range.start)
        b = _index(starts, lines, fix.range.end)
        if a is None or b is None or b < a:
            continue
        planned.append((a, b, fix))
    planned.sort(key=lambda t: (t[0], t[1]))
    kept: list[tuple[int, int, Fix]] = []
    last_end = -1
    for a, b, fix in planned:
        if a < last_end or (kept and a == kept[-1][0] and b == kept[-1][1]):
            continue
        kept.append((a, b, fix))
        last_end = b
    applied = [(fix, text[a:b]) for a, b, fix in kept]
    parts: list[str] = []
    prev = 0
    for a, b, fix in kept:
        parts += (text[prev:a], fix.new_text)
        prev = b
    parts.append(text[prev:])
    return "".join(parts), applied

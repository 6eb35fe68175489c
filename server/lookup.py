"""What the thing under the cursor means: shared by hover, definition, code actions and inlay hints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..catalog.model import Entry, Position, Range
from .core import Analysis


@dataclass
class Target:
    """A literal or a name at a position, resolved against the catalog."""

    range: Range  # core positions
    code: int | None
    entries: list[Entry] = field(default_factory=list)
    name: str | None = None  # the symbolic name / expression text, when not a literal
    unknown: bool = False  # an unknown code where one is expected (show did-you-mean)
    suggestions: list[Entry] = field(default_factory=list)


def _digits(value: int) -> int:
    return len(str(abs(value)))


def literal_counts(lit: Any, known: bool) -> bool:
    """Whether a known literal is worth explaining: in comments and strings a reader wants it; in
    code, short codes (401) only in an error context, 7-8 digit codes anywhere."""
    ctx = getattr(lit, "context", "code")
    if ctx in ("comment", "string"):
        return known and _digits(lit.value) >= 3
    if ctx == "preprocessor":
        return known and (_digits(lit.value) >= 7 or bool(getattr(lit, "error_context", False)))
    return known and (bool(getattr(lit, "error_context", False)) or _digits(lit.value) >= 7)


def target_at(analysis: Analysis, pos: Position, catalog: Any, lang: str) -> Target | None:
    lit = analysis.literal_at(pos)
    if lit is not None and isinstance(getattr(lit, "value", None), int):
        entries = catalog.lookup(lit.value, kit_hint=analysis.kit_hint, lang=lang)
        if literal_counts(lit, bool(entries)):
            return Target(lit.range, lit.value, entries)
        finding = next((f for f in analysis.findings if f.range == lit.range and f.rule == "unknown-error-code"), None)
        if finding is not None:
            return Target(lit.range, lit.value, [], unknown=True, suggestions=list(catalog.suggest(lit.value)))
        return None
    ref = analysis.name_at(pos)
    if ref is not None:
        value = getattr(ref, "value", None)
        if not isinstance(value, int):
            return None
        name = getattr(ref, "text", None) or getattr(ref, "name", None)
        entries = catalog.lookup(value, kit_hint=analysis.kit_hint, lang=lang)
        if not entries and value < 0:
            entries = catalog.lookup(-value, kit_hint=analysis.kit_hint, lang=lang)
        if entries:
            return Target(ref.range, value, entries, name=name)
        return Target(ref.range, value, [], name=name, unknown=True, suggestions=list(catalog.suggest(value)))
    return None

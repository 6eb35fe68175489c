"""What the thing under the cursor means: shared by hover, definition and code actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..catalog.model import Entry, Position, Range
from .core import View


@dataclass
class Target:
    """A literal or a name at a position, resolved against the catalog."""

    range: Range  # core positions
    code: int | None
    entries: list[Entry] = field(default_factory=list)
    name: str | None = None  # the symbolic name / expression as written, when not a literal
    unknown: bool = False  # an unknown code where a code is expected (show did-you-mean)
    suggestions: list[Entry] = field(default_factory=list)


def target_at(view: View, pos: Position, catalog: Any, lang: str) -> Target | None:
    """The code under the cursor, or None where there is nothing worth explaining.

    Literals: in code, the core's policy (7-8 digit known codes anywhere, short ones in an error
    context, unknown ones in an error context); in comments and strings a reader wants any known
    code of 3+ digits explained.  Names: catalog symbols, `BASE + n`, names the file defines.
    """
    hint = view.hint
    lit = view.literal_at(pos)
    if lit is not None:
        verdict = view.verdict(lit, catalog)
        known = catalog.is_known(lit.value)
        if verdict == "known" or (known and lit.base == 10 and lit.digits >= 3 and lit.context in ("comment", "string")):
            return Target(lit.range, lit.value, catalog.lookup(lit.value, kit_hint=hint, lang=lang))
        if verdict == "unknown":
            return Target(lit.range, lit.value, [], unknown=True, suggestions=list(catalog.suggest(lit.value)))
        return None
    ref = view.name_at(pos)
    if ref is None or not isinstance(ref.value, int):
        return None
    entries = catalog.lookup(ref.value, kit_hint=hint, lang=lang)
    if entries:
        return Target(ref.range, ref.value, entries, name=ref.text)
    return Target(ref.range, ref.value, [], name=ref.text, unknown=True, suggestions=list(catalog.suggest(ref.value)))

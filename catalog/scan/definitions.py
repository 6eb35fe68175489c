"""The file's own definitions of codes: their values, which of them name a code, where one is made.

`resolve_definitions(defs, base_names, catalog)` evaluates a file's `NAME = expr` definitions (in C
`#define NAME expr`, enum members) against the catalog's symbols and each other; the incremental
scanner calls it when the definitions change, and shows the reportable ones as name references.
"""

from __future__ import annotations

import re

from .context import CONST_NAME, DEFINE_END, errish_name
from .names import eval_expr

_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_ASSIGNED = re.compile(r"\s*(?::\s*[\w.]+\s*)?=(?!=)")
PASSES = 3  # definitions may refer to later ones; a few passes reach the fixpoint


def resolve_definitions(defs: list[tuple[str, str]], base_names: dict[str, int],
                        catalog) -> tuple[dict[str, int], dict[str, int]]:
    """(every definition's value, the definitions worth showing as a code's name).

    A name the catalog already knows keeps the catalog's value.  Reportable: a constant-style
    name whose value is a documented code (a long code under any name, a short one such as 401
    only under an error-ish name), or whose expression involves a known symbol."""
    local: dict[str, int] = {}
    reportable: dict[str, int] = {}

    def lookup(name: str) -> int | None:
        v = local.get(name)
        return base_names.get(name) if v is None else v

    for _ in range(PASSES):
        changed = False
        for name, expr in defs:
            if name in base_names:
                continue
            r = eval_expr(expr, lookup)
            if r is None:
                continue
            value, via_name = r
            if local.get(name) != value:
                local[name] = value
                changed = True
            known = catalog is not None and catalog.is_known(value)
            involves_symbol = via_name and any(
                part in base_names or part in reportable for part in _IDENT.findall(expr)
            )
            # a constant for a documented code: long codes under any name, short ones (401, 201)
            # only under an error-ish name (not BUNDLE_MGR_SERVICE_SYS_ABILITY_ID = 401)
            if known and abs(value) < 1_000_000 and not errish_name(name):
                known = False
            if ((known and abs(value) >= 100) or involves_symbol) and CONST_NAME.match(name):
                reportable[name] = value
        if not changed:
            break
    return local, reportable


def is_definition_site(line: str, start: int, name: str) -> bool:
    """Is the name at `start` of `line` being defined there (`#define NAME`, `NAME = …`)?"""
    before = line[max(0, start - 40) : start]
    after = line[start + len(name) : start + len(name) + 80]
    if DEFINE_END.search(before):
        return True
    return bool(_ASSIGNED.match(after))

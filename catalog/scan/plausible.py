"""Plausibility: which numbers can be error codes, written once.

`need(value, base, context, quoted, catalog)` is the policy: what the verdict of a literal's error
context must be for it to count as a code (a `Need`), known before it is judged.  A known code
(either sign), or an unknown one that looks like a code (7+ digits of a known family:
`catalog.code_families`; 7-10 digits of a kit that may not be loaded; 3 digits with a near miss:
`catalog.typo_codes`) can; `plausible(value, catalog)` says which values can at all, and
`counts_as_code(literal, catalog)` applies the need to a judged literal.  `hot_test` and
`hot_pattern` say the same of the runs of digits in a text, for the whole-file pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, cast
from weakref import WeakKeyDictionary, ref

from ..per_catalog import PerCatalog
from .literals import Literal
from .relevant import hot_runs_pattern, relevant_pattern


LONG_DIGITS = (7, 10)  # any number of this many digits may be a code (of a kit whose page is not loaded)


@dataclass(frozen=True, slots=True, eq=False)
class Need:
    """What a literal's verdict must be for it to count as a code: `label` ("known" or "unknown")
    when it counts, None when it never does; `always`: whatever the verdict; else only in an error
    context whose reason is not one of `unless`, nor, when `firm`, a weak one ("compare-weak" …).
    The needs are the constants below, told apart by identity."""

    label: str | None
    always: bool = False
    firm: bool = False
    unless: frozenset[str] = frozenset()

    def admits(self, error_context: bool, reason: str) -> bool:
        if self.label is None:
            return False
        if self.always:
            return True
        if not error_context or reason in self.unless:
            return False
        return not (self.firm and reason.endswith("-weak"))


NEVER = Need(None)
KNOWN_ANYWHERE = Need("known", always=True)  # a known code of 7+ digits in code: wherever it stands
KNOWN = Need("known")  # a shorter known code (201, 401 …), or one in a string: in an error context
# an unknown number with a known family's prefix (62980xxx, 7600xxx …), a typo of one of its codes;
# but `{"INVALID_ARGUMENT", 7400111}` names its code: no typo there
FAMILY = Need("unknown", unless=frozenset({"pair-weak"}))
# 7-10 digits of some kit (its page may not be loaded), or a 3-digit near miss: only in a firm
# error context (`err.code == 14800001`; not `code === 200`, where a plain `code` may hold an HTTP
# status), and not in a definition, which names its own value (`POLL_TIMEOUT = 500`)
FIRM = Need("unknown", firm=True, unless=frozenset({"definition"}))
_CODE_CONTEXTS = ("code", "preprocessor")


def need(value: int, base: int, context: str, quoted: bool, catalog) -> Need:
    """The policy, before the literal is judged.

    - Only decimal literals in code / preprocessor lines, or whole-number strings in an error context.
    - Known codes of 7+ digits count anywhere in code; shorter known codes only in an error context.
    - An unknown number counts only in an error context, and only when it looks like a code (see
      FAMILY and FIRM).  Negative and 1-2-digit numbers (0, -1) never do.
    """
    if base != 10:
        return NEVER
    code = context in _CODE_CONTEXTS
    if not code and not (quoted and context == "string"):
        return NEVER
    n = code_needs(catalog)[value]
    return KNOWN if n is KNOWN_ANYWHERE and not code else n  # (a string counts only in an error context)


def needs_of(raws: list, catalog) -> list[Need]:
    """`need` of each of a line's literals (those in code looked up by value at once)."""
    needs = code_needs(catalog)
    return [needs[r.value] if r.base == 10 and r.context in _CODE_CONTEXTS else need(r.value, r.base, r.context, r.quoted, catalog)
            for r in raws]


def _code_need(value: int, catalog, known: "_Memo") -> Need:
    """`need` of a decimal literal in code."""
    a = -value if value < 0 else value
    if a < 100:
        return NEVER
    if known[value]:
        return KNOWN_ANYWHERE if a >= 1_000_000 else KNOWN
    if value < 0:
        return NEVER
    if a >= 1_000_000:
        if long_code_family(value, catalog):
            return FAMILY
        return FIRM if a < 10 ** LONG_DIGITS[1] else NEVER
    return FIRM if a < 1000 and value in catalog.typo_codes else NEVER


class _Memo(dict):
    """Answers of one catalog about values, remembered (a catalog's codes never change): a hit is a
    dictionary look-up in C, a miss asks `answer` (the memo starts over past `_MEMO_MAX` values)."""

    __slots__ = ("answer",)

    def __init__(self, answer: Callable[[int], object]) -> None:
        super().__init__()
        self.answer = answer

    def __missing__(self, value: int) -> object:
        if len(self) >= _MEMO_MAX:
            self.clear()
        got = self[value] = self.answer(value)
        return got


_MEMO_MAX = 1 << 16


def _memos_of(catalog) -> tuple[_Memo, _Memo]:
    cat: Callable[[], Any]
    try:
        cat = cast(Callable[[], Any], ref(catalog))  # the memos refer to the catalog weakly: they must not keep it alive
    except TypeError:  # (such a catalog's memos are not kept: `PerCatalog`)
        cat = lambda: catalog  # noqa: E731
    known = _Memo(lambda v: cat().is_known(v))
    return known, _Memo(lambda v: _code_need(v, cat(), known))


_MEMOS = PerCatalog(_memos_of)  # catalog -> (is it known?, its `need` in code) by value


def code_needs(catalog) -> _Memo:
    """`need` of a decimal literal in code, by value: `needs[v]` (remembered per catalog)."""
    return _MEMOS.get(catalog)[1]


def is_known(value: int, catalog) -> bool:
    """`catalog.is_known(value)`, remembered per catalog."""
    return _MEMOS.get(catalog)[0][value]


def plausible(value: int, catalog) -> bool:
    """Can `value` (a decimal number of 3+ digits) be a code: known, or one that looks like one?"""
    return code_needs(catalog)[value] is not NEVER


def long_code_family(value: int, catalog) -> bool:
    """Does a 7+-digit number have the prefix of a known code family (62980xxx, 7600xxx …)?"""
    s = str(value)
    return (len(s), s[:-3]) in catalog.code_families


def counts_as_code(lit: Literal, catalog) -> str | None:
    """The policy applied to a judged literal: "known", "unknown" (a typo worth a warning) or None
    (not an error code)."""
    n = need(lit.value, lit.base, lit.context, lit.quoted, catalog)
    return n.label if n.admits(lit.error_context, lit.reason) else None


_HOT: WeakKeyDictionary = WeakKeyDictionary()  # catalog -> {language or None: pattern}


def hot_test(catalog) -> Callable[..., "re.Match | None"]:
    """Does a line hold a run of digits that may be worth judging (for `relevant.lex_relevant`'s
    `hot`)?  A plausible code of either sign, or anything with a separator or over 40 digits (not
    worth the trouble of telling): the runs `hot_pattern` finds, searched for alone."""
    return _hot_patterns(catalog, None).search


def hot_pattern(catalog, lang: str) -> re.Pattern:
    """`relevant.relevant_pattern` told the hot runs: the known codes (without sign), the 3-digit
    typos, and the families of the long codes."""
    return _hot_patterns(catalog, lang)


def _hot_patterns(catalog, lang: str | None) -> re.Pattern:
    patterns = _HOT.get(catalog)
    if patterns is None:
        patterns = _HOT[catalog] = {}
    pattern = patterns.get(lang)
    if pattern is None:
        # every run of 7-10 digits is plausible (see `plausible`): only the shorter known codes, the
        # typos and the longer codes' families are spelt out, so the regex does not grow with the catalog
        lo, hi = LONG_DIGITS
        hot = {s for s in map(str, map(abs, catalog.codes())) if not lo <= len(s) <= hi}
        hot |= {str(v) for v in catalog.typo_codes}
        families = sorted(p for n, p in catalog.code_families if not lo <= n <= hi)
        if lang is None:
            pattern = hot_runs_pattern(sorted(hot), families, LONG_DIGITS)
        else:
            pattern = relevant_pattern(lang, sorted(hot), families, LONG_DIGITS)
        patterns[lang] = pattern
    return pattern

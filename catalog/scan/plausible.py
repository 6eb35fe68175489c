"""Plausibility: which numbers can be error codes, written once.

`plausible(value, catalog)`: a known code (either sign), or an unknown one that looks like a code of
a loaded kit (7+ digits of a known family: `catalog.code_families`; 3 digits with a near miss:
`catalog.typo_codes`).  `counts_as_code(literal, catalog)` adds where the number stands.
`hot_test` and `hot_pattern` say the same of the runs of digits in a text, for the whole-file pass.
"""

from __future__ import annotations

import re
from typing import Callable
from weakref import WeakKeyDictionary, ref

from ..per_catalog import PerCatalog
from .literals import Literal
from .relevant import hot_runs_pattern, relevant_pattern


LONG_DIGITS = (7, 10)  # any number of this many digits may be a code (of a kit whose page is not loaded)


class _Memo(dict):
    """Answers of one catalog about values, remembered (a catalog's codes never change): a hit is a
    dictionary look-up in C, a miss asks `answer` (the memo starts over past `_MEMO_MAX` values)."""

    __slots__ = ("answer",)

    def __init__(self, answer: Callable[[int], bool]) -> None:
        super().__init__()
        self.answer = answer

    def __missing__(self, value: int) -> bool:
        if len(self) >= _MEMO_MAX:
            self.clear()
        got = self[value] = self.answer(value)
        return got


_MEMO_MAX = 1 << 16


def _memos_of(catalog) -> tuple[_Memo, _Memo]:
    try:
        cat = ref(catalog)  # the memos refer to the catalog weakly: they must not keep it alive
    except TypeError:  # (such a catalog's memos are not kept: `PerCatalog`)
        cat = lambda: catalog  # noqa: E731
    known = _Memo(lambda v: cat().is_known(v))
    return known, _Memo(lambda v: _plausible(v, cat(), known))


_MEMOS = PerCatalog(_memos_of)  # catalog -> (is it known?, is it plausible?) by value


def value_memos(catalog) -> tuple[_Memo, _Memo]:
    """(`is_known`, `plausible`) of `catalog` as mappings from a value: `known[v]`, `ok[v]`."""
    return _MEMOS.get(catalog)


def is_known(value: int, catalog) -> bool:
    """`catalog.is_known(value)`, remembered per catalog (`value_memos`): a literal's value is asked
    about by each step (`plausible`, `counts_anyway`, `counts_as_code`)."""
    return value_memos(catalog)[0][value]


def plausible(value: int, catalog) -> bool:
    """Can `value` (a decimal number of 3+ digits) be a code: known, or a typo of a known one?"""
    return value_memos(catalog)[1][value]


def _plausible(value: int, catalog, known: _Memo) -> bool:
    if known[value]:
        return True
    if value >= 1_000_000:
        return value < 10 ** LONG_DIGITS[1] or (len(str(value)), str(value)[:-3]) in catalog.code_families
    return 100 <= value < 1000 and value in catalog.typo_codes


def long_code_family(value: int, catalog) -> bool:
    """Does a 7+-digit number have the prefix of a known code family (62980xxx, 7600xxx …)?"""
    s = str(value)
    return (len(s), s[:-3]) in catalog.code_families


def counts_anyway(raw, catalog) -> bool:
    """Does this literal count as a known code wherever it stands (`counts_as_code` says "known"
    whatever the verdict): a known code of 7+ digits in code or a preprocessor line?"""
    v = raw.value
    return raw.base == 10 and raw.context in ("code", "preprocessor") and (v >= 1_000_000 or v <= -1_000_000) \
        and is_known(v, catalog)


def counts_as_code(lit: Literal, catalog) -> str | None:
    """The policy: "known", "unknown" (a typo worth a warning) or None (not an error code).

    - Only decimal literals in code / preprocessor lines, or whole-number strings in an error context.
    - Known 7-8-digit codes count anywhere in code; shorter known codes (201, 401 …) only in an
      error context.
    - An unknown number counts only in an error context, and only when it looks like a code: 7+
      digits with the prefix of a known code family (62980xxx, 7600xxx …) or 7-10 digits in a firm
      error context (not "-weak", not a definition), or a 3-digit number with a near-miss suggestion (`err.code ===
      402`, but not `code === 200`: a plain `code` variable may hold an HTTP status; nor in a
      definition, which names its own value).  Negative and 1-2-digit numbers (0, -1) never do.
    """
    if lit.base != 10:
        return None
    if lit.context not in ("code", "preprocessor"):
        if not (lit.quoted and lit.context == "string" and lit.error_context):
            return None
    v = lit.value
    digits = lit.digits
    if digits < 3:
        return None
    if is_known(v, catalog):
        if digits >= 7 or lit.error_context:
            return "known"
        return None
    if v < 0 or not lit.error_context:
        return None
    if digits >= 7:
        # a known family's prefix; or, in a firm error context (`err.code == 14800001`), any code of
        # 7-10 digits: most kits' codes are, and their page may not be loaded
        if lit.reason == "pair-weak":
            return None  # `{"INVALID_ARGUMENT", 7400111}` names a code: no typo there
        if long_code_family(v, catalog) or (digits <= LONG_DIGITS[1] and not lit.reason.endswith("-weak")
                                             and lit.reason != "definition"):
            return "unknown"
        return None
    # a definition names its value (`INTERNAL_ERROR = 500`, `POLL_TIMEOUT = 500`): no typo there
    if digits == 3 and not lit.reason.endswith("-weak") and lit.reason != "definition" and plausible(v, catalog):
        return "unknown"
    return None


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

"""Plausibility: which numbers can be error codes, written once.

`plausible(value, catalog)`: a known code (either sign), or an unknown one that looks like a code of
a loaded kit (7+ digits of a known family: `catalog.code_families`; 3 digits with a near miss:
`catalog.typo_codes`).  `counts_as_code(literal, catalog)` adds where the number stands.
`hot_run` and `hot_pattern` say the same of a run of digits in a text, for the whole-file pass.
"""

from __future__ import annotations

import re
from typing import Callable
from weakref import WeakKeyDictionary

from .literals import Literal
from .relevant import relevant_pattern


def plausible(value: int, catalog) -> bool:
    """Can `value` (a decimal number of 3+ digits) be a code: known, or a typo of a known one?"""
    if catalog.is_known(value):
        return True
    if value >= 1_000_000:
        s = str(value)
        return (len(s), s[:-3]) in catalog.code_families
    return 100 <= value < 1000 and value in catalog.typo_codes


def counts_anyway(raw, catalog) -> bool:
    """Does this literal count as a known code wherever it stands (`counts_as_code` says "known"
    whatever the verdict): a known code of 7+ digits in code or a preprocessor line?"""
    v = raw.value
    return raw.base == 10 and raw.context in ("code", "preprocessor") and (v >= 1_000_000 or v <= -1_000_000) \
        and catalog.is_known(v)


def counts_as_code(lit: Literal, catalog) -> str | None:
    """The policy: "known", "unknown" (a typo worth a warning) or None (not an error code).

    - Only decimal literals in code / preprocessor lines, or whole-number strings in an error context.
    - Known 7-8-digit codes count anywhere in code; shorter known codes (201, 401 …) only in an
      error context.
    - An unknown number counts only in an error context, and only when it looks like a code of a
      loaded kit: 7+ digits with the prefix of a known code family (62980xxx, 7600xxx …), or a
      3-digit number with a near-miss suggestion (`err.code === 402`, but not `code === 200`: a
      plain `code` variable may hold an HTTP status).  Negative and 1-2-digit numbers (0, -1) never do.
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
    if catalog.is_known(v):
        if digits >= 7 or lit.error_context:
            return "known"
        return None
    if v < 0 or not lit.error_context:
        return None
    if digits >= 7:
        return "unknown" if plausible(v, catalog) else None
    if digits == 3 and not lit.reason.endswith("-weak") and plausible(v, catalog):
        return "unknown"
    return None


def hot_run(run: str, catalog) -> bool:
    """May a literal with these digits (a `relevant.DIGIT_RUNS` run, separators kept) be worth
    judging?  A plausible code of either sign, or anything with a separator or over 40 digits (not
    worth the trouble of telling)."""
    if not run.isdigit() or len(run) > 40:
        return True
    v = int(run)
    return plausible(v, catalog) or catalog.is_known(-v)


_HOT: WeakKeyDictionary = WeakKeyDictionary()  # catalog -> (hot test, {language: pattern})


def hot_test(catalog) -> Callable[[str], bool]:
    """`hot_run` for `catalog`, memoized per run (for `relevant.lex_relevant`'s `hot`)."""
    return _hot_of(catalog)[0]


def hot_pattern(catalog, lang: str) -> re.Pattern:
    """`relevant.relevant_pattern` told the runs `hot_run` calls hot: the known codes (without
    sign), the 3-digit typos, and the families of the long codes."""
    patterns = _hot_of(catalog)[1]
    pattern = patterns.get(lang)
    if pattern is None:
        hot = {str(abs(c)) for c in catalog.codes()} | {str(v) for v in catalog.typo_codes}
        pattern = patterns[lang] = relevant_pattern(lang, sorted(hot), sorted(p for _, p in catalog.code_families))
    return pattern


def _hot_of(catalog) -> tuple:
    entry = _HOT.get(catalog)
    if entry is None:
        memo: dict[str, bool] = {}

        def test(run: str) -> bool:
            h = memo.get(run)
            if h is None:
                h = memo[run] = hot_run(run, catalog)
            return h

        entry = _HOT[catalog] = (test, {})
    return entry



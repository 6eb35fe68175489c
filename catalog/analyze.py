"""From scanned literals to findings (with their fixes): what the LSP shows and `errcode check` reports.

`analyze(text, language, catalog)` is the one-shot form; `DocumentAnalysis` keeps a document's
analysis up to date across edits (the language server holds one per open document).  The rules
themselves are in `findings`.
"""

from __future__ import annotations

import bisect
import builtins
import re

from .api.rule import extra_findings  # registers the rule `code-not-thrown-here` in RULES
from .findings import REASONS_READ, RULES, AnalyzeOptions, FindingRules, RuleInfo, describe_entries
from .model import Finding, Range
from .scan import ARKTS, C, IncrementalScanner, file_facts, lex_relevant, norm_lang, split_lines
from .scan.context import FileContext
from .scan.rules import judge_line
from .scan.plausible import NEVER, hot_pattern, hot_test, needs_of, plausible
from .scan.names import resolve_kit_hint
from .scan.relevant import may_assign

__all__ = ["AnalyzeOptions", "DocumentAnalysis", "RuleInfo", "RULES", "analyze", "analyze_lines", "describe_entries",
           "prepare"]

_CANDIDATE = re.compile(r"\d(?:[_']?\d){2}")


def may_find(text, language: str | None) -> bool:
    """False for a text that cannot hold a finding: every finding needs a number of at least three
    digits, but in C a code compared with an `OH_*` call's result may be written as a name."""
    return isinstance(text, str) and (_CANDIDATE.search(text) is not None or ("OH_" in text and norm_lang(language) == "c"))


class DocumentAnalysis(IncrementalScanner, FindingRules):
    """One document's literals, names and findings, kept up to date by `apply_edit`.

    >>> doc = DocumentAnalysis(text, "ets", catalog)
    >>> doc.apply_edit(Range.of(10, 4, 5), "7")
    >>> doc.findings
    """

    def __init__(self, text: str, language: str | None, catalog, options: AnalyzeOptions | None = None) -> None:
        self.options = options or AnalyzeOptions()
        self._findings: list[Finding] | None = None
        super().__init__(text, language, catalog)

    def set_options(self, options: AnalyzeOptions) -> None:
        self.options = options
        for d in self._data:
            d.extra = None
        self._findings = None

    def _shifted(self, d, shift: int) -> None:
        if d.extra is not None:
            line, found = d.extra
            d.extra = (line + shift, [f.shifted(shift) for f in found])

    def apply_edit(self, range: Range | None, new_text: str) -> tuple[int, int]:
        old = self._findings
        self._findings = None
        lo, hi = super().apply_edit(range, new_text)
        lo, hi, delta, full = self._last_edit
        if old is None or full:
            return lo, hi
        # unchanged findings before `lo`, recomputed ones in [lo, hi), shifted ones after
        first = bisect.bisect_left(old, lo, key=lambda f: f.range.start.line)
        rest = bisect.bisect_left(old, hi - delta, key=lambda f: f.range.start.line)
        out = old[:first]
        for i in builtins.range(lo, hi):
            out.extend(self._findings_on(i))
        if delta:
            out.extend(f.shifted(delta) for f in old[rest:])
        else:
            out.extend(old[rest:])
        self._findings = out
        return lo, hi

    def _refresh_globals(self, force: bool = False) -> set[str]:
        changed = super()._refresh_globals(force)
        if changed & {"err_vars", "hint"}:
            for d in getattr(self, "_data", ()):
                d.extra = None
            self._findings = None
        return changed

    @property
    def findings(self) -> list[Finding]:
        """Every finding, in document order (a fresh list: callers may sort or filter it)."""
        if self._findings is not None:
            return with_api_findings(self._findings, self)
        out: list[Finding] = []
        for i in builtins.range(len(self._data)):
            out.extend(self._findings_on(i))
        self._findings = out
        return with_api_findings(out, self)

    def line_segments(self, i: int) -> list[tuple[int, int, str]]:
        """Line i's segments (start, end, context) as the lexer left them."""
        return self._data[i].segs

    def _findings_on(self, i: int) -> tuple | list:
        """Line i's findings, judged once and remembered with the line number they were made for."""
        d = self._data[i]
        if not d.cand:
            return ()
        self._ensure(i)
        if d.extra is None or d.extra[0] != i:
            d.extra = (i, self.line_findings(i, d.lits))
        return d.extra[1]

    def findings_in(self, first: int, last: int) -> list[Finding]:
        """Findings on lines first..last (inclusive)."""
        found = self._findings if self._findings is not None else self.findings
        lo = bisect.bisect_left(found, first, key=lambda f: f.range.start.line)
        hi = bisect.bisect_right(found, last, key=lambda f: f.range.start.line)
        return found[lo:hi]


class _FileRules(FindingRules):
    """Host of the rules for the one-shot `analyze` (no `DocumentAnalysis` built)."""

    # `hint`: resolved once for the file (the rules read it for every known code)
    __slots__ = ("lines", "language", "catalog", "options", "kit_hint", "api_cache", "hint")

    def __init__(self, lines: list[str], language: str, catalog, options: AnalyzeOptions, kit_hint: str | None) -> None:
        self.lines = lines
        self.language = language
        self.catalog = catalog
        self.options = options
        self.kit_hint = kit_hint
        self.hint = options.kit_hint or resolve_kit_hint(kit_hint, catalog)


def analyze(text: str, language: str | None, catalog, options: AnalyzeOptions | None = None) -> list[Finding]:
    """Every finding in `text` (see RULES), in document order: `DocumentAnalysis(...).findings`,
    computed without keeping what only edits need (see `_analyze_file`)."""
    if not may_find(text, language) or catalog is None:
        return []
    options = options or AnalyzeOptions()
    found, lines = _analyze_file(text, language, catalog, options)
    return with_api_findings(found, _FileRules(lines or split_lines(text)[0], norm_lang(language), catalog, options, None))


def analyze_lines(text: str, language: str | None, catalog, options: AnalyzeOptions | None = None) -> tuple[list[Finding], list[str] | None]:
    """`analyze`, and the text's lines when it split them (None when it did not need to)."""
    if not may_find(text, language) or catalog is None:
        return [], None
    options = options or AnalyzeOptions()
    found, lines = _analyze_file(text, language, catalog, options)
    lines = lines or split_lines(text)[0]
    return with_api_findings(found, _FileRules(lines, norm_lang(language), catalog, options, None)), lines


def prepare(catalog) -> None:
    """Build now what the one-shot analysis keeps per catalog (the patterns of its hot numbers, for
    each language, and `is_known`'s memo): before worker processes are forked, they share it
    instead of each compiling the patterns again."""
    if catalog is None:
        return
    for lang in (ARKTS, C):
        hot_pattern(catalog, lang)
    hot_test(catalog)
    plausible(100, catalog)


def with_api_findings(found: list[Finding], host) -> list[Finding]:
    """`found` (a fresh list) with the API rule's findings (catalog/api/rule.py) in document order."""
    extra = extra_findings(host)
    if not extra:
        return list(found)
    return sorted([*found, *extra], key=_order)


def _order(f: Finding) -> tuple[int, int, int, int]:
    """Document order: by start, then end (plain ints: faster to compare than the Positions)."""
    r = f.range
    return r.start.line, r.start.character, r.end.line, r.end.character


def _analyze_file(text: str, language: str | None, catalog, options: AnalyzeOptions) -> tuple[list[Finding], list[str] | None]:
    """The findings of `DocumentAnalysis(text, language, catalog, options)`, from only the lines that
    can hold one (`scan.lex_relevant`: a hot number, or a `=` in a condition, on them); each such
    line's literals that can count are judged (`judge_line`) and become findings (`line_findings`)
    as on the language server's path."""
    lang = norm_lang(language)
    pattern = hot_pattern(catalog, lang)
    first = pattern.search(text)
    if first is None:
        return [], None  # nothing that can matter: no need to split the lines either
    lines = split_lines(text)[0]
    relevant = lex_relevant(text, lines, lang, hot_test(catalog), pattern, first.start())
    if not relevant:
        return [], lines
    err_vars, hint = file_facts(text)
    ctx = FileContext(err_vars)
    rules = _FileRules(lines, lang, catalog, options, hint)
    out: list[Finding] = []
    for i, raws in relevant:
        # each literal's need (see `judge_line`); judged in order up to the last one that can count,
        # or follow a plain `=` in a condition (`may_assign`): those after it cannot change a finding
        ns = needs_of(raws, catalog)
        assign = NEVER in ns and may_assign(lines, i)
        upto = len(ns)
        while upto and ns[upto - 1] is NEVER and not (assign and raws[upto - 1].context == "code"):
            upto -= 1
        if upto:
            lits = judge_line(lines, i, raws[:upto], lang, ctx, ns, REASONS_READ, assign)
            if lits:
                out.extend(rules.line_findings(i, lits))
    return out, lines

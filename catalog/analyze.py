"""From scanned literals to findings (with their fixes): what the LSP shows and `errcode check` reports.

`analyze(text, language, catalog)` is the one-shot form; `DocumentAnalysis` keeps a document's
analysis up to date across edits (the language server holds one per open document).  The rules
themselves are in `findings`.
"""

from __future__ import annotations

import bisect
import builtins
import re

from .findings import RULES, AnalyzeOptions, FindingRules, RuleInfo, describe_entries
from .model import Finding, Position, Range
from .scan import C, IncrementalScanner, Literal, fast_lines, file_facts, lex_relevant, norm_lang
from .scan.context import FileContext, judge
from .scan.plausible import hot_pattern, hot_test, plausible
from .scan.relevant import may_assign

__all__ = ["AnalyzeOptions", "DocumentAnalysis", "RuleInfo", "RULES", "analyze", "analyze_lines", "describe_entries"]

_CANDIDATE = re.compile(r"\d(?:[_']?\d){2}")


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
            return list(self._findings)
        out: list[Finding] = []
        for i in builtins.range(len(self._data)):
            out.extend(self._findings_on(i))
        self._findings = out
        return list(out)

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

    __slots__ = ("lines", "language", "catalog", "options", "kit_hint")

    def __init__(self, lines: list[str], language: str, catalog, options: AnalyzeOptions, kit_hint: str | None) -> None:
        self.lines = lines
        self.language = language
        self.catalog = catalog
        self.options = options
        self.kit_hint = kit_hint


def analyze(text: str, language: str | None, catalog, options: AnalyzeOptions | None = None) -> list[Finding]:
    """Every finding in `text` (see RULES), in document order: `DocumentAnalysis(...).findings`,
    computed without keeping what only edits need (see `_analyze_file`)."""
    if not isinstance(text, str) or not _CANDIDATE.search(text):
        return []  # every finding needs a number of at least three digits
    if catalog is None:
        return []
    return _analyze_file(text, language, catalog, options or AnalyzeOptions())[0]


def analyze_lines(text: str, language: str | None, catalog, options: AnalyzeOptions | None = None) -> tuple[list[Finding], list[str] | None]:
    """`analyze`, and the text's lines when it split them (None when it did not need to)."""
    if not isinstance(text, str) or not _CANDIDATE.search(text) or catalog is None:
        return [], None
    return _analyze_file(text, language, catalog, options or AnalyzeOptions())


def _analyze_file(text: str, language: str | None, catalog, options: AnalyzeOptions) -> tuple[list[Finding], list[str] | None]:
    """The findings of `DocumentAnalysis(text, language, catalog, options)`, from only the lines that
    can hold one (`scan.lex_relevant`), judging only the literals that could count.

    A literal can become a finding only when it is decimal with 3+ digits, in code (or a whole-number
    string), and either a known code, a plausible unknown one (positive, 3 digits or 7+ digits of a
    known family), or right after a plain `=` in an `if`/`while` (an assignment in a condition).  On a
    line with such a literal, the literals before it that may leave a list verdict (after `[`, `,` or
    `{`) are judged too, in order, as `_judge_line` does (a list item reuses what the one before found)."""
    lang = norm_lang(language)
    pattern = hot_pattern(catalog, lang)
    first = pattern.search(text)
    if first is None:
        return [], None  # nothing that can matter: no need to split the lines either
    lines = fast_lines(text)
    relevant = lex_relevant(text, lines, lang, hot_test(catalog), pattern, first.start())
    if not relevant:
        return [], lines
    err_vars, hint = file_facts(text)
    ctx = FileContext(err_vars)
    rules = _FileRules(lines, lang, catalog, options, hint)
    is_known = catalog.is_known
    out: list[Finding] = []
    for i, raws in relevant:
        last_needed = -1
        needed = None
        may = None  # can a literal on the line follow an assignment in a condition? (`scan._may_assign`, wider)
        for k, r in enumerate(raws):  # all decimal, 3+ digits, in code or a whole string (lex_relevant)
            v = r.value
            c = r.context
            if not plausible(v, catalog):  # it can still matter after `=` inside an if/while condition
                if c != "code":
                    continue
                if may is None:
                    may = may_assign(lines, i)
                if not may or not _maybe_assign(lines, i, r.start):
                    continue
            if needed is None:
                needed = set()
            needed.add(k)
            last_needed = k
        if needed is None:
            continue
        memo: dict = {}
        lits = []
        for k in range(last_needed + 1):
            r = raws[k]
            if k in needed:
                v = r.value
                if (v >= 1_000_000 or v <= -1_000_000) and r.context != "string" and is_known(v) and _verdict_free(
                    lines, i, r.start, k == last_needed
                ):
                    # counts whatever `judge` says, and no rule asks why: the finding straight away
                    if lits:
                        out.extend(rules.line_findings(i, lits))
                        lits = []
                    f = rules.known_finding(v, Range(Position(i, r.start), Position(i, r.end)),
                                             lang == C and r.context == "code" and not r.quoted)
                    if f is not None:
                        out.append(f)
                    continue
                ec, why = judge(lines, i, r, lang, ctx, memo)
                # not in an error context, only a known code of 7+ digits counts (see counts_as_code)
                if ec or (v >= 1_000_000 or v <= -1_000_000) and is_known(v):
                    lits.append(Literal(r.text, v, Range(Position(i, r.start), Position(i, r.end)),
                                        r.context, ec, r.base, r.quoted, r.suffix, why))
            elif _last_char(lines, i, r.start - 1 if r.quoted else r.start) in "[,{":
                judge(lines, i, r, lang, ctx, memo)  # may leave a list verdict for the next item
        if lits:
            out.extend(rules.line_findings(i, lits))
    return out, lines


def _verdict_free(lines: list[str], i: int, s: int, last: bool) -> bool:
    """Is `judge`'s answer for the literal at column `s` (a known code of 7+ digits in code, which
    counts whatever the answer) of no use?  The rules ask for a reason only after a `=` that is not
    part of `==`/`!=` (an assignment in a condition, a constant's definition) or in a `#define`, and
    `judge` leaves a list verdict for the next item (`last`: there is none) only after `[`, `,`, `{`."""
    before = _before(lines, i, s)
    if not before:
        return False
    c = before[-1]
    if c == "=":
        if not before.endswith(("==", "!=")):
            return False
    elif c in "[,{" and not last:
        return False
    if "define" in lines[i]:
        return False
    return i == 0 or "define" not in lines[i - 1]


def _before(lines: list[str], i: int, s: int) -> str:
    """The text before column `s` as `judge` looks at it first: the line's, stripped, or when
    there is none the line before."""
    before = lines[i][:s].rstrip()
    if before:
        return before
    return lines[i - 1].rstrip() if i > 0 else ""


def _last_char(lines: list[str], i: int, s: int) -> str:
    """The last significant character before column `s` as `judge` sees it (looking back one line);
    only after `[`, `,` or `{` does `judge` leave anything in its memo."""
    return _before(lines, i, s)[-1:]


_NOT_ASSIGN = frozenset("=!<>+-*/%&|^?:")  # before `=`: a comparison or compound assignment (ASSIGN_END)


def _maybe_assign(lines: list[str], i: int, s: int) -> bool:
    """Could `judge` answer "assign-in-condition" for the literal at column `s`?  Only after a plain
    `=` (not `==`, `<=`, `+=` …: `ASSIGN_END`) ending the text before it (looking back one line),
    within an `if (` or `while (`."""
    head = lines[i][:s]
    before = head.rstrip()
    if before:
        if before[-1] != "=" or (len(before) > 1 and before[-2] in _NOT_ASSIGN):
            return False
        if "if" in head or "while" in head:
            return True
    else:
        prev = lines[i - 1].rstrip() if i > 0 else ""
        if prev[-1:] != "=" or (len(prev) > 1 and prev[-2] in _NOT_ASSIGN):
            return False
    return i > 0 and ("if" in lines[i - 1] or "while" in lines[i - 1])

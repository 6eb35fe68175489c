"""From scanned literals to findings (with their fixes): what the LSP shows and `errcode check` reports.

`analyze(text, language, catalog)` is the one-shot form; `DocumentAnalysis` keeps a document's
analysis up to date across edits (the language server holds one per open document).
"""

from __future__ import annotations

import bisect
import builtins
import re
from dataclasses import dataclass

from .model import Entry, Finding, Fix, Position, Range, Severity
from .scan import _ASSIGN_END, _DEF_END, _OPERAND_TAIL, C, IncrementalScanner, Literal, counts_as_code

__all__ = ["AnalyzeOptions", "DocumentAnalysis", "RuleInfo", "RULES", "analyze", "describe_entries"]

UNKNOWN = "unknown-error-code"
KNOWN = "known-error-code"
ASSIGN = "assignment-in-condition"

_CANDIDATE = re.compile(r"\d(?:[_']?\d){2}")
_IMAGE_URL = "https://gitee.com/openharmony/docs/blob/master/en/application-dev/reference/apis-image-kit/errorcode-image.md"
_EQ_URL = "https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Operators/Strict_equality"


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    name: str  # PascalCase, for SARIF `rules[].name`
    short: str  # one sentence
    help: str  # Markdown
    default_severity: Severity | None
    help_uri: str


RULES: dict[str, RuleInfo] = {
    UNKNOWN: RuleInfo(
        UNKNOWN,
        "UnknownErrorCode",
        "An error code that no loaded reference documents, in a place where an error code is expected.",
        "The number is compared with an error's `code` (or thrown, asserted, returned as an error code) but no "
        "loaded error-code reference page or known-codes table lists it. It is most likely a typo of a "
        "documented code: the message names the nearest documented codes (one digit wrong, two digits "
        "swapped, a digit missing or extra) and each is offered as a fix. When the code belongs to a kit "
        "whose reference page is not loaded, add that page with `--docs`.",
        Severity.WARNING,
        _IMAGE_URL,
    ),
    KNOWN: RuleInfo(
        KNOWN,
        "KnownErrorCode",
        "A documented error code: its title, for the reader.",
        "A literal that is a documented OpenHarmony error code. The finding carries every meaning the "
        "loaded reference pages give it (the same number can mean different things in different kits) "
        "and links to the documentation. In C/C++ a fix replaces the literal with its named constant "
        "(`7600301` → `IMAGE_ALLOC_FAILED`) where one exists. Severity: information by default; "
        "configurable to hint or off.",
        Severity.INFORMATION,
        _IMAGE_URL,
    ),
    ASSIGN: RuleInfo(
        ASSIGN,
        "AssignmentInCondition",
        "An assignment to an error code inside an `if`/`while` condition, where a comparison was meant.",
        "`if (exception.code = 801)` assigns 801 to `exception.code` and the condition is always true, "
        "so every error takes this branch. Use `===` in ArkTS/TypeScript (`==` in C/C++); the fix does that.",
        Severity.WARNING,
        _EQ_URL,
    ),
}


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    known_severity: Severity | None = Severity.INFORMATION  # None: no known-error-code findings
    kit_hint: str | None = None  # overrides the kit the file's imports suggest


def _title(e: Entry) -> str:
    t = e.title or e.message or e.description
    t = " ".join(t.split())
    return t if len(t) <= 120 else t[:117] + "…"


def describe_entries(code: int, entries: list[Entry] | tuple[Entry, ...]) -> str:
    """ "7700201: Unsupported Memory Allocation Type (Image Kit)"; all meanings joined with "; "."""
    return f"{code}: " + "; ".join(f"{_title(e)} ({e.kit_name})" for e in entries)


def _suggestion_text(entries: list[Entry]) -> str:
    parts = [f"{e.code} ({_title(e)})" for e in entries]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def _shift(f: Finding, line: int) -> Finding:
    def r(rg: Range) -> Range:
        d = line - rg.start.line
        return Range(Position(rg.start.line + d, rg.start.character), Position(rg.end.line + d, rg.end.character))

    d = line - f.range.start.line
    if d == 0:
        return f
    fixes = tuple(
        Fix(x.title, Range(Position(x.range.start.line + d, x.range.start.character),
                           Position(x.range.end.line + d, x.range.end.character)), x.new_text, x.preferred)
        for x in f.fixes
    )
    return Finding(f.rule, r(f.range), f.severity, f.message, f.code, f.entries, fixes, f.url)


class DocumentAnalysis(IncrementalScanner):
    """One document's literals, names and findings, kept up to date by `apply_edit`.

    >>> doc = DocumentAnalysis(text, "ets", catalog)
    >>> doc.apply_edit(Range.of(10, 4, 5), "7")
    >>> doc.findings
    """

    def __init__(self, text: str, language: str | None, catalog, options: AnalyzeOptions | None = None) -> None:
        self.options = options or AnalyzeOptions()
        self._findings: list[Finding] | None = None
        self._known_cache: dict[tuple[int, str | None], tuple] = {}
        super().__init__(text, language, catalog)

    def set_options(self, options: AnalyzeOptions) -> None:
        self.options = options
        for d in self._data:
            d.extra = None
        self._findings = None

    def _shifted(self, d, shift: int) -> None:
        if d.extra is not None:
            line, found = d.extra
            d.extra = (line + shift, [_shift(f, line + shift) for f in found])

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
            d = self._data[i]
            if not d.cand:
                continue
            self._ensure(i)
            if d.extra is None or d.extra[0] != i:
                d.extra = (i, self._line_findings(i, d.lits))
            out.extend(d.extra[1])
        if delta:
            out.extend(_shift(f, f.range.start.line + delta) for f in old[rest:])
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
    def hint(self) -> str | None:
        return self.options.kit_hint or self.kit_hint

    @property
    def findings(self) -> list[Finding]:
        """Every finding, in document order (a fresh list: callers may sort or filter it)."""
        if self._findings is not None:
            return list(self._findings)
        out: list[Finding] = []
        for i, d in enumerate(self._data):
            if not d.cand:
                continue
            self._ensure(i)
            if d.extra is None or d.extra[0] != i:
                d.extra = (i, self._line_findings(i, d.lits))
            out.extend(d.extra[1])
        self._findings = out
        return list(out)

    def findings_in(self, first: int, last: int) -> list[Finding]:
        """Findings on lines first..last (inclusive)."""
        found = self._findings if self._findings is not None else self.findings
        lo = bisect.bisect_left(found, first, key=lambda f: f.range.start.line)
        hi = bisect.bisect_right(found, last, key=lambda f: f.range.start.line)
        return found[lo:hi]

    # ---------------------------------------------------------------- rules
    def _line_findings(self, i: int, lits: list[Literal]) -> list[Finding]:
        out: list[Finding] = []
        cat = self.catalog
        if cat is None:
            return out
        for lit in lits:
            if lit.error_context and lit.reason == "assign-in-condition" and lit.context == "code":
                f = self._assignment(i, lit)
                if f is not None:
                    out.append(f)
            verdict = counts_as_code(lit, cat)
            if verdict == "known":
                sev = self.options.known_severity
                if sev is None:
                    continue
                key = (lit.value, self.hint)
                known = self._known_cache.get(key)
                if known is None:
                    entries = tuple(cat.lookup(lit.value, kit_hint=self.hint))
                    known = self._known_cache[key] = (
                        entries, describe_entries(lit.value, entries) if entries else "",
                        (entries[0].url if entries else "") or RULES[KNOWN].help_uri)
                entries, message, url = known
                if not entries:
                    continue
                fixes: tuple[Fix, ...] = ()
                if self.language == C and lit.context == "code" and not lit.quoted and not self._defines_constant(i, lit):
                    sym = cat.symbol_for(lit.value) if hasattr(cat, "symbol_for") else None
                    if sym:
                        fixes = (Fix(f"Replace with {sym}", lit.range, sym, False),)
                out.append(Finding(KNOWN, lit.range, Severity(sev), message, lit.value, entries, fixes, url))
            elif verdict == "unknown":
                sugg = list(cat.suggest(lit.value))
                if sugg:
                    msg = f"Unknown error code {lit.value} — did you mean {_suggestion_text(sugg)}?"
                else:
                    msg = f"Unknown error code {lit.value}"
                one = len(sugg) == 1
                fixes = tuple(
                    Fix(f"Replace with {e.code} ({_title(e)})", lit.range, f"{e.code}{lit.suffix}", one) for e in sugg
                )
                out.append(
                    Finding(UNKNOWN, lit.range, Severity.WARNING, msg, lit.value, (), fixes,
                            (sugg[0].url if sugg and sugg[0].url else RULES[UNKNOWN].help_uri))
                )
        return out

    def _defines_constant(self, i: int, lit: Literal) -> bool:
        """`IMAGE_ALLOC_FAILED = 7600301,` / `const int32_t ERR_X = 401;`: no "replace with the name" there."""
        if lit.reason != "definition":
            return False
        m = _DEF_END.search(self._lines[i][: lit.range.start.character])
        if m is None:
            return False
        name = m.group("macro") or m.group("name") or m.group("prop") or ""
        return lit.error_context or name.isupper()

    def _assignment(self, i: int, lit: Literal) -> Finding | None:
        line = self._lines[i]
        start = lit.range.start.character - (1 if lit.quoted else 0)
        before = line[:start]
        m = _ASSIGN_END.search(before)
        if m is None:
            return None
        eq = m.start()
        om = _OPERAND_TAIL.search(before[max(0, eq - 160) : eq])
        op_start = (max(0, eq - 160) + om.start()) if om else eq
        while op_start < eq and line[op_start] in " \t(":
            op_start += 1
        end = lit.range.end.character + (1 if lit.quoted else 0)
        new = "==" if self.language == C else "==="
        fix = Fix(f"Replace `=` with `{new}`", Range.of(i, eq, eq + 1), new, True)
        return Finding(ASSIGN, Range.of(i, op_start, end), Severity.WARNING,
                       f"Assignment in a condition: did you mean `{new}`?", lit.value, (), (fix,), RULES[ASSIGN].help_uri)


def analyze(text: str, language: str | None, catalog, options: AnalyzeOptions | None = None) -> list[Finding]:
    """Every finding in `text` (see RULES), in document order."""
    if not isinstance(text, str) or not _CANDIDATE.search(text):
        return []  # every finding needs a number of at least three digits
    return DocumentAnalysis(text, language, catalog, options).findings

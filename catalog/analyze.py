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
from .scan import (
    _ASSIGN_END,
    _DEF_END,
    _OPERAND_TAIL,
    C,
    DIGIT_RUNS,
    _may_assign,
    IncrementalScanner,
    Literal,
    _Context,
    _families,
    _judge,
    _norm_lang,
    counts_as_code,
    fast_lines,
    file_facts,
    lex_relevant,
    relevant_pattern,
)

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


def fast_constructor(cls, sample: tuple):
    """A constructor for the frozen dataclass `cls` that fills the instance's __dict__ directly (a
    frozen dataclass's __init__ sets each field through object.__setattr__, and one is made per
    finding).  Checked once against the real constructor on `sample`; the real one is kept when an
    instance would differ (slots, __post_init__, defaults that are not plain values …)."""
    from dataclasses import fields

    try:
        names = [f.name for f in fields(cls)]
        args = ", ".join(f"a{i}" for i in range(len(names)))
        body = "".join(f"    d[{name!r}] = a{i}\n" for i, name in enumerate(names))
        ns = {"new": object.__new__, "cls": cls}
        exec(f"def make({args}):\n    obj = new(cls)\n    d = obj.__dict__\n{body}    return obj\n", ns)
        make = ns["make"]
        if hasattr(cls, "__post_init__") or make(*sample) != cls(*sample) or vars(make(*sample)) != vars(cls(*sample)):
            return cls
        return make
    except Exception:  # noqa: BLE001 - no __dict__ (slots) or anything else: the real constructor
        return cls


_RANGE0 = Range(Position(0, 1), Position(0, 2))
_new_finding = fast_constructor(Finding, ("r", _RANGE0, Severity.WARNING, "m", 1, (), (Fix("t", _RANGE0, "n", True),), "u"))
_new_fix = fast_constructor(Fix, ("t", _RANGE0, "n", True))
_new_range = fast_constructor(Range, (Position(0, 1), Position(0, 2)))
_new_position = fast_constructor(Position, (0, 1))


class _Rules:
    """The rules, from judged literals to findings.  The host provides `catalog`, `options`,
    `kit_hint`, `language`, `_lines` and `_known_cache`; what depends on the catalog alone is kept on
    it (`_unknown_cache`)."""

    @property
    def _unknown_cache(self) -> dict:
        return _shared_cache(self.catalog, "_errcode_unknown_cache")

    @property
    def hint(self) -> str | None:
        return self.options.kit_hint or self.kit_hint

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
                f = self._known_finding(lit.value, lit.range, self.language == C and lit.context == "code"
                                        and not lit.quoted and not self._defines_constant(i, lit))
                if f is not None:
                    out.append(f)
            elif verdict == "unknown":
                unknown = self._unknown_cache.get(lit.value)
                if unknown is None:
                    sugg = list(cat.suggest(lit.value))
                    if sugg:
                        msg = f"Unknown error code {lit.value} — did you mean {_suggestion_text(sugg)}?"
                    else:
                        msg = f"Unknown error code {lit.value}"
                    unknown = self._unknown_cache[lit.value] = (
                        msg, tuple((f"Replace with {e.code} ({_title(e)})", str(e.code)) for e in sugg),
                        (sugg[0].url if sugg and sugg[0].url else RULES[UNKNOWN].help_uri))
                msg, fix_parts, url = unknown
                one = len(fix_parts) == 1
                fixes = tuple(Fix(title, lit.range, f"{code}{lit.suffix}", one) for title, code in fix_parts)
                out.append(_new_finding(UNKNOWN, lit.range, Severity.WARNING, msg, lit.value, (), fixes, url))
        return out

    def _known_finding(self, value: int, rng: Range, named: bool) -> Finding | None:
        """The `known-error-code` finding for a known code at `rng` (None when the options hide it);
        `named`: offer to replace it with its C name (C code, not where a constant is defined)."""
        sev = self.options.known_severity
        if sev is None:
            return None
        if type(sev) is not Severity:
            sev = Severity(sev)
        hint = self.hint
        key = (value, hint)
        known = self._known_cache.get(key)
        if known is None:
            cat = self.catalog
            entries = tuple(cat.lookup(value, kit_hint=hint))
            sym = cat.symbol_for(value) if hasattr(cat, "symbol_for") else None
            known = self._known_cache[key] = (
                entries, describe_entries(value, entries) if entries else "",
                (entries[0].url if entries else "") or RULES[KNOWN].help_uri, sym, f"Replace with {sym}")
        entries, message, url, sym, title = known
        if not entries:
            return None
        fixes: tuple[Fix, ...] = (_new_fix(title, rng, sym, False),) if named and sym else ()
        return _new_finding(KNOWN, rng, sev, message, value, entries, fixes, url)

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


class DocumentAnalysis(IncrementalScanner, _Rules):
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
            out.extend(self._findings_on(i))
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
            d.extra = (i, self._line_findings(i, d.lits))
        return d.extra[1]

    def findings_in(self, first: int, last: int) -> list[Finding]:
        """Findings on lines first..last (inclusive)."""
        found = self._findings if self._findings is not None else self.findings
        lo = bisect.bisect_left(found, first, key=lambda f: f.range.start.line)
        hi = bisect.bisect_right(found, last, key=lambda f: f.range.start.line)
        return found[lo:hi]


class _FileRules(_Rules):
    """Host of the rules for the one-shot `analyze` (no `DocumentAnalysis` built)."""

    __slots__ = ("_lines", "language", "catalog", "options", "kit_hint", "_known_cache")

    def __init__(self, lines: list[str], language: str, catalog, options: AnalyzeOptions, kit_hint: str | None,
                 known_cache: dict) -> None:
        self._lines = lines
        self.language = language
        self.catalog = catalog
        self.options = options
        self.kit_hint = kit_hint
        self._known_cache = known_cache


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
    lang = _norm_lang(language)
    pattern = _relevant_pattern(catalog, lang)
    first = pattern.search(text)
    if first is None:
        return [], None  # nothing that can matter: no need to split the lines either
    lines = fast_lines(text)
    relevant = lex_relevant(text, lines, lang, _hot_test(catalog), pattern, first.start())
    if not relevant:
        return [], lines
    err_vars, hint = file_facts(text)
    ctx = _Context(err_vars)
    rules = _FileRules(lines, lang, catalog, options, hint, _shared_cache(catalog, "_errcode_known_cache"))
    is_known = catalog.is_known
    fam = near = None
    out: list[Finding] = []
    for i, raws in relevant:
        last_needed = -1
        needed = None
        may = None  # can a literal on the line follow an assignment in a condition? (`scan._may_assign`, wider)
        for k, r in enumerate(raws):  # all decimal, 3+ digits, in code or a whole string (lex_relevant)
            v = r.value
            c = r.context
            if is_known(v):
                plausible = True
            elif v >= 1_000_000:
                if fam is None:
                    fam = _families(catalog)
                sv = str(v)
                plausible = (len(sv), sv[:-3]) in fam
            elif 0 < v < 1000:
                if near is None:
                    near = _shared_cache(catalog, "_errcode_near3")
                plausible = near.get(v)
                if plausible is None:
                    plausible = near[v] = bool(catalog.suggest(v))
            else:
                plausible = False
            if not plausible:  # it can still matter after `=` inside an if/while condition
                if c != "code":
                    continue
                if may is None:
                    may = _may_assign(lines, i)
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
                    # counts whatever `_judge` says, and no rule asks why: the finding straight away
                    if lits:
                        out.extend(rules._line_findings(i, lits))
                        lits = []
                    f = rules._known_finding(v, _new_range(_new_position(i, r.start), _new_position(i, r.end)),
                                             lang == C and r.context == "code" and not r.quoted)
                    if f is not None:
                        out.append(f)
                    continue
                ec, why = _judge(lines, i, r, lang, ctx, memo)
                # not in an error context, only a known code of 7+ digits counts (see counts_as_code)
                if ec or (v >= 1_000_000 or v <= -1_000_000) and is_known(v):
                    lits.append(Literal(r.text, v, _new_range(_new_position(i, r.start), _new_position(i, r.end)),
                                        r.context, ec, r.base, r.quoted, r.suffix, why))
            elif _last_char(lines, i, r.start - 1 if r.quoted else r.start) in "[,{":
                _judge(lines, i, r, lang, ctx, memo)  # may leave a list verdict for the next item
        if lits:
            out.extend(rules._line_findings(i, lits))
    return out, lines


def _hot_test(catalog):
    """`scan.lex_relevant`'s `hot`: may a literal with these digits (a `scan.DIGIT_RUNS` run) be worth
    judging below?  A known code (either sign), a plausible unknown one, or anything with a separator
    or over 40 digits (not worth the trouble).  Memoized on the catalog."""
    test = getattr(catalog, "_errcode_hot_test", None)
    if test is not None:
        return test
    memo: dict[str, bool] = {}

    def test(run: str) -> bool:
        h = memo.get(run)
        if h is None:
            h = memo[run] = _hot(run, catalog)
        return h

    try:
        catalog._errcode_hot_test = test
    except (AttributeError, TypeError):
        pass
    return test


def _relevant_pattern(catalog, lang: str):
    """`scan.relevant_pattern` for the runs `_hot` calls hot, memoized on the catalog."""
    cache = _shared_cache(catalog, "_errcode_relevant")
    pattern = cache.get(lang)
    if pattern is None:
        codes = catalog.codes() if hasattr(catalog, "codes") else [e.code for e in getattr(catalog, "entries", ())]
        known = {str(abs(c)) for c in codes}
        typos = _typos3(known)
        _shared_cache(catalog, "_errcode_near3").update((v, v in typos) for v in range(100, 1000))
        hot = known | {str(v) for v in typos}
        pattern = cache[lang] = relevant_pattern(lang, sorted(hot), sorted(p for _, p in _families(catalog)))
    return pattern


def _typos3(known: set[str]) -> set[int]:
    """The numbers of 100-999 that are no code but one of `known` (codes without sign) mistyped
    (`catalog._near_misses`: one digit wrong, two swapped, one missing or extra): those `suggest`
    has an answer for, found from the codes instead of asking for each of the 900."""
    out: set[str] = set()
    for cs in known:
        if len(cs) == 3:
            out.update(cs[:i] + d + cs[i + 1 :] for i in range(3) for d in "0123456789")
            out.update((cs[1] + cs[0] + cs[2], cs[2] + cs[1] + cs[0], cs[0] + cs[2] + cs[1]))
        elif len(cs) == 4:
            out.update(cs[:i] + cs[i + 1 :] for i in range(4))
        elif len(cs) == 2:
            out.update(cs[:i] + d + cs[i:] for i in range(3) for d in "0123456789")
    return {int(t) for t in out if t[0] != "0" and t not in known}


def _hot(run: str, catalog) -> bool:
    if not run.isdigit() or len(run) > 40:
        return True
    v = int(run)
    if catalog.is_known(v) or catalog.is_known(-v):
        return True
    if v >= 1_000_000:
        sv = str(v)
        return (len(sv), sv[:-3]) in _families(catalog)
    if 100 <= v < 1000:
        near = _shared_cache(catalog, "_errcode_near3")
        plausible = near.get(v)
        if plausible is None:
            plausible = near[v] = bool(catalog.suggest(v))
        return plausible
    return False


def _verdict_free(lines: list[str], i: int, s: int, last: bool) -> bool:
    """Is `_judge`'s answer for the literal at column `s` (a known code of 7+ digits in code, which
    counts whatever the answer) of no use?  The rules ask for a reason only after a `=` that is not
    part of `==`/`!=` (an assignment in a condition, a constant's definition) or in a `#define`, and
    `_judge` leaves a list verdict for the next item (`last`: there is none) only after `[`, `,`, `{`."""
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
    """The text before column `s` as `_judge` looks at it first: the line's, stripped, or when
    there is none the line before."""
    before = lines[i][:s].rstrip()
    if before:
        return before
    return lines[i - 1].rstrip() if i > 0 else ""


def _last_char(lines: list[str], i: int, s: int) -> str:
    """The last significant character before column `s` as `_judge` sees it (looking back one line);
    only after `[`, `,` or `{` does `_judge` leave anything in its memo."""
    return _before(lines, i, s)[-1:]


_NOT_ASSIGN = frozenset("=!<>+-*/%&|^?:")  # before `=`: a comparison or compound assignment (_ASSIGN_END)


def _maybe_assign(lines: list[str], i: int, s: int) -> bool:
    """Could `_judge` answer "assign-in-condition" for the literal at column `s`?  Only after a plain
    `=` (not `==`, `<=`, `+=` …: `_ASSIGN_END`) ending the text before it (looking back one line),
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


def _shared_cache(catalog, name: str) -> dict:
    """A dict kept on the (immutable) catalog for what depends on it alone; a fresh one if it cannot."""
    cache = getattr(catalog, name, None)
    if isinstance(cache, dict):
        return cache
    cache = {}
    try:
        setattr(catalog, name, cache)
    except (AttributeError, TypeError):
        pass
    return cache

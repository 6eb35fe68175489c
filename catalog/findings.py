"""From judged literals to findings (with their fixes): the rules, their texts, and the options.

`FindingRules` turns one line's judged literals (`scan.Literal`) into `Finding`s: a known code (its
meanings, and in C a fix to its name), an unknown one (a typo: the nearest documented codes as fixes),
an assignment in a condition.  What depends on the catalog alone (a known code's meanings, an
unknown one's suggestions) is kept per catalog.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Entry, Finding, Fix, Range, Severity
from .per_catalog import PerCatalog
from .scan import C, Literal, counts_as_code
from .scan.names import resolve_kit_hint
from .scan.plausible import long_code_family
from .scan.context import ASSIGN_END, DEF_END, OPERAND_TAIL

__all__ = ["AnalyzeOptions", "FindingRules", "RuleInfo", "RULES", "describe_entries"]

UNKNOWN = "unknown-error-code"
KNOWN = "known-error-code"
ASSIGN = "assignment-in-condition"
REASONS_READ = frozenset({"assign-in-condition", "definition"})  # the verdict reasons the rules below read

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
    with_entries: bool = True  # False: findings without their entries (`errcode check` needs only the texts)
    not_thrown_severity: Severity | None = Severity.HINT  # code-not-thrown-here (catalog/api/rule.py); None: off


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


_CACHES = PerCatalog(lambda catalog: ({}, {}))  # catalog -> ({(code, hint): known}, {code: unknown})


def _caches(catalog) -> tuple[dict, dict]:
    """The catalog's caches (a run asks one catalog for every finding)."""
    return _CACHES.get(catalog)


class FindingRules:
    """The rules, from judged literals to findings, mixed into their host, which provides `catalog`,
    `options`, `kit_hint`, `language` and `lines`."""

    @property
    def hint(self) -> str | None:
        return self.options.kit_hint or resolve_kit_hint(self.kit_hint, self.catalog)

    def line_findings(self, i: int, lits: list[Literal]) -> list[Finding]:
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
                f = self.known_finding(lit.value, lit.range, self.language == C and lit.context == "code"
                                        and not lit.quoted and not self._defines_constant(i, lit))
                if f is not None:
                    out.append(f)
            elif verdict == "unknown" and lit.value >= 1_000_000 and not long_code_family(lit.value, cat):
                # a code of no loaded kit's family (its page is not loaded): not a typo of another kit's
                out.append(Finding(UNKNOWN, lit.range, Severity.HINT, f"Error code {lit.value} is not in the loaded "
                                   "reference pages: add its kit's page with `--docs` or run `errcode catalog update`",
                                   lit.value, (), (), RULES[UNKNOWN].help_uri))
            elif verdict == "unknown":
                unknowns = _caches(cat)[1]
                unknown = unknowns.get(lit.value)
                if unknown is None:
                    sugg = list(cat.suggest(lit.value))
                    if sugg:
                        msg = f"Unknown error code {lit.value} — did you mean {_suggestion_text(sugg)}?"
                    else:
                        msg = f"Unknown error code {lit.value}"
                    unknown = unknowns[lit.value] = (
                        msg, tuple((f"Replace with {e.code} ({_title(e)})", str(e.code)) for e in sugg),
                        (sugg[0].url if sugg and sugg[0].url else RULES[UNKNOWN].help_uri))
                msg, fix_parts, url = unknown
                one = len(fix_parts) == 1
                fixes = tuple(Fix(title, lit.range, f"{code}{lit.suffix}", one) for title, code in fix_parts)
                out.append(Finding(UNKNOWN, lit.range, Severity.WARNING, msg, lit.value, (), fixes, url))
        return out

    def known_finding(self, value: int, rng: Range, named: bool) -> Finding | None:
        """The `known-error-code` finding for a known code at `rng` (None when the options hide it);
        `named`: offer to replace it with its C name (C code, not where a constant is defined)."""
        sev = self.options.known_severity
        if sev is None:
            return None
        if type(sev) is not Severity:
            sev = Severity(sev)
        hint = self.hint
        key = (value, hint)
        cat = self.catalog
        cache = _caches(cat)[0]
        known = cache.get(key)
        if known is None:
            entries = tuple(cat.lookup(value, kit_hint=hint))
            sym = cat.symbol_for(value) if hasattr(cat, "symbol_for") else None
            known = cache[key] = (
                entries, describe_entries(value, entries) if entries else "",
                (entries[0].url if entries else "") or RULES[KNOWN].help_uri, sym, f"Replace with {sym}")
        entries, message, url, sym, title = known
        if not entries:
            return None
        fixes: tuple[Fix, ...] = (Fix(title, rng, sym, False),) if named and sym else ()
        return Finding(KNOWN, rng, sev, message, value, entries if self.options.with_entries else (), fixes, url)

    def _defines_constant(self, i: int, lit: Literal) -> bool:
        """`IMAGE_ALLOC_FAILED = 7600301,` / `const int32_t ERR_X = 401;`: no "replace with the name" there."""
        if lit.reason != "definition":
            return False
        m = DEF_END.search(self.lines[i][: lit.range.start.character])
        if m is None:
            return False
        name = m.group("macro") or m.group("name") or m.group("prop") or ""
        return lit.error_context or name.isupper()

    def _assignment(self, i: int, lit: Literal) -> Finding | None:
        line = self.lines[i]
        start = lit.range.start.character - (1 if lit.quoted else 0)
        before = line[:start]
        m = ASSIGN_END.search(before)
        if m is None:
            return None
        eq = m.start()
        om = OPERAND_TAIL.search(before[max(0, eq - 160) : eq])
        op_start = (max(0, eq - 160) + om.start()) if om else eq
        while op_start < eq and line[op_start] in " \t(":
            op_start += 1
        end = lit.range.end.character + (1 if lit.quoted else 0)
        new = "==" if self.language == C else "==="
        fix = Fix(f"Replace `=` with `{new}`", Range.of(i, eq, eq + 1), new, True)
        return Finding(ASSIGN, Range.of(i, op_start, end), Severity.WARNING,
                       f"Assignment in a condition: did you mean `{new}`?", lit.value, (), (fix,), RULES[ASSIGN].help_uri)

"""The error-context rules as a table: is a number where an error code is expected, and why?

Each `Rule(reason, pattern, verdict)` row says: where the text around a literal (a `Site`) matches
`pattern`, `verdict(site, match)` decides: True or False (the reason is the row's, or the pair the
verdict returns, e.g. "compare-weak"), or None to let the next row look.  A row is tried only when
the last significant character before the literal is one of its `last` (None: any) and its cheap
guards hold (`words` in the text it looks at, `when(site)`).  The first row that decides wins; a
row without a pattern always looks (`pattern=None`), which ends a group ("… else not a code").

Adding a rule is one row here (and one test in tests/catalog/test_scan.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter
from typing import Callable, Sequence

from ..model import Position, Range
from .context import (
    ASSERT_AFTER, ARRAY_INCLUDES, CASE_END, CMP_END, CMP_START, CODE_KEY_END, COND_OPEN, DEF_END, DEF_STOPS,
    ERR_VICINITY, EXPECT_END, EXPECT_OPEN, GTEST_AFTER, GTEST_END, GTEST_OPEN, INCLUDES_END,
    ERROR_CALL, LIST_GAP, LIST_ITEM, PAIR_FIRST, PAIR_SECOND, pair_partner, OPERAND_HEAD, RETURN_END, SWITCH, THROW_END, THROWS_DOC, ASSIGN_END, FileContext,
    after_last, decoy_name, errish_name, errish_operand, gtest_other, in_table, judge_return, operand_tail, weak,
)
from .languages import CONTEXT_AFTER, CONTEXT_BEFORE
from .literals import Literal, RawLiteral
from .plausible import NEVER, Need


class Site:
    """The text around one literal as the rules look at it (`after`, `a0`, `tail` made when asked)."""

    __slots__ = ("lines", "li", "line", "raw", "s", "e", "before", "last", "err_vars", "memo", "_after", "_tail")

    def __init__(self, lines: Sequence[str], li: int, raw: RawLiteral, ctx: FileContext, memo: dict | None) -> None:
        line = lines[li]
        s, e = raw.start, raw.end
        if raw.quoted:
            s, e = s - 1, e + 1
        before = line[:s].rstrip()
        if not before or before[-1] in "(,=&|?:":  # the literal may continue the line before
            if li > 0:
                before = (lines[li - 1].rstrip() + "\n" + before).rstrip()
        before = before[-200:]
        self.lines, self.li, self.line, self.raw, self.s, self.e = lines, li, line, raw, s, e
        self.before = before
        self.last = before[-1:]  # the last significant character before the literal
        self.err_vars = ctx.err_vars
        self.memo = memo
        self._after: str | None = None
        self._tail: str | None = None

    @property
    def after(self) -> str:
        """The text after the literal on its line."""
        if self._after is None:
            self._after = self.line[self.e : self.e + 200]
        return self._after

    @property
    def a0(self) -> str:
        """The first significant character after the literal."""
        return self.after.lstrip()[:1]

    @property
    def tail(self) -> str:
        if self._tail is None:
            self._tail = self.before[-120:]
        return self._tail


# (site, the row's match: None for a row without a pattern) -> its verdict
Verdict = Callable[..., "bool | tuple[bool, str] | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    reason: str
    pattern: re.Pattern | None  # searched in `where` (the end of it: `window` characters; 0 = all)
    verdict: Verdict
    last: tuple[str, ...] | None = None  # the characters ending the text before the literal ("": none), None: any
    where: str = "before"  # "before", "tail" (its last 120 characters) or "after" (matched at its start)
    window: int = 0
    stops: str = ""  # characters no match of `pattern` holds (it ends `where`): it is searched after the last one
    words: tuple[str, ...] = ()  # one of them must be in `where` for the row to look
    when: Callable[[Site], bool] | None = None
    final: bool = False  # when its guards hold, the row decides (for `may_give`)


def _errish_tail(text: str, site: Site) -> bool:
    return errish_operand(operand_tail(text), site.err_vars)


def _compare_after(site: Site, m: re.Match) -> tuple[bool, str] | None:
    om = OPERAND_HEAD.match(site.after, m.end())
    return (True, "compare" + weak(om)) if errish_operand(om, site.err_vars) else None


def _compare_before(site: Site, m: re.Match) -> tuple[bool, str]:
    om = operand_tail(site.before[: m.start()])
    return (True, "compare" + weak(om)) if errish_operand(om, site.err_vars) else (False, "compare")


def _assign_in_condition(site: Site, m: re.Match) -> bool | None:
    head = site.before[: m.start()]
    return True if COND_OPEN.search(head) and _errish_tail(head, site) else None


def _definition(site: Site, m: re.Match) -> bool:
    name = m.group("macro") or m.group("name") or m.group("prop") or ""
    return errish_name(name)


def _macro(site: Site, m: re.Match) -> bool | None:
    name = m.group("macro")
    return errish_name(name) if name else None


def _list_item(site: Site) -> bool:
    b = site.before
    if site.last != "," or b.lstrip().startswith(("[", "{")):
        return True
    # LIST_ITEM holds no bracket after its first: a match can start only at the last one
    k = max(b.rfind("["), b.rfind("{"))
    return k >= 0 and LIST_ITEM.match(b, k) is not None


def _held_list(memo: dict, line: str, s: int) -> tuple | None:
    """The list verdict the literal judged before on this line left (`memo["table"]`: where that
    literal ended, its verdict), when the one at `s` is the next item of the same list."""
    prev = memo.get("table")
    if prev is not None and prev[0] <= s and LIST_GAP.fullmatch(line, prev[0], s):
        return prev
    return None


def _table(site: Site, m: None) -> bool | None:
    memo, s = site.memo, site.s
    prev = _held_list(memo, site.line, s) if memo is not None else None
    if prev is not None:
        t = prev[1]  # the next item of the same list as the literal before
    else:
        t = in_table(site.lines, site.li, s)
    if memo is not None:
        memo["table"] = (site.raw.end + (1 if site.raw.quoted else 0), t)
    return t


def _assert_after(site: Site, m: re.Match) -> bool | None:
    a = ASSERT_AFTER.match(site.after)
    return _errish_tail(a.group("arg"), site) if a else None


def _gtest_after(site: Site, m: re.Match) -> bool | None:
    a = GTEST_AFTER.match(site.after)
    return gtest_other(a.group("other")) if a else None


def _includes(site: Site, m: re.Match) -> bool:
    obj = m.group("obj")
    return bool(_ERRISH_OBJECT.search(obj)) and not decoy_name(obj)


_ERRISH_OBJECT = re.compile(r"(?i)err|exception|code")


def _code_key(site: Site, m: re.Match) -> bool:
    if m.group("key") != "code":
        return True
    li = site.li
    return bool(ERR_VICINITY.search("\n".join(site.lines[max(0, li - 3) : li + 1 + CONTEXT_AFTER])))


def _case(site: Site, m: re.Match) -> tuple[bool, str]:
    li = site.li
    for j in range(li, max(0, li - CONTEXT_BEFORE) - 1, -1):  # the `switch` this `case` belongs to
        text = site.line[: site.s] if j == li else site.lines[j]
        if "switch" not in text:
            continue
        found = None
        for sm in SWITCH.finditer(text):
            found = sm
        if found is not None:
            om = operand_tail(found.group("subject").strip())
            return errish_operand(om, site.err_vars), "case" + weak(om)
    return False, "case"


def _return(site: Site, m: re.Match | None) -> bool:
    return judge_return(site.lines, site.li)


def _arg(group: str) -> Verdict:
    def verdict(site: Site, m: re.Match) -> bool:
        return _errish_tail(m.group(group), site)
    return verdict


def _gtest_other(site: Site, m: re.Match) -> bool:
    return gtest_other(m.group("other"))


def _pair_first(site: Site, m: re.Match) -> tuple[bool, str] | None:
    return pair_partner(m.group("other"), len(str(abs(site.raw.value)))) if site.last == "{" else None


def _pair_second(site: Site, m: re.Match) -> tuple[bool, str] | None:
    return pair_partner(m.group("other"), len(str(abs(site.raw.value)))) if site.a0 == "}" else None


def _error_call(site: Site, m: re.Match) -> bool:
    return not decoy_name(m.group("fn"))


def _true(site: Site, m: re.Match | None) -> bool:
    return True


def _no(site: Site, m: re.Match | None) -> tuple[bool, str]:
    return False, ""


_THROW_WORDS = ("hrow", "eject", "Error")
_LIST_START = ("[", ",", "{", "")  # nothing before it (the start of the text) as after `[`
_GTEST_WORDS = ("_EQ", "_NE")

RULES: tuple[Rule, ...] = (
    # `=== 401` with the error operand after it: `401 === err.code`
    Rule("compare", CMP_START, _compare_after, where="after", when=lambda s: s.last != "=" and s.a0 in ("=", "!")),
    # after `=`: `err.code === 401`, `if (e.code = 401)`, `const ERR_X = 401`; else not a code
    Rule("compare", CMP_END, _compare_before, last=("=",), window=4, when=lambda s: s.before.endswith(("==", "!=")),
         final=True),
    Rule("assign-in-condition", ASSIGN_END, _assign_in_condition, last=("=",), window=1, words=("if", "while")),
    Rule("definition", DEF_END, _definition, last=("=",), window=120, stops=DEF_STOPS),
    Rule("", None, _no, last=("=",), final=True),
    # in a list: `[401, 801].includes(err.code)`, `ERROR_MAP = new Map([[401, …`
    # a pair of a table mapping codes: `{ 14800014, ErrCode::ERR_CLOSED }`, `{E_NOT_SUPPORTED, 801}`, `{201, "…"}`
    Rule("pair", PAIR_FIRST, _pair_first, last=("{",), where="after", words=("}",)),
    Rule("pair", PAIR_SECOND, _pair_second, last=(",",), window=120, words=("{",)),
    Rule("membership", ARRAY_INCLUDES, _arg("arg"), last=_LIST_START, where="after", words=("]",)),
    Rule("table", None, _table, last=_LIST_START, when=_list_item),
    # an argument: `expect(err.code).assertEqual(401)`, `EXPECT_EQ(ret, 401)`, `throw new BusinessError(401)`
    Rule("expect", EXPECT_END, _arg("arg"), last=("(", ","), words=("expect",)),
    Rule("expect", EXPECT_OPEN, _assert_after, last=("(",), words=("expect",)),
    Rule("gtest", GTEST_END, _gtest_other, last=(",",), words=_GTEST_WORDS),
    Rule("gtest", GTEST_OPEN, _gtest_after, last=("(",), words=_GTEST_WORDS),
    Rule("throw", THROW_END, _true, last=("(", ","), where="tail", words=_THROW_WORDS),
    # the first argument of an error-reporting call: `VerifyAndClearErr(202, "…")`
    Rule("error-call", ERROR_CALL, _error_call, last=("(",), where="tail", words=("rr", "RR")),
    Rule("includes", INCLUDES_END, _includes, last=("(",), where="tail", words=(".",)),
    Rule("return", None, _return, last=("(",), where="tail", words=(".",), when=lambda s: s.before.endswith("return (")),
    Rule("", None, _no, last=("(", ","), final=True),
    # a key: `{ code: 401 }` (a plain `code` key only near an error), `errCode: 401`
    Rule("code-key", CODE_KEY_END, _code_key, last=(":",), window=40),
    Rule("", None, _no, last=(":",), final=True),
    Rule("throw", THROW_END, _true, last=("{", "w"), where="tail", words=_THROW_WORDS),
    Rule("case", CASE_END, _case, last=("e",), window=8, when=lambda s: s.before.endswith("case")),
    Rule("return", RETURN_END, _return, last=("n",), window=8, when=lambda s: s.before.endswith("return")),
    Rule("definition", DEF_END, _macro, window=120, stops=DEF_STOPS, words=("define",)),
)


# --------------------------------------------------------------------------- the table compiled
# Each row becomes two functions of the site, made once: `guard` (its words and `when`; None: none),
# which `may_give` runs, and `step` (the guard, then its pattern matched where it looks, then its
# verdict; None when the row does not decide), which `decide` runs for the rows that the last
# character before the literal selects.
_TEXTS = {"before": attrgetter("before"), "after": attrgetter("after"), "tail": attrgetter("tail")}


def _guard(rule: Rule) -> Callable[[Site], bool] | None:
    words, when = rule.words, rule.when
    if not words:
        return when
    text = _TEXTS[rule.where]
    if len(words) == 1:
        word = words[0]
        if when is None:
            return lambda site: word in text(site)
        return lambda site: word in text(site) and when(site)

    def guard(site: Site) -> bool:
        t = text(site)
        for w in words:
            if w in t:
                return when is None or when(site)
        return False

    return guard


def _step(rule: Rule, guard: Callable[[Site], bool] | None) -> Callable[[Site], object]:
    """The row as one function of the site: its verdict, or None when it does not decide (its
    `guard` fails, its pattern does not match, or its verdict lets the next row look)."""
    p, verdict, where = rule.pattern, rule.verdict, rule.where
    window, stops = rule.window, rule.stops
    search = p.search if p is not None else None
    match = p.match if p is not None else None

    def step(site: Site) -> object:
        if guard is not None and not guard(site):
            return None
        if search is None:
            return verdict(site, None)
        if where == "before":
            b = site.before
            lo = len(b) - window if window and len(b) > window else 0
            m = search(b, after_last(b, stops, lo) if stops else lo)
        elif where == "after":
            m = match(site.after)  # type: ignore[misc]  # (not None where `search` is not)
        else:
            m = search(site.tail)
        return None if m is None else verdict(site, m)

    return step


def _compile(rules: tuple[Rule, ...]) -> tuple:
    guards = [_guard(r) for r in rules]
    return tuple((g, _step(r, g), r.reason, r) for g, r in zip(guards, rules))


_ANY = _compile(tuple(r for r in RULES if r.last is None))
_BY_LAST = {ch: _compile(tuple(r for r in RULES if r.last is None or ch in r.last)) for r0 in RULES for ch in r0.last or ()}
_STEPS = {ch: tuple((step, reason) for _, step, reason, _ in rows) for ch, rows in _BY_LAST.items()}
_ANY_STEPS = tuple((step, reason) for _, step, reason, _ in _ANY)


def decide(site: Site) -> tuple[bool, str]:
    """The first row that decides, in table order; (False, "") when none does."""
    for step, reason in _STEPS.get(site.last, _ANY_STEPS):
        v = step(site)
        if v is not None:
            return v if type(v) is tuple else (v, reason)
    return False, ""


def may_give(site: Site, reasons: frozenset[str]) -> bool:
    """Could `decide` answer one of `reasons` here?  From the rows' guards alone (no pattern is
    matched): True as soon as a row for one of them may look, False once a `final` row decides."""
    key = (site.last, reasons)
    rows = _ASKING.get(key)
    if rows is None:  # only the rows for these reasons, and those that end the search, can tell
        rows = _ASKING[key] = tuple((guard, reason in reasons) for guard, _, reason, r in _BY_LAST.get(site.last, _ANY)
                                    if reason in reasons or r.final)
    for guard, asked in rows:
        if guard is None or guard(site):
            return asked
    return False


_ASKING: dict = {}


def judge(lines: Sequence[str], li: int, raw: RawLiteral, lang: str, ctx: FileContext, memo: dict | None = None) -> tuple[bool, str]:
    """Is this literal in an error context?  Returns (bool, reason).  Numbers with fewer than three
    digits and non-decimal literals are never error codes and are not judged; in a comment only
    `@throws {…}` counts, in a string only a whole-number string."""
    if raw.base != 10 or -100 < raw.value < 100:
        return False, ""
    if raw.context == "comment":
        line = lines[li]
        if "@throws" not in line:
            return False, ""
        return bool(THROWS_DOC.search(line[: raw.start][-120:])), "throws"
    if raw.context == "string" and not raw.quoted:
        return False, ""
    return decide(Site(lines, li, raw, ctx, memo))


def judge_line(lines: Sequence[str], i: int, raws: list[RawLiteral], lang: str, ctx: FileContext,
               needs: list[Need] | None = None, asked: frozenset[str] = frozenset(), assign: bool = False) -> list[Literal]:
    """Line `i`'s literals judged in order (a list item reuses what the item before it found).

    `needs` (`plausible.need` of each literal): given, only what can become a finding is kept, and
    judged only as far as it can tell: a literal that counts whatever its verdict (`Need.always`)
    only where a row may give one of `asked` (the reasons a finding reads) or leave a list verdict
    for a later literal (elsewhere (False, "")); another only where a row whose verdict can make it
    count may look (`counting_rows`; `assign`: a plain `=` may be near, so that a literal in code
    may be an assignment in a condition whatever its need), and kept in an error context.  A
    literal that cannot count is judged only for the list verdict it may leave, and not when that
    cannot change: outside code, or where the `table` row cannot look (`Site.last`), or as the next
    item of the list the verdict already holds (the verdict and the list's end are then those it
    would leave)."""
    memo: dict = {}
    out = []
    last = len(raws) - 1
    asked_table = _WITH_TABLE.get(asked)
    if asked_table is None:
        asked_table = _WITH_TABLE[asked] = asked | _TABLE
    pending: list[RawLiteral] = []  # literals that cannot count, not yet judged for their list verdict
    for k, r in enumerate(raws):
        if needs is not None:
            if needs[k] is NEVER and not (assign and r.context == "code"):
                pending.append(r)
                continue
            if pending:  # before this literal is judged, what those before it leave it
                _leave_list_verdicts(lines, i, pending, r, ctx, memo)
                pending = []
        if needs is None:
            ec, why = judge(lines, i, r, lang, ctx, memo)
        elif needs[k].always:
            site = Site(lines, i, r, ctx, memo)
            ec, why = decide(site) if may_give(site, asked if k == last else asked_table) else (False, "")
        else:
            n = needs[k]
            site = Site(lines, i, r, ctx, memo)
            if may_give(site, counting_rows(n) if n is not NEVER else _ASSIGN_ROWS):
                ec, why = decide(site)
                if ec:
                    out.append(_literal(i, r, ec, why))
                continue
            _leave_list_verdict(lines, i, r, ctx, memo, site)  # it cannot count
            continue
        out.append(_literal(i, r, ec, why))
    return out


def _literal(i: int, r: RawLiteral, ec: bool, why: str) -> Literal:
    return Literal(r.text, r.value, Range(Position(i, r.start), Position(i, r.end)), r.context, ec, r.base, r.quoted,
                   r.suffix, why)


def _leave_list_verdicts(lines: Sequence[str], i: int, pending: list[RawLiteral], nxt: RawLiteral, ctx: FileContext,
                         memo: dict) -> None:
    """`_leave_list_verdict` for each of `pending` (in order, all before `nxt`): none of them when
    the list verdict already holds for `nxt` (then it holds for each of them, which leaves it as it is)."""
    if _held_list(memo, lines[i], nxt.start - 1 if nxt.quoted else nxt.start) is not None:
        return
    for r in pending:
        _leave_list_verdict(lines, i, r, ctx, memo, None)


def _leave_list_verdict(lines: Sequence[str], i: int, r: RawLiteral, ctx: FileContext, memo: dict, site: Site | None) -> None:
    """Judge a literal that cannot count only for the list verdict it may leave for the next ones
    (`memo`), and not when that cannot change (see `judge_line`)."""
    if r.context == "comment" or (r.context == "string" and not r.quoted):
        return  # `judge` decides these without the rows
    if _held_list(memo, lines[i], r.start - 1 if r.quoted else r.start) is not None:
        return
    if site is None:
        site = Site(lines, i, r, ctx, memo)
    if site.last in _LIST_START:
        decide(site)


def counting_rows(n: Need) -> frozenset[str]:
    """The reasons of the rows whose verdict can make a literal with need `n` count: all but those
    `n` does not admit, and those that only say "not a code" (reason "")."""
    rows = _COUNTING.get(n)
    if rows is None:
        rows = _COUNTING[n] = frozenset(r.reason for r in RULES if r.reason and r.reason not in n.unless)
    return rows


_COUNTING: dict = {}
_ASSIGN_ROWS = frozenset({"assign-in-condition"})  # an assignment in a condition (any number)
_TABLE = frozenset({"table"})
_WITH_TABLE: dict[frozenset[str], frozenset[str]] = {}  # asked -> asked | _TABLE

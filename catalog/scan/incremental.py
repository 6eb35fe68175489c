"""The scan state of one document, kept up to date across edits (`IncrementalScanner`).

Every line is lexed from the state left by the line before; the per-line start states make editing
incremental: `apply_edit` re-lexes from the edited line until the state converges with the old one,
and re-judges only the lines whose verdict can change: each judged line remembers which lines the
rules read for it (`LineReads`), and after an edit a line is judged again only if its literals
changed or it read an edited line.
"""

from __future__ import annotations

import builtins
from collections import Counter
from typing import Iterable

from ..model import Position, Range
from .context import FileContext
from .definitions import is_definition_site, resolve_definitions
from .languages import CONTEXT_AFTER, CONTEXT_BEFORE, MAX_LINE, norm_lang
from .lexer import START, lex_line, split_lines
from .literals import Literal, NameRef
from .reads import LineReads
from .rules import judge_line
from .names import line_facts, names_regex

# --------------------------------------------------------------------------- the scanner
class _LineData:
    __slots__ = ("state_in", "state_out", "raws", "segs", "facts", "lits", "lits_line", "names", "extra", "cand",
                 "back", "ahead")

    def __init__(self, state_in, state_out, raws, segs, facts):
        self.state_in = state_in
        self.state_out = state_out
        self.raws = raws
        # could any literal on this line become a finding (decimal, 3+ digits)?
        self.cand = any(r.base == 10 and (r.value >= 100 or r.value <= -100) for r in raws) if raws else False
        self.segs = segs
        self.facts = facts  # (err_vars tuple, definitions tuple, kit hint)
        self.lits: list[Literal] | None = None  # judged literals (absolute line = lits_line)
        self.lits_line = -1
        self.names: list | None = None  # NameRefs relative: (start, end, name, text, value, defined_here)
        self.extra = None  # per-line cache for subclasses (findings)
        self.back = self.ahead = 0  # the judgement read lines [i - back, i + ahead]



class IncrementalScanner:
    """Scan state of one document, kept up to date across edits.

    `text`, `lines`, `literals` (error context judged), `names`, `kit_hint`;
    `literal_at(pos)`, `name_at(pos)`, `literals_in(first, last)`, `names_in(first, last)`;
    `apply_edit(range, new_text)` with code-point positions (None = replace everything).
    """

    def __init__(self, text: str, language: str | None, catalog=None) -> None:
        self.language = norm_lang(language)
        self.catalog = catalog
        if not isinstance(text, str):
            text = ""
        self._lines, self._ends = split_lines(text)
        self._data: list[_LineData] = []
        self._ctx = FileContext()
        self._defs_key: tuple = ()
        self._defs_dirty = True
        self._name_rx_ready = False
        self._base_names: dict[str, int] | None = None
        self._local_values: dict[str, int] = {}
        self._all_names: dict[str, int] = {}
        self._name_rx = None
        self._ev: Counter = Counter()
        self._hints: Counter = Counter()
        self._last_edit = (0, 0, 0, True)
        self.edit_count = 0  # edits applied so far (what is kept per text, e.g. catalog/api's analysis, checks it)
        self._changes: list[tuple[int, int, int] | None] = []  # per recent edit: see `changed_since`
        self._reads = LineReads(self._lines)
        self.kit_hint: str | None = None
        self._relex_all()
        self._refresh_globals(force=True)

    # ------------------------------------------------------------ text
    @property
    def text(self) -> str:
        return "".join(l + e for l, e in zip(self._lines, self._ends))

    @property
    def lines(self) -> list[str]:
        return self._lines

    @property
    def error_variables(self) -> frozenset[str]:
        """The variables the file declares with an error-code type (`Image_ErrorCode ret`)."""
        return self._ctx.err_vars

    # ------------------------------------------------------------ lexing
    def _lex(self, i: int, state) -> _LineData:
        raws, segs, out = lex_line(self._lines[i], state, self.language)
        return _LineData(state, out, raws, segs, line_facts(self._lines[i], segs, self.language))

    def _relex_all(self) -> None:
        state = START
        data = []
        for i in range(len(self._lines)):
            d = self._lex(i, state)
            data.append(d)
            state = d.state_out
        self._data = data

    # ------------------------------------------------------------ globals
    def _account(self, data: Iterable[_LineData], sign: int) -> None:
        for d in data:
            ev, df, kh = d.facts
            if ev:
                for v in ev:
                    self._ev[v] += sign
            if kh:
                self._hints[kh] += sign
            if df:
                self._defs_dirty = True

    def _refresh_globals(self, force: bool = False) -> set[str]:
        """Bring file-wide facts up to date; returns which changed: "err_vars" (every literal must
        be re-judged) and/or "hint" (findings re-ordered).  Definitions are resolved lazily."""
        if force:
            self._ev = Counter()
            self._hints = Counter()
            self._account(self._data, 1)
            self._defs_dirty = True
        changed: set[str] = set()
        ev_key = frozenset(k for k, v in self._ev.items() if v > 0)
        if force or ev_key != self._ctx.err_vars:
            self._ctx = FileContext(ev_key)
            changed.add("err_vars")
        hint = next((k for k, v in sorted(self._hints.items()) if v > 0), None)
        if force or hint != self.kit_hint:
            self.kit_hint = hint
            changed.add("hint")
        return changed

    def _ensure_definitions(self) -> None:
        if not self._defs_dirty:
            return
        self._defs_dirty = False
        defs = tuple(df for d in self._data if d.facts[1] for df in d.facts[1])
        if defs == self._defs_key and self._name_rx_ready:
            return
        self._defs_key = defs
        self._resolve_definitions(list(defs))

    def _resolve_definitions(self, defs: list[tuple[str, str]]) -> None:
        cat = self.catalog
        if self._base_names is None:
            self._base_names = dict(cat.symbols()) if cat is not None and hasattr(cat, "symbols") else {}
        base_names = self._base_names
        local, reportable = resolve_definitions(defs, base_names, cat)
        self._local_values = local
        if reportable != getattr(self, "_defined", None) or not self._name_rx_ready:
            self._defined = reportable
            self._all_names = {**base_names, **reportable}
            self._name_rx = names_regex(self._all_names) if self._all_names else None
            self._name_rx_ready = True
            for d in self._data:
                d.names = None

    # ------------------------------------------------------------ judging
    def _judge_line(self, i: int) -> None:
        d = self._data[i]
        reads = self._reads
        reads.lines = self._lines
        reads.low = reads.high = i
        d.lits = judge_line(reads, i, d.raws, self.language, self._ctx)
        d.lits_line = i
        d.back, d.ahead = i - reads.low, reads.high - i
        d.extra = None

    def _ensure(self, i: int) -> None:
        d = self._data[i]
        if d.lits is None:
            self._judge_line(i)
        elif d.lits_line != i:
            shift = i - d.lits_line
            d.lits = [lit.shifted(shift) for lit in d.lits]
            d.lits_line = i
            self._shifted(d, shift)

    def _shifted(self, d: _LineData, shift: int) -> None:
        d.extra = None

    @property
    def literals(self) -> list[Literal]:
        out: list[Literal] = []
        for i, d in enumerate(self._data):
            if d.raws:
                self._ensure(i)
                out.extend(d.lits)
        return out

    def literals_in(self, first: int, last: int) -> list[Literal]:
        """Literals on lines first..last (inclusive), judged."""
        out: list[Literal] = []
        for i in builtins.range(max(0, first), min(len(self._data), last + 1)):
            if self._data[i].raws:
                self._ensure(i)
                out.extend(self._data[i].lits)
        return out

    def names_in(self, first: int, last: int) -> list[NameRef]:
        """Name references on lines first..last (inclusive)."""
        out = []
        for i in builtins.range(max(0, first), min(len(self._data), last + 1)):
            for s, e, name, text, value, dh in self._names_line(i):
                out.append(NameRef(name, text, value, Range(Position(i, s), Position(i, e)), dh))
        return out

    def literal_at(self, position: Position) -> Literal | None:
        """The literal (or quoted number) covering `position`, if any."""
        i = position.line
        if not 0 <= i < len(self._data):
            return None
        if not self._data[i].raws:
            return None
        self._ensure(i)
        for l in self._data[i].lits:
            if l.range.start.character <= position.character <= l.range.end.character:
                return l
        return None

    # ------------------------------------------------------------ names
    def _names_line(self, i: int) -> list:
        self._ensure_definitions()
        d = self._data[i]
        if d.names is not None:
            return d.names
        out = []
        rx = self._name_rx
        line = self._lines[i]
        if rx is not None and len(line) <= MAX_LINE and rx.search(line) is not None:
            code_segs = [(s, e) for s, e, c in d.segs if c in ("code", "preprocessor") and e > s]
            for s, e in code_segs:
                for m in rx.finditer(line, s, e):
                    name = m.group("name")
                    value = self._all_names.get(name)
                    if value is None:
                        continue
                    end = m.end("name")
                    text = name
                    if m.group("op"):
                        if m.group("n"):
                            off = int(m.group("n"))
                        else:
                            off = self._local_values.get(m.group("b"), self._all_names.get(m.group("b")))
                        if off is not None:
                            value = value + off if m.group("op") == "+" else value - off
                            end = m.end()
                            text = line[m.start("name") : end]
                    defined_here = is_definition_site(line, m.start("name"), name)
                    out.append((m.start("name"), end, name, text, value, defined_here))
        d.names = out
        return out

    @property
    def names(self) -> list[NameRef]:
        return self.names_in(0, len(self._data) - 1)

    def name_at(self, position: Position) -> NameRef | None:
        i = position.line
        if not 0 <= i < len(self._data):
            return None
        for s, e, name, text, value, dh in self._names_line(i):
            if s <= position.character <= e:
                return NameRef(name, text, value, Range(Position(i, s), Position(i, e)), dh)
        return None

    # ------------------------------------------------------------ editing
    MAX_CHANGES = 256  # edits remembered for `changed_since`

    def _changed(self, change: tuple[int, int, int] | None) -> None:
        self.edit_count += 1
        self._changes.append(change)
        if len(self._changes) > self.MAX_CHANGES:
            del self._changes[: self.MAX_CHANGES // 2]

    def changed_since(self, count: int) -> tuple[int, int, int] | None:
        """What the edits after the first `count` changed, as (lo, hi, delta): lines [lo, hi) of the
        text now are new or lexed from another state, the lines before `lo` are as they were, and
        line i >= hi is what line i - delta was (the same text, lexed the same).  None when that is
        not known: a replacement of the whole text, or edits older than the last MAX_CHANGES."""
        todo = self.edit_count - count
        if todo < 0 or todo > len(self._changes):
            return None
        lo, hi, delta = len(self._lines), 0, 0
        for change in self._changes[len(self._changes) - todo:]:
            if change is None:
                return None
            sl, end, d = change  # this edit: lines [sl, end) new or lexed again, those after moved by d
            if lo >= hi:
                lo, hi, delta = sl, end, d
            else:
                lo, hi, delta = min(lo, sl), max(end, hi + d), delta + d
        return (lo, hi, delta) if lo < hi else (0, 0, 0)

    def _clamp(self, pos: Position) -> tuple[int, int]:
        n = len(self._lines)
        line = pos.line
        if line < 0:
            return 0, 0
        if line >= n:
            return n - 1, len(self._lines[-1])
        ch = max(0, min(pos.character, len(self._lines[line])))
        return line, ch

    def apply_edit(self, range: Range | None, new_text: str) -> tuple[int, int]:
        """Replace `range` (code-point positions; None = whole document) by `new_text`.

        Returns the span of lines (first, last exclusive) whose literals were re-judged.
        """
        if not isinstance(new_text, str):
            new_text = "" if new_text is None else str(new_text)
        if range is None:
            self._lines, self._ends = split_lines(new_text)
            self._relex_all()
            self._refresh_globals(force=True)
            self._last_edit = (0, len(self._lines), 0, True)
            self._changed(None)
            return 0, len(self._lines)
        (sl, sc), (el, ec) = self._clamp(range.start), self._clamp(range.end)
        if (el, ec) < (sl, sc):
            (sl, sc), (el, ec) = (el, ec), (sl, sc)
        if sl > 0 and self._ends[sl - 1] == "\r" and (sc == 0 and (new_text + self._lines[el][ec:] + self._ends[el]).startswith("\n")):
            # "\r" + "\n" across the old boundary becomes one "\r\n": take the line before in
            sl -= 1
            sc = len(self._lines[sl])
            new_text = "\r" + new_text
            self._ends[sl] = ""
        head = self._lines[sl][:sc]
        tail = self._lines[el][ec:]
        last_end = self._ends[el]
        seg = head + new_text + tail + last_end
        new_lines, new_ends = split_lines(seg)
        if last_end:
            new_lines.pop()
            new_ends.pop()
        old_count = el - sl + 1
        self._lines[sl : el + 1] = new_lines
        self._ends[sl : el + 1] = new_ends
        delta = len(new_lines) - old_count
        old_data = self._data
        # re-lex the new lines, then old lines until the start state converges
        state = old_data[sl].state_in
        new_data = []
        for k in builtins.range(len(new_lines)):
            d = self._lex(sl + k, state)
            new_data.append(d)
            state = d.state_out
        j = el + 1  # index in old_data of the next untouched line
        while j < len(old_data) and old_data[j].state_in != state:
            d = self._lex(j + delta, state)
            od = old_data[j]
            # same text, same literals: what was judged from them still holds (the text around is
            # unchanged too, except near the edit, which is re-judged below)
            if od.lits is not None and len(d.raws) == len(od.raws) and all(
                a.key() == b.key() for a, b in zip(d.raws, od.raws)
            ):
                d.lits, d.lits_line, d.extra, d.back, d.ahead = od.lits, od.lits_line, od.extra, od.back, od.ahead
            if d.segs == od.segs:
                d.names = od.names
            new_data.append(d)
            state = d.state_out
            j += 1
        self._account(old_data[sl:j], -1)
        self._account(new_data, 1)
        self._data = old_data[:sl] + new_data + old_data[j:]
        relexed_end = sl + len(new_data)
        self._changed((sl, relexed_end, delta))
        changed = self._refresh_globals()
        if "err_vars" in changed:
            for d in self._data:
                d.lits = None
                d.extra = None
            self._last_edit = (0, len(self._lines), delta, True)
            return 0, len(self._lines)
        # judge again exactly the lines that read an edited line (new lines are not judged yet)
        data = self._data
        edited_end = sl + len(new_lines)  # lines [sl, edited_end) are new
        lo, hi = sl, max(edited_end, relexed_end)
        for i in builtins.range(sl - 1, max(0, sl - CONTEXT_AFTER) - 1, -1):
            d = data[i]
            if d.lits is not None and i + d.ahead >= sl:
                d.lits = d.extra = None
                lo = i
        for i in builtins.range(edited_end, min(len(data), edited_end + CONTEXT_BEFORE)):
            d = data[i]
            if d.lits is not None and i - d.back < edited_end:
                d.lits = d.extra = None
                hi = max(hi, i + 1)
        self._last_edit = (lo, hi, delta, "hint" in changed)
        return lo, hi


def scan(text: str, language: str | None) -> list[Literal]:
    """Every integer literal in `text` with its range, context and error context (see module doc)."""
    return IncrementalScanner(text, language).literals


def scan_names(text: str, language: str | None, catalog) -> list[NameRef]:
    """Catalog symbol names, `BASE + n` expressions, and names the file defines for codes."""
    return IncrementalScanner(text, language, catalog).names



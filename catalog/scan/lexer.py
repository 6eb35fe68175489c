"""The lexer: one table of states, in the style of a Pygments lexer (`TOKENS`), and one driver that
reads a line with it from the state the line before left (`lex_line`; `lex_lines` for a whole file).

A state is a list of rows `Row(first, pattern, action, next)`, tried in order at each position;
the text between its tokens is its content, one segment (start, end, context) per stretch of the
line spent in it.  Each state's rows are compiled into one regex (a named group per row; `_compile`
picks the form the regex engine searches fastest).  Adding a token or a state is adding a row.
`lex_line` gives a line's literals (`literals.RawLiteral`), its segments and the state after it;
`split_lines` cuts a text into LSP lines.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from typing import Callable, Iterable, Iterator, NamedTuple

from .languages import ARKTS, C, MAX_LINE
from .literals import NUMBER_ARKTS, NUMBER_C, RawLiteral, code_number, text_numbers, whole_numbers


class Act(Enum):
    """What the driver does with a row's token."""

    NUMBER = "a number in code: a literal (none on a line longer than MAX_LINE)"
    SKIP = "nothing: read past it (digits glued to a word, an escape)"
    PUSH = "enter `next`, the content so far a segment (`next` CODE: code one `${` deeper)"
    POP = "back to code; the content may be one whole number when it began right after `opener`"
    BRACE = "`{` in a `${ }`: one brace level deeper"
    CLOSE = "`}` in a `${ }`: one brace level up, or at the `${`'s own level back to `next`"
    REGEX = "a regex literal when the text before allows one (`REGEX_BEFORE`), else only its slash"
    RAW_OPEN = "a C++ raw string: PUSH `next`, its end given by the group `delim`, its prefix behind the quote"


class Eol(Enum):
    """What the end of a line does to the state it ends in."""

    STAYS = "the state goes on on the next line"
    ENDS = "back to code"
    ENDS_UNLESS_CONTINUED = "back to code unless one backslash ends the line"


# The actions and line ends as plain names: the driver compares them with `is` on every token (an
# Enum's attribute costs ~0.1 us each time it is read).
NUMBER, SKIP, PUSH, POP, BRACE, CLOSE, REGEX, RAW_OPEN = (
    Act.NUMBER, Act.SKIP, Act.PUSH, Act.POP, Act.BRACE, Act.CLOSE, Act.REGEX, Act.RAW_OPEN)
STAYS, ENDS, ENDS_UNLESS_CONTINUED = Eol.STAYS, Eol.ENDS, Eol.ENDS_UNLESS_CONTINUED


class Row(NamedTuple):
    first: str  # the characters its tokens start with, as the body of a regex class
    pattern: str
    action: Act
    next: str | None = None  # the state entered (PUSH, CLOSE, RAW_OPEN)


class LineStart(NamedTuple):
    """A line this matches at its start is a preprocessor line (the state's flag: its code state is
    the language's preprocessor one in `CODE_STATES`)."""

    needs: str  # a character every line it matches holds, as the body of a regex class
    pattern: str


class State(NamedTuple):
    context: str  # of its content's segments: "code", "preprocessor", "comment" or "string"
    rows: tuple[Row, ...]
    eol: Eol = STAYS
    text: bool = False  # its content is text: the numbers in it are found by `literals.text_numbers`
    opener: str | None = None  # see Act.POP
    line_start: LineStart | None = None


# --------------------------------------------------------------------------- the table
# The state after a line is (mode, template brace stack, preprocessor line, raw-string delimiter):
# a Pygments state stack written compactly.  `mode` is CODE or another state's name.  CODE is the
# language's code state (`CODE_STATES`): inside `${ }` while the brace stack (one depth per open
# `${`) is not empty, a preprocessor line while that flag is set (until a line ends without a
# backslash in a mode of `CONTINUES_PREPROCESSOR`).  RAW's rows depend on the delimiter (`raw_state`).
CODE, BLOCK, LINE, SQ, DQ, TEMPLATE, RAW = "code", "block comment", "line comment", "'", '"', "template", "raw string"
LexState = tuple[str, tuple[int, ...], bool, str]  # (mode, brace stack, preprocessor line, delimiter)
START: LexState = (CODE, (), False, "")
CONTINUES_PREPROCESSOR = frozenset({CODE, BLOCK})

# Digits glued to a word (`ERROR_CODE801`, `401abc`) are no number; Unicode-aware \w: a number glued
# to a CJK identifier (`错误码401`) is part of that identifier.
_GLUED = r"[0-9][\w$.]*"
# A raw string's prefix (R, u8R, uR, UR, LR glued to no word) is matched behind its quote, so that the
# search stops at quotes only, not at every R, u, U or L.
_RAW_OPEN = (
    r"(?:(?<=(?<![\w$])(?P<u8R>u8R))|(?<=(?<![\w$])(?P<xR>[uUL]R))|(?<=(?<![\w$])(?P<R>R)))"
    r'"(?P<delim>[^()\\\s"]{0,16})\('
)
# A regex literal (a slash, then no line break or unescaped slash outside a class, a slash, flags);
# REGEX_BEFORE: what the text before it ends with (else the slash divides).
_REGEX = r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*"
REGEX_BEFORE = re.compile(r"(?:^|[(,=:\[!&|?{};+\-*%<>~^]|\b(?:return|typeof|case|do|else|in|of|yield|await|void|delete|throw))\s*$")
_ESCAPE = Row(r"\\", r"(?s:\\.)", SKIP)

_ARKTS_CODE = (
    Row("0-9", NUMBER_ARKTS, NUMBER),
    Row("0-9", _GLUED, SKIP),
    Row("/", "//", PUSH, LINE),
    Row("/", r"/\*", PUSH, BLOCK),
    Row("'", "'", PUSH, SQ),
    Row('"', '"', PUSH, DQ),
    Row("`", "`", PUSH, TEMPLATE),
    Row("/", _REGEX, REGEX),
)
_C_CODE = (
    Row("0-9", NUMBER_C, NUMBER),
    Row("0-9", _GLUED, SKIP),
    Row("/", "//", PUSH, LINE),
    Row("/", r"/\*", PUSH, BLOCK),
    Row('"', _RAW_OPEN, RAW_OPEN, RAW),
    Row("'", "'", PUSH, SQ),
    Row('"', '"', PUSH, DQ),
)

TOKENS: dict[str, State] = {
    "arkts": State("code", _ARKTS_CODE),
    "arkts ${": State("code", _ARKTS_CODE + (Row("{", r"\{", BRACE), Row("}", r"\}", CLOSE, TEMPLATE))),
    "c": State("code", _C_CODE, line_start=LineStart("#", r"\s*#")),
    "c #": State("preprocessor", _C_CODE),
    BLOCK: State("comment", (Row("*", r"\*/", POP),), text=True),
    LINE: State("comment", (), ENDS, text=True),
    SQ: State("string", (_ESCAPE, Row("'", "'", POP)), ENDS_UNLESS_CONTINUED, text=True, opener="'"),
    DQ: State("string", (_ESCAPE, Row('"', '"', POP)), ENDS_UNLESS_CONTINUED, text=True, opener='"'),
    TEMPLATE: State("string", (_ESCAPE, Row("`", "`", POP), Row("$", r"\$\{", PUSH, CODE)), text=True, opener="`"),
}


def raw_state(delim: str) -> State:
    """A C++ raw string `R"delim( … )delim"`: its end depends on its delimiter."""
    return State("string", (Row(r"\)", re.escape(")" + delim + '"'), POP),), text=True, opener="(")


# (language, inside `${ }`, preprocessor line) -> its code state; the pairs no line reaches (C has no
# template strings, only C has preprocessor lines) read as the nearest one
CODE_STATES = {
    (ARKTS, False, False): "arkts", (ARKTS, True, False): "arkts ${", (ARKTS, False, True): "arkts",
    (ARKTS, True, True): "arkts ${", (C, False, False): "c", (C, True, False): "c", (C, False, True): "c #",
    (C, True, True): "c #",
}


# --------------------------------------------------------------------------- the table compiled
class Compiled(NamedTuple):
    context: str
    search: Callable  # (line, pos) -> a match whose group `lastgroup` is the next token from pos (and ends it), or None
    acts: dict  # row group name -> its action
    nexts: dict  # row group name -> its next state
    eol: Eol
    text: bool
    opener: str | None
    line_start: Callable | None  # pattern.match
    changes: Callable  # search for a character that a token changing the state or cutting a segment starts with


def _no_tokens(line: str, pos: int) -> re.Match | None:
    return None  # a state without rows (the line comment) ends at the line end


def _compile(state: State) -> Compiled:
    """One regex for the state's rows, a named group each, in the form the regex engine searches
    fastest (each as fast as the hand-written regexes it replaced; the same tokens either way):
    - one row: the row itself (the engine skips ahead to its literal start);
    - rows that skip (escapes) and then rows that end the stretch (a string): one match from the
      stretch's start, its content possessive: anything but the rows' first characters, a skipped
      token, or a first character no row matches there;
    - else (code): matched from the position: the characters no row starts with, then the first
      row that matches, or (group `other`, skipped) one character where none does.  (Searched for
      behind a look at their first characters, the rows give the same tokens, the line read several
      times slower: the engine tries the whole alternation at each character.)"""
    rows = state.rows
    search: Callable[[str, int], re.Match | None]
    names = [f"r{i}" for i in range(len(rows))]
    first = "".join(row.first for row in rows)
    group = [f"(?P<{k}>{row.pattern})" for k, row in zip(names, rows)]
    ends = tuple(row for row in rows if row.action is not SKIP)
    skip_then_end = rows[len(rows) - len(ends):] == ends and all(
        row.action in (PUSH, POP) and "(?P<" not in row.pattern for row in ends)
    if not rows:
        search = _no_tokens
    elif len(rows) == 1:
        search = re.compile(group[0]).search
    elif skip_then_end:
        content = [f"[^{first}]++", *(row.pattern for row in rows if row.action is SKIP),
                   f"(?!{'|'.join(row.pattern for row in ends)})[{first}]"]
        search = re.compile(f"(?:{'|'.join(content)})*+(?:{'|'.join(group[len(rows) - len(ends):])})").match
    else:
        search = re.compile(f"[^{first}]*+(?:{'|'.join(group)}|(?P<other>[{first}]))").match
    changing = "".join(row.first for row in rows if row.action not in (NUMBER, SKIP, REGEX, BRACE))
    line_start = None
    if state.line_start:
        line_start = re.compile(state.line_start.pattern).match
        changing += state.line_start.needs
    return Compiled(state.context, search, {k: row.action for k, row in zip(names, rows)} | {"other": SKIP},
                    {k: row.next for k, row in zip(names, rows)}, state.eol, state.text, state.opener,
                    line_start, re.compile(f"[{changing}]" if changing else "(?!)").search)


_STATES = {name: _compile(state) for name, state in TOKENS.items()}
# per language: its code states by [preprocessor line][inside `${ }`]
_CODE = {lang: tuple(tuple(_STATES[CODE_STATES[lang, t, p]] for t in (False, True)) for p in (False, True))
         for lang in (ARKTS, C)}


@lru_cache(maxsize=64)
def _raw(delim: str) -> Compiled:
    return _compile(raw_state(delim))


def _raw_start(m: re.Match) -> int:
    """Where a C++ raw string's token starts: at its prefix (`_RAW_OPEN`'s groups)."""
    return max(m.start("u8R"), m.start("xR"), m.start("R"))


_BREAK = re.compile(r"(\r\n|\r|\n)")


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Lines without terminators, and each line's terminator ("" for the last).  Lines end at
    `\r\n`, `\r` or `\n` only (not at the other breaks `str.splitlines` knows)."""
    if "\r" not in text:  # most text: str.split is several times faster than the regex
        lines = text.split("\n")
        return lines, ["\n"] * (len(lines) - 1) + [""]
    crlf = text.count("\r\n")
    if crlf == text.count("\r") == text.count("\n"):  # `\r\n` throughout: str.split as well
        lines = text.split("\r\n")
        return lines, ["\r\n"] * crlf + [""]
    parts = _BREAK.split(text)
    return parts[0::2], parts[1::2] + [""]


# --------------------------------------------------------------------------- the driver
def lex_line(
    line: str, state: LexState, lang: str, cand_only: bool = False, literals: bool = True
) -> tuple[list[RawLiteral], list[tuple[int, int, str]], LexState]:
    """Lex one line from `state`: (literals, segments (start, end, context), state after the line).

    `cand_only`: report only the literals that can count as a code (decimal, 3+ digits, in code or
    the whole content of a string); the others are not built.  Segments and state are the same.
    `literals=False` (the API rule's code-only text needs segments alone): a line in plain code
    where no row that changes the state or cuts a segment matches is one code segment and leaves
    the state as it was, known without reading its tokens."""
    mode, tstack, pp, delim = state
    code = _CODE[lang]
    if mode == CODE and not tstack and not pp:
        st = code[False][False]
        if not literals and st.changes(line) is None:
            return [], [(0, len(line), st.context)], state
        if st.line_start is not None and st.line_start(line):
            pp = True
    tn = whole_numbers if cand_only else text_numbers
    raws: list[RawLiteral] = []
    segs: list[tuple[int, int, str]] = []
    n = len(line)
    big = n > MAX_LINE
    c_octal = lang == C  # `0755` is octal in C
    pos = 0
    while True:  # one state's stretch of the line
        if mode == CODE:
            st = code[pp][tstack != ()]
        elif mode == RAW:
            st = _raw(delim)
        else:
            st = _STATES[mode]
        ctx = st.context
        acts = st.acts
        start = pos
        search = st.search
        while True:  # its tokens from `pos`, until one that ends the stretch
            m = search(line, pos)
            if m is None:
                break
            act = acts[m.lastgroup]
            pos = m.end()
            if act is NUMBER:
                if big:
                    continue
                ds, de = m.span("dec")
                if cand_only and de - ds < 3:  # fewer digits (or none: hex …): below 100
                    continue
                if de == pos and (ds == 0 or line[ds - 1] != "-") and (
                    c_octal is False or line[ds] != "0"
                ):  # plain digits (most numbers): no base, separator, fraction, suffix or sign
                    text = line[ds:de]
                    if text.isdigit() and de - ds <= 40:
                        value = int(text)
                        if not cand_only or value >= 100:
                            raws.append(RawLiteral(ds, de, text, value, 10, ctx))
                        continue
                r = code_number(line, m, ctx, lang)
                if r is not None and (not cand_only or (r.base == 10 and not -100 < r.value < 100)):
                    raws.append(r)
                continue
            if act is SKIP:
                continue
            if act is REGEX:
                p0 = m.start(m.lastgroup)
                if not REGEX_BEFORE.search(line, max(0, p0 - 40), p0):
                    pos = p0 + 1  # a division: only the slash
                continue
            if act is BRACE:
                tstack = tstack[:-1] + (tstack[-1] + 1,)
                continue
            if act is CLOSE and tstack[-1] > 0:
                tstack = tstack[:-1] + (tstack[-1] - 1,)
                continue
            break  # a token that ends the stretch
        if m is None:  # the line ends in this state
            segs.append((start, n, ctx))
            if st.text:
                tn(line, start, n, ctx, raws, False)
            if st.eol is ENDS or (
                st.eol is ENDS_UNLESS_CONTINUED and not (n > 0 and line.endswith("\\") and not line.endswith("\\\\"))
            ):
                mode = CODE
            break
        p0 = m.start(m.lastgroup)  # the token's start (a string's match starts with its content)
        if act is RAW_OPEN:
            p0 = _raw_start(m)
            delim = m.group("delim")
        segs.append((start, p0, ctx))
        if st.text:
            tn(line, start, p0, ctx, raws, act is POP and start > 0 and line[start - 1] == st.opener)
        if act is POP:
            mode = CODE
            delim = ""
        elif act is CLOSE:  # at the `${`'s own level
            tstack = tstack[:-1]
            mode = st.nexts[m.lastgroup]
        elif st.nexts[m.lastgroup] == CODE:  # `${`: code, one level deeper
            tstack = tstack + (0,)
            mode = CODE
        else:
            mode = st.nexts[m.lastgroup]
    if pp and not (line.endswith("\\") and mode in CONTINUES_PREPROCESSOR):
        pp = False
    return raws, segs, (mode, tstack, pp, delim)


def lex_lines(
    lines: Iterable[str], lang: str, state: LexState = START, cand_only: bool = False, literals: bool = True
) -> Iterator[tuple[list[RawLiteral], list[tuple[int, int, str]], LexState]]:
    """A whole file: `lex_line` for each line, from `state` and then from the state the line before left."""
    for line in lines:
        raws, segs, state = lex_line(line, state, lang, cand_only, literals)
        yield raws, segs, state

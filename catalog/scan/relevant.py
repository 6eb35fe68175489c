"""The whole-file pass `errcode check` runs: only the lines that can hold a finding are lexed."""

from __future__ import annotations

import re
from typing import Callable, Iterable, Sequence

from .languages import ARKTS, C
from .lexer import BLOCK, START, LexState, lex_line
from .literals import RawLiteral
from .names import build_trie, trie_source

# --------------------------------------------------------------------------- whole-file fast path
# `errcode check` analyses each file once and wants only its findings: it needs neither names nor
# segments, nor the lines that cannot hold a finding.  A line lexed from plain code (`START`) that
# has no run of three digits yields no literal that can count (`counts_as_code` wants 3+ digits),
# and it leaves the lexer in `START` unless it opens a block comment, a template string, a C++ raw
# string or ends in a backslash (a continued string or preprocessor line).  So one C-level search
# over the whole text finds the next line worth lexing; the lines between are skipped unread.
# `tests/catalog/test_scan_fastpath.py` checks that this gives exactly what lexing every line gives.

# What may leave the lexer outside `START` after a line: the last `/*` of a line with no `*/` after
# it (a block comment opens and stays open only there), a backtick, a C++ raw string `R"`, a
# backslash ending the line.  Each alternative starts with a plain character (see relevant_pattern).
STATE_CHANGES = {
    ARKTS: r"/\*(?![^\r\n]*\*/)|`|\\(?=[\r\n]|\Z)",
    C: r"/\*(?![^\r\n]*\*/)|R\"|\\(?=[\r\n]|\Z)",
}


# A run of 3+ digits (with separators) as `lex_relevant`'s `hot` names them.  A decimal literal's digits
# are a whole run (a literal is glued to no digit), so a literal with no separator is a run of its own.
DIGIT_RUNS = re.compile(r"[0-9](?:[_']?[0-9]){2,}")


def may_assign(lines: Sequence[str], i: int) -> bool:
    """Could a literal on line `i` follow a plain `=` in an `if`/`while` condition (an assignment in
    a condition, whatever the number)?  A cheap over-approximation over the line and the one before."""
    line = lines[i]
    prev = lines[i - 1] if i > 0 else ""
    if "=" in line and ("if" in line or "while" in line or "if" in prev or "while" in prev):
        return True
    return line.lstrip()[:1] in _DIGIT_OR_MINUS and prev.rstrip().endswith("=")


_DIGIT_OR_MINUS = frozenset("0123456789-")


_STATEFUL = {lang: re.compile(rx) for lang, rx in STATE_CHANGES.items()}

# What `lex_relevant`'s search passes over whole although it holds a state-changing character: an
# ArkTS template string on one line with no digit, quote, slash or backslash in it, its `${…}` holding
# no brace or backtick either (`` `failed, code is ${err.code}` ``).  From any state the lexer can be
# in where the search looks (plain code, a quote string, a comment), it leaves that state as it
# found it, and it holds nothing worth judging.  Longer than one character: `lex_relevant` tells it
# from the one-character `STATE_CHANGES` by that.
NEUTRAL = {
    ARKTS: r"`(?:[^`\\$\r\n0-9/'\"]++|\$(?!\{)|\$\{[^{}`\\$\r\n0-9/'\"]*+\})*+`",
}


def _digit_atom(ch: str) -> str:
    return "[0-9]" if ch == "d" else ch


# Before a run that can be a literal: no word character, `$`, `.` or `#` (the lexer's numbers are
# glued to none of them: `ERROR_CODE801`, `0x12345678`, `1.401`, `'#123456'` hold no number that
# counts; a whole-number string's digits follow its quote, a `(` or a `-`).  Written after the
# run's first digit (`ch(?<!…)`), so that each alternative still starts with a plain character.
_FREE = r"(?<![\w$.#].)"


def hot_runs_source(hot_numbers: Iterable[str] | None = None, hot_families: Iterable[str] = (),
                    any_long: tuple[int, int] | None = None) -> list[str]:
    """The alternatives (one per first digit) of `relevant_pattern` that match a hot run of digits
    glued to no word (see `relevant_pattern` for what is hot)."""
    if hot_numbers is None:
        return [f"{ch}{_FREE}(?:[_']?[0-9]){{2,}}" for ch in "0123456789"]
    # a run of fewer than three digits is never a literal that counts (a code of -1, 0 …)
    trie = build_trie([*(n for n in hot_numbers if len(n) >= 3), *(f + "ddd" for f in hot_families)])
    other = r"[0-9]*+[_'][0-9](?:[_']?[0-9])*|[0-9]{40,}"  # a separator: `62_980_096`, `7'700'201`
    alts = []
    for ch in "0123456789":
        body = [trie_source(trie[ch], _digit_atom)] if ch in trie else []
        if ch == "0" and trie:
            body.append("0*" + trie_source(trie, _digit_atom))  # leading zeros: `007700201`
        if any_long is not None:
            lo, hi = any_long
            body.append(f"[0-9]{{{lo - 1},{hi - 1}}}" if ch != "0" else f"0*[1-9][0-9]{{{lo - 1},{hi - 1}}}")
        body.append(other)
        alts.append(f"{ch}{_FREE}(?:{'|'.join(body)})(?![0-9]|[_'][0-9])")
    return alts


# A plain `=` (not `==`, `<=`, `+=` …) with a number of three digits or more after it (blanks, line
# breaks and a minus between): perhaps an assignment in a condition (`may_assign`); a shorter number
# is never judged.
_PLAIN_ASSIGN = r"=(?<![=!<>+\-*/%&|^?:]=)(?=[ \t\r\n-]*[0-9](?:[_']?[0-9]){2})"


def relevant_pattern(lang: str, hot_numbers: Iterable[str] | None = None, hot_families: Iterable[str] = (),
                     any_long: tuple[int, int] | None = None) -> re.Pattern:
    """`lex_relevant`'s search.  Told which digit runs are hot: a run that is one of `hot_numbers`
    (decimal, no leading zero; leading zeros allowed in the text; those of three digits or more),
    or a family prefix of `hot_families` and three more digits, or a run with a separator or over 40
    digits; a plain `=` with a number after it (`_PLAIN_ASSIGN`); and what can change the lexer's
    state (`STATE_CHANGES`).  `any_long=(lo, hi)`: every run of lo..hi digits is hot too (the
    numbers and families need not list those).  Not told (`hot_numbers` None): every run of three
    digits or more, and what can change the lexer's state.  A run glued to a word (`_FREE`) is never hot;
    a `NEUTRAL` span is matched whole (and passed over).

    A run is matched whole or not at all.  Every alternative starts with a plain character (a run's
    first digit; the trie's first level is spelt out), so that the regex engine skips ahead to the
    next of those characters and tries only the alternatives starting with it."""
    alts = hot_runs_source(hot_numbers, hot_families, any_long)
    if hot_numbers is not None:
        alts.append(_PLAIN_ASSIGN)
    if lang in NEUTRAL:
        alts.append(NEUTRAL[lang])  # before the lone backtick of `STATE_CHANGES`
    alts.append(STATE_CHANGES[lang])
    return re.compile("|".join(alts))


def hot_runs_pattern(hot_numbers: Iterable[str], hot_families: Iterable[str] = (),
                     any_long: tuple[int, int] | None = None) -> re.Pattern:
    """The hot runs of `relevant_pattern` alone (any language): does a line hold one?"""
    return re.compile("|".join(hot_runs_source(hot_numbers, hot_families, any_long)))


_RELEVANT = {lang: relevant_pattern(lang) for lang in (ARKTS, C)}  # every run of three digits or more


# An ArkTS line that the lexer, starting from `START`, leaves in `START` for sure: strings and
# template strings (with `${…}` holding no braces, quotes or slashes) closed on it, block comments
# too, perhaps a line comment at the end; no other `/` or `\` (a regex literal, a continuation).
# Possessive, so that a line it does not match fails in linear time.
_CLOSED_LINE = {
    ARKTS: re.compile(
        r"""(?:[^'"`/\\]++|'(?:[^'\\]++|\\.)*+'|"(?:[^"\\]++|\\.)*+"|`(?:[^`\\$]++|\\.|\$(?!\{)|\$\{[^{}'"`/\\]*+\})*+`"""
        r"""|/\*(?:[^*]++|\*(?!/))*+\*/)*+(?://.*)?"""
    ),
}


def lex_relevant(
    text: str, lines: list[str], lang: str, hot: Callable[[str], object] | None = None, pattern: re.Pattern | None = None,
    start: int = 0,
) -> list[tuple[int, list[RawLiteral]]]:
    """(line index, literals) of every line with a literal that can count as a code (`lex_line`
    with `cand_only`), each lexed from the state the full lexer reaches there (`lines` =
    `fast_lines(text)`; `lang` normalized).

    `hot(line)`: when given, the caller wants only the literals whose digits are hot (`hot` finds a
    hot run in the line: `hot_runs_pattern(…).search`), or that may follow an assignment in a
    condition (`may_assign`); a line lexed from `START` that leaves the lexer there (`_STATEFUL`)
    and has no such literal is not lexed.
    `pattern`: `relevant_pattern` for `lang` and the same hot runs: then a run that is not hot, and
    a `=` with no `if`/`while` near, do not even make their line looked at.  `start`: where the search
    begins (the caller found nothing before it)."""
    search = (pattern or _RELEVANT[lang]).search
    told = pattern is not None
    stateful = _STATEFUL[lang].search
    closed = _CLOSED_LINE[lang].fullmatch if lang in _CLOSED_LINE else None
    has_cr = "\r" in text
    # a `\r` that ends a line by itself (not in `\r\n`): only then do lines end elsewhere than after a `\n`
    lone_cr = has_cr and text.count("\r") != text.count("\r\n")
    n = len(lines)
    out: list[tuple[int, list[RawLiteral]]] = []
    i = pos = 0  # line `i` starts at offset `pos`
    at = start  # where to search on: `pos`, or past what was passed over on line `i` or after it
    state: LexState = START  # the state line `i` starts in
    while i < n:
        if state == START:
            m = search(text, at)
            if m is None:
                break
            s = m.start()
            c = text[s]
            if c == "`" and m.end() - s > 1:
                at = m.end()  # a `NEUTRAL` template string
                continue
            # a run of digits that `pattern` found is a hot one: its line need not be searched again (`hot`)
            found_hot = told and "0" <= c <= "9"
            if told and c == "=":
                if not _condition_near(text, s, lone_cr):
                    at = s + 1  # the number after it is searched on its own
                    continue
                # the number's line (it may be the next one; `_BLANKS_MINUS` matches anywhere)
                s = _BLANKS_MINUS.match(text, s + 1).end()  # type: ignore[union-attr]
        else:
            # inside a block comment (not a continued preprocessor line): the lines before the one
            # holding `*/` hold no literal that counts and leave the state as it is
            s = text.find("*/", pos)
            if s < 0:
                break
            found_hot = False
        # on to the line holding offset `s`
        if lone_cr:
            ls = max(text.rfind("\n", pos, s), text.rfind("\r", pos, s), pos - 1) + 1
            i += text.count("\n", pos, ls) + text.count("\r", pos, ls) - text.count("\r\n", pos, ls)
        else:
            ls = text.rfind("\n", pos, s) + 1 or pos
            i += text.count("\n", pos, ls)
        pos = ls
        while True:
            line = lines[i]
            if state == START and "/*" in line and line.lstrip().startswith("/*") and "*/" not in line:
                raws, state = None, _IN_COMMENT  # `/**` opening a doc comment: nothing before it
            elif state == _IN_COMMENT and line.strip() == "*/":
                raws, state = None, START  # ` */` closing it: nothing after it
            elif (
                not found_hot and hot is not None and state == START and not hot(line)
                and not may_assign(lines, i) and (stateful(line) is None or (closed is not None and closed(line)))
            ):
                raws = None  # lexing it would leave the state as it is and find nothing wanted
            else:
                raws, _, state = lex_line(line, state, lang, True)
            found_hot = False  # (the lines after it: continued from another state)
            if raws:
                out.append((i, raws))
            pos += len(line) + 1  # (past the end of the text after the last line)
            if has_cr and text.startswith("\r\n", pos - 1):
                pos += 1
            i += 1
            if i >= n or state == START or (state[0] == BLOCK and not state[2]):
                break
        at = pos
    return out


_IN_COMMENT: LexState = (BLOCK, (), False, "")  # the state in a block comment (not in a preprocessor line)
_BLANKS_MINUS = re.compile(r"[ \t\r\n-]*")  # between `relevant_pattern`'s `=` and its number


def _condition_near(text: str, j: int, has_cr: bool) -> bool:
    """Is there an `if` or `while` between the start of the line before the one holding offset `j`
    and `j`?  (`may_assign` looks at the line and the one before.)  `has_cr`: the text
    has a `\r` that ends a line by itself (each search then stays within the line: no scan back to
    the start of the text)."""
    a = text.rfind("\n", 0, j)
    if has_cr:
        a = max(a, text.rfind("\r", a + 1, j))
    b = -1
    if a > 0:  # the line break before that (below `a - 1`: not the `\r` of a `\r\n` at `a`)
        b = text.rfind("\n", 0, a - 1)
        if has_cr:
            b = max(b, text.rfind("\r", b + 1, a - 1))
    head = text[b + 1 : j]
    return "if" in head or "while" in head



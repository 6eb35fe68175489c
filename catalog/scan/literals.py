"""Numbers as the lexer finds them: the raw literal of one line, its value, and the public values
`Literal` (a judged number) and `NameRef` (a name standing for a code).

`code_number` reads a number in code (hex, binary, octal, separators, suffixes, a unary minus);
`text_numbers` finds the standalone numbers inside a string or comment; `whole_numbers` only the
whole-number string that can count as a code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Range
from .languages import C, MAX_LINE

@dataclass(frozen=True, slots=True)
class Literal:
    """An integer literal (or a standalone number inside a string or comment)."""

    text: str  # as written, e.g. "-62_980_096", "7700201L", "0x401" (for a quoted number: the digits)
    value: int
    range: Range
    context: str  # "code" | "comment" | "string" | "preprocessor"
    error_context: bool = False
    base: int = 10
    quoted: bool = False  # the whole content of a string literal: '401', "62980115"
    suffix: str = ""  # C suffix (L, UL, u …) or TS bigint `n`, included in `text` and `range`
    reason: str = ""  # why it is (or was judged for) an error context: "compare", "case", "expect", …

    @property
    def digits(self) -> int:
        return len(str(abs(self.value)))

    def shifted(self, lines: int) -> "Literal":
        """The same literal `lines` lines further down (up when negative)."""
        return Literal(self.text, self.value, self.range.shifted(lines), self.context, self.error_context, self.base,
                       self.quoted, self.suffix, self.reason) if lines else self


@dataclass(frozen=True, slots=True)
class NameRef:
    """A name that stands for a code: a catalog symbol, `BASE + n`, or a name this file defines."""

    name: str  # the identifier (for `IMAGE_RESULT_BASE + 5`: "IMAGE_RESULT_BASE")
    text: str  # the whole expression as written
    value: int
    range: Range
    defined_here: bool  # the occurrence is the file's own definition of `name` (`#define MY_ERR 7700201`)

_A = re.ASCII
NUMBER_ARKTS = (
    r"(?P<num>(?<![\w$.#])(?:"
    r"(?P<hex>0[xX][0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*)"
    r"|(?P<bin>0[bB][01]+(?:_[01]+)*)|(?P<oct>0[oO][0-7]+(?:_[0-7]+)*)"
    r"|(?P<dec>[0-9]+(?:_[0-9]+)*)(?P<flt>\.[0-9]*(?:_[0-9]+)*(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)?"
    r")(?P<sfx>n?)(?![\w$]))"
)
NUMBER_C = (
    r"(?P<num>(?<![\w$.#])(?:"
    r"(?P<hex>0[xX][0-9A-Fa-f]+(?:'[0-9A-Fa-f]+)*)"
    r"|(?P<bin>0[bB][01]+(?:'[01]+)*)|(?P<oct>(?!))"
    r"|(?P<dec>[0-9]+(?:'[0-9]+)*)(?P<flt>\.[0-9]*(?:'[0-9]+)*(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)?"
    r")(?P<sfx>(?:[uU](?:ll|LL|[lLzZ])?|(?:ll|LL|[lL])[uU]?|[zZ][uU]?|[fF])?)(?![\w$]))"  # f: floats (skipped)
)

# a standalone number inside a string or a comment (glued to nothing)
_TEXT_NUM = re.compile(
    r"(?<![\w$#.@])(?<!\w[-:/])(?P<dec>\d+)(?![\w@]|[.:/\-]\d|-[A-Za-z])", _A
)
_WHOLE_NUM = re.compile(r"-?\d+", _A)
_OPERANDISH = re.compile(r"[\w$)\]]", _A)

class RawLiteral:
    """A literal found by the lexer, positions relative to its line."""

    __slots__ = ("start", "end", "text", "value", "base", "context", "quoted", "suffix")

    def __init__(self, start, end, text, value, base, context, quoted=False, suffix=""):
        self.start = start
        self.end = end
        self.text = text
        self.value = value
        self.base = base
        self.context = context
        self.quoted = quoted
        self.suffix = suffix

    def key(self):
        return (self.start, self.end, self.text, self.value, self.base, self.context, self.quoted, self.suffix)


def text_numbers(line: str, start: int, end: int, context: str, out: list, whole: bool) -> None:
    if start >= end:
        return
    if whole:
        body = line[start:end]
        if _WHOLE_NUM.fullmatch(body) and len(body) <= 40:
            out.append(RawLiteral(start, end, body, int(body), 10, context, True))
            return
    if len(line) > MAX_LINE:
        return
    for m in _TEXT_NUM.finditer(line, start, end):
        d = m.group("dec")
        if len(d) > 40:
            continue
        out.append(RawLiteral(m.start(), m.end(), d, int(d), 10, context))


def whole_numbers(line: str, start: int, end: int, context: str, out: list, whole: bool) -> None:
    """`text_numbers` restricted to what can count as a code: a whole-number string of 3+ digits."""
    if whole and start < end:
        body = line[start:end]
        if _WHOLE_NUM.fullmatch(body) and len(body) <= 40:
            value = int(body)
            if not -100 < value < 100:
                out.append(RawLiteral(start, end, body, value, 10, context, True))


def code_number(line: str, m: re.Match, context: str, lang: str) -> RawLiteral | None:
    """The number `m` (a match of `NUMBER_ARKTS`/`NUMBER_C`) as a literal; None for a float."""
    hx, bn, oc, flt, sfx = m.group("hex", "bin", "oct", "flt", "sfx")
    if flt:
        return None
    start, end = m.span("num")
    text = line[start:end]
    if sfx:
        body = text[: len(text) - len(sfx)]
    else:
        sfx = ""
        body = text
    clean = body.replace("_", "").replace("'", "") if ("_" in body or "'" in body) else body
    if len(clean) > 40:
        return None
    if hx:
        value, base = int(clean[2:], 16), 16
    elif bn:
        value, base = int(clean[2:], 2), 2
    elif oc:
        value, base = int(clean[2:], 8), 8
    elif lang == C and len(clean) > 1 and clean[0] == "0" and clean.isdigit() and "8" not in clean and "9" not in clean:
        value, base = int(clean, 8), 8  # C octal: 0755
    else:
        value, base = int(clean, 10), 10
    # unary minus folded in: `-62980096` but not `a-1` / `x--1`
    if start > 0 and line[start - 1] == "-":
        j = start - 2
        while j >= 0 and line[j] in " \t":
            j -= 1
        if j < 0 or (not _OPERANDISH.match(line[j]) and line[j] not in "-+"):
            start -= 1
            text = "-" + text
            value = -value
    return RawLiteral(start, end, text, value, base, context, False, sfx)


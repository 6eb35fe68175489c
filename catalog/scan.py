"""Finding error-code literals (and the names that stand for codes) in ArkTS/TS/JS and C/C++ source.

One line-oriented lexer does the work: every line is lexed from the state left by the line before
(code, block comment, template string with its `${ … }` nesting, C raw string, preprocessor line
continued with `\\`): a character-set search finds the next interesting character and one compiled
master regex per state decides there.  The per-line start states make editing incremental:
`IncrementalScanner` re-lexes from the edited line until the state converges with the old one, and
re-judges the error context only within the window that context can depend on (`CONTEXT_BEFORE`
lines back, `CONTEXT_AFTER` forward); lines re-lexed further on keep their judgement when their
literals did not change.

Public: `language_of`, `scan`, `scan_names`, `kit_hint`, `counts_as_code` (the policy analyze
uses), `Literal`, `NameRef`, `IncrementalScanner` (base of `analyze.DocumentAnalysis`).

Positions are (0-based line, code-point column); lines end at `\\r\\n`, `\\r` or `\\n` as in LSP.
"""

from __future__ import annotations

import builtins
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from .model import Position, Range

__all__ = [
    "Literal",
    "NameRef",
    "IncrementalScanner",
    "language_of",
    "scan",
    "scan_names",
    "kit_hint",
    "split_lines",
    "counts_as_code",
]

ARKTS = "arkts"
C = "c"

_ARKTS_EXT = {".ets", ".ts", ".js", ".mjs", ".cjs", ".mts", ".cts"}
_C_EXT = {".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx", ".c++", ".h++", ".inl", ".ipp"}
_ARKTS_IDS = {"ets", "arkts", "typescript", "javascript", "ts", "js", "typescriptreact", "javascriptreact"}
_C_IDS = {"c", "cpp", "c++", "objective-c", "objective-cpp", "cuda-cpp"}

CONTEXT_BEFORE = 200  # lines back that the error context of a literal may look at (switch, function head)
CONTEXT_AFTER = 1  # lines forward
MAX_LINE = 20_000  # longer lines (minified code, data) are lexed for state only, no literals reported


def language_of(path_or_id: str) -> str | None:
    """`"a/b.ets"` / `"typescript"` -> "arkts"; `"x.cpp"` / `"c++"` -> "c"; anything else -> None."""
    if not isinstance(path_or_id, str) or not path_or_id:
        return None
    s = path_or_id.strip()
    low = s.lower()
    if low in _ARKTS_IDS:
        return ARKTS
    if low in _C_IDS:
        return C
    name = low.replace("\\", "/").rsplit("/", 1)[-1]
    if "." in name:
        ext = "." + name.rsplit(".", 1)[-1]
        if ext in _ARKTS_EXT:
            return ARKTS
        if ext in _C_EXT:
            return C
    return None


def _norm_lang(language: str | None) -> str:
    if language in (ARKTS, C):
        return language  # type: ignore[return-value]
    return language_of(language or "") or ARKTS


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


@dataclass(frozen=True, slots=True)
class NameRef:
    """A name that stands for a code: a catalog symbol, `BASE + n`, or a name this file defines."""

    name: str  # the identifier (for `IMAGE_RESULT_BASE + 5`: "IMAGE_RESULT_BASE")
    text: str  # the whole expression as written
    value: int
    range: Range
    defined_here: bool  # the occurrence is the file's own definition of `name` (`#define MY_ERR 7700201`)


# --------------------------------------------------------------------------- lexer states
# state = (mode, template stack, preprocessor, raw delimiter)
CODE, BLOCK, TEMPLATE, SQ, DQ, RAW = range(6)
START = (CODE, (), False, "")

_A = re.ASCII
_NUM_ARKTS = (
    r"(?P<num>(?<![\w$.#])(?:"
    r"(?P<hex>0[xX][0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*)"
    r"|(?P<bin>0[bB][01]+(?:_[01]+)*)|(?P<oct>0[oO][0-7]+(?:_[0-7]+)*)"
    r"|(?P<dec>[0-9]+(?:_[0-9]+)*)(?P<flt>\.[0-9]*(?:_[0-9]+)*(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)?"
    r")(?P<sfx>n?)(?![\w$]))"
)
_NUM_C = (
    r"(?P<num>(?<![\w$.#])(?:"
    r"(?P<hex>0[xX][0-9A-Fa-f]+(?:'[0-9A-Fa-f]+)*)"
    r"|(?P<bin>0[bB][01]+(?:'[01]+)*)|(?P<oct>(?!))"
    r"|(?P<dec>[0-9]+(?:'[0-9]+)*)(?P<flt>\.[0-9]*(?:'[0-9]+)*(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)?"
    r")(?P<sfx>(?:[uU](?:ll|LL|[lLzZ])?|(?:ll|LL|[lL])[uU]?|[zZ][uU]?|[fF])?)(?![\w$]))"  # f: floats (skipped)
)

_CODE_TAIL = r"|(?P<lc>//)|(?P<bc>/\*)|(?P<q>['\"])|(?P<bt>`)|(?P<sl>/)"

# Unicode-aware \w in code: a number glued to a CJK identifier (`错误码401`) is part of that identifier
_CODE_RE = {
    (ARKTS, False): re.compile(_NUM_ARKTS + _CODE_TAIL),
    (ARKTS, True): re.compile(_NUM_ARKTS + _CODE_TAIL + r"|(?P<ob>\{)|(?P<cb>\})"),
    (C, False): re.compile(_NUM_C + r"|(?P<lc>//)|(?P<bc>/\*)|(?P<q>['\"])"),
    (C, True): re.compile(_NUM_C + r"|(?P<lc>//)|(?P<bc>/\*)|(?P<q>['\"])"),
}
_FIND = {
    (ARKTS, False): re.compile(r"[0-9/'\"`]"),
    (ARKTS, True): re.compile(r"[0-9/'\"`{}]"),
    (C, False): re.compile(r"[0-9/'\"]"),
    (C, True): re.compile(r"[0-9/'\"]"),
}
_WORD_RUN = re.compile(r"[\w$.]*")
_RAW_OPEN = re.compile(r'"(?P<delim>[^()\\\s"]{0,16})\(')


def _raw_prefix(line: str, q: int) -> tuple[int, str, int] | None:
    """C++ raw string `R"delim(` (also u8R, uR, UR, LR) opening at the quote `q`: (start, delim, end)."""
    for prefix in ("R", "u8R", "uR", "UR", "LR"):
        k = q - len(prefix)
        if k >= 0 and line.startswith(prefix, k) and (k == 0 or not (line[k - 1].isalnum() or line[k - 1] in "_$")):
            m = _RAW_OPEN.match(line, q)
            if m:
                return k, m.group("delim"), m.end()
            return None
    return None
_SQ_END = re.compile(r"(?:[^'\\]|\\.)*'", re.S)
_DQ_END = re.compile(r'(?:[^"\\]|\\.)*"', re.S)
_TPL_STOP = re.compile(r"(?:[^`\\$]|\\.|\$(?!\{))*(?:(?P<bt>`)|(?P<ex>\$\{))", re.S)
_BLOCK_END = re.compile(r"\*/")
_REGEX_BODY = re.compile(r"(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*", _A)
_REGEX_PREV = re.compile(r"(?:^|[(,=:\[!&|?{};+\-*%<>~^]|\b(?:return|typeof|case|do|else|in|of|yield|await|void|delete|throw))\s*$")
_PP_START = re.compile(r"\s*#")

# a standalone number inside a string or a comment (glued to nothing)
_TEXT_NUM = re.compile(
    r"(?<![\w$#.@])(?<!\w[-:/])(?P<dec>\d+)(?![\w@]|[.:/\-]\d|-[A-Za-z])", _A
)
_WHOLE_NUM = re.compile(r"-?\d+", _A)
_OPERANDISH = re.compile(r"[\w$)\]]", _A)


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Lines without terminators, and each line's terminator ("" for the last)."""
    parts = re.split(r"(\r\n|\r|\n)", text)
    return parts[0::2], parts[1::2] + [""]


class _Raw:
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


def _text_numbers(line: str, start: int, end: int, context: str, out: list, whole: bool) -> None:
    if start >= end:
        return
    if whole:
        body = line[start:end]
        if _WHOLE_NUM.fullmatch(body) and len(body) <= 40:
            out.append(_Raw(start, end, body, int(body), 10, context, True))
            return
    if len(line) > MAX_LINE:
        return
    for m in _TEXT_NUM.finditer(line, start, end):
        d = m.group("dec")
        if len(d) > 40:
            continue
        out.append(_Raw(m.start(), m.end(), d, int(d), 10, context))


def _whole_numbers(line: str, start: int, end: int, context: str, out: list, whole: bool) -> None:
    """`_text_numbers` restricted to what can count as a code: a whole-number string of 3+ digits."""
    if whole and start < end:
        body = line[start:end]
        if _WHOLE_NUM.fullmatch(body) and len(body) <= 40:
            value = int(body)
            if not -100 < value < 100:
                out.append(_Raw(start, end, body, value, 10, context, True))


def _code_number(line: str, m: re.Match, context: str, lang: str) -> _Raw | None:
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
    return _Raw(start, end, text, value, base, context, False, sfx)


def lex_line(
    line: str, state: tuple, lang: str, cand_only: bool = False
) -> tuple[list[_Raw], list[tuple[int, int, str]], tuple]:
    """Lex one line from `state`: (literals, segments (start, end, context), state after the line).

    `cand_only`: report only the literals that can count as a code (decimal, 3+ digits, in code or
    the whole content of a string); the others are not built.  Segments and state are the same."""
    mode, tstack, pp, delim = state
    tn = _whole_numbers if cand_only else _text_numbers
    raws: list[_Raw] = []
    segs: list[tuple[int, int, str]] = []
    n = len(line)
    pos = 0
    if lang == C and mode == CODE and not pp and not tstack and _PP_START.match(line):
        pp = True
    big = n > MAX_LINE
    while pos <= n:
        if mode == CODE:
            ctx = "preprocessor" if pp else "code"
            key = (lang, bool(tstack))
            rx = _CODE_RE[key]
            find = _FIND[key]
            seg_start = pos
            while True:
                # a plain character-set search finds the next interesting character fast; the master
                # regex then decides at that one position
                f = find.search(line, pos)
                if f is None:
                    pos = n
                    break
                p0 = f.start()
                m = rx.match(line, p0)
                if m is None:  # digits glued to a word (ERROR_CODE801, 401abc, x.5): skip the word
                    w = _WORD_RUN.match(line, p0)
                    pos = w.end() if w.end() > p0 else p0 + 1
                    continue
                kind = m.lastgroup
                if kind == "num":
                    if not big:
                        if not cand_only:
                            r = _code_number(line, m, ctx, lang)
                            if r is not None:
                                raws.append(r)
                        else:
                            ds, de = m.span("dec")
                            if de - ds >= 3:  # fewer digits (or none: hex, binary): less than 100
                                r = _code_number(line, m, ctx, lang)
                                if r is not None and r.base == 10 and not -100 < r.value < 100:
                                    raws.append(r)
                    pos = m.end()
                    continue
                if kind == "q" and lang == C and line[p0] == '"':
                    raw = _raw_prefix(line, p0)
                    if raw is not None:
                        segs.append((seg_start, raw[0], ctx))
                        mode = RAW
                        delim = raw[1]
                        pos = raw[2]
                        break
                if kind == "ob":
                    tstack = tstack[:-1] + (tstack[-1] + 1,)
                    pos = m.end()
                    continue
                if kind == "cb":
                    if tstack[-1] == 0:
                        segs.append((seg_start, m.start(), ctx))
                        tstack = tstack[:-1]
                        mode = TEMPLATE
                        pos = m.end()
                        break
                    tstack = tstack[:-1] + (tstack[-1] - 1,)
                    pos = m.end()
                    continue
                if kind == "sl":
                    if _REGEX_PREV.search(line, max(0, m.start() - 40), m.start()):
                        rm = _REGEX_BODY.match(line, m.end())
                        if rm:
                            pos = rm.end()
                            continue
                    pos = m.end()
                    continue
                # a comment or string starts here
                segs.append((seg_start, m.start(), ctx))
                if kind == "lc":
                    segs.append((m.end(), n, "comment"))
                    tn(line, m.end(), n, "comment", raws, False)
                    pos = n
                    seg_start = -1
                    break
                if kind == "bc":
                    pos = m.end()
                    e = _BLOCK_END.search(line, pos)
                    if e is None:
                        mode = BLOCK
                        break
                    # closed on this line: what the BLOCK state does, then code again
                    segs.append((pos, e.start(), "comment"))
                    tn(line, pos, e.start(), "comment", raws, False)
                    pos = seg_start = e.end()
                    continue
                if kind == "q":
                    pos = m.end()
                    sq = line[p0] == "'"
                    e = (_SQ_END if sq else _DQ_END).match(line, pos)
                    if e is None:
                        mode = SQ if sq else DQ
                        break
                    # closed on this line: what the SQ/DQ state does (a whole string), then code again
                    segs.append((pos, e.end() - 1, "string"))
                    tn(line, pos, e.end() - 1, "string", raws, True)
                    pos = seg_start = e.end()
                    continue
                if kind == "bt":
                    mode = TEMPLATE
                    pos = m.end()
                    break
            else:  # pragma: no cover
                pass
            if mode == CODE:
                if seg_start >= 0:
                    segs.append((seg_start, n, ctx))
                break
            continue
        if mode == BLOCK:
            m = _BLOCK_END.search(line, pos)
            if m is None:
                segs.append((pos, n, "comment"))
                tn(line, pos, n, "comment", raws, False)
                break
            segs.append((pos, m.start(), "comment"))
            tn(line, pos, m.start(), "comment", raws, False)
            mode = CODE
            pos = m.end()
            continue
        if mode in (SQ, DQ):
            whole = pos > 0 and line[pos - 1] == ("'" if mode == SQ else '"')
            m = (_SQ_END if mode == SQ else _DQ_END).match(line, pos)
            if m is None:
                # unterminated: continued with a trailing backslash, else ends at the line end
                segs.append((pos, n, "string"))
                tn(line, pos, n, "string", raws, False)
                if not (n > 0 and line.endswith("\\") and not line.endswith("\\\\")):
                    mode = CODE
                break
            segs.append((pos, m.end() - 1, "string"))
            tn(line, pos, m.end() - 1, "string", raws, whole)
            mode = CODE
            pos = m.end()
            continue
        if mode == TEMPLATE:
            whole = pos > 0 and line[pos - 1] == "`"
            m = _TPL_STOP.match(line, pos)
            if m is None:
                segs.append((pos, n, "string"))
                tn(line, pos, n, "string", raws, False)
                break
            if m.group("bt"):
                end = m.end() - 1
                segs.append((pos, end, "string"))
                tn(line, pos, end, "string", raws, whole)
                mode = CODE
            else:
                end = m.end() - 2
                segs.append((pos, end, "string"))
                tn(line, pos, end, "string", raws, False)
                tstack = tstack + (0,)
                mode = CODE
            pos = m.end()
            continue
        if mode == RAW:
            close = ")" + delim + '"'
            i = line.find(close, pos)
            if i < 0:
                segs.append((pos, n, "string"))
                tn(line, pos, n, "string", raws, False)
                break
            segs.append((pos, i, "string"))
            tn(line, pos, i, "string", raws, pos > 0 and line[pos - 1] == "(")
            mode = CODE
            delim = ""
            pos = i + len(close)
            continue
        break  # pragma: no cover
    if pp and not (line.endswith("\\") and mode in (CODE, BLOCK)):
        pp = False
    if mode in (SQ, DQ) and not line.endswith("\\"):
        mode = CODE
    return raws, segs, (mode, tstack, pp, delim)


# --------------------------------------------------------------------------- error context
_ERR_VAR = re.compile(
    r"(?i)^(?:\w*err(?:or)?_?(?:code|no|num)\w*|code|ret|retcode|ret_code|rc|errno|err|error|errcode|result_?code|status_?code_?err\w*)$"
)
_ERR_OBJ = re.compile(r"(?i)^(?:e|ex|exc|reason|cause)$|err|exception|fail|business")
_DECOY_NAME = re.compile(r"(?i)response|status|http|keycode|key_code|event")
_OPERAND_TAIL = re.compile(
    r"(?<![\w$])(?:(?P<obj>[A-Za-z_$][\w$]*)\s*(?:\)\s*)?(?:\bas\s+[\w.]+\s*\)\s*)?[?!]?\.\s*code"
    r"(?:\s*\.\s*(?:toString|valueOf)\s*\(\s*\))?"
    r"|(?P<var>[A-Za-z_$][\w$]*))\s*\)?\s*\)?\s*$",
    _A,
)
_OPERAND_HEAD = re.compile(
    r"\s*(?:Number\s*\(\s*|parseInt\s*\(\s*|String\s*\(\s*)?\(?\s*(?:"
    r"(?P<obj>[A-Za-z_$][\w$]*)\s*(?:\)\s*)?(?:\bas\s+[\w.]+\s*\)\s*)?[?!]?\.\s*code\b(?!\s*\()"
    r"(?:\s*\.\s*(?:toString|valueOf)\s*\(\s*\))?"
    r"|(?P<var>[A-Za-z_$][\w$]*)\b(?!\s*[.(\[]))",
    _A,
)
_CMP_END = re.compile(r"(?:===?|!==?)\s*$")
_CMP_START = re.compile(r"^\s*(?:===?|!==?)")
_ASSIGN_END = re.compile(r"(?<![=!<>+\-*/%&|^?:])=\s*$")
_COND_OPEN = re.compile(r"\b(?:if|while)\s*\((?:[^()]|\([^()]*\))*$")
_EXPECT_END = re.compile(r"\bexpect\s*\((?P<arg>(?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)\s*\.\s*assert\w*\s*\(\s*$")
_EXPECT_OPEN = re.compile(r"\bexpect\s*\(\s*$")
_ASSERT_AFTER = re.compile(r"^\s*\)\s*\.\s*assert\w*\s*\(\s*(?P<arg>(?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)")
_GTEST_END = re.compile(r"\b(?:ASSERT|EXPECT)_(?:EQ|NE)\s*\((?P<other>(?:[^()]|\((?:[^()]|\([^()]*\))*\))*),\s*$")
_GTEST_OPEN = re.compile(r"\b(?:ASSERT|EXPECT)_(?:EQ|NE)\s*\(\s*$")
_GTEST_AFTER = re.compile(r"^\s*,\s*(?P<other>[^;]*)")
_DIMENSION = re.compile(r"(?i)width|height|size|len|length|count|num|\bx\b|\by\b|stride|row|col|byte|format|density")
def _gtest_other(other: str) -> bool:
    """ASSERT_EQ(<other>, 401): a call's result (NDK functions return codes) or a code-ish variable
    counts; a plain width/height/count variable does not."""
    other = other.strip()
    if "(" in other:
        return True
    return not _DIMENSION.search(other)


_CASE_END = re.compile(r"\bcase\s*\(?\s*$")
_SWITCH = re.compile(r"\bswitch\s*\((?P<subject>(?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)")
_CODE_KEY_END = re.compile(r"(?<![\w$.])[\"']?(?P<key>code|errCode|errorCode|err_code|error_code|errno|errNo)[\"']?\s*:\s*$")
_ERR_VICINITY = re.compile(r"(?i)\berr\w*|\w*error\b|\w*exception\b|\breject\b|\bthrow\b|\bfail\w*")
_THROW_END = re.compile(
    r"(?:\bthrow\b\s*(?:new\s+)?(?:[\w.]+\s*\(\s*)?(?:\{\s*)?"
    r"|(?<![.\w])\w*(?:[Tt]hrow|[Rr]eject)\w*\s*\((?:\s*[\w.:>-]+\s*,){0,2}\s*"
    r"|\.(?:throw\w*|reject)\s*\((?:\s*[\w.]+\s*,)?\s*"
    r"|\bnew\s+\w*Error\w*\s*\((?:\s*[\w.]+\s*,)?\s*"
    r"|(?<![.\w])\w*(?:Business|[Cc]reate)\w*Error\w*\s*\((?:\s*[\w.]+\s*,)?\s*)$",
    _A,
)
_RETURN_END = re.compile(r"\breturn\s*\(?\s*$")
_ERR_TYPE = re.compile(r"(?i)(?:Image_ErrorCode|ErrorCode|ErrCode|Error_Code|IRNdkErrCode)")
_DEF_END = re.compile(
    r"(?:#\s*define\s+(?P<macro>[A-Za-z_]\w*)(?:\s+\(?)?\s*"
    r"|(?<![\w$.])(?P<name>[A-Za-z_$][\w$]*)(?:\s*\[\s*\])?\s*(?::\s*[\w.<>|\[\] ]+?\s*)?(?<![=!<>+\-*/%&|^?:])=\s*\(?\s*"
    r"|\bthis\.(?P<prop>[A-Za-z_$][\w$]*)\s*=\s*)$",
    _A,
)
_ERRISH_NAME = re.compile(
    r"(?i)err|fail|invalid|unsupport|unsupprot|denied|bad_?param|exception|not_?support|permission|illegal"
    r"|unknown|timeout|code|param_?error|no_?memory|abnormal|refused|forbidden|unauthori"
)
_INCLUDES_END = re.compile(r"(?P<obj>[\w$.]+)\s*\.\s*(?:includes|indexOf|startsWith|endsWith|equals|match|search)\s*\(\s*$", _A)
_THROWS_DOC = re.compile(r"@throws\s*\{[^}]*\}\s*$")
_ERR_TYPE_VAR = re.compile(r"\b(?:Image_ErrorCode|IRNdkErrCode|ImageErrorCode)\s*[*&]?\s+[*&]?\s*(?P<var>[A-Za-z_]\w*)")
_ERR_TYPE_VAR_TS = re.compile(r"\b(?:let|var|const)\s+(?P<var>[A-Za-z_$][\w$]*)\s*:\s*(?:image\.)?(?:Image_ErrorCode|ErrorCode|BusinessError)\b")


def _errish_operand(m: re.Match | None, err_vars: frozenset[str]) -> bool:
    if m is None:
        return False
    obj = m.group("obj")
    if obj is not None:
        # `.code` of an error object (err, error, e, exception, BusinessError …), not `res.code` of a
        # backend JSON reply or `keyEvent.code`
        return bool(_ERR_OBJ.search(obj)) and not _DECOY_NAME.search(obj)
    var = m.group("var")
    if var is None:
        return False
    if var in err_vars:
        return True
    if _DECOY_NAME.search(var):
        return False
    if _ERR_VAR.match(var):
        return True
    # an error constant: expect(cert.CertResult.INVALID_PARAMS).assertEqual(401)
    return bool(_CONST_NAME.match(var) and _ERRISH_NAME.search(var))


def _weak(m: re.Match | None) -> str:
    """A plain variable named `code` may as well hold an HTTP status: weaker evidence ("-weak")."""
    return "-weak" if m is not None and (m.group("var") or "").lower() == "code" else ""


def _operand_tail(text: str) -> re.Match | None:
    """The operand that ends `text` (`err.code`, `Number(error.code)`, `ret`); operands are short."""
    text = text.rstrip()
    return _OPERAND_TAIL.search(text[-80:] if len(text) > 80 else text)


def _tail(s: str, n: int = 160) -> str:
    return s[-n:] if len(s) > n else s


class _Context:
    """File-wide facts the error context looks at."""

    __slots__ = ("err_vars",)

    def __init__(self, err_vars: Iterable[str] = ()) -> None:
        self.err_vars = frozenset(err_vars)


def _judge(lines: list[str], li: int, raw: _Raw, lang: str, ctx: _Context, memo: dict | None = None) -> tuple[bool, str]:
    """Is this literal in an error context?  Returns (bool, reason).

    Dispatches on the last significant character before the literal (and the first after it),
    so that each literal costs only the few regex matches that can apply.  Numbers with fewer
    than three digits and non-decimal literals are never error codes and are not judged.
    """
    if raw.base != 10 or -100 < raw.value < 100:
        return False, ""
    line = lines[li]
    s, e = raw.start, raw.end
    if raw.quoted:
        s, e = s - 1, e + 1
    if raw.context == "comment":
        return (bool(_THROWS_DOC.search(_tail(line[:s], 120))), "throws") if "@throws" in line else (False, "")
    if raw.context == "string" and not raw.quoted:
        return (False, "")
    before = line[:s].rstrip()
    if not before or before[-1] in "(,=&|?:":
        if li > 0:
            before = (lines[li - 1].rstrip() + "\n" + before).rstrip()
    before = _tail(before, 200)
    last = before[-1:]
    ev = ctx.err_vars
    after = line[e : e + 200]
    a0 = after.lstrip()[:1]
    if a0 in ("=", "!") and last != "=":
        m = _CMP_START.match(after)
        if m:
            om = _OPERAND_HEAD.match(after, m.end())
            if _errish_operand(om, ev):
                return True, "compare" + _weak(om)
    if last == "=":
        if before.endswith(("==", "!=")):
            m = _CMP_END.search(before, max(0, len(before) - 4))
            if m:
                om = _operand_tail(before[: m.start()])
                if _errish_operand(om, ev):
                    return True, "compare" + _weak(om)
                return False, "compare"
        m = _ASSIGN_END.search(before, len(before) - 1)
        if m and _COND_OPEN.search(before[: m.start()]):
            if _errish_operand(_operand_tail(before[: m.start()]), ev):
                return True, "assign-in-condition"
        m = _DEF_END.search(before, max(0, len(before) - 120))
        if m:
            name = m.group("macro") or m.group("name") or m.group("prop") or ""
            if _DECOY_NAME.search(name):
                return False, "definition"
            return bool(_ERRISH_NAME.search(name)), "definition"
        return False, ""
    if last in "[,{":
        if "]" in after:
            m = _ARRAY_INCLUDES.match(after)
            if m:
                return _errish_operand(_operand_tail(m.group("arg")), ev), "membership"
        if last != "," or before.lstrip().startswith(("[", "{")) or _LIST_ITEM.search(before):
            prev = memo.get("table") if memo is not None else None
            if prev is not None and prev[0] <= s and _LIST_GAP.fullmatch(line, prev[0], s):
                t = prev[1]  # the next item of the same list as the literal before
            else:
                t = _in_table(lines, li, s)
            if memo is not None:
                memo["table"] = (raw.end + (1 if raw.quoted else 0), t)
            if t is not None:
                return t, "table"
    if last == "(" or last == ",":
        if "expect" in before:
            m = _EXPECT_END.search(before)
            if m:
                return _errish_operand(_operand_tail(m.group("arg")), ev), "expect"
            if last == "(" and _EXPECT_OPEN.search(before):
                m = _ASSERT_AFTER.match(after)
                if m:
                    return _errish_operand(_operand_tail(m.group("arg")), ev), "expect"
        if "_EQ" in before or "_NE" in before:
            m = _GTEST_END.search(before) if last == "," else None
            if m:
                return _gtest_other(m.group("other")), "gtest"
            if last == "(" and _GTEST_OPEN.search(before):
                m = _GTEST_AFTER.match(after)
                if m:
                    return _gtest_other(m.group("other")), "gtest"
        tail = before[-120:]
        if ("hrow" in tail or "eject" in tail or "Error" in tail) and _THROW_END.search(tail):
            return True, "throw"
        if last == "(" and "." in tail:
            m = _INCLUDES_END.search(tail)
            if m:
                obj = m.group("obj")
                return (bool(re.search(r"(?i)err|exception|code", obj)) and not _DECOY_NAME.search(obj)), "includes"
            if before.endswith("return ("):
                return _judge_return(lines, li), "return"
        return False, ""
    if last == ":":
        m = _CODE_KEY_END.search(before, max(0, len(before) - 40))
        if m:
            if m.group("key") != "code":
                return True, "code-key"
            lo = max(0, li - 3)
            window = "\n".join(lines[lo : li + 1 + CONTEXT_AFTER])
            return bool(_ERR_VICINITY.search(window)), "code-key"
        return False, ""
    if last == "{" or last == "w":
        tail = before[-120:]
        if ("hrow" in tail or "eject" in tail or "Error" in tail) and _THROW_END.search(tail):
            return True, "throw"
    if last == "e" and before.endswith("case") and _CASE_END.search(before, max(0, len(before) - 8)):
        lo = max(0, li - CONTEXT_BEFORE)
        for j in range(li, lo - 1, -1):
            text = line[:s] if j == li else lines[j]
            if "switch" not in text:
                continue
            found = None
            for sm in _SWITCH.finditer(text):
                found = sm
            if found is not None:
                subj = found.group("subject").strip()
                om = _operand_tail(subj)
                return _errish_operand(om, ev), "case" + _weak(om)
        return False, "case"
    if last == "n" and before.endswith("return") and _RETURN_END.search(before, max(0, len(before) - 8)):
        return _judge_return(lines, li), "return"
    if "define" in before:
        m = _DEF_END.search(before, max(0, len(before) - 120))
        if m and m.group("macro"):
            name = m.group("macro")
            return (bool(_ERRISH_NAME.search(name)) and not _DECOY_NAME.search(name)), "definition"
    return False, ""


_ARRAY_INCLUDES = re.compile(r"[\s\w'\",.-]*\]\s*\.\s*(?:includes|indexOf|has)\s*\((?P<arg>[^()]*(?:\([^()]*\))?[^()]*)\)", _A)
_LIST_ITEM = re.compile(r"[\[{]\s*(?:-?\w+\s*,\s*)*$", _A)
_DECL = re.compile(
    r"(?<![\w$.])(?P<name>[A-Za-z_$][\w$]*)\s*(?:\[[^\]]*\]\s*)?(?::[^=;\n]{1,80})?=(?![=>])"
    r"|(?<![\w$.])(?P<enum>enum)\s+(?P<ename>[A-Za-z_$][\w$]*)"
    r"|\b(?P<ctor>new\s+Map)\s*\(",
    _A,
)


_LIST_GAP = re.compile(r"[\s,\w'\"-]*", _A)


def _in_table(lines: list[str], li: int, s: int) -> bool | None:
    """Inside the initializer of a table/map/list (or an enum)?  True when its name is error-ish
    (`ERROR_MESSAGES = new Map([[401, '…']])`, `ETS_API_ERROR_CODE = {…}`); None when not in one."""
    parts = [lines[li][:s]]
    j = li
    while ";" not in parts[0] and j > 0 and li - j < 12:
        j -= 1
        parts.insert(0, lines[j])
    chunk = "\n".join(parts)
    cut = chunk.rfind(";")
    if cut >= 0:
        chunk = chunk[cut + 1 :]
    if len(chunk) > 2000:
        chunk = chunk[-2000:]
    if "=" not in chunk and "enum" not in chunk:
        return None
    last = None
    for m in _DECL.finditer(chunk):
        if m.group("ctor"):
            continue
        last = m
    if last is None:
        return None
    rest = chunk[last.end():]
    if ";" in rest.replace("\n", " ") and last.group("enum") is None:
        return None
    depth = rest.count("[") + rest.count("{") + rest.count("(") - rest.count("]") - rest.count("}") - rest.count(")")
    if depth <= 0:
        return None
    name = last.group("name") or last.group("ename") or ""
    if _DECOY_NAME.search(name):
        return False
    return bool(_ERRISH_NAME.search(name))


_TS_METHOD_HEAD = re.compile(
    r"\s*(?:(?:public|private|protected|static|async|export)\s+)*(?:function\s+)?\w+\s*\([^)]*\)\s*:\s*(?P<t>[\w.<>]+)"
)


def _judge_return(lines: list[str], li: int) -> bool:
    """`return N` inside a function declared to return an error-code type (Image_ErrorCode …)."""
    lo = max(0, li - CONTEXT_BEFORE)
    for j in range(li - 1, lo - 1, -1):
        text = lines[j]
        if text[:1].isalpha() or text[:1] == "_":
            if "(" in text and ";" not in text:
                head = text[: text.find("(")]
                return bool(_ERR_TYPE.search(head))
        if "(" in text and "):" in text.replace(" ", ""):
            t = _TS_METHOD_HEAD.match(text)
            if t:
                return bool(_ERR_TYPE.search(t.group("t")))
    return False


# --------------------------------------------------------------------------- names
_DEF_LINE = re.compile(
    r"^\s*(?:#\s*define\s+(?P<macro>[A-Za-z_]\w*)\s+\(?\s*(?P<mexpr>[^/\n]*?)\s*\)?\s*(?://.*|/\*.*)?$"
    r"|(?:(?:export|static|const|constexpr|let|var|inline|public|private|readonly|unsigned|signed|"
    r"int|long|short|int32_t|uint32_t|int64_t|uint64_t|auto|number|enum|class)\s+)*"
    r"(?P<name>[A-Za-z_$][\w$]*)\s*(?::\s*[\w.]+\s*)?=\s*(?P<expr>\(?\s*(?:-?(?:0[xX][0-9A-Fa-f]+|\d+)[uUlL]*"
    r"|[A-Za-z_$][\w$]*(?:\s*[+-]\s*(?:\d+[uUlL]*|[A-Za-z_$][\w$]*))?)\s*\)?)\s*[;,]?\s*(?://.*|/\*.*)?$)",
    _A,
)
_EXPR = re.compile(
    r"^\(?\s*(?:(?P<num>-?(?:0[xX][0-9A-Fa-f]+|\d+)[uUlL]*)|(?P<a>[A-Za-z_$][\w$]*)(?:\s*(?P<op>[+-])\s*(?:(?P<n>\d+)[uUlL]*|(?P<b>[A-Za-z_$][\w$]*)))?)\s*\)?$",
    _A,
)


_DEFINE_END = re.compile(r"#\s*define\s+$")
_CONST_NAME = re.compile(r"[A-Z][A-Z0-9_]*$")


def _eval_expr(expr: str, lookup) -> tuple[int, bool] | None:
    """Value of `401`, `NAME`, `NAME + 5`, `NAME + OTHER`; and whether a name took part."""
    m = _EXPR.match(expr.strip())
    if not m:
        return None
    if m.group("num"):
        t = m.group("num").rstrip("uUlL")
        neg = t.startswith("-")
        t = t.lstrip("-")
        try:
            v = int(t, 16) if t[:2].lower() == "0x" else int(t, 10)
        except ValueError:
            return None
        return (-v if neg else v), False
    a = lookup(m.group("a"))
    if a is None:
        return None
    if not m.group("op"):
        return a, True
    if m.group("n"):
        b = int(m.group("n"))
    else:
        b = lookup(m.group("b"))
        if b is None:
            return None
    return (a + b if m.group("op") == "+" else a - b), True


def _trie(words: Iterable[str]) -> dict:
    """The words as a trie: {char: subtrie}, "" marking a word's end."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def _trie_source(node: dict, atom: Callable[[str], str] = re.escape) -> str:
    """A regex matching exactly the words of trie `node`, one alternative per branch (so that
    matching stays fast); `atom(char)` is the regex for one character."""
    alts = [atom(ch) + _trie_source(sub, atom) for ch, sub in sorted(node.items()) if ch != ""]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def _trie_regex(words: Iterable[str]) -> re.Pattern | None:
    """One regex matching any of `words` as a whole identifier (a trie, so matching stays fast)."""
    trie = _trie(words)
    if not trie:
        return None
    pattern = r"(?<![\w$])(?P<name>" + _trie_source(trie) + r")(?![\w$])(?:\s*(?P<op>[+-])\s*(?:(?P<n>\d+)(?![\w.])|(?P<b>[A-Za-z_$][\w$]*)))?"
    return re.compile(pattern, _A)


# --------------------------------------------------------------------------- kit hint
# (regex, kit, words): every match of the regex holds one of the words (found faster by str.find)
_KIT_HINTS = (
    (re.compile(r"@ohos\.multimedia\.image\b|@kit\.ImageKit\b|#\s*include\s*[<\"][^>\"]*(?:\bimage_\w+\.h|multimedia/image_framework/)"),
     "apis-image-kit", ("@ohos.multimedia.image", "@kit.ImageKit", "include")),
)


def kit_hint(text: str) -> str | None:
    """`@ohos.multimedia.image` import / `image_*.h` / `multimedia/image_framework` include -> "apis-image-kit"."""
    if not isinstance(text, str):
        return None
    for rx, kit, _ in _KIT_HINTS:
        if rx.search(text):
            return kit
    return None


def _line_kit_hint(line: str) -> str | None:
    if "image" not in line and "Image" not in line:
        return None
    return kit_hint(line)


# --------------------------------------------------------------------------- policy
def _families(catalog) -> frozenset[tuple[int, str]]:
    fam = getattr(catalog, "_errcode_scan_families", None)
    if fam is not None:
        return fam
    codes = catalog.codes() if hasattr(catalog, "codes") else [e.code for e in getattr(catalog, "entries", ())]
    fam = frozenset((len(str(c)), str(c)[: len(str(c)) - 3]) for c in codes if c > 0 and len(str(c)) >= 7)
    try:
        catalog._errcode_scan_families = fam
    except (AttributeError, TypeError):
        pass
    return fam


def counts_as_code(lit: Literal, catalog) -> str | None:
    """The policy: "known", "unknown" (a typo worth a warning) or None (not an error code).

    - Only decimal literals in code / preprocessor lines, or whole-number strings in an error context.
    - Known 7-8-digit codes count anywhere in code; shorter known codes (201, 401 …) only in an
      error context.
    - An unknown number counts only in an error context, and only when it looks like a code of a
      loaded kit: 7+ digits with the prefix of a known code family (62980xxx, 7600xxx …), or a
      3-digit number with a near-miss suggestion (`err.code === 402`, but not `code === 200`: a
      plain `code` variable may hold an HTTP status).  Negative and 1-2-digit numbers (0, -1) never do.
    """
    if lit.base != 10:
        return None
    if lit.context not in ("code", "preprocessor"):
        if not (lit.quoted and lit.context == "string" and lit.error_context):
            return None
    v = lit.value
    digits = lit.digits
    if digits < 3:
        return None
    if catalog.is_known(v):
        if digits >= 7 or lit.error_context:
            return "known"
        return None
    if v < 0 or not lit.error_context:
        return None
    if digits >= 7:
        s = str(v)
        return "unknown" if (digits, s[: digits - 3]) in _families(catalog) else None
    if digits == 3 and not lit.reason.endswith("-weak") and catalog.suggest(v):
        return "unknown"
    return None


# --------------------------------------------------------------------------- the scanner
class _LineData:
    __slots__ = ("state_in", "state_out", "raws", "segs", "facts", "lits", "lits_line", "names", "extra", "cand")

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


def _err_type_line(line: str) -> bool:
    return "Image_ErrorCode" in line or "IRNdkErrCode" in line or "ImageErrorCode" in line or ("ErrorCode" in line and ":" in line)


def _line_err_vars(line: str) -> tuple:
    """Variables this line declares with an error-code type (`Image_ErrorCode ret`, `let e: ErrorCode`)."""
    err_vars: tuple = ()
    if _err_type_line(line):
        err_vars = tuple(m.group("var") for m in _ERR_TYPE_VAR.finditer(line))
        err_vars += tuple(m.group("var") for m in _ERR_TYPE_VAR_TS.finditer(line))
    return err_vars


def _line_facts(line: str, segs, lang: str) -> tuple:
    err_vars = _line_err_vars(line)
    defs: tuple = ()
    if "=" in line or "define" in line:
        dm = _DEF_LINE.match(line)
        if dm:
            if dm.group("macro"):
                defs = ((dm.group("macro"), dm.group("mexpr")),)
            elif dm.group("name") and dm.group("name") not in ("if", "while", "return"):
                defs = ((dm.group("name"), dm.group("expr")),)
    # enum members on one line: `{ A = 1, B = BASE + 2 }`
    if "=" in line and "," in line and "enum" in line:
        more = tuple((m.group(1), m.group(2)) for m in re.finditer(r"([A-Za-z_]\w*)\s*=\s*([^,}]+)", line))
        defs = tuple(dict.fromkeys(defs + more))
    if defs:
        defs = tuple(d for d in defs if _EXPR.match(d[1].strip()))
    return err_vars, defs, _line_kit_hint(line)


class IncrementalScanner:
    """Scan state of one document, kept up to date across edits.

    `text`, `lines`, `literals` (error context judged), `names`, `kit_hint`;
    `literal_at(pos)`, `name_at(pos)`, `literals_in(first, last)`, `names_in(first, last)`;
    `apply_edit(range, new_text)` with code-point positions (None = replace everything).
    """

    def __init__(self, text: str, language: str | None, catalog=None) -> None:
        self.language = _norm_lang(language)
        self.catalog = catalog
        if not isinstance(text, str):
            text = ""
        self._lines, self._ends = split_lines(text)
        self._data: list[_LineData] = []
        self._ctx = _Context()
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

    # ------------------------------------------------------------ lexing
    def _lex(self, i: int, state) -> _LineData:
        raws, segs, out = lex_line(self._lines[i], state, self.language)
        return _LineData(state, out, raws, segs, _line_facts(self._lines[i], segs, self.language))

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
            self._ctx = _Context(ev_key)
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
        local: dict[str, int] = {}
        reportable: dict[str, int] = {}

        def lookup(name: str) -> int | None:
            v = local.get(name)
            return base_names.get(name) if v is None else v

        for _ in range(3):  # definitions may refer to later ones; a few passes reach the fixpoint
            changed = False
            for name, expr in defs:
                if name in base_names:
                    continue
                r = _eval_expr(expr, lookup)
                if r is None:
                    continue
                value, via_name = r
                if local.get(name) != value:
                    local[name] = value
                    changed = True
                known = cat is not None and cat.is_known(value)
                involves_symbol = via_name and any(
                    part in base_names or part in reportable for part in re.findall(r"[A-Za-z_$][\w$]*", expr)
                )
                # a constant for a documented code: long codes under any name, short ones (401, 201)
                # only under an error-ish name (not BUNDLE_MGR_SERVICE_SYS_ABILITY_ID = 401)
                if known and abs(value) < 1_000_000 and not (_ERRISH_NAME.search(name) and not _DECOY_NAME.search(name)):
                    known = False
                if ((known and abs(value) >= 100) or involves_symbol) and _CONST_NAME.match(name):
                    reportable[name] = value
            if not changed:
                break
        self._local_values = local
        if reportable != getattr(self, "_defined", None) or not self._name_rx_ready:
            self._defined = reportable
            self._all_names = {**base_names, **reportable}
            self._name_rx = _trie_regex(self._all_names) if self._all_names else None
            self._name_rx_ready = True
            for d in self._data:
                d.names = None

    # ------------------------------------------------------------ judging
    def _judge_line(self, i: int) -> None:
        d = self._data[i]
        lits = []
        memo: dict = {}
        for r in d.raws:
            ec, why = _judge(self._lines, i, r, self.language, self._ctx, memo)
            lits.append(
                Literal(r.text, r.value, Range(Position(i, r.start), Position(i, r.end)), r.context, ec, r.base, r.quoted,
                        r.suffix, why)
            )
        d.lits = lits
        d.lits_line = i
        d.extra = None

    def _ensure(self, i: int) -> None:
        d = self._data[i]
        if d.lits is None:
            self._judge_line(i)
        elif d.lits_line != i:
            shift = i - d.lits_line
            d.lits = [
                Literal(l.text, l.value, Range(Position(i, l.range.start.character), Position(i, l.range.end.character)),
                        l.context, l.error_context, l.base, l.quoted, l.suffix, l.reason)
                for l in d.lits
            ]
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
                    defined_here = self._is_definition_site(line, m.start("name"), name)
                    out.append((m.start("name"), end, name, text, value, defined_here))
        d.names = out
        return out

    @staticmethod
    def _is_definition_site(line: str, start: int, name: str) -> bool:
        before = line[max(0, start - 40) : start]
        after = line[start + len(name) : start + len(name) + 80]
        if _DEFINE_END.search(before):
            return True
        return bool(re.match(r"\s*(?::\s*[\w.]+\s*)?=(?!=)", after))

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
                d.lits, d.lits_line, d.extra = od.lits, od.lits_line, od.extra
            if d.segs == od.segs:
                d.names = od.names
            new_data.append(d)
            state = d.state_out
            j += 1
        self._account(old_data[sl:j], -1)
        self._account(new_data, 1)
        self._data = old_data[:sl] + new_data + old_data[j:]
        relexed_end = sl + len(new_data)
        changed = self._refresh_globals()
        if "err_vars" in changed:
            for d in self._data:
                d.lits = None
                d.extra = None
            self._last_edit = (0, len(self._lines), delta, True)
            return 0, len(self._lines)
        lo = max(0, sl - CONTEXT_AFTER)
        hi = min(len(self._data), sl + len(new_lines) + CONTEXT_BEFORE)
        for i in builtins.range(lo, hi):
            d = self._data[i]
            if d.raws or d.lits:
                d.lits = None
                d.extra = None
        hi = max(hi, relexed_end)  # lines re-lexed beyond the window may have new literals
        self._last_edit = (lo, hi, delta, "hint" in changed)
        return lo, hi


def scan(text: str, language: str | None) -> list[Literal]:
    """Every integer literal in `text` with its range, context and error context (see module doc)."""
    return IncrementalScanner(text, language).literals


def scan_names(text: str, language: str | None, catalog) -> list[NameRef]:
    """Catalog symbol names, `BASE + n` expressions, and names the file defines for codes."""
    return IncrementalScanner(text, language, catalog).names


# --------------------------------------------------------------------------- whole-file fast path
# `errcode check` analyses each file once and wants only its findings: it needs neither names nor
# segments, nor the lines that cannot hold a finding.  A line lexed from plain code (`START`) that
# has no run of three digits yields no literal that can count (`counts_as_code` wants 3+ digits),
# and it leaves the lexer in `START` unless it opens a block comment, a template string, a C++ raw
# string or ends in a backslash (a continued string or preprocessor line).  So one C-level search
# over the whole text finds the next line worth lexing; the lines between are skipped unread.
# `tests/catalog/test_scan_fastpath.py` checks that this gives exactly what lexing every line gives.

_ODD_BREAK_CHARS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")  # str.splitlines splits there, split_lines not
# What may leave the lexer outside `START` after a line: the last `/*` of a line with no `*/` after
# it (a block comment opens and stays open only there), a backtick, a C++ raw string `R"`, a
# backslash ending the line.  Each alternative starts with a plain character (see relevant_pattern).
_STATE_CHANGES = {
    ARKTS: r"/\*(?![^\r\n]*\*/)|`|\\(?=[\r\n]|\Z)",
    C: r"/\*(?![^\r\n]*\*/)|R\"|\\(?=[\r\n]|\Z)",
}
_ERR_TYPE_WORDS = ("ErrorCode", "IRNdkErrCode")  # every line `_line_err_vars` reads has one


# a line of plain code (no quote, backtick or slash; in C not a preprocessor line) lexed from
# `START`: the lexer's loop only meets digits there, and at each either reads a number or skips the
# word run glued to it, which is what one `finditer` over these alternatives does; the state stays
_PLAIN_LINE_NOT = {ARKTS: re.compile(r"['\"`/]"), C: re.compile(r"['\"/]|^\s*#")}
_PLAIN_NUMBERS = {
    lang: re.compile(r"(?=[0-9])(?:" + num + r"|(?P<glued>[0-9][\w$.]*))")
    for lang, num in ((ARKTS, _NUM_ARKTS), (C, _NUM_C))
}


def _plain_line_candidates(line: str, lang: str) -> list[_Raw]:
    """`lex_line(line, START, lang, cand_only=True)[0]` for a plain-code line (see above)."""
    raws = []
    octal = lang == C
    for m in _PLAIN_NUMBERS[lang].finditer(line):
        ds, de = m.span("dec")
        if de - ds >= 3:
            if m.end() == de and (ds == 0 or line[ds - 1] != "-") and not (octal and line[ds] == "0"):
                # plain digits, no fraction, suffix, sign or C octal: what `_code_number` makes of them
                text = line[ds:de]
                if text.isdigit() and de - ds <= 40:
                    value = int(text)
                    if value >= 100:
                        raws.append(_Raw(ds, de, text, value, 10, "code"))
                    continue
            r = _code_number(line, m, "code", lang)
            if r is not None and r.base == 10 and not -100 < r.value < 100:
                raws.append(r)
    return raws


def fast_lines(text: str) -> list[str]:
    """`split_lines(text)[0]`, faster (str.splitlines when the text has no other line breaks)."""
    lines = text.splitlines()
    breaks = text.count("\n")
    if "\r" in text:
        breaks += text.count("\r") - text.count("\r\n")
    ends = not text or text[-1] in "\r\n"
    # str.splitlines splits at other breaks too (_ODD_BREAK_CHARS): then it finds more lines than there
    # are `\n`, `\r` and `\r\n` (or the text ends with one); counting is cheaper than searching
    if len(lines) != breaks + (not ends) or (not ends and text[-1] in _ODD_BREAK_CHARS):
        return split_lines(text)[0]
    if ends:
        lines.append("")
    return lines


def _line_span(text: str, p: int, lo: int = 0) -> tuple[int, int]:
    """(start, end) of the line (terminator excluded) holding offset `p`; `lo`: a line start <= p."""
    a = max(text.rfind("\n", lo, p), lo - 1)
    start = max(text.rfind("\r", a + 1, p), a) + 1  # each search stays within the line
    end = text.find("\n", p)
    if end < 0:
        end = len(text)
    e2 = text.find("\r", p, end)
    return start, (end if e2 < 0 else e2)


# A run of 3+ digits (with separators) as `lex_relevant`'s `hot` names them.  A decimal literal's digits
# are a whole run (a literal is glued to no digit), so a literal with no separator is a run of its own.
DIGIT_RUNS = re.compile(r"[0-9](?:[_']?[0-9]){2,}")


def _may_assign(lines: list[str], i: int) -> bool:
    """Could a literal on line `i` follow a plain `=` in an `if`/`while` condition (as
    `analyze._maybe_assign` asks)?  A cheap over-approximation over the line and the one before."""
    line = lines[i]
    prev = lines[i - 1] if i > 0 else ""
    if "=" in line and ("if" in line or "while" in line or "if" in prev or "while" in prev):
        return True
    return line.lstrip()[:1] in _DIGIT_OR_MINUS and prev.rstrip().endswith("=")


_DIGIT_OR_MINUS = frozenset("0123456789-")


_STATEFUL = {lang: re.compile(rx) for lang, rx in _STATE_CHANGES.items()}


def _digit_atom(ch: str) -> str:
    return "[0-9]" if ch == "d" else ch


def relevant_pattern(lang: str, hot_numbers: Iterable[str] | None = None, hot_families: Iterable[str] = ()) -> re.Pattern:
    """`lex_relevant`'s search.  Told which digit runs are hot: a run that is one of `hot_numbers`
    (decimal, no leading zero; leading zeros allowed in the text), or a family prefix of
    `hot_families` and three more digits, or a run with a separator or over 40 digits; a plain `=`
    with a number after it (blanks and a minus between: an assignment in a condition, perhaps); and
    what can change the lexer's state (`_STATE_CHANGES`).  Not told (`hot_numbers` None): every run
    of three digits or more, and what can change the lexer's state.

    A run is matched whole or not at all.  Every alternative starts with a plain character (a run's
    first digit; the trie's first level is spelt out), so that the regex engine skips ahead to the
    next of those characters and tries only the alternatives starting with it."""
    if hot_numbers is None:
        alts = [f"{ch}(?<![0-9].)(?:[_']?[0-9]){{2,}}" for ch in "0123456789"]
    else:
        trie = _trie([*hot_numbers, *(f + "ddd" for f in hot_families)])
        other = r"[0-9]*+[_'][0-9](?:[_']?[0-9])*|[0-9]{40,}"  # a separator: `62_980_096`, `7'700'201`
        alts = []
        for ch in "0123456789":
            body = [_trie_source(trie[ch], _digit_atom)] if ch in trie else []
            if ch == "0" and trie:
                body.append("0*" + _trie_source(trie, _digit_atom))  # leading zeros: `007700201`
            body.append(other)
            alts.append(f"{ch}(?<![0-9].)(?:{'|'.join(body)})(?![0-9]|[_'][0-9])")
        alts.append(r"=(?<![=!<>+\-*/%&|^?:]=)(?=[ \t\r\n-]*[0-9])")
    alts.append(_STATE_CHANGES[lang])
    return re.compile("|".join(alts))


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
    text: str, lines: list[str], lang: str, hot: Callable[[str], bool] | None = None, pattern: re.Pattern | None = None,
    start: int = 0,
) -> list[tuple[int, list[_Raw]]]:
    """(line index, literals) of every line with a literal that can count as a code (`lex_line`
    with `cand_only`), each lexed from the state the full lexer reaches there (`lines` =
    `fast_lines(text)`; `lang` normalized).

    `hot(run)`: when given, the caller wants only the literals whose digits (a run of `DIGIT_RUNS`)
    are hot, or that may follow an assignment in a condition (`_may_assign`); a line lexed from
    `START` that leaves the lexer there (`_STATEFUL`) and has no such literal is not lexed.
    `pattern`: `relevant_pattern` for `lang` and the same hot runs: then a run that is not hot, and
    a `=` with no `if`/`while` near, do not even make their line looked at.  `start`: where the search
    begins (the caller found nothing before it)."""
    search = (pattern or _RELEVANT[lang]).search
    plain_not = _PLAIN_LINE_NOT[lang].search
    runs = DIGIT_RUNS.findall
    stateful = _STATEFUL[lang].search
    closed = _CLOSED_LINE[lang].fullmatch if lang in _CLOSED_LINE else None
    has_cr = "\r" in text
    n = len(lines)
    size = len(text)
    out: list[tuple[int, list[_Raw]]] = []
    i = 0  # index of the line starting at `pos`

    def line_start(p: int, pos: int) -> tuple[int, int]:
        """(start of the line holding offset `p`, how many lines it is after the one at `pos`)."""
        if has_cr:
            ls = max(text.rfind("\n", pos, p), text.rfind("\r", pos, p), pos - 1) + 1
            return ls, text.count("\n", pos, ls) + text.count("\r", pos, ls) - text.count("\r\n", pos, ls)
        ls = max(text.rfind("\n", pos, p), pos - 1) + 1
        return ls, text.count("\n", pos, ls)

    pos = 0  # start of line `i`
    at = start  # where to search on: `pos`, or past what was passed over on line `i` or after it
    while i < n:
        m = search(text, at)
        if m is None:
            break
        s = m.start()
        if pattern is not None and text[s] == "=":
            if not _condition_near(text, s, has_cr):
                at = s + 1  # the number after it is searched on its own
                continue
            s = _BLANKS_MINUS.match(text, s + 1).end()  # the number's line (it may be the next one)
        pos, k = line_start(s, pos)
        i += k
        state = START
        while True:
            line = lines[i]
            if state == START and len(line) <= MAX_LINE and plain_not(line) is None:
                raws = _plain_line_candidates(line, lang)
            elif state == START and line.lstrip().startswith("/*") and "*/" not in line:
                raws, state = None, _IN_COMMENT  # `/**` opening a doc comment: nothing before it
            elif state == _IN_COMMENT and line.strip() == "*/":
                raws, state = None, START  # ` */` closing it: nothing after it
            elif (
                hot is not None and state == START and not any(hot(r) for r in runs(line))
                and not _may_assign(lines, i) and (stateful(line) is None or (closed is not None and closed(line)))
            ):
                raws = None  # lexing it would leave the state as it is and find nothing wanted
            else:
                raws, _, state = lex_line(line, state, lang, True)
            if raws:
                out.append((i, raws))
            pos += len(line)
            if pos < size:
                pos += 2 if has_cr and text.startswith("\r\n", pos) else 1
            i += 1
            if i >= n or state == START:
                break
            if state[0] == BLOCK and not state[2]:
                # inside a block comment (not a continued preprocessor line): the lines before the
                # one holding `*/` hold no literal that counts and leave the state as it is
                end = text.find("*/", pos)
                if end < 0:
                    return out
                pos, k = line_start(end, pos)
                i += k
        at = pos
    return out


_IN_COMMENT = (BLOCK, (), False, "")  # the state in a block comment (not in a preprocessor line)
_BLANKS_MINUS = re.compile(r"[ \t\r\n-]*")  # between `relevant_pattern`'s `=` and its number


def _condition_near(text: str, j: int, has_cr: bool) -> bool:
    """Is there an `if` or `while` between the start of the line before the one holding offset `j`
    and `j`?  (`analyze._maybe_assign` looks at the line and the one before.)  `has_cr`: the text
    has a `\r` (each search then stays within the line: no scan back to the start of the text)."""
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


def file_facts(text: str) -> tuple[frozenset[str], str | None]:
    """The file-wide facts `IncrementalScanner` gathers line by line: (error-code variables, kit hint).
    Only lines holding one of a few words can add to them; str.find finds those fastest."""
    err_vars: set[str] = set()
    seen: set[str] = set()
    for line in _lines_with(text, _ERR_TYPE_WORDS):
        if line not in seen:
            seen.add(line)
            err_vars.update(_line_err_vars(line))
    hints: set[str] = set()
    for _, kit, words in _KIT_HINTS:
        for line in _lines_with(text, words):
            h = _line_kit_hint(line)
            if h is not None:
                hints.add(h)
                if h == kit:
                    break  # all these words can tell
    return frozenset(err_vars), (min(hints) if hints else None)


def _lines_with(text: str, words: tuple[str, ...]) -> Iterator[str]:
    """The lines of `text` holding one of `words` (a line once per word it holds)."""
    for word in words:
        pos = 0
        while True:
            p = text.find(word, pos)
            if p < 0:
                break
            s, e = _line_span(text, p, pos)
            yield text[s:e]
            pos = max(e, p + 1)

"""The lexer: one line at a time, from the state the line before left.

A state is (mode, template-brace stack, preprocessor line, raw-string delimiter).  In code, a
character-set search finds the next interesting character and one compiled master regex per
(language, inside `${ }`) decides there; strings, comments, template strings and C++ raw strings
each have their own end pattern.  `lex_line` gives a line's literals (`literals.RawLiteral`), its
segments (start, end, context) and the state after it.  `split_lines` / `fast_lines` cut a text.
"""

from __future__ import annotations

import re

from .languages import ARKTS, C, MAX_LINE
from .literals import NUMBER_ARKTS, NUMBER_C, RawLiteral, code_number, text_numbers, whole_numbers

_A = re.ASCII

# --------------------------------------------------------------------------- lexer states
# state = (mode, template stack, preprocessor, raw delimiter)
CODE, BLOCK, TEMPLATE, SQ, DQ, RAW = range(6)
START = (CODE, (), False, "")

# The tokens of code, one master regex per (language, inside `${ }`): a number, digits glued to a
# word (`ERROR_CODE801`, `401abc`: skipped), a comment or string opening, a slash (a regex literal
# in ArkTS, perhaps), template braces.  Unicode-aware \w: a number glued to a CJK identifier
# (`错误码401`) is part of that identifier.
_GLUED = r"|(?P<glued>[0-9][\w$.]*)"
_OPENERS = r"|(?P<lc>//)|(?P<bc>/\*)|(?P<q>['\"])"
_CODE_RE = {  # each starts with a look at the one character set its tokens start with: the search skips fast
    (ARKTS, False): re.compile(r"(?=[0-9/'\"`])(?:" + NUMBER_ARKTS + _GLUED + _OPENERS + r"|(?P<bt>`)|(?P<sl>/))"),
    (ARKTS, True): re.compile(
        r"(?=[0-9/'\"`{}])(?:" + NUMBER_ARKTS + _GLUED + _OPENERS + r"|(?P<bt>`)|(?P<sl>/)|(?P<ob>\{)|(?P<cb>\}))"
    ),
    (C, False): re.compile(r"(?=[0-9/'\"])(?:" + NUMBER_C + _GLUED + _OPENERS + r"|(?P<slash>/))"),
}
_CODE_RE[(C, True)] = _CODE_RE[(C, False)]
_SKIP = frozenset({"glued", "slash"})  # tokens that change nothing

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

def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Lines without terminators, and each line's terminator ("" for the last)."""
    parts = re.split(r"(\r\n|\r|\n)", text)
    return parts[0::2], parts[1::2] + [""]


def lex_line(
    line: str, state: tuple, lang: str, cand_only: bool = False
) -> tuple[list[RawLiteral], list[tuple[int, int, str]], tuple]:
    """Lex one line from `state`: (literals, segments (start, end, context), state after the line).

    `cand_only`: report only the literals that can count as a code (decimal, 3+ digits, in code or
    the whole content of a string); the others are not built.  Segments and state are the same."""
    mode, tstack, pp, delim = state
    tn = whole_numbers if cand_only else text_numbers
    raws: list[RawLiteral] = []
    segs: list[tuple[int, int, str]] = []
    n = len(line)
    pos = 0
    if lang == C and mode == CODE and not pp and not tstack and _PP_START.match(line):
        pp = True
    big = n > MAX_LINE
    c_octal = lang == C  # `0755` is octal in C
    while pos <= n:
        if mode == CODE:
            ctx = "preprocessor" if pp else "code"
            tokens = _CODE_RE[(lang, bool(tstack))].finditer
            seg_start = pos
            m = None
            while True:
                for m in tokens(line, pos):
                    kind = m.lastgroup
                    if kind == "num":
                        if big:
                            continue
                        ds, de = m.span("dec")
                        if cand_only and de - ds < 3:  # fewer digits (or none: hex …): below 100
                            continue
                        if de == m.end() and ds == m.start() and (ds == 0 or line[ds - 1] != "-") and (
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
                    if kind in _SKIP:
                        continue
                    if kind == "ob":
                        tstack = tstack[:-1] + (tstack[-1] + 1,)
                        continue
                    if kind == "cb" and tstack[-1] > 0:
                        tstack = tstack[:-1] + (tstack[-1] - 1,)
                        continue
                    break  # a token after which the search goes on elsewhere, or in another mode
                else:
                    m = None
                if m is None:  # the line ends in code
                    segs.append((seg_start, n, ctx))
                    pos = n
                    break
                p0 = m.start()
                if kind == "q" and lang == C and line[p0] == '"':
                    raw = _raw_prefix(line, p0)
                    if raw is not None:
                        segs.append((seg_start, raw[0], ctx))
                        mode = RAW
                        delim = raw[1]
                        pos = raw[2]
                        break
                if kind == "cb":  # closes the `${`: back in the template string
                    segs.append((seg_start, p0, ctx))
                    tstack = tstack[:-1]
                    mode = TEMPLATE
                    pos = m.end()
                    break
                if kind == "sl":
                    pos = m.end()
                    if _REGEX_PREV.search(line, max(0, p0 - 40), p0):
                        rm = _REGEX_BODY.match(line, pos)
                        if rm:
                            pos = rm.end()
                    continue
                # a comment or string starts here
                segs.append((seg_start, p0, ctx))
                if kind == "lc":
                    segs.append((m.end(), n, "comment"))
                    tn(line, m.end(), n, "comment", raws, False)
                    pos = n + 1  # nothing after a line comment
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
                # kind == "bt": a template string opens
                mode = TEMPLATE
                pos = m.end()
                break
            if mode == CODE:
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

_ODD_BREAK_CHARS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")  # str.splitlines splits there, split_lines not
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



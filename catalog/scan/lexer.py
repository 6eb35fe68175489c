"""The lexer: one line at a time, from the state the line before left.

A state is (mode, template-brace stack, preprocessor line, raw-string delimiter).  In code, one
compiled master regex per (language, inside `${ }`) gives the tokens (a number, a comment or string
opener, a slash, template braces); the other modes are regions given as data (`REGIONS`: how each
ends, the context of its content, what may make it one whole number), plus `raw_region(delim)` for
C++ raw strings.  `lex_line` gives a line's literals (`literals.RawLiteral`), its segments
(start, end, context) and the state after it.  `split_lines` cuts a text into LSP lines.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, NamedTuple

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
# The states other than code, as data: each is a region (a comment or a string) that ends where its
# pattern finds group `end` (a template string also at `${`, group `ex`: code again, one brace level
# deeper); its content is a segment of `context`; its numbers may be one whole-number string when the
# region opened with `opener` just before its content and ended at `end`; `eol_ends`: at a line end
# without its end the region ends too (a quote string, unless a backslash continues it).
class Region(NamedTuple):
    find: Callable  # pattern.match or .search from the content's start
    context: str
    opener: str | None
    eol_ends: bool


# The content patterns are possessive: the content stops at the first unescaped end (nothing can
# pass it), so there is never anything to backtrack to.
REGIONS = {
    BLOCK: Region(re.compile(r"(?P<end>\*/)").search, "comment", None, False),
    SQ: Region(re.compile(r"(?:[^'\\]++|\\.)*+(?P<end>')", re.S).match, "string", "'", True),
    DQ: Region(re.compile(r'(?:[^"\\]++|\\.)*+(?P<end>")', re.S).match, "string", '"', True),
    TEMPLATE: Region(re.compile(r"(?:[^`\\$]++|\\.|\$(?!\{))*+(?:(?P<end>`)|(?P<ex>\$\{))", re.S).match, "string", "`", False),
}


@lru_cache(maxsize=64)
def raw_region(delim: str) -> Region:
    """The region of a C++ raw string `R"delim( … )delim"`: its end depends on the delimiter."""
    return Region(re.compile("(?P<end>" + re.escape(")" + delim + '"') + ")").search, "string", "(", False)


_OPENS = {"bc": BLOCK, "bt": TEMPLATE, "'": SQ, '"': DQ}  # code tokens that open a region
_REGEX_BODY = re.compile(r"(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*", _A)
_REGEX_PREV = re.compile(r"(?:^|[(,=:\[!&|?{};+\-*%<>~^]|\b(?:return|typeof|case|do|else|in|of|yield|await|void|delete|throw))\s*$")
_PP_START = re.compile(r"\s*#")

_BREAK = re.compile(r"(\r\n|\r|\n)")


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Lines without terminators, and each line's terminator ("" for the last).  Lines end at
    `\r\n`, `\r` or `\n` only (not at the other breaks `str.splitlines` knows)."""
    if "\r" not in text:  # most text: str.split is several times faster than the regex
        lines = text.split("\n")
        return lines, ["\n"] * (len(lines) - 1) + [""]
    parts = _BREAK.split(text)
    return parts[0::2], parts[1::2] + [""]


_OPENER_CHARS = re.compile(r"[/'\"`#]")  # every token that can leave code starts with one of these (`#`: C's preprocessor)


def lex_line(
    line: str, state: tuple, lang: str, cand_only: bool = False, literals: bool = True
) -> tuple[list[RawLiteral], list[tuple[int, int, str]], tuple]:
    """Lex one line from `state`: (literals, segments (start, end, context), state after the line).

    `cand_only`: report only the literals that can count as a code (decimal, 3+ digits, in code or
    the whole content of a string); the others are not built.  Segments and state are the same.
    `literals=False` (the API rule's code-only text needs segments alone): a line in plain code
    without any character a comment, string, regex or preprocessor line starts with is one code
    segment and leaves the state as it was, known without reading its tokens."""
    mode, tstack, pp, delim = state
    if not literals and mode == CODE and not tstack and not pp and not _OPENER_CHARS.search(line):
        return [], [(0, len(line), "code")], state
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
                mode = _OPENS[line[p0] if kind == "q" else kind]
                pos = m.end()
                break
            if mode == CODE:
                break
            continue
        region = raw_region(delim) if mode == RAW else REGIONS[mode]
        m = region.find(line, pos)
        if m is None:  # the region goes on past the line end
            segs.append((pos, n, region.context))
            tn(line, pos, n, region.context, raws, False)
            if region.eol_ends and not (n > 0 and line.endswith("\\") and not line.endswith("\\\\")):
                mode = CODE
            break
        end = m.lastgroup
        stop = m.start(end)
        segs.append((pos, stop, region.context))
        tn(line, pos, stop, region.context, raws, end == "end" and pos > 0 and line[pos - 1] == region.opener)
        if end == "ex":
            tstack = tstack + (0,)
        mode = CODE
        delim = ""
        pos = m.end()
    if pp and not (line.endswith("\\") and mode in (CODE, BLOCK)):
        pp = False
    if mode in (SQ, DQ) and not line.endswith("\\"):
        mode = CODE
    return raws, segs, (mode, tstack, pp, delim)

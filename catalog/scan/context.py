"""The vocabulary of error contexts: the patterns and tests the rules (`rules.RULES`) are made of.

What an error operand looks like (`err.code`, `Number(error.code)`, a variable named like an error
code or declared with an error-code type), how a comparison, an assignment, a definition, an
assertion, a `throw`, a table or a `switch` look before (or after) a number.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Sequence

from .languages import CONTEXT_BEFORE

_A = re.ASCII

# --------------------------------------------------------------------------- error context
_ERR_VAR = re.compile(
    r"(?i)^(?:\w*err(?:or)?_?(?:code|no|num)\w*|code|ret|result|retcode|ret_code|rc|errno|err|error|errcode|result_?code|status_?code_?err\w*)$"
)
_ERR_OBJ = re.compile(r"(?i)^(?:e|ex|exc|reason|cause)$|err|exception|fail|business")
DECOY_NAME = re.compile(r"(?i)response|status|http|keycode|key_code|event")
# The names are possessive (`*+`): what may follow one is never a word character, so a shorter
# name never matches where the whole one does not (the same matches, found without backtracking).
OPERAND_TAIL = re.compile(
    r"(?<![\w$])(?:(?P<obj>[A-Za-z_$][\w$]*+)\s*(?:\)\s*)?(?:\bas\s+[\w.]+\s*\)\s*)?[?!]?\.\s*code"
    r"(?:\s*\.\s*(?:toString|valueOf)\s*\(\s*\))?"
    r"|(?P<var>[A-Za-z_$][\w$]*+))\s*\)?\s*\)?\s*$",
    _A,
)
OPERAND_STOPS = ";{},="  # characters no `OPERAND_TAIL` match holds
OPERAND_HEAD = re.compile(
    r"\s*(?:Number\s*\(\s*|parseInt\s*\(\s*|String\s*\(\s*)?\(?\s*(?:"
    r"(?P<obj>[A-Za-z_$][\w$]*)\s*(?:\)\s*)?(?:\bas\s+[\w.]+\s*\)\s*)?[?!]?\.\s*code\b(?!\s*\()"
    r"(?:\s*\.\s*(?:toString|valueOf)\s*\(\s*\))?"
    r"|(?P<var>[A-Za-z_$][\w$]*)\b(?!\s*[.(\[]))",
    _A,
)
CMP_END = re.compile(r"(?:===?|!==?)\s*$")
CMP_START = re.compile(r"^\s*(?:===?|!==?)")
ASSIGN_END = re.compile(r"(?<![=!<>+\-*/%&|^?:])=\s*$")
COND_OPEN = re.compile(r"\b(?:if|while)\s*\((?:[^()]|\([^()]*\))*$")
EXPECT_END = re.compile(r"\bexpect\s*\((?P<arg>(?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)\s*\.\s*assert\w*\s*\(\s*$")
EXPECT_OPEN = re.compile(r"\bexpect\s*\(\s*$")
ASSERT_AFTER = re.compile(r"^\s*\)\s*\.\s*assert\w*\s*\(\s*(?P<arg>(?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)")
GTEST_END = re.compile(r"\b(?:ASSERT|EXPECT)_(?:EQ|NE)\s*\((?P<other>(?:[^()]|\((?:[^()]|\([^()]*\))*\))*),\s*$")
GTEST_OPEN = re.compile(r"\b(?:ASSERT|EXPECT)_(?:EQ|NE)\s*\(\s*$")
GTEST_AFTER = re.compile(r"^\s*,\s*(?P<other>[^;]*)")
_DIMENSION = re.compile(r"(?i)width|height|size|len|length|count|num|\bx\b|\by\b|stride|row|col|byte|format|density")
def gtest_other(other: str) -> bool:
    """ASSERT_EQ(<other>, 401): a call's result (NDK functions return codes) or a code-ish variable
    counts; a plain width/height/count variable does not."""
    other = other.strip()
    if _CALL_HEAD.match(other):
        return True
    if other.startswith("(") or "*" in other or "[" in other:
        return False  # a cast or a read of data: `(int32_t)(*(data + 2))`, `buf[3]`
    return "(" in other or not _DIMENSION.search(other)


_CALL_HEAD = re.compile(r"[A-Za-z_][\w:.>-]*\s*\(", _A)


# `{ 14800014, HistogramErrCode::ERR_ALREADY_CLOSED }`, `{74001021, 7400102}`, `{E_NOT_SUPPORTED, 801}`,
# `{201, "Permission denied"}`: a pair in a table that maps a code to another, or to its message
PAIR_FIRST = re.compile(r"^\s*,\s*(?P<other>[\w:.]+|\"[^\"]*\")\s*\}", _A)
PAIR_SECOND = re.compile(r"\{\s*(?P<other>-?[\w:.]+|\"[^\"]*\")\s*,\s*$", _A)


def pair_partner(other: str, digits: int) -> tuple[bool, str] | None:
    """What the other half of a `{a, b}` pair says of the number: an error name or code beside it
    (another code: one of the two has 7+ digits) is a firm error context; a message string a weak one."""
    if other.startswith('"'):
        return (True, "pair-weak") if len(other) > 3 else None
    o = other.lstrip("-")
    if o.isdigit():
        return (True, "pair") if len(o) >= 3 and max(len(o), digits) >= 7 else None
    name = other.rsplit(":", 1)[-1].rsplit(".", 1)[-1]
    if decoy_name(other):
        return None
    return (True, "pair") if _ERR_NAME.search(name) else None


_ERR_NAME = re.compile(r"(?:^|_)(?:E|ERR|ERROR)(?:_|$)|(?i:err|fail|invalid|unsupport|denied|exception)", _A)


# a call of an error-reporting function with the number first: `VerifyAndClearErr(202, "…")`, `SetError(401)`
ERROR_CALL = re.compile(r"(?<![\w$])(?P<fn>[A-Za-z_$][\w$]*(?:Err|Error|ERR|ERROR)[\w$]*|err|error)\s*\(\s*$", _A)


CASE_END = re.compile(r"\bcase\s*\(?\s*$")
SWITCH = re.compile(r"\bswitch\s*\((?P<subject>(?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)")
CODE_KEY_END = re.compile(r"(?<![\w$.])[\"']?(?P<key>code|errCode|errorCode|err_code|error_code|errno|errNo)[\"']?\s*:\s*$")
ERR_VICINITY = re.compile(r"(?i)\berr\w*|\w*error\b|\w*exception\b|\breject\b|\bthrow\b|\bfail\w*")
THROW_END = re.compile(
    r"(?:\bthrow\b\s*(?:new\s+)?(?:[\w.]+\s*\(\s*)?(?:\{\s*)?"
    r"|(?<![.\w])\w*(?:[Tt]hrow|[Rr]eject)\w*\s*\((?:\s*[\w.:>-]+\s*,){0,2}\s*"
    r"|\.(?:throw\w*|reject)\s*\((?:\s*[\w.]+\s*,)?\s*"
    r"|\bnew\s+\w*Error\w*\s*\((?:\s*[\w.]+\s*,)?\s*"
    r"|(?<![.\w])\w*(?:Business|[Cc]reate)\w*Error\w*\s*\((?:\s*[\w.]+\s*,)?\s*)$",
    _A,
)
RETURN_END = re.compile(r"\breturn\s*\(?\s*$")
_ERR_TYPE = re.compile(r"(?i)(?:Image_ErrorCode|ErrorCode|ErrCode|Error_Code|IRNdkErrCode)")
DEF_END = re.compile(  # the names possessive, as in OPERAND_TAIL
    r"(?:#\s*define\s+(?P<macro>[A-Za-z_]\w*+)(?:\s+\(?)?\s*"
    r"|(?<![\w$.])(?P<name>[A-Za-z_$][\w$]*+)(?:\s*\[\s*\])?\s*(?::\s*[\w.<>|\[\] ]+?\s*)?(?<![=!<>+\-*/%&|^?:])=\s*\(?\s*"
    r"|\bthis\.(?P<prop>[A-Za-z_$][\w$]*+)\s*=\s*)$",
    _A,
)
DEF_STOPS = ";{}),"  # characters no `DEF_END` match holds
ERRISH_NAME = re.compile(
    r"(?i)err|fail|invalid|unsupport|unsupprot|denied|bad_?param|exception|not_?support|permission|illegal"
    r"|unknown|code|param_?error|no_?memory|abnormal|refused|forbidden|unauthori"
)
# `obj` starts where a run of its characters does (a match starting inside one would start at its
# beginning as well): the search tries no suffix of a long name again
INCLUDES_END = re.compile(r"(?<![\w$.])(?P<obj>[\w$.]+)\s*\.\s*(?:includes|indexOf|startsWith|endsWith|equals|match|search)\s*\(\s*$", _A)
THROWS_DOC = re.compile(r"@throws\s*\{[^}]*\}\s*$")


# The tests of a name alone, remembered by name (the same few names recur all over a code base;
# each test is a case-insensitive search): a hit costs a dictionary look-up in C.
_NAMES_KEPT = 1 << 12


@lru_cache(maxsize=_NAMES_KEPT)
def errish_name(name: str) -> bool:
    """A name that says error (`ERR_INVALID_PARAM`, `errorCode`) and no decoy (`httpStatus`)."""
    return not DECOY_NAME.search(name) and bool(ERRISH_NAME.search(name))


@lru_cache(maxsize=_NAMES_KEPT)
def decoy_name(name: str) -> bool:
    return DECOY_NAME.search(name) is not None


@lru_cache(maxsize=_NAMES_KEPT)
def _error_object(obj: str) -> bool:
    # `.code` of an error object (err, error, e, exception, BusinessError …), not `res.code` of a
    # backend JSON reply or `keyEvent.code`
    return bool(_ERR_OBJ.search(obj)) and not DECOY_NAME.search(obj)


@lru_cache(maxsize=_NAMES_KEPT)
def _error_variable(var: str) -> bool:
    if DECOY_NAME.search(var):
        return False
    if _ERR_VAR.match(var):
        return True
    # an error constant: expect(cert.CertResult.INVALID_PARAMS).assertEqual(401)
    return bool(CONST_NAME.match(var) and ERRISH_NAME.search(var))


def errish_operand(m: re.Match | None, err_vars: frozenset[str]) -> bool:
    if m is None:
        return False
    obj = m.group("obj")
    if obj is not None:
        return _error_object(obj)
    var = m.group("var")
    if var is None:
        return False
    return var in err_vars or _error_variable(var)


def weak(m: re.Match | None) -> str:
    """A plain variable named `code` (or `result`) may as well hold an HTTP status: weaker evidence ("-weak")."""
    return "-weak" if m is not None and (m.group("var") or "").lower() in ("code", "result") else ""


def operand_tail(text: str) -> re.Match | None:
    """The operand that ends `text` (`err.code`, `Number(error.code)`, `ret`); operands are short."""
    text = text.rstrip()
    if len(text) > 80:
        text = text[-80:]
    return OPERAND_TAIL.search(text, after_last(text, OPERAND_STOPS))


def after_last(text: str, stops: str, lo: int = 0) -> int:
    """Where the text after the last of the characters `stops` starts (`lo` at least): a pattern
    anchored at the end of `text` that matches none of them can only match from there on."""
    for ch in stops:
        k = text.rfind(ch, lo) + 1
        if k > lo:
            lo = k
    return lo


def _tail(s: str, n: int = 160) -> str:
    return s[-n:] if len(s) > n else s


class FileContext:
    """File-wide facts the error context looks at."""

    __slots__ = ("err_vars",)

    def __init__(self, err_vars: Iterable[str] = ()) -> None:
        self.err_vars = frozenset(err_vars)


ARRAY_INCLUDES = re.compile(r"[\s\w'\",.-]*\]\s*\.\s*(?:includes|indexOf|has)\s*\((?P<arg>[^()]*(?:\([^()]*\))?[^()]*)\)", _A)
LIST_ITEM = re.compile(r"[\[{]\s*(?:-?\w+\s*,\s*)*$", _A)
_DECL = re.compile(
    r"(?<![\w$.])(?P<name>[A-Za-z_$][\w$]*)\s*(?:\[[^\]]*\]\s*)?(?::[^=;\n]{1,80})?=(?![=>])"
    r"|(?<![\w$.])(?P<enum>enum)\s+(?P<ename>[A-Za-z_$][\w$]*)"
    r"|\b(?P<ctor>new\s+Map)\s*\(",
    _A,
)


LIST_GAP = re.compile(r"[\s,\w'\"-]*", _A)


def in_table(lines: Sequence[str], li: int, s: int) -> bool | None:
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
    return errish_name(name)


_TS_METHOD_HEAD = re.compile(
    r"\s*(?:(?:public|private|protected|static|async|export)\s+)*(?:function\s+)?\w+\s*\([^)]*\)\s*:\s*(?P<t>[\w.<>]+)"
)


def judge_return(lines: Sequence[str], li: int) -> bool:
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


DEFINE_END = re.compile(r"#\s*define\s+$")
CONST_NAME = re.compile(r"[A-Z][A-Z0-9_]*$")


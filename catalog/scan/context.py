"""The vocabulary of error contexts: the patterns and tests the rules (`rules.RULES`) are made of.

What an error operand looks like (`err.code`, `Number(error.code)`, a variable named like an error
code or declared with an error-code type), how a comparison, an assignment, a definition, an
assertion, a `throw`, a table or a `switch` look before (or after) a number.
"""

from __future__ import annotations

import re
from typing import Iterable

from .languages import CONTEXT_BEFORE

_A = re.ASCII

# --------------------------------------------------------------------------- error context
_ERR_VAR = re.compile(
    r"(?i)^(?:\w*err(?:or)?_?(?:code|no|num)\w*|code|ret|retcode|ret_code|rc|errno|err|error|errcode|result_?code|status_?code_?err\w*)$"
)
_ERR_OBJ = re.compile(r"(?i)^(?:e|ex|exc|reason|cause)$|err|exception|fail|business")
DECOY_NAME = re.compile(r"(?i)response|status|http|keycode|key_code|event")
OPERAND_TAIL = re.compile(
    r"(?<![\w$])(?:(?P<obj>[A-Za-z_$][\w$]*)\s*(?:\)\s*)?(?:\bas\s+[\w.]+\s*\)\s*)?[?!]?\.\s*code"
    r"(?:\s*\.\s*(?:toString|valueOf)\s*\(\s*\))?"
    r"|(?P<var>[A-Za-z_$][\w$]*))\s*\)?\s*\)?\s*$",
    _A,
)
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
    if "(" in other:
        return True
    return not _DIMENSION.search(other)


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
DEF_END = re.compile(
    r"(?:#\s*define\s+(?P<macro>[A-Za-z_]\w*)(?:\s+\(?)?\s*"
    r"|(?<![\w$.])(?P<name>[A-Za-z_$][\w$]*)(?:\s*\[\s*\])?\s*(?::\s*[\w.<>|\[\] ]+?\s*)?(?<![=!<>+\-*/%&|^?:])=\s*\(?\s*"
    r"|\bthis\.(?P<prop>[A-Za-z_$][\w$]*)\s*=\s*)$",
    _A,
)
ERRISH_NAME = re.compile(
    r"(?i)err|fail|invalid|unsupport|unsupprot|denied|bad_?param|exception|not_?support|permission|illegal"
    r"|unknown|timeout|code|param_?error|no_?memory|abnormal|refused|forbidden|unauthori"
)
INCLUDES_END = re.compile(r"(?P<obj>[\w$.]+)\s*\.\s*(?:includes|indexOf|startsWith|endsWith|equals|match|search)\s*\(\s*$", _A)
THROWS_DOC = re.compile(r"@throws\s*\{[^}]*\}\s*$")


def errish_operand(m: re.Match | None, err_vars: frozenset[str]) -> bool:
    if m is None:
        return False
    obj = m.group("obj")
    if obj is not None:
        # `.code` of an error object (err, error, e, exception, BusinessError …), not `res.code` of a
        # backend JSON reply or `keyEvent.code`
        return bool(_ERR_OBJ.search(obj)) and not DECOY_NAME.search(obj)
    var = m.group("var")
    if var is None:
        return False
    if var in err_vars:
        return True
    if DECOY_NAME.search(var):
        return False
    if _ERR_VAR.match(var):
        return True
    # an error constant: expect(cert.CertResult.INVALID_PARAMS).assertEqual(401)
    return bool(CONST_NAME.match(var) and ERRISH_NAME.search(var))


def weak(m: re.Match | None) -> str:
    """A plain variable named `code` may as well hold an HTTP status: weaker evidence ("-weak")."""
    return "-weak" if m is not None and (m.group("var") or "").lower() == "code" else ""


def operand_tail(text: str) -> re.Match | None:
    """The operand that ends `text` (`err.code`, `Number(error.code)`, `ret`); operands are short."""
    text = text.rstrip()
    return OPERAND_TAIL.search(text[-80:] if len(text) > 80 else text)


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


def in_table(lines: list[str], li: int, s: int) -> bool | None:
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
    if DECOY_NAME.search(name):
        return False
    return bool(ERRISH_NAME.search(name))


_TS_METHOD_HEAD = re.compile(
    r"\s*(?:(?:public|private|protected|static|async|export)\s+)*(?:function\s+)?\w+\s*\([^)]*\)\s*:\s*(?P<t>[\w.<>]+)"
)


def judge_return(lines: list[str], li: int) -> bool:
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


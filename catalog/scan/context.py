"""The error context: is a number in a place where an error code is expected, and why.

`judge(lines, i, raw, lang, ctx, memo)` dispatches on the last significant character before the
literal (and the first after it), so that each literal costs only the few regex matches that can
apply.  The reasons: compare, assign-in-condition, definition, membership, table, expect, gtest,
throw, includes, return, code-key, case, throws (a doc comment).  "-weak": a plain `code` variable.
"""

from __future__ import annotations

import re
from typing import Iterable

from .languages import CONTEXT_AFTER, CONTEXT_BEFORE
from .literals import RawLiteral

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
_OPERAND_HEAD = re.compile(
    r"\s*(?:Number\s*\(\s*|parseInt\s*\(\s*|String\s*\(\s*)?\(?\s*(?:"
    r"(?P<obj>[A-Za-z_$][\w$]*)\s*(?:\)\s*)?(?:\bas\s+[\w.]+\s*\)\s*)?[?!]?\.\s*code\b(?!\s*\()"
    r"(?:\s*\.\s*(?:toString|valueOf)\s*\(\s*\))?"
    r"|(?P<var>[A-Za-z_$][\w$]*)\b(?!\s*[.(\[]))",
    _A,
)
_CMP_END = re.compile(r"(?:===?|!==?)\s*$")
_CMP_START = re.compile(r"^\s*(?:===?|!==?)")
ASSIGN_END = re.compile(r"(?<![=!<>+\-*/%&|^?:])=\s*$")
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
_INCLUDES_END = re.compile(r"(?P<obj>[\w$.]+)\s*\.\s*(?:includes|indexOf|startsWith|endsWith|equals|match|search)\s*\(\s*$", _A)
_THROWS_DOC = re.compile(r"@throws\s*\{[^}]*\}\s*$")


def _errish_operand(m: re.Match | None, err_vars: frozenset[str]) -> bool:
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


def _weak(m: re.Match | None) -> str:
    """A plain variable named `code` may as well hold an HTTP status: weaker evidence ("-weak")."""
    return "-weak" if m is not None and (m.group("var") or "").lower() == "code" else ""


def _operand_tail(text: str) -> re.Match | None:
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


def judge(lines: list[str], li: int, raw: RawLiteral, lang: str, ctx: FileContext, memo: dict | None = None) -> tuple[bool, str]:
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
        m = ASSIGN_END.search(before, len(before) - 1)
        if m and _COND_OPEN.search(before[: m.start()]):
            if _errish_operand(_operand_tail(before[: m.start()]), ev):
                return True, "assign-in-condition"
        m = DEF_END.search(before, max(0, len(before) - 120))
        if m:
            name = m.group("macro") or m.group("name") or m.group("prop") or ""
            if DECOY_NAME.search(name):
                return False, "definition"
            return bool(ERRISH_NAME.search(name)), "definition"
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
                return (bool(re.search(r"(?i)err|exception|code", obj)) and not DECOY_NAME.search(obj)), "includes"
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
        m = DEF_END.search(before, max(0, len(before) - 120))
        if m and m.group("macro"):
            name = m.group("macro")
            return (bool(ERRISH_NAME.search(name)) and not DECOY_NAME.search(name)), "definition"
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
    if DECOY_NAME.search(name):
        return False
    return bool(ERRISH_NAME.search(name))


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


DEFINE_END = re.compile(r"#\s*define\s+$")
CONST_NAME = re.compile(r"[A-Z][A-Z0-9_]*$")


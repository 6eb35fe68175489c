"""C/C++: the code an `OH_*` call returns, checked afterwards (C has no try/catch).

The handler construct of a C call is the returned code compared after it, in the code-only text
of the lines around the call (catalog/api/source.py):

- assigned, then compared: `Image_ErrorCode ret = OH_ImageSourceNative_CreatePixelmap(...);` then
  `if (ret != IMAGE_SUCCESS)`, `ret == IMAGE_BAD_PARAMETER`, `401 == ret`, `switch (ret) { case
  IMAGE_…: }`, `EXPECT_EQ(ret, 401)`; the region ends where the enclosing block does, where the
  variable is assigned again (or its address passed on), or at the end of the lines read;
- compared at once: `if (OH_X(...) == 401)`, `IMAGE_SUCCESS != OH_X(...)`, `switch (OH_X(...)) {`,
  `EXPECT_EQ(OH_X(...), IMAGE_BAD_PARAMETER)`.

A compared operand is a number (|value| >= 100) or a name: one of the call's own documented
codes, else a name the catalog knows (`resolve`); success (0) and names not known are left out.
The regions are `Region(kind="c", calls=[the call], …, err=the variable or "", codes)`.
"""

from __future__ import annotations

import re

from .handlers import Region, close

_OPERAND = r"(-?\d+|(?:[A-Za-z_]\w*\s*::\s*)*[A-Za-z_]\w*)"
_NOT_MORE = r"(?![\w$]|\s*(?:\(|\.|->|::|\[))"  # not a call, member or longer name
_ASSIGNED = re.compile(r"(?<![\w.>$])([A-Za-z_]\w*)\s*=\s*(?:\(\s*[A-Za-z_][\w\s:*]*\)\s*)?$")
_CMP_AFTER = re.compile(r"\s*[!=]=\s*" + _OPERAND + _NOT_MORE)
_CMP_BEFORE = re.compile(r"(?<![\w.>$])" + _OPERAND + r"\s*[!=]=\s*$")
_SWITCH_BEFORE = re.compile(r"\bswitch\s*\(\s*$")
_ASSERT = r"\b(?:EXPECT|ASSERT)_(?:EQ|NE)\s*\(\s*"
_ASSERT_BEFORE = re.compile(_ASSERT + r"$")
_ASSERT_AFTER = re.compile(r"\s*,\s*" + _OPERAND + r"\s*\)")
_ASSERT_BEFORE_OPERAND = re.compile(_ASSERT + _OPERAND + r"\s*,\s*$")
_CASE = re.compile(r"\bcase\s+" + _OPERAND + r"\s*:(?!:)")
_VAR_BEFORE = re.compile(r"(?:([A-Za-z_]\w*)\s*[!=]=\s*|" + _ASSERT + r"([A-Za-z_]\w*)\s*,\s*)[\w:]*$")
MIN_NUMBER = 100


def find_c_constructs(raw: str, lo: int, hi: int) -> list[tuple[str, int]]:
    """("c", offset) of every `OH_` name starting in raw[lo:hi] (plain search; whether it is a
    call in code is decided on the code-only text)."""
    found = []
    at = raw.find("OH_", lo, hi)
    while at >= 0:
        if not at or not (raw[at - 1].isalnum() or raw[at - 1] in "_$"):
            found.append(("c", at))
        at = raw.find("OH_", at + 3, hi)
    return found


def var_compared_before(line: str, col: int) -> str | None:
    """The variable compared just before `col` on a line (`ret == 77`, `EXPECT_EQ(ret, `), or None."""
    m = _VAR_BEFORE.search(line, 0, col)
    return (m.group(1) or m.group(2)) if m else None


_TYPED = re.compile(r"(?<![\w$.])-?\d*$")  # a number being typed (possibly none yet)
_BRACE = re.compile(r"[{}]")
# `switch (…) {` ending at the end of the searched text (the brace being looked at)
_SWITCH_HEAD = re.compile(r"\bswitch\s*\(\s*((?:[^(){};]|\([^(){};]*\))*?)\s*\)\s*\{\Z")
SWITCH_HEAD_CHARS = 400  # a switch's head is at most this long before its brace


def code_expected_at(line: str, col: int) -> tuple[str, str] | None:
    """(the variable, the number typed so far) when the code-only `line` before `col` compares a
    variable with a code being typed (`rc == `, `errCode != 40`, `EXPECT_EQ(rc, `), else None."""
    m = _TYPED.search(line, 0, col)
    if m is None:
        return None
    var = _VAR_BEFORE.search(line, 0, m.start())
    if var is None or var.end() != m.start():  # (the `[\w:]*` tail of _VAR_BEFORE: nothing there)
        return None
    if var.group(1) and line[max(0, var.start(1) - 2):var.start(1)].endswith((".", "->")):
        return None  # a member (`s.rc == `), not a variable
    return var.group(1) or var.group(2), m.group()


def switch_operand_before(text: str) -> str | None:
    """The operand of the innermost `switch (…) {` still open at the end of the code-only `text`
    (`rc`, `OH_X(src, &pm)`), or None when the end of `text` is in no switch.  One pass over the
    braces: of those still open at the end, the innermost that opens a switch's body."""
    still_open: list[int] = []
    for m in _BRACE.finditer(text):
        if m.group() == "{":
            still_open.append(m.start())
        elif still_open:
            still_open.pop()
    for at in reversed(still_open):
        m = _SWITCH_HEAD.search(text, max(0, at - SWITCH_HEAD_CHARS), at + 1)
        if m is not None:
            return m.group(1)
    return None


def c_region_in(text: str, at: int, calls_of, resolve) -> Region | None:
    """The region of the `OH_*` call whose name starts at `at` in `text` (code-only; offsets
    relative to it), or None when its code is neither kept in a variable nor compared."""
    if at >= len(text) or text[at] == " ":
        return None  # in a string or comment
    call = next((c for c in calls_of(text, 0, at, min(len(text), at + 300)) if c.start == at), None)
    if call is None:
        return None
    open_at = text.index("(", call.end)
    shut = close(text, open_at, "(", ")")
    if shut >= len(text):
        return None
    names = {n: v for a in call.apis for v, n in a.codes}

    def value(op: str) -> int | None:
        op = op.replace(" ", "")
        if op.lstrip("-").isdigit():
            v = int(op)
            return v if abs(v) >= MIN_NUMBER else None
        name = op.rsplit("::", 1)[-1]
        v = names.get(name)
        v = resolve(name) if v is None and resolve is not None else v
        return v if isinstance(v, int) and v != 0 else None

    def code(m: re.Match, g: int = 1):
        op = m.group(g)
        v = value(op)
        if v is None:
            return None
        start = m.start(g) + (len(op) - len(op.rsplit("::", 1)[-1].lstrip()) if "::" in op else 0)
        return (start, m.end(g), v)

    before = text[max(0, at - 200):at]
    assigned = _ASSIGNED.search(before)
    if assigned:
        var = assigned.group(1)
        body_end = _block_end(text, shut + 1)
        again = re.compile(r"(?<![\w.>$])(?:" + re.escape(var) + r"\s*=(?!=)|(?<![&\w)\]])&\s*" + re.escape(var) + r"\b)")
        m = again.search(text, shut + 1, body_end)
        body_end = m.start() if m else body_end
        codes = _compared(text, var, shut + 1, body_end, code)
        return Region("c", [call], shut + 1, body_end, var, codes)
    codes = []
    got = None
    if _SWITCH_BEFORE.search(before):
        sw = re.compile(r"\s*\)\s*\{").match(text, shut + 1)
        if sw:
            end = close(text, sw.end() - 1)
            codes = [c for c in (code(m) for m in _CASE.finditer(text, sw.end(), end)) if c]
            return Region("c", [call], call.start, end, "", codes)
        return None
    m = _ASSERT_BEFORE_OPERAND.search(before) or _CMP_BEFORE.search(before)
    if m:
        got = code(m)
        if got:
            got = (got[0] - len(before), got[1] - len(before), got[2])
            got = (got[0] + at, got[1] + at, got[2])
    elif _ASSERT_BEFORE.search(before):
        m = _ASSERT_AFTER.match(text, shut + 1)
        got = code(m) if m else None
    else:
        m = _CMP_AFTER.match(text, shut + 1)
        got = code(m) if m else None
    if got is None:
        return None
    return Region("c", [call], min(got[0], call.start), max(got[1], shut + 1), "", [got])


def _block_end(text: str, at: int) -> int:
    """The offset of the `}` closing the block `at` is in (len(text) when it does not close)."""
    depth = 0
    for m in re.finditer(r"[{}]", text[at:]):
        depth += 1 if m.group() == "{" else -1
        if depth < 0:
            return at + m.start()
    return len(text)


def _compared(text: str, var: str, lo: int, hi: int, code) -> list[tuple[int, int, int]]:
    """The codes `var` is compared with in text[lo:hi]."""
    v = re.escape(var)
    rx = re.compile(
        r"(?<![\w.>$])" + v + r"\s*[!=]=\s*" + _OPERAND + _NOT_MORE
        + r"|(?<![\w.>$])" + _OPERAND + r"\s*[!=]=\s*" + v + r"\b"
        + r"|" + _ASSERT + v + r"\s*,\s*" + _OPERAND + r"\s*\)"
        + r"|" + _ASSERT + _OPERAND + r"\s*,\s*" + v + r"\s*\)"
        + r"|\bswitch\s*\(\s*" + v + r"\s*\)\s*\{")
    out = []
    for m in rx.finditer(text, lo, hi):
        g = next((i for i in range(1, 5) if m.group(i)), None)
        if g is None:  # a switch on the variable: its cases
            end = min(close(text, m.end() - 1), hi)
            out.extend(c for c in (code(c) for c in _CASE.finditer(text, m.end(), end)) if c)
            continue
        got = code(m, g)
        if got:
            out.append(got)
    out.sort()
    return out

"""Handler regions: `try { … } catch (e) { … }`, `.catch((err) => { … })` and error-first callbacks
`(err, data) => { … }`, found in the code-only text of a file's lines (catalog/api/source.py):
the calls whose errors each handler sees, and the codes it compares the error with."""

from __future__ import annotations

import re
from collections import namedtuple

# A call: where its name is, the name, and what it resolved to.
# kind: "exact" (apis known), "guess" (by method name only), "builtin" (cannot throw an API's
# BusinessError: console, JSON, Array methods ...), "other" (a function this file or a library defines).
Call = namedtuple("Call", "start end name kind apis")
# A region whose errors one handler sees: its calls, the handler's body and error variable, and
# the codes the handler compares the error with [(start, end, value)].
Region = namedtuple("Region", "kind calls body_start body_end err codes")

_TRY = re.compile(r"\btry\s*\{")
_CATCH_AFTER = re.compile(r"\s*catch\s*(?:\(\s*([\w$]+)[^)]*\))?\s*\{")
_PROMISE_CATCH = re.compile(r"\.\s*catch\s*\(\s*(?:async\s+)?(?:\(\s*([\w$]+)[^)]*\)|([\w$]+))\s*=>\s*\{")
_CALLBACK = re.compile(r"(?:\(\s*([\w$]+)\s*(?::\s*([\w$.]+))?\s*(?:,[^()]*)?\)\s*=>|\bfunction\s*\(\s*([\w$]+)[^)]*\))\s*\{")
_ARROW_PARAMS = re.compile(r"\(\s*([\w$]+)\s*(?::\s*([\w$.]+))?\s*(?:,[^()]*)?\)\s*$")
_FUNCTION_PARAMS = re.compile(r"function\s*\(\s*([\w$]+)")
_ERRISH = re.compile(r"(?i)^(?:e|ex|exc|err\w*|error\w*|exception\w*|e\d)$")
_NUM = r"'?(\d{3,})'?"
_COMPARE = re.compile(
    r"(?:\bcode\b|\bcode\s*\)|\.code\b)\s*[!=]==?\s*" + _NUM
    + r"|" + _NUM + r"\s*[!=]==?\s*[\w$.]*code\b"
    + r"|\bcase\s+" + _NUM + r"\s*:"
    + r"|\bassert(?:Equal|Deep(?:Equal)?)\s*\(\s*" + _NUM + r"\s*\)"
    + r"|\)\s*[!=]==?\s*" + _NUM
)


def find_constructs(raw: str, lo: int, hi: int) -> list[tuple[str, int]]:
    """(kind, offset) of every `try`, `.catch` and error-first callback in raw[lo:hi] (plain
    search; whether each is in code is decided on the code-only text)."""
    found = []
    for word, kind in (("try", "try"), (".catch", "promise"), ("=>", "callback"), ("function", "callback")):
        at = raw.find(word, lo, hi)
        while at >= 0:
            if kind == "try" and (at and (raw[at - 1].isalnum() or raw[at - 1] in "_$.")):
                pass
            elif kind == "callback" and word == "=>":
                open_ = raw.rfind("(", max(0, at - 160), at)
                m = _ARROW_PARAMS.match(raw, open_, at) if open_ >= 0 else None
                if m and (_ERRISH.match(m.group(1)) or (m.group(2) or "").endswith("BusinessError")):
                    found.append((kind, m.start()))
            elif kind == "callback":
                m = _FUNCTION_PARAMS.match(raw, at)
                if m and _ERRISH.match(m.group(1)):
                    found.append((kind, at))
            else:
                found.append((kind, at))
            at = raw.find(word, at + 1, hi)
    return found


def shift_region(r: Region, by: int) -> Region:
    """The region `by` characters further on (its calls keep offsets relative to their lines' text)."""
    return Region(r.kind, r.calls, r.body_start + by, r.body_end + by, r.err, [(s + by, e + by, v) for s, e, v in r.codes])


def innermost(regions: list[Region]) -> list[Region]:
    """The regions, each code kept by the innermost handler that holds it."""
    coded = sorted((i for i, r in enumerate(regions) if r.codes), key=lambda i: regions[i].body_end - regions[i].body_start)
    taken: set[int] = set()
    for i in coded:
        r = regions[i]
        codes = [c for c in r.codes if c[0] not in taken]
        taken.update(c[0] for c in codes)
        if len(codes) != len(r.codes):
            regions[i] = Region(r.kind, r.calls, r.body_start, r.body_end, r.err, codes)
    return regions


def close(text: str, open_at: int, opener: str = "{", closer: str = "}") -> int:
    """The offset of the bracket closing the one at `open_at` in `text` (len(text) when not closed)."""
    depth = 0
    rx = re.compile(re.escape(opener) + "|" + re.escape(closer))
    for m in rx.finditer(text, open_at):
        depth += 1 if m.group() == opener else -1
        if depth == 0:
            return m.start()
    return len(text)


def region_in(kind: str, text: str, at: int, calls_of) -> Region | str | None:
    """The region of the construct at `at` in `text` (the code of its lines; offsets relative
    to it); "open" when a brace does not close in `text`; None when there is no region."""
    if at >= len(text) or text[at] == " ":
        return None  # in a string or comment
    n = len(text)
    if kind == "try":
        m = _TRY.match(text, at)
        if m is None:
            return None
        body_end = close(text, m.end() - 1)
        if body_end >= n:
            return "open"
        c = _CATCH_AFTER.match(text, body_end + 1)
        if c is None:
            return None
        open_at, err = c.end() - 1, c.group(1) or ""
        calls = calls_of(text, 0, m.end(), body_end)
    elif kind == "promise":
        m = _PROMISE_CATCH.match(text, at)
        if m is None:
            return None
        open_at, err = m.end() - 1, m.group(1) or m.group(2)
        calls = chain_calls(text, at, calls_of)
    else:
        m = _CALLBACK.match(text, at)
        if m is None:
            return None
        open_at, err = m.end() - 1, m.group(1) or m.group(3)
        owner = owner_call(text, at, calls_of)
        if owner is None or owner.name in ("then", "catch", "finally"):
            return None
        calls = [owner]
    h_end = close(text, open_at)
    if h_end >= n:
        return "open"
    codes = []
    for m in _COMPARE.finditer(text, open_at + 1, h_end):
        g = next(i for i in range(1, 6) if m.group(i))
        codes.append((m.start(g), m.end(g), int(m.group(g))))
    return Region(kind, calls, open_at + 1, h_end, err, codes)

def chain_calls(text: str, dot: int, calls_of) -> list[Call]:
    """The calls of the promise chain `.catch` ends: `a.b(x).then(...)` -> b, then."""
    i = dot
    depth = 0
    while i > 0:
        ch = text[i - 1]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and ch in ";{}=,:?" and not text[max(0, i - 2):i] == "=>":
            break
        i -= 1
    own = []
    for c in calls_of(text, 0, i, dot):
        seg = text[i:c.start]
        if seg.count("(") == seg.count(")") and seg.count("{") == seg.count("}"):
            own.append(c)  # the chain's own calls, not those in its arguments or callbacks
    return own

def owner_call(text: str, at: int, calls_of) -> Call | None:
    """The call whose argument list holds the callback starting at `at`."""
    depth = 0
    i = at
    while i > 0:
        i -= 1
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                name_end = len(text[:i].rstrip())
                for c in calls_of(text, 0, max(0, name_end - 200), i + 1):
                    if c.end == name_end:
                        return c
                return None
            depth -= 1
        elif ch in ";{}" and depth == 0:
            return None
    return None


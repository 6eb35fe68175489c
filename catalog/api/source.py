"""What a source file calls, and where it catches: the API calls of ArkTS/TS (and `OH_*` calls of
C/C++) resolved against the API facts, and the regions whose errors a `catch` handles.

`FileApis(lines, segments, language, index)` works on the code only: strings and comments are
blanked with the scanner's segments (`scan.lex_line`), a string that is a whole number stays.
Offsets are in the joined text (lines joined by "\\n"); `position(offset)` gives (line, column).

Resolving `x.m(...)` / `mod.f(...)`: a module's own function (`image.createImageSource`); the
declared type of `x` where the file says it (`let src: image.ImageSource`, or the return type of
a factory: `const src = image.createImageSource(fd)`); else every interface or class method of
the imported modules with that name, marked as a guess.
"""

from __future__ import annotations

import bisect
import re
from collections import namedtuple

from .index import ApiIndex

# A call: where its name is, the name, and what it resolved to.
# kind: "exact" (apis known), "guess" (by method name only), "builtin" (cannot throw an API's
# BusinessError: console, JSON, Array methods ...), "other" (a function this file or a library defines).
Call = namedtuple("Call", "start end name kind apis")
# A region whose errors one handler sees: its calls, the handler's body and error variable, and
# the codes the handler compares the error with [(start, end, value)].
Region = namedtuple("Region", "kind calls body_start body_end err codes")

_IMPORT = re.compile(r"""\bimport\s+(?:type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))?\s*from\s*['"]([^'"]+)['"]""")
_TYPED = re.compile(r"([\w$]+)\s*\??\s*:\s*([\w$]+)\.([\w$]+)")
_FACTORY = re.compile(r"([\w$]+)\s*(?::\s*[\w$.<> |]+)?=\s*(?:await\s+)?([\w$]+)\.([\w$]+)\s*\(")
_CALL = re.compile(r"((?:[\w$]+\s*\??\.\s*)*)([A-Za-z_$][\w$]*)\s*(?:<[\w$.,\s<>\[\]|]*>\s*)?\(")
_C_CALL = re.compile(r"\b(OH_\w+)\s*\(")
_TRY = re.compile(r"\btry\s*\{")
_CATCH_AFTER = re.compile(r"\s*catch\s*(?:\(\s*([\w$]+)[^)]*\))?\s*\{")
_PROMISE_CATCH = re.compile(r"\.\s*catch\s*\(\s*(?:async\s+)?(?:\(\s*([\w$]+)[^)]*\)|([\w$]+))\s*=>\s*\{")
_CALLBACK = re.compile(r"(?:\(\s*([\w$]+)\s*(?::\s*([\w$.]+))?\s*(?:,[^()]*)?\)\s*=>|\bfunction\s*\(\s*([\w$]+)[^)]*\))\s*\{")
_ERRISH = re.compile(r"(?i)^(?:e|ex|exc|err\w*|error\w*|exception\w*|e\d)$")
_NUM = r"'?(\d{3,})'?"
_COMPARE = re.compile(
    r"(?:\bcode\b|\bcode\s*\)|\.code\b)\s*[!=]==?\s*" + _NUM
    + r"|" + _NUM + r"\s*[!=]==?\s*[\w$.]*code\b"
    + r"|\bcase\s+" + _NUM + r"\s*:"
    + r"|\bassert(?:Equal|Deep(?:Equal)?)\s*\(\s*" + _NUM + r"\s*\)"
    + r"|\)\s*[!=]==?\s*" + _NUM
)
_KEYWORDS = frozenset("if for while switch catch function return typeof new super await constructor import".split())
BUILTIN_RECEIVERS = frozenset(
    "console hilog JSON Math Object Array Number String Boolean Date Promise Reflect Symbol BigInt "
    "util buffer expect Logger logger LogUtil".split())
BUILTIN_FUNCTIONS = frozenset(
    "String Number Boolean parseInt parseFloat isNaN isFinite setTimeout clearTimeout setInterval clearInterval "
    "expect Array Object BigInt Symbol Error TypeError RangeError Uint8Array Int32Array ArrayBuffer Map Set "
    "encodeURIComponent decodeURIComponent".split())
BUILTIN_METHODS = frozenset(
    "push pop shift unshift slice splice join map forEach filter reduce find findIndex indexOf includes concat "
    "toString toFixed substring substr split replace trim startsWith endsWith charAt charCodeAt keys values "
    "entries has then catch finally stringify parse log info debug warn error assertEqual assertTrue assertFalse "
    "assertFail assertNull assertUndefined assertLarger assertLess assertContain assertInstanceOf assertDeepEquals "
    "assertNotEqual assertClose".split())


def masked_lines(lines: list[str], segments) -> list[str]:
    """Each line with only its code kept (a string that is a whole number kept too, without quotes)."""
    out = []
    for i, line in enumerate(lines):
        segs = segments(i)
        if len(segs) == 1 and segs[0][0] == 0 and segs[0][1] == len(line) and segs[0][2] == "code":
            out.append(line)
            continue
        parts = []
        pos = 0
        for s, e, ctx in segs:
            if ctx in ("code", "preprocessor") or (ctx == "string" and line[s:e].isdigit()):
                parts.append(" " * (s - pos))
                parts.append(line[s:e])
                pos = e
        parts.append(" " * (len(line) - pos))
        out.append("".join(parts))
    return out


def lexed_segments(lines: list[str], language: str):
    """`segments(i)` for lines not held by a scanner: every line lexed once with `scan.lex_line`."""
    from ..scan import START, lex_line

    segs = []
    state = START
    for line in lines:
        _, s, state = lex_line(line, state, language)
        segs.append(s)
    return segs.__getitem__


def _close(text: str, open_at: int, opener: str = "{", closer: str = "}") -> int:
    """The offset of the bracket closing the one at `open_at` (len(text) when it is not closed)."""
    depth = 0
    rx = re.compile(re.escape(opener) + "|" + re.escape(closer))
    for m in rx.finditer(text, open_at):
        depth += 1 if m.group() == opener else -1
        if depth == 0:
            return m.start()
    return len(text)


class FileApis:
    """The calls and handler regions of one file."""

    def __init__(self, lines: list[str], segments, language: str, index: ApiIndex) -> None:
        self.index = index
        self.language = language
        self.starts = [0]
        for line in lines:
            self.starts.append(self.starts[-1] + len(line) + 1)
        raw = "\n".join(lines)
        self.bindings: dict[str, str] = {}
        if language == "c":
            self.text = "\n".join(masked_lines(lines, segments)) if "OH_" in raw else ""
            self.calls = [self._c_call(m) for m in _C_CALL.finditer(self.text)] if self.text else []
            self.regions: list[Region] = []
            return
        for m in _IMPORT.finditer(raw):
            default, named, star, source = m.groups()
            for local in (default, star):
                if local:
                    mod = index.module_for(source, local) if source.startswith("@kit.") else index.module_for(source)
                    if mod:
                        self.bindings[local] = mod
            for part in (named or "").split(","):
                name, _, alias = part.strip().partition(" as ")
                name, alias = name.strip(), alias.strip() or name.strip()
                mod = index.module_for(source, name) if name else None
                if mod:
                    self.bindings[alias] = mod
        if not self.bindings:
            self.text, self.calls, self.regions, self.types = "", [], [], {}
            return
        self.text = text = "\n".join(masked_lines(lines, segments))
        self.types = self._types(text)
        self.calls = [c for c in map(self._call, _CALL.finditer(text)) if c is not None]
        self._call_starts = [c.start for c in self.calls]
        self.regions = self._regions(text)

    # ------------------------------------------------------------ positions
    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]

    def offset(self, line: int, column: int) -> int:
        return self.starts[min(line, len(self.starts) - 1)] + column

    # ------------------------------------------------------------ types and calls
    def _types(self, text: str) -> dict[str, tuple[str, str] | None]:
        types: dict[str, tuple[str, str] | None] = {}

        def bind(var: str, got: tuple[str, str] | None) -> None:
            if got is None:
                return
            if var in types and types[var] != got:
                types[var] = None  # two types for one name in this file: not known
            else:
                types[var] = got

        for m in _TYPED.finditer(text):
            mod = self.bindings.get(m.group(2))
            if mod:
                cont = self.index.container_of_type(mod, m.group(3))
                bind(m.group(1), (mod, cont) if cont else None)
        for m in _FACTORY.finditer(text):
            mod = self.bindings.get(m.group(2))
            if mod:
                api = self.index.member(mod, self.index.root_of.get(mod, ""), m.group(3))
                cont = self.index.container_of_type(mod, api.returns) if api and api.returns else None
                if cont and m.group(1) not in types:
                    bind(m.group(1), (mod, cont))
        return types

    def _call(self, m: re.Match) -> Call | None:
        name = m.group(2)
        chain = [p.strip().rstrip("?").strip() for p in m.group(1).split(".")][:-1] if m.group(1) else []
        start = m.start(2)
        prev = self.text[max(0, m.start() - 12):m.start()].rstrip()
        if not chain:
            if name in _KEYWORDS or prev.endswith(("function", "new")) or (prev.endswith(".")):
                if prev.endswith(".") and not prev.endswith("..."):
                    return self._method(start, name, None)  # `f(x).m(` : a method of a call's result
                return None
            if re.search(r"(?:^|[\s;{}(,=])(?:async\s+)?$", prev) and self.text[m.end():m.end() + 1] != ")" and \
                    re.match(r"\s*\([^()]*\)\s*\{", self.text[m.end() - 1:m.end() + 200]) and not prev.endswith(("=", "(", ",")):
                return None  # a method declaration `name(params) {`
            return Call(start, m.end(2), name, "builtin" if name in BUILTIN_FUNCTIONS else "other", ())
        recv = chain[-1]
        if prev.endswith("new"):
            return None
        if len(chain) == 1 and recv in self.bindings:
            mod = self.bindings[recv]
            api = self.index.member(mod, self.index.root_of.get(mod, ""), name)
            return Call(start, m.end(2), name, "exact" if api else "other", (api,) if api else ())
        got = self.types.get(recv)
        if got:
            api = self.index.member(got[0], got[1], name)
            if api:
                return Call(start, m.end(2), name, "exact", (api,))
        if chain[0] in BUILTIN_RECEIVERS or name in BUILTIN_METHODS:
            return Call(start, m.end(2), name, "builtin", ())
        return self._method(start, name, chain)

    def _method(self, start: int, name: str, chain) -> Call:
        roots = {self.index.root_of.get(m, "") for m in self.bindings.values()}
        cands = tuple(a for a in self.index.by_member.get(name, ()) if a.module in self.bindings.values()
                      and a.container not in roots)
        if cands:
            return Call(start, start + len(name), name, "guess", cands)
        kind = "builtin" if name in BUILTIN_METHODS else "other"
        return Call(start, start + len(name), name, kind, ())

    def _c_call(self, m: re.Match) -> Call:
        api = self.index.c.get(m.group(1))
        return Call(m.start(1), m.end(1), m.group(1), "exact" if api else "other", (api,) if api else ())

    def calls_in(self, start: int, end: int) -> list[Call]:
        lo = bisect.bisect_left(self._call_starts, start)
        hi = bisect.bisect_left(self._call_starts, end)
        return self.calls[lo:hi]

    def call_at(self, offset: int) -> Call | None:
        calls = self.calls
        starts = getattr(self, "_call_starts", None) or [c.start for c in calls]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and calls[i].start <= offset <= calls[i].end:
            return calls[i]
        return None

    # ------------------------------------------------------------ handler regions
    def _regions(self, text: str) -> list[Region]:
        out: list[Region] = []
        for m in _TRY.finditer(text):
            body_end = _close(text, m.end() - 1)
            c = _CATCH_AFTER.match(text, body_end + 1)
            if c is None:
                continue
            h_end = _close(text, c.end() - 1)
            out.append(self._region("try", self.calls_in(m.end(), body_end), c.end(), h_end, c.group(1) or ""))
        for m in _PROMISE_CATCH.finditer(text):
            h_end = _close(text, m.end() - 1)
            out.append(self._region("promise", self._chain_calls(text, m.start()), m.end(), h_end, m.group(1) or m.group(2)))
        for m in _CALLBACK.finditer(text):
            err = m.group(1) or m.group(3)
            if not (_ERRISH.match(err) or (m.group(2) or "").endswith("BusinessError")):
                continue
            owner = self._owner_call(text, m.start())
            if owner is None or owner.name in ("then", "catch", "finally"):
                continue
            h_end = _close(text, m.end() - 1)
            out.append(self._region("callback", [owner], m.end(), h_end, err))
        # a code belongs to the innermost handler that holds it
        out.sort(key=lambda r: r.body_end - r.body_start)
        taken: set[int] = set()
        final = []
        for r in out:
            codes = [c for c in r.codes if c[0] not in taken]
            taken.update(c[0] for c in codes)
            final.append(r._replace(codes=codes))
        final.sort(key=lambda r: r.body_start)
        return final

    def _region(self, kind: str, calls: list[Call], start: int, end: int, err: str) -> Region:
        codes = []
        for m in _COMPARE.finditer(self.text, start, end):
            g = next(i for i in range(1, 6) if m.group(i))
            codes.append((m.start(g), m.end(g), int(m.group(g))))
        return Region(kind, calls, start, end, err, codes)

    def _chain_calls(self, text: str, dot: int) -> list[Call]:
        """The calls of the promise chain `.catch` ends: `a.b(x).then(...)` -> b (then is builtin)."""
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
        calls = self.calls_in(i, dot)
        # only the chain's own calls, not those inside its arguments or callbacks
        own = []
        for c in calls:
            seg = text[i:c.start]
            if seg.count("(") - seg.count(")") == 0 and seg.count("{") == seg.count("}"):
                own.append(c)
        return own

    def _owner_call(self, text: str, at: int) -> Call | None:
        """The call whose argument list holds the callback starting at `at`."""
        depth = 0
        i = at
        lo = max(0, at - 2000)
        while i > lo:
            i -= 1
            ch = text[i]
            if ch == ")":
                depth += 1
            elif ch == "(":
                if depth == 0:
                    call = self.call_at(i - 1) or self.call_at(len(text[:i].rstrip()) - 1)
                    return call
                depth -= 1
            elif ch in ";{}" and depth == 0:
                return None
        return None

    def region_at(self, offset: int) -> Region | None:
        """The innermost handler body holding `offset`."""
        best = None
        for r in self.regions:
            if r.body_start <= offset <= r.body_end and (best is None or r.body_end - r.body_start < best.body_end - best.body_start):
                best = r
        return best

"""What one call in a file's code-only text resolves to (catalog/api/source.py holds the file).

ArkTS/TS `x.m(...)` / `mod.f(...)`: a module's own function (`image.createImageSource`); the
declared type of `x` where the file says it (`types`: variable -> (module, container)); else
every interface or class method of the imported modules with that name, marked as a guess.
Calls that cannot throw an API's error (console, JSON, Array methods ...) are "builtin".
C/C++ `OH_f(...)`: the header function of that name.
"""

from __future__ import annotations

import re

from .handlers import Call
from .index import ApiIndex

CALL = re.compile(r"((?:[\w$]+\s*\??\.\s*)*)([A-Za-z_$][\w$]*)\s*(?:<[\w$.,\s<>\[\]|]*>\s*)?\(")
C_CALL = re.compile(r"\b(OH_\w+)\s*\(")
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


class Resolver:
    """Resolves the calls of one file: its import bindings (local name -> module), the declared
    types of its variables, and the API index."""

    def __init__(self, index: ApiIndex, language: str, bindings: dict[str, str], types: dict) -> None:
        self.index = index
        self.language = language
        self.bindings = bindings
        self.types = types

    def calls_of(self, text: str, base: int, lo: int = 0, hi: int | None = None) -> list[Call]:
        """The calls whose names lie in text[lo:hi] (offsets: `base` + their offset in `text`)."""
        hi = len(text) if hi is None else hi
        if self.language == "c":
            return [self.c_call(m, base) for m in C_CALL.finditer(text, lo, hi)]
        return [c for c in (self.call(m, text, base) for m in CALL.finditer(text, lo, hi)) if c is not None]

    def call(self, m: re.Match, text: str, base: int) -> Call | None:
        name = m.group(2)
        chain = [p.strip().rstrip("?").strip() for p in m.group(1).split(".")][:-1] if m.group(1) else []
        start, end = base + m.start(2), base + m.end(2)
        prev = text[max(0, m.start() - 12):m.start()].rstrip()
        if not chain:
            if name in _KEYWORDS or prev.endswith(("function", "new", ".")):
                if prev.endswith(".") and not prev.endswith("..."):
                    return self.method(start, name)  # `f(x).m(` : a method of a call's result
                return None
            if not prev.endswith(("=", "(", ",", "return", "await")) and re.match(r"\([^()]*\)\s*(?::\s*[^{;]+)?\{",
                                                                                   text[m.end() - 1:m.end() + 200]):
                return None  # a method or function declaration `name(params) {`
            return Call(start, end, name, "builtin" if name in BUILTIN_FUNCTIONS else "other", ())
        recv = chain[-1]
        if prev.endswith("new"):
            return None
        if len(chain) == 1 and recv in self.bindings:
            mod = self.bindings[recv]
            api = self.index.member(mod, self.index.root_of.get(mod, ""), name)
            return Call(start, end, name, "exact" if api else "other", (api,) if api else ())
        got = self.types.get(recv)
        if got:
            api = self.index.member(got[0], got[1], name)
            if api:
                return Call(start, end, name, "exact", (api,))
        if chain[0] in BUILTIN_RECEIVERS or name in BUILTIN_METHODS:
            return Call(start, end, name, "builtin", ())
        return self.method(start, name)

    def method(self, start: int, name: str) -> Call:
        """A method by its name only: every method of that name in the imported modules (a guess)."""
        mods = set(self.bindings.values())
        roots = {self.index.root_of.get(m, "") for m in mods}
        cands = tuple(a for a in self.index.by_member.get(name, ()) if a.module in mods and a.container not in roots)
        if cands:
            return Call(start, start + len(name), name, "guess", cands)
        return Call(start, start + len(name), name, "builtin" if name in BUILTIN_METHODS else "other", ())

    def c_call(self, m: re.Match, base: int) -> Call:
        api = self.index.c.get(m.group(1))
        return Call(base + m.start(1), base + m.end(1), m.group(1), "exact" if api else "other", (api,) if api else ())

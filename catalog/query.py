"""Reading a question: the code-like pieces of a text (numbers, hex, C names, `BASE + n`), each
answered from the catalog, or free text when there are none.  `Catalog.query` is this."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Answer
from .numbers import parse_number

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs `errcode explain` 4 ms
if TYPE_CHECKING:
    from .catalog import Catalog

MAX_QUERY_CHARS = 40_000  # bounded work on a pasted log
MAX_ANSWERS = 50

_SOURCES = {
    # A code-like token: NAME + n, hex, a decimal number with optional sign, separators and leading zeros, or a C name.
    "token": r"""
    (?P<expr>\b(?P<base>[A-Za-z_][A-Za-z0-9_]*)\s*(?P<op>[+-])\s*(?P<off>\d+)\b)   # NAME + 5
  | (?P<hex>(?<![\w.])-?0[xX][0-9A-Fa-f]+(?:[_'][0-9A-Fa-f]+)*\b)                 # 0x3C10000
  | (?P<num>(?<![\w.])-?\d+(?:[_'’,]\d{3})*(?![\w.]\d|[\w]))                      # 7700201, -62980096, 62_980_096
  | (?P<name>\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b)                                    # IMAGE_ALLOC_FAILED
    """,
    "expr": r"([A-Za-z_]\w*)\s*([+-])\s*(\d+)",
    "ident": r"[A-Za-z_]\w*",
}


@lru_cache(maxsize=None)
def _pattern(name: str) -> re.Pattern:
    """Compiled on first use: compiling costs start-up time that `errcode explain 7700201` does not need."""
    return re.compile(_SOURCES[name], re.VERBOSE if name == "token" else 0)


def resolve_expression(catalog: Catalog, text: str) -> int | None:
    """`IMAGE_RESULT_BASE + 5` -> 62980101, `0x3C10000`, `-62980096`, `007700201`; None otherwise."""
    t = text.strip()
    m = _pattern("expr").fullmatch(t)
    if m:
        base = catalog.resolve_symbol(m.group(1))
        off = parse_number(m.group(3))
        if base is None or off is None:
            return None
        return base + off if m.group(2) == "+" else base - off
    if _pattern("token").fullmatch(t) and not _pattern("ident").fullmatch(t):
        return parse_number(t)
    return catalog.resolve_symbol(t)


def code_answer(catalog: Catalog, piece: str, kind: str, code: int, start: int, end: int,
                kit_hint: str | None, lang: str | None) -> Answer:
    """The answer for one code: its meanings, or the nearest known codes when it has none."""
    entries = catalog.lookup(code, kit_hint=kit_hint, lang=lang)
    if not entries and code < 0:  # C APIs sometimes return the negated code
        entries = catalog.lookup(-code, kit_hint=kit_hint, lang=lang)
    suggestions = () if entries else tuple(catalog.suggest(code))
    return Answer(piece, kind, code, tuple(entries), suggestions, (), start, end)


def answer(catalog: Catalog, text: str, *, limit: int, kit_hint: str | None, lang: str | None) -> list[Answer]:
    """One Answer per code-like piece of `text` (in order, duplicates folded); when it holds none,
    one Answer of kind "text" with the ranked hits of a free-text search."""
    text = (text or "")[:MAX_QUERY_CHARS]
    stripped = text.strip()
    body = stripped[1:] if stripped[:1] == "-" else stripped
    if body.isascii() and body.isdigit():  # the common case, answered without compiling the tokenizer
        start = text.index(stripped)
        code = parse_number(stripped)
        if code is None:  # far too long for a code: just unknown
            return [Answer(stripped, "code", None, (), (), (), start, start + len(stripped))]
        return [code_answer(catalog, stripped, "code", code, start, start + len(stripped), kit_hint, lang)]
    answers: list[Answer] = []
    seen: set[tuple[str, object]] = set()
    for m in _pattern("token").finditer(text):
        if len(answers) >= MAX_ANSWERS:
            break
        piece = m.group(0)
        if m.group("expr"):
            base = catalog.resolve_symbol(m.group("base"))
            if base is None:
                continue
            off = parse_number(m.group("off"))
            if off is None:  # `NAME + <thousands of digits>`: no code
                answers.append(Answer(piece, "expression", None, (), (), (), m.start(), m.end()))
                continue
            code = base + off if m.group("op") == "+" else base - off
            kind = "expression"
        elif m.group("hex") or m.group("num"):
            code = parse_number(piece)
            if code is None:  # far too long for a code: just unknown
                answers.append(Answer(piece, "code", None, (), (), (), m.start(), m.end()))
                continue
            if len(str(abs(code))) < 3:
                continue  # "API 12", "step 2": not codes
            kind = "code"
        else:
            code = catalog.resolve_symbol(piece)
            kind = "symbol"
            if code is None:
                key = ("symbol", piece)
                if key in seen:
                    continue
                seen.add(key)
                sugg = tuple(e for s in catalog.suggest_symbols(piece)
                             for e in catalog.lookup(catalog.resolve_symbol(s), kit_hint=kit_hint, lang=lang)[:1])
                answers.append(Answer(piece, "symbol", None, (), sugg, (), m.start(), m.end()))
                continue
        key = ("code", code)
        if key in seen:
            continue
        seen.add(key)
        answers.append(code_answer(catalog, piece, kind, code, m.start(), m.end(), kit_hint, lang))
    if answers:
        return answers
    if not stripped:
        return []
    hits = catalog.search(stripped, limit=limit, lang=lang)
    return [Answer(stripped, "text", None, tuple(h.entry for h in hits), (), tuple(hits), 0, len(text))]

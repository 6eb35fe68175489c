"""Hover / explanation text for the editor: Markdown or plain text.

The entry renderings themselves are the core's (`catalog.render`); this only assembles
several meanings and the header of a name or expression.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..catalog import render as core_render
from ..catalog.model import Answer, Entry

RULE_MD = "\n\n---\n\n"
RULE_TEXT = "\n\n" + "-" * 40 + "\n\n"

_MAX_CACHED = 4096
_entry_texts: dict[tuple[int, str, bool], tuple[Entry, str]] = {}


def entry(e: Entry, lang: str, markdown: bool) -> str:
    """The core's rendering of one entry, remembered (an Entry is immutable; the cache holds it, so
    its id stays its own while cached)."""
    key = (id(e), lang, markdown)
    got = _entry_texts.get(key)
    if got is not None and got[0] is e:
        return got[1]
    text = core_render.entry_markdown(e, lang) if markdown else core_render.entry_text(e, lang)
    if len(_entry_texts) >= _MAX_CACHED:
        _entry_texts.clear()
    _entry_texts[key] = (e, text)
    return text


def explain(entries: Sequence[Entry], *, markdown: bool, lang: str = "en", code: int | None = None,
            name: str | None = None) -> str:
    """Every meaning of a code, best first; a header when a name stands for it or kits collide."""
    parts: list[str] = []
    if name and code is not None:
        parts.append(f"`{name}` = {code}" if markdown else f"{name} = {code}")
    if len(entries) > 1:
        head = core_render.labels(lang)["meanings"].format(code=entries[0].code, n=len(entries))
        parts.append(head)
    header = "\n\n".join(parts)
    body = [entry(e, lang, markdown) for e in entries]
    text = (RULE_MD if markdown else RULE_TEXT).join(body)
    return f"{header}\n\n{text}" if header else text


def unknown(code: int, suggestions: Sequence[Entry], *, markdown: bool, lang: str = "en",
            name: str | None = None) -> str:
    answer = Answer(str(code), "code", code, (), tuple(suggestions))
    text = core_render.unknown_text(answer, lang)
    if name:
        text = (f"`{name}` = {code}" if markdown else f"{name} = {code}") + "\n\n" + text
    return text

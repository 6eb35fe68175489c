"""Section labels: the synonym table and the bold label that opens a section in a paragraph line."""

from __future__ import annotations

import re

from .text import Seg, inline_text

#: label (lower case, trimmed, trailing colon removed) -> section
LABELS: dict[str, str] = {
    # message
    "error message": "message",
    "error messages": "message",
    "错误信息": "message",
    "报错信息": "message",
    # description
    "description": "description",
    "error description": "description",
    "symptom": "description",
    "symptoms": "description",
    "错误描述": "description",
    "问题描述": "description",
    "问题现象": "description",
    # causes
    "possible causes": "causes",
    "possible cause": "causes",
    "cause": "causes",
    "causes": "causes",
    "可能原因": "causes",
    "原因": "causes",
    # fixes
    "solution": "solutions",
    "solutions": "solutions",
    "procedure": "solutions",
    "procedures": "solutions",
    "resolution steps": "solutions",
    "resolution": "solutions",
    "handling procedure": "solutions",
    "处理步骤": "solutions",
    "解决方法": "solutions",
    "解决措施": "solutions",
    "处理方法": "solutions",
}
CJK_LABELS = {k for k in LABELS if any(ord(c) > 0x2E80 for c in k)}
_LITERAL_LABEL = re.compile(r"^\s*(\*\*|__)\s*(.+?)\s*\1(.*)$")


def label_text(text: str) -> str | None:
    """The section a label's text names, if any."""
    return LABELS.get(text.strip().rstrip(":：").strip().lower())


class TextToken:
    """A stand-in text token."""

    type = "text"
    markup = ""
    children = None

    def __init__(self, content: str):
        self.content = content


def label_of(seg: Seg) -> tuple[str, list] | None:
    """(section, remaining tokens) when the segment starts with a bold label."""
    toks = [t for t in seg.toks if not (t.type == "text" and not t.content.strip())
            and not (t.type == "html_inline" and t.content.startswith("<!--"))]
    if not toks:
        return None
    if toks[0].type == "text":
        return _literal_label(toks)
    if toks[0].type != "strong_open":
        return None
    close = _strong_close(toks)
    if close is None:
        return None
    label = inline_text(toks[1:close], plain=True).strip()
    had_colon = label.endswith((":", "："))
    section = LABELS.get(label.rstrip(":：").strip().lower())
    if section is None:
        return None
    rest = toks[close + 1:]
    rest_text = inline_text(rest).strip()
    if not rest_text:
        return section, []
    if had_colon:
        return section, rest
    if rest_text.startswith((":", "：")):
        # drop the colon at the start of the remainder
        first = rest[0]
        if first.type == "text":
            stripped = first.content.lstrip()[1:]
            rest = [TextToken(stripped)] + rest[1:]
        return section, rest
    return None


def _literal_label(toks: list) -> tuple[str, list] | None:
    # `**Error Message **` is not bold in CommonMark (space before the closing `**`): still a label
    m = _LITERAL_LABEL.match(inline_text(toks, plain=True))
    if m and label_text(m.group(2)) is not None and not m.group(3).strip(" :："):
        return label_text(m.group(2)), []
    return None


def _strong_close(toks: list) -> int | None:
    """Index of the token that closes the bold span the tokens start with."""
    depth = 0
    for i, t in enumerate(toks):
        if t.type == "strong_open":
            depth += 1
        elif t.type == "strong_close":
            depth -= 1
            if depth == 0:
                return i
    return None

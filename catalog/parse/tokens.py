"""Stage 1, Markdown tokens: the page's text as markdown-it-py (CommonMark) tokens and a tree of them,
and the entry-heading rule applied to the page's lines outside fenced code."""

from __future__ import annotations

import re
from functools import lru_cache

HEADING_RE = re.compile(r"^(#{2,4})\s*(-?\d+)(?:\s+(.*?))?\s*$")
MAX_CODE_DIGITS = 30  # longer digit runs are not read as codes (and int() would refuse > 4300 digits)


@lru_cache(maxsize=1)
def markdown():
    """The one CommonMark parser every stage uses."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def normalize(text: str) -> str:
    """The same line normalisation markdown-it applies, so line numbers agree."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def match_heading(line: str) -> tuple[int, int, str] | None:
    """(level, code, raw title) when `line` is an entry heading by the rule."""
    m = HEADING_RE.match(line)
    if not m:
        return None
    digits = m.group(2)
    if len(digits.lstrip("-")) > MAX_CODE_DIGITS:
        return None
    return len(m.group(1)), int(digits), m.group(3) or ""


def fence_lines(tokens) -> set[int]:
    """0-based lines that belong to fenced code."""
    lines: set[int] = set()
    for tok in tokens:
        if tok.type == "fence" and tok.map:
            lines.update(range(tok.map[0], tok.map[1]))
    return lines


def code_headings(lines: list[str], fenced: set[int]) -> list[tuple[int, int, int, str]]:
    """(0-based line, level, code, raw title) of every entry heading outside fenced code."""
    found = []
    for i, line in enumerate(lines):
        if line.startswith("#") and i not in fenced:
            h = match_heading(line)
            if h:
                found.append((i, *h))
    return found


def heading_codes(text: str) -> list[tuple[int, int]]:
    """(1-based line, code) of every heading the entry rule recognises outside fenced code."""
    try:
        text = normalize(text if isinstance(text, str) else str(text))
        fenced = fence_lines(markdown().parse(text))
        return [(i + 1, code) for i, _level, code, _title in code_headings(text.split("\n"), fenced)]
    except Exception:  # never raise on bad input
        return []


class Node:
    """A block token with the tokens it encloses (`heading_open` … `heading_close` becomes one node)."""

    __slots__ = ("type", "tok", "children")

    def __init__(self, type: str, tok, children: list | None = None):
        self.type = type
        self.tok = tok
        self.children = [] if children is None else children

    @property
    def map(self):
        return self.tok.map


def tree(tokens) -> list[Node]:
    """The top-level nodes of a token stream."""
    root = Node("root", None)
    stack = [root]
    top = root.children
    for tok in tokens:
        nesting = tok.nesting
        if nesting == 1:
            node = Node(tok.type[:-5], tok)  # "heading_open" -> "heading"
            top.append(node)
            stack.append(node)
            top = node.children
        elif nesting == -1:
            if len(stack) > 1:
                stack.pop()
                top = stack[-1].children
        else:
            top.append(Node(tok.type, tok))
    return root.children


def inline_tokens(node: Node) -> list:
    """The inline tokens of a paragraph or heading node (none when it has no inline child)."""
    inline = next((c for c in node.children if c.type == "inline"), None)
    return inline.tok.children if inline else ()


def heading_level(node: Node) -> int:
    """1 for `h1` … 6 for `h6`."""
    return int(node.tok.tag[1:]) if node.tok.tag[1:].isdigit() else 1


def parse_inline(text: str) -> list:
    """The inline tokens of one line of Markdown read on its own (no reference definitions)."""
    return markdown().parseInline(text)[0].children or []

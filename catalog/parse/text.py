"""Plain text of Markdown nodes: inline tokens, paragraphs (one segment per source line), lists,
code, quotes and HTML blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tokens import Node, inline_tokens

BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_BR_ANYWHERE = re.compile(r"<br\s*/?>", re.IGNORECASE)


@dataclass
class Seg:
    """One source line of a paragraph: the inline tokens between line breaks."""

    toks: list
    brk: str = ""  # the break that precedes this segment: "", "soft" or "hard"


def segments(children) -> list[Seg]:
    segs = [Seg([])]
    for tok in children or ():
        if tok.type in ("softbreak", "hardbreak"):
            segs.append(Seg([], "soft" if tok.type == "softbreak" else "hard"))
        elif tok.type == "html_inline" and BR.match(tok.content.strip()):
            segs.append(Seg([], "hard"))
        else:
            segs[-1].toks.append(tok)
    return segs


def inline_text(toks, *, plain: bool = False, title: bool = False) -> str:
    """Render inline tokens as text.

    Inline code keeps its backticks (unless `plain`), links become their text, HTML comments and
    tags are dropped (their text kept), `<sup>…</sup>` is dropped with its text when `title`.
    """
    out: list[str] = []
    in_sup = 0
    for tok in toks:
        t = tok.type
        if t == "html_inline":
            c = tok.content.strip().lower()
            if c.startswith("<sup"):
                in_sup += 1
            elif c.startswith("</sup"):
                in_sup = max(0, in_sup - 1)
            elif BR.match(c):
                out.append("\n")
            continue
        if title and in_sup:
            continue
        if t in ("text", "text_special"):
            out.append(tok.content)
        elif t == "code_inline":
            out.append(tok.content if plain else f"{tok.markup}{tok.content}{tok.markup}")
        elif t == "softbreak":
            out.append(" ")
        elif t == "hardbreak":
            out.append("\n")
        elif t == "image":
            out.append(inline_text(tok.children or (), plain=plain) or tok.content)
        # emphasis / link open-close markers carry no text
    return "".join(out)


def clean(text: str) -> str:
    """Trim each line's trailing spaces and the text's outer whitespace."""
    return "\n".join(line.rstrip() for line in text.strip().split("\n")).strip()


def join_para(segs: list[Seg], *, keep_lines: bool) -> str:
    """A paragraph's text: source lines joined by spaces (or kept, or where a hard break is)."""
    out = ""
    for i, s in enumerate(segs):
        piece = inline_text(s.toks)
        if i:
            out = out.rstrip(" \t")
            out += "\n" if (keep_lines or s.brk == "hard") else " "
            piece = piece.lstrip(" \t")
        out += piece
    return clean(out)


def list_start(node: Node) -> int:
    """The number of an ordered list's first item (1 for bullets)."""
    if node.type != "ordered_list":
        return 1
    try:
        return int(node.tok.attrGet("start") or 1)
    except (TypeError, ValueError):
        return 1


def _render_list(node: Node, *, keep_lines: bool, indent: str = "") -> list[str]:
    ordered = node.type == "ordered_list"
    start = list_start(node)
    lines = []
    for n, item in enumerate(c for c in node.children if c.type == "list_item"):
        marker = f"{start + n}." if ordered else "-"
        text = item_text(item, keep_lines=keep_lines)
        first, *rest = text.split("\n") if text else [""]
        lines.append(f"{indent}{marker} {first}".rstrip())
        lines.extend(f"{indent}   {r}" if r else "" for r in rest)
    return lines


def item_text(item: Node, *, keep_lines: bool = False) -> str:
    """A list item's text; nested lists keep their markers."""
    parts = []
    for c in item.children:
        if c.type in ("bullet_list", "ordered_list"):
            parts.append("\n".join(_render_list(c, keep_lines=keep_lines)))
        else:
            r = render_node(c, keep_lines=keep_lines)
            if r:
                parts.append(r)
    return clean("\n".join(parts))


def render_node(n: Node, *, keep_lines: bool) -> str:
    """Plain text of one block node."""
    t = n.type
    if t == "paragraph":
        return join_para(segments(inline_tokens(n)), keep_lines=keep_lines)
    if t in ("bullet_list", "ordered_list"):
        return "\n".join(_render_list(n, keep_lines=keep_lines))
    if t == "fence":
        tok = n.tok
        return f"{tok.markup}{tok.info}\n{tok.content}{tok.markup}".strip()
    if t == "code_block":
        return n.tok.content.rstrip("\n")
    if t == "html_block":
        return html_text(n.tok.content)
    if t == "blockquote":
        return clean("\n".join(r for r in (render_node(c, keep_lines=False) for c in n.children) if r))
    if t == "heading":
        return clean(inline_text(inline_tokens(n)))
    if t == "inline":
        return clean(inline_text(n.tok.children or ()))
    return ""


def html_text(html: str) -> str:
    """Visible text of an HTML block: comments and tags dropped, `<br>` as newline."""
    s = _COMMENT.sub("", html)
    s = _BR_ANYWHERE.sub("\n", s)
    s = _TAG.sub("", s)
    return clean("\n".join(" ".join(line.split()) for line in s.split("\n")))

"""Stage 2, blocks: the nodes under one entry heading sorted into its sections (message, description,
causes, solutions) and case studies, opened by labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from .labels import label_of, label_text
from .text import Seg, clean, html_text, inline_text, item_text, join_para, list_start, render_node, segments
from .tokens import Node, inline_tokens


@dataclass
class Block:
    kind: str  # "para" | "list" | "code" | "quote" | "heading"
    lines: list[str] = field(default_factory=list)  # rendered lines (code, quote, HTML block)
    items: list[str] = field(default_factory=list)  # list items (kind == "list")
    ordered: bool = False
    start: int = 1
    segs: list | None = None  # a paragraph's source lines as inline segments

    def text(self, *, keep_lines: bool) -> str:
        """The block's text; a paragraph's lines kept (`keep_lines`) or joined by spaces."""
        if self.kind == "para":
            if self.segs:
                return join_para(self.segs, keep_lines=keep_lines)
            return clean(("\n" if keep_lines else " ").join(x.strip() for x in self.lines if x.strip()))
        if self.kind == "list":
            markers = (f"{self.start + n}." if self.ordered else "-" for n in range(len(self.items)))
            return clean("\n".join(f"{m} {item}" for m, item in zip(markers, self.items)))
        return clean("\n".join(self.lines))


def paragraph_block(segs: list[Seg]) -> Block:
    return Block("para", segs=segs)


@dataclass
class Sections:
    message: list[Block] = field(default_factory=list)
    description: list[Block] = field(default_factory=list)
    causes: list[Block] = field(default_factory=list)
    solutions: list[Block] = field(default_factory=list)
    cases: list[list[str]] = field(default_factory=list)  # deeper non-code headings + their text
    labels: list[str] = field(default_factory=list)  # label texts seen (for language detection)


class _Reader:
    """Where the blocks go while an entry's nodes are read: the open section, or a case study."""

    def __init__(self) -> None:
        self.out = Sections()
        self.current = "description"  # text before the first label is description
        self.case: list[str] | None = None

    def add(self, block: Block) -> None:
        getattr(self.out, self.current).append(block)

    def heading(self, n: Node) -> None:
        text = render_node(n, keep_lines=False)
        label = label_text(text)
        if label is not None:
            self.current, self.case = label, None
            self.out.labels.append(text.strip().lower())
        else:
            self.case = [text]
            self.out.cases.append(self.case)

    def paragraph(self, n: Node) -> None:
        run: list[Seg] = []
        for seg in segments(inline_tokens(n)):
            lab = label_of(seg)
            if lab is None:
                run.append(seg)
                continue
            if run:
                self.add(paragraph_block(run))
                run = []
            self.current = lab[0]
            self.out.labels.append(inline_text(seg.toks, plain=True).strip().lower())
            if lab[1]:
                run.append(Seg(lab[1]))
        if run:
            self.add(paragraph_block(run))

    def case_text(self, n: Node) -> str:
        """Text of a block under a case-study heading; labels stay as plain lines."""
        if n.type != "paragraph":
            return render_node(n, keep_lines=True)
        out = []
        for seg in segments(inline_tokens(n)):
            if label_of(seg) is not None:
                self.out.labels.append(inline_text(seg.toks, plain=True).strip().lower())
            out.append(inline_text(seg.toks).strip())
        return clean("\n".join(x for x in out if x))

    def node(self, n: Node) -> None:
        t = n.type
        if t == "heading":
            self.heading(n)
        elif self.case is not None:
            r = self.case_text(n)
            if r:
                self.case.append(r)
        elif t == "paragraph":
            self.paragraph(n)
        elif t in ("bullet_list", "ordered_list"):
            items = [item_text(c) for c in n.children if c.type == "list_item"]
            self.add(Block("list", items=items, ordered=t == "ordered_list", start=list_start(n)))
        elif t in ("fence", "code_block", "blockquote"):
            r = render_node(n, keep_lines=t != "blockquote")
            if r:
                self.add(Block("quote" if t == "blockquote" else "code", lines=[r]))
        elif t == "html_block":
            r = html_text(n.tok.content)
            if r:
                self.add(Block("para", lines=r.split("\n")))
        # hr and anything else carries no text


def read_sections(nodes: list[Node]) -> Sections:
    """The sections of one entry, from the nodes under its heading."""
    reader = _Reader()
    for n in nodes:
        reader.node(n)
    return reader.out

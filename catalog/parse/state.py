"""What the stages know about one page, filled in as they run: the state they pass along."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Entry, LoadError
from .tokens import Node, code_headings, fence_lines, markdown, normalize, tree


@dataclass
class Unit:
    """One entry heading and the nodes under it, before they are read into sections."""

    line: int  # 0-based heading line
    level: int
    code: int
    raw_title: str
    nodes: list[Node] = field(default_factory=list)
    system_only: bool = False
    title_tokens: list = field(default_factory=list)  # inline tokens of the title (closing hashes dropped)


@dataclass
class Page:
    path: str
    lines: list[str]  # the normalised text's lines
    tokens: list  # markdown-it tokens of the whole page
    fenced: set[int]  # 0-based lines inside fenced code
    heads: list[tuple[int, int, int, str]]  # (0-based line, level, code, raw title) of each entry heading
    top: list[Node]  # the top-level nodes
    errors: list[LoadError]
    entries: list[Entry] = field(default_factory=list)
    where: int = 0  # 1-based line being read, for the report of an unexpected failure
    # page facts, known once the headings are found / the sections read
    title: str = ""
    kit_comment: str | None = None
    kit: str = ""
    kit_name: str = ""
    language: str = ""
    url_base: str = ""
    name: str = ""  # file name ("" for text not read from a file)
    slugs: dict[int, str] = field(default_factory=dict)  # 0-based heading line -> anchor

    @classmethod
    def tokenize(cls, text: str, path: str, errors: list[LoadError]) -> "Page":
        text = normalize(text)
        lines = text.split("\n")
        tokens = markdown().parse(text)
        fenced = fence_lines(tokens)
        return cls(path, lines, tokens, fenced, code_headings(lines, fenced), tree(tokens), errors)

    def problem(self, line: int, message: str) -> None:
        self.errors.append(LoadError(self.path, line, message))

    def url(self, unit: Unit) -> str:
        if not (self.url_base and self.name):
            return ""
        return f"{self.url_base.rstrip('/')}/{self.name}#{self.slugs.get(unit.line, '')}"

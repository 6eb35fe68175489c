"""Immutable value types shared by the core and every face.

Positions inside the core are (line, character) with both 0-based and the
character counted in Unicode code points.  Faces convert at their edge
(LSP: negotiated encoding, SARIF: UTF-16 1-based, rdjson: UTF-8 bytes 1-based).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import IntEnum


@dataclass(frozen=True)
class Entry:
    """One error code as documented (or as known from another source)."""

    code: int  # sign kept: -1 stays -1
    kit: str  # kit folder key, e.g. "apis-image-kit", "reference" (universal), "apis-ads-kit"
    kit_name: str  # human name, e.g. "Image Kit", "Universal"
    title: str  # heading title without the code, <sup> stripped ("" for bare-code headings)
    message: str = ""  # the **Error Message** text (all lines up to the next label)
    description: str = ""
    causes: tuple[str, ...] = ()  # one item per list item / paragraph
    solutions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # extra paragraphs (e.g. the API 17 paragraph of 7700101)
    language: str = "en"  # "en" or "zh-cn"
    source: str = ""  # file path the entry was read from ("<bundled>/errorcode-image.md" for the shipped page)
    line: int = 0  # 1-based line of the entry heading in `source` (0 when not from a page)
    url: str = ""  # documentation URL with the heading's anchor
    symbols: tuple[str, ...] = ()  # C / ArkTS names that stand for this code
    system_only: bool = False  # inside <!--Del--> ... <!--DelEnd-->
    deprecated: bool = False  # heading carried <sup>(deprecated)</sup>
    origin: str = "page"  # "page" | "known-codes" (facts table only) | "builtin" (product's own words)
    known_from: tuple[str, ...] = ()  # which sources know this code, e.g. ("seed", "header:image_common.h")
    since: str = ""  # API version when known
    conflicts: tuple[str, ...] = ()  # human sentences where sources disagree (62980259 page vs header)

    @property
    def key(self) -> tuple[str, int]:
        return (self.kit, self.code)

    @property
    def page(self) -> str:
        """File name of the source page ("errorcode-image.md")."""
        return self.source.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class LoadError:
    """A page (or part of one) that could not be read."""

    path: str
    line: int  # 1-based; 0 when the whole file is unreadable
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass(frozen=True)
class SearchHit:
    entry: Entry
    score: float  # 0..100, higher is better


@dataclass(frozen=True)
class Answer:
    """One thing a user asked about in a query string."""

    query: str  # the piece of the input this answers ("7700201", "IMAGE_ALLOC_FAILED", "shared memory")
    kind: str  # "code" | "symbol" | "expression" | "text"
    code: int | None  # resolved number (None for free text)
    entries: tuple[Entry, ...] = ()  # every meaning, best first
    suggestions: tuple[Entry, ...] = ()  # did-you-mean when `entries` is empty (numbers only)
    hits: tuple[SearchHit, ...] = ()  # ranked free-text hits (kind == "text")
    start: int = 0  # span of `query` in the input string (code points)
    end: int = 0

    @property
    def found(self) -> bool:
        return bool(self.entries or self.hits)


def slot_setters(cls) -> tuple:
    """The setters of a slotted class's fields, in order: a frozen dataclass's own `__init__` sets
    each field through `object.__setattr__`; an `__init__` written with these is about twice as fast
    (the core makes one `Position` pair, `Range` and `Literal` per number, one `Finding` per finding)."""
    return tuple(cls.__dict__[f.name].__set__ for f in fields(cls))


@dataclass(frozen=True, order=True, slots=True, init=False)
class Position:
    line: int  # 0-based
    character: int  # 0-based, code points

    def __init__(self, line: int, character: int) -> None:
        _POSITION[0](self, line)
        _POSITION[1](self, character)

    def __reduce__(self):  # pickled as a constructor call: smaller and faster than slot state
        return (Position, (self.line, self.character))


@dataclass(frozen=True, slots=True, init=False)
class Range:
    start: Position
    end: Position

    def __init__(self, start: Position, end: Position) -> None:
        _RANGE[0](self, start)
        _RANGE[1](self, end)

    @staticmethod
    def of(line: int, start: int, end: int) -> "Range":
        return Range(Position(line, start), Position(line, end))

    def shifted(self, lines: int) -> "Range":
        """The same range `lines` lines further down (up when negative)."""
        if not lines:
            return self
        s, e = self.start, self.end
        return Range(Position(s.line + lines, s.character), Position(e.line + lines, e.character))

    def __reduce__(self):
        return (Range, (self.start, self.end))


_POSITION = slot_setters(Position)
_RANGE = slot_setters(Range)


class Severity(IntEnum):
    """Same numbers as LSP's DiagnosticSeverity, so faces can map 1:1."""

    ERROR = 1
    WARNING = 2
    INFORMATION = 3
    HINT = 4


@dataclass(frozen=True, slots=True, init=False)
class Fix:
    """A replacement that resolves a finding: put `new_text` at `range`."""

    title: str
    range: Range
    new_text: str
    preferred: bool = False  # the one unambiguous fix (used by `errcode check --fix`)

    def __init__(self, title: str, range: Range, new_text: str, preferred: bool = False) -> None:
        s = _FIX
        s[0](self, title)
        s[1](self, range)
        s[2](self, new_text)
        s[3](self, preferred)

    def shifted(self, lines: int) -> "Fix":
        return Fix(self.title, self.range.shifted(lines), self.new_text, self.preferred) if lines else self

    def __reduce__(self):
        return (Fix, (self.title, self.range, self.new_text, self.preferred))


@dataclass(frozen=True, slots=True, init=False)
class Finding:
    rule: str  # stable rule id, see catalog.analyze.RULES
    range: Range
    severity: Severity
    message: str
    code: int | None = None  # the error code concerned
    entries: tuple[Entry, ...] = ()  # its meanings, best first
    fixes: tuple[Fix, ...] = ()
    url: str = ""  # documentation anchor of the best entry (or the rule's help page)

    def __init__(self, rule: str, range: Range, severity: Severity, message: str, code: int | None = None,
                 entries: tuple[Entry, ...] = (), fixes: tuple[Fix, ...] = (), url: str = "") -> None:
        s = _FINDING
        s[0](self, rule)
        s[1](self, range)
        s[2](self, severity)
        s[3](self, message)
        s[4](self, code)
        s[5](self, entries)
        s[6](self, fixes)
        s[7](self, url)

    def shifted(self, lines: int) -> "Finding":
        """The same finding (and its fixes) `lines` lines further down (up when negative)."""
        if not lines:
            return self
        return Finding(self.rule, self.range.shifted(lines), self.severity, self.message, self.code, self.entries,
                       tuple([x.shifted(lines) for x in self.fixes]) if self.fixes else (), self.url)

    def __reduce__(self):
        return (Finding, (self.rule, self.range, self.severity, self.message, self.code, self.entries, self.fixes,
                          self.url))


_FIX = slot_setters(Fix)
_FINDING = slot_setters(Finding)

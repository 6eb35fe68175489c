"""Open documents: text, version, language, and position conversion at the LSP edge.

Lines are split the way LSP counts them (\\n, \\r\\n, \\r).  Core positions are
(line, code point); LSP positions are (line, unit) in the negotiated encoding
(UTF-16 by default, UTF-8 or UTF-32 when the client offers them).  Out-of-range
positions are clamped, never an error.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from lsprotocol import types

from ..catalog.model import Position, Range

_EOL = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # two UTF-16 units each

UTF8 = types.PositionEncodingKind.Utf8.value
UTF16 = types.PositionEncodingKind.Utf16.value
UTF32 = types.PositionEncodingKind.Utf32.value


def units(text: str, encoding: str) -> int:
    """Length of `text` in the encoding's code units."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) >> 1  # two bytes a unit (a lone surrogate: one)


def column_from_units(line: str, unit: int, encoding: str) -> int:
    """Code-point column for a column in code units (clamped; a unit inside a character rounds down)."""
    if unit <= 0:
        return 0
    if encoding == UTF32 or line.isascii():
        return min(unit, len(line))
    if encoding == UTF16:  # one unit a character but the astral ones (two): only those are looked at
        extra = 0
        for m in _ASTRAL.finditer(line):
            u = m.start() + extra  # the units before it
            if u >= unit:
                break
            if u + 2 > unit:
                return m.start()  # inside its pair of units
            extra += 1
        return min(unit - extra, len(line))
    count = 0
    for i, c in enumerate(line):
        o = ord(c)
        if encoding == UTF8:
            w = 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
        else:
            w = 2 if o > 0xFFFF else 1
        if count + w > unit:
            return i
        count += w
    return len(line)


def language_of(uri: str, language_id: str | None) -> str | None:
    """"arkts" | "c" | None, from the language id first, then the file name in the URI."""
    from ..catalog.scan import language_of as core_language_of

    for probe in (language_id, uri.split("?", 1)[0].split("#", 1)[0]):
        if probe:
            try:
                lang = core_language_of(probe)
            except Exception:
                lang = None
            if lang:
                return lang
    return None


@dataclass
class Document:
    uri: str
    text: str
    version: int | None = None
    language_id: str = ""
    language: str | None = None
    _starts: list[int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.language is None:
            self.language = language_of(self.uri, self.language_id)

    # ---------------------------------------------------------------- lines
    @property
    def line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _EOL.finditer(self.text)]
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line(self, n: int) -> str:
        """Text of line n without its line break ("" when out of range)."""
        starts = self.line_starts
        if n < 0 or n >= len(starts):
            return ""
        end = starts[n + 1] if n + 1 < len(starts) else len(self.text)
        text = self.text[starts[n]:end]
        if text.endswith("\r\n"):
            return text[:-2]
        if text.endswith(("\n", "\r")):
            return text[:-1]
        return text

    def offset(self, pos: Position) -> int:
        """Index into text of a core position (clamped)."""
        starts = self.line_starts
        if pos.line < 0:
            return 0
        if pos.line >= len(starts):
            return len(self.text)
        return starts[pos.line] + min(max(pos.character, 0), len(self.line(pos.line)))

    def position_at(self, offset: int) -> Position:
        offset = min(max(offset, 0), len(self.text))
        n = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(n, min(offset - self.line_starts[n], len(self.line(n))))

    # ------------------------------------------------------------ encodings
    def from_lsp(self, pos: types.Position, encoding: str) -> Position:
        """Core position (clamped to the document) of an LSP position."""
        line = max(0, int(pos.line))
        if line >= self.line_count:
            last = self.line_count - 1
            return Position(last, len(self.line(last)))
        return Position(line, column_from_units(self.line(line), int(pos.character), encoding))

    def to_lsp(self, pos: Position, encoding: str) -> types.Position:
        line = min(max(pos.line, 0), self.line_count - 1)
        text = self.line(line)
        return types.Position(line=line, character=units(text[: max(pos.character, 0)], encoding))

    def converter(self, encoding: str):
        """A fast core Range -> LSP range JSON function for many ranges of one document version."""
        cache: dict[int, tuple[str, bool]] = {}
        last = self.line_count - 1

        def col(line: int, character: int) -> tuple[int, int]:
            line = min(max(line, 0), last)
            got = cache.get(line)
            if got is None:
                text = self.line(line)
                got = cache[line] = (text, encoding == UTF32 or text.isascii())
            text, simple = got
            character = min(max(character, 0), len(text))
            return line, character if simple else units(text[:character], encoding)

        def convert(rng: Range) -> dict:
            sl, sc = col(rng.start.line, rng.start.character)
            el, ec = col(rng.end.line, rng.end.character)
            return {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}

        return convert

    def range_to_lsp(self, rng: Range, encoding: str) -> types.Range:
        return types.Range(start=self.to_lsp(rng.start, encoding), end=self.to_lsp(rng.end, encoding))

    def range_from_lsp(self, rng: types.Range, encoding: str) -> Range:
        return Range(self.from_lsp(rng.start, encoding), self.from_lsp(rng.end, encoding))

    # ---------------------------------------------------------------- edits
    def apply_change(self, change: object, encoding: str) -> tuple[int, int, str] | None:
        """Apply one content change; returns (start offset, end offset, new text) of the
        replaced span for an incremental change, None for a full replacement."""
        rng = getattr(change, "range", None)
        new_text = getattr(change, "text", "") or ""
        if rng is None:
            self.text = new_text
            self._starts = None
            return None
        r = self.range_from_lsp(rng, encoding)
        start, end = self.offset(r.start), self.offset(r.end)
        if end < start:
            start, end = end, start
        self.text = self.text[:start] + new_text + self.text[end:]
        self._update_starts(start, end, new_text)
        return start, end, new_text

    def _update_starts(self, start: int, end: int, new_text: str) -> None:
        old = self._starts
        # A \r\n pair split or joined by the edit changes line counts near the edges: recompute then.
        if old is None or "\r" in self.text[max(0, start - 1): start + len(new_text) + 1]:
            self._starts = None
            return
        lo = bisect.bisect_right(old, start)  # first line start after `start`
        hi = bisect.bisect_right(old, end)  # first line start after `end`
        delta = len(new_text) - (end - start)
        inserted = [start + m.end() for m in _EOL.finditer(new_text)]
        tail = old[hi:]
        if delta:
            tail = list(map(delta.__add__, tail))  # (in C: a line break near the top moves ~20,000)
        self._starts = old[:lo] + inserted + tail

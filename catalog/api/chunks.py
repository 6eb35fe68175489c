"""A file's lines in chunks, for the API analysis (catalog/api/source.py): where each chunk's lines
start, and what is read from a chunk's own lines (its import statements), kept across edits for a
chunk none of whose lines changed.

Offsets are those of the file's lines joined by "\\n"; a chunk knows its lines' offsets from its
first line, and the file only each chunk's first offset, so a position is two bisections and an
edit that adds a line makes the offsets of one chunk again (plus a sum over the chunks), not of
every line after it.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

CHUNK = 120  # lines whose results are kept together

IMPORT = re.compile(r"""\bimport\s+(?:type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))?\s*from\s*['"]([^'"]+)['"]""")
IMPORT_REACH = 2000  # characters an import statement is read to (its `;`)


class Chunk:
    """Lines [first, end) of a file, and what is known of them."""

    __slots__ = ("first", "end", "starts", "imports", "reach", "types", "regions")

    def __init__(self, first: int, end: int, starts: list[int], imports: list[tuple], reach: int,
                 types: list | None = None, regions: list | None = None) -> None:
        self.first, self.end = first, end
        self.starts = starts  # its lines' offsets from its first line's, and its length (one more than its lines)
        self.imports = imports  # `IMPORT` groups of the import statements starting on its lines
        self.reach = reach  # lines from `first` those statements were read from (at least its own)
        self.types = types  # its declarations (catalog/api/source.py), None until read
        self.regions = regions  # its handler regions, offsets from its first line's; None: not kept


def imports_of(lines: list[str], first: int, end: int) -> tuple[list[tuple], int]:
    """The import statements starting on lines first..end-1 (`IMPORT` groups, in order), and how
    many lines from `first` they were read from: a statement runs to its `;` (at most
    IMPORT_REACH characters on), or without one to the end of its line."""
    found = []
    reach = end
    for i in range(first, end):
        line = lines[i]
        at = line.find("import")
        text, j = line, i
        while 0 <= at < len(line):  # an "import" on a later line is found from that line
            while len(text) <= at + IMPORT_REACH and j + 1 < len(lines):
                j += 1
                text += "\n" + lines[j]
            stop = text.find(";", at, at + IMPORT_REACH)
            stop = text.find("\n", at) if stop < 0 else stop
            m = IMPORT.match(text, at, stop + 1 if stop >= 0 else len(text))
            if m:
                found.append(m.groups())
            at = text.find("import", at + 6)
        reach = max(reach, j + 1)
    return found, reach - first


def layout(lines: list[str], previous: list[Chunk] | None, changed: tuple[int, int, int] | None) -> list[Chunk]:
    """The chunks of `lines`: where `previous` (the chunks of the document's previous text) had them,
    moved with their lines, when `changed` says what changed since (lo, hi, delta: see
    `IncrementalScanner.changed_since`); a chunk none of whose lines changed keeps what was read
    from them (its regions too, when no line of the window they were read from changed: `window`
    lines before it and after it, see `regions_kept`)."""
    n = len(lines)
    if previous is None or changed is None:
        previous, changed = [], (0, n, 0)
    lo, hi, delta = changed
    bounds = [0]
    for old in previous:
        b = old.first
        j = b if b < lo else b + delta
        if (b < lo or j >= hi) and bounds[-1] < j < n:
            while j - bounds[-1] > 2 * CHUNK:
                bounds.append(bounds[-1] + CHUNK)
            bounds.append(j)
    while n - bounds[-1] > 2 * CHUNK:
        bounds.append(bounds[-1] + CHUNK)
    by_first = {old.first: old for old in previous}
    out = []
    for c0, c1 in zip(bounds, bounds[1:] + [n]) if n else ():
        old = None
        if c1 <= lo or c0 >= hi:
            old = by_first.get(c0 if c1 <= lo else c0 - delta)
            if old is not None and old.end != (c1 if c1 <= lo else c1 - delta):
                old = None
        if old is None:
            starts = list(accumulate(map((1).__add__, map(len, lines[c0:c1])), initial=0))
            out.append(Chunk(c0, c1, starts, *imports_of(lines, c0, c1)))
            continue
        if c0 >= hi or c0 + old.reach <= lo:
            imports, reach = old.imports, old.reach
        else:  # a statement read on into the changed lines
            imports, reach = imports_of(lines, c0, c1)
        out.append(Chunk(c0, c1, old.starts, imports, reach, old.types, old.regions))
    return out


def regions_kept(chunks: list[Chunk], n: int, changed: tuple[int, int, int] | None, back: int, fwd: int) -> None:
    """Forget the kept regions of each chunk whose window (`back` lines before it, `fwd` after)
    holds a changed line (all of them when `changed` is None)."""
    lo, hi, _ = changed or (0, n, 0)
    for ch in chunks:
        if not (min(n, ch.end + fwd) <= lo or ch.first - back >= hi):
            ch.regions = None


class Offsets:
    """Offsets <-> (line, column) over chunks (see the module docstring)."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = chunks
        self.firsts = [ch.first for ch in chunks]
        self.bases = list(accumulate((ch.starts[-1] for ch in chunks), initial=0))
        self.total = self.bases.pop() if chunks else 0  # the length of the text, plus one

    def position(self, offset: int) -> tuple[int, int]:
        if not self.chunks:
            return 0, offset
        k = max(0, bisect.bisect_right(self.bases, offset) - 1)
        ch, base = self.chunks[k], self.bases[k]
        j = max(0, bisect.bisect_right(ch.starts, offset - base) - 1)
        return ch.first + j, offset - base - ch.starts[j]

    def line_start(self, line: int) -> int:
        """The offset of the line (the text's length plus one for a line past the end)."""
        if not self.chunks or line <= 0:
            return 0
        if line >= self.chunks[-1].end:
            return self.total
        k = bisect.bisect_right(self.firsts, line) - 1
        ch = self.chunks[k]
        return self.bases[k] + ch.starts[line - ch.first]

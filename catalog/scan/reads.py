"""Which lines a verdict read: the dependency record that makes re-judging after an edit exact."""

from __future__ import annotations


class LineReads:
    """The document's lines as the rules read them, remembering the lowest and highest line read.

    What a verdict depends on is exactly the lines it read (the rules read a contiguous span ending
    at or after the literal's line), so an edit outside that span cannot change it."""

    __slots__ = ("lines", "low", "high")

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.low = self.high = 0

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, k):
        if isinstance(k, slice):
            lo, hi, _ = k.indices(len(self.lines))
            if hi > lo:
                self.low = min(self.low, lo)
                self.high = max(self.high, hi - 1)
        else:
            k = k if k >= 0 else k + len(self.lines)
            if k < self.low:
                self.low = k
            elif k > self.high:
                self.high = k
        return self.lines[k]

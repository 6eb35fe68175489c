"""The tables inside a snapshot file (catalog/snapshot.py): where each code's data is (`Codes`,
arrays read as bytes) and an info table by code read one code at a time (`KeyedPart`)."""

from __future__ import annotations

import marshal
from array import array
from bisect import bisect_left
from collections.abc import Mapping


class SnapshotError(Exception):
    """The file is not a usable snapshot (missing, truncated, corrupt, or of another format)."""


class Codes:
    """The codes of a snapshot, sorted, with where each one's rows are: arrays read as bytes, so
    opening a snapshot of thousands of codes costs a copy, not thousands of objects."""

    def __init__(self, codes: bytes, offsets: bytes, crcs: bytes) -> None:
        self.codes = array("q", codes)
        self.offsets = array("q", offsets)
        self.crcs = array("q", crcs)
        if not (len(self.offsets) == len(self.codes) + 1 and len(self.crcs) == len(self.codes)):
            raise ValueError("code table sizes differ")

    def _find(self, code: int) -> int:
        i = bisect_left(self.codes, code)
        return i if i < len(self.codes) and self.codes[i] == code else -1

    def __contains__(self, code: object) -> bool:
        return isinstance(code, int) and self._find(code) >= 0

    def __iter__(self):
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, code: int) -> tuple[int, int, int] | None:
        i = self._find(code)
        if i < 0:
            return None
        return self.offsets[i], self.offsets[i + 1] - self.offsets[i], self.crcs[i]

    def __getitem__(self, code: int) -> tuple[int, int, int]:
        got = self.get(code)
        if got is None:
            raise KeyError(code)
        return got

    def items(self):
        for i, code in enumerate(self.codes):
            yield code, (self.offsets[i], self.offsets[i + 1] - self.offsets[i], self.crcs[i])


class KeyedPart(Mapping):
    """A table by code of a snapshot's info ("throws": code -> the APIs that throw it), read one
    code at a time; a corrupt code's value reads as absent and is noted in the snapshot's `problem`."""

    def __init__(self, snapshot, key: str, at: int, codes: Codes) -> None:
        self._snapshot, self._key, self._at, self._codes = snapshot, key, at, codes
        self._got: dict[int, object] = {}

    def __getitem__(self, code: int):
        if code in self._got:
            return self._got[code]
        where = self._codes.get(code) if isinstance(code, int) else None
        if where is None:
            raise KeyError(code)
        offset, length, crc = where
        try:
            value = marshal.loads(self._snapshot.read_checked(self._at + offset, length, crc, f"{self._key!r} of {code}"))
        except (OSError, ValueError, EOFError, TypeError, SnapshotError) as exc:
            self._snapshot.problem = f"{self._snapshot.path}: {exc}"
            raise KeyError(code) from None
        self._got[code] = value
        return value

    def __iter__(self):
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

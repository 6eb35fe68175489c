"""Where knowledge comes from, in layers: bundled < snapshot < the user's pages.

A layer answers `codes` (every code it knows), `entries_for(code)`, `all_entries()`, `iter_entries()`
(code by code, in order), `kits` (kit -> name), `symbols` and `symbol_of`.  A `Snapshot`
(catalog/snapshot.py) is a layer read on demand; `MemoryLayer` holds entries already in memory.

For one code the layers are merged per (kit, language): a page entry beats an entry that is
not from a page (the product's own words, the Image Kit facts table, the SDK), whatever the
layer; among equals the later layer wins.  So a documented code is explained from its page,
and English and Chinese pages of one kit stay linked by (kit, code).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter

from .model import Entry


class MemoryLayer:
    """Entries already in memory (pages parsed in this process, or a test's entries)."""

    def __init__(self, entries: Iterable[Entry], symbols: dict[str, int] | None = None,
                 symbol_of: dict[int, str] | None = None, info: dict | None = None) -> None:
        self.info = info or {}  # what a snapshot of these entries would carry (the bundled "throws")
        self.entries = tuple(entries)
        self.by_code: dict[int, list[Entry]] = {}
        self.kits: dict[str, str] = {}
        for e in self.entries:
            self.by_code.setdefault(e.code, []).append(e)
            self.kits.setdefault(e.kit, e.kit_name)
        self.codes = self.by_code
        self.symbols = symbols or {}
        self.symbol_of = symbol_of or {}

    def entries_for(self, code: int) -> tuple[Entry, ...] | list[Entry]:
        return self.by_code.get(code, ())

    def info_part(self, key: str, default=None):
        return self.info.get(key, default)

    def all_entries(self) -> tuple[Entry, ...]:
        return self.entries

    def iter_entries(self, *, keep: bool = False):
        """(code, its entries) for every code in order (all in memory already: `keep` changes nothing)."""
        for code in sorted(self.by_code):
            yield code, self.by_code[code]


class Layers:
    """Several layers seen as one, lowest first."""

    def __init__(self, layers: Iterable) -> None:
        self.layers = [layer for layer in layers if layer is not None]
        self._merged: dict[int, tuple[Entry, ...]] = {}
        self._all: tuple[Entry, ...] | None = None
        self._codes: list[int] | None = None

    def has(self, code: int) -> bool:
        for layer in self.layers:  # (a plain loop: `any` over a generator costs twice as much)
            if code in layer.codes:
                return True
        return False

    def entries_for(self, code: int) -> tuple[Entry, ...]:
        got = self._merged.get(code)
        if got is None:
            holders = [layer for layer in self.layers if code in layer.codes]
            if len(holders) == 1:
                got = tuple(holders[0].entries_for(code))
            else:
                got = merge([layer.entries_for(code) for layer in holders])
            self._merged[code] = got
        return got

    def codes(self) -> list[int]:
        if self._codes is None:
            if len(self.layers) == 1:
                self._codes = sorted(self.layers[0].codes)
            else:
                self._codes = sorted({c for layer in self.layers for c in layer.codes})
        return self._codes

    def all_entries(self) -> tuple[Entry, ...]:
        if self._all is None:
            if len(self.layers) == 1:
                self._all = tuple(self.layers[0].all_entries())
            else:
                self._all = tuple(e for _, got in self.iter_entries(keep=True) for e in got)
        return self._all

    def iter_entries(self, *, keep: bool = False):
        """(code, its entries as `entries_for` gives them) for every code in order, one pass over
        each layer; `keep=False` keeps no entry a layer had not read before (a count costs no memory)."""
        streams = [layer.iter_entries(keep=keep) for layer in self.layers]
        for code, group in groupby(heapq.merge(*streams, key=itemgetter(0)), key=itemgetter(0)):
            parts = [got for _, got in group]
            yield code, tuple(parts[0]) if len(parts) == 1 else merge(parts)

    def kit_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for layer in self.layers:
            names.update(layer.kits)
        return names

    def symbol_maps(self) -> tuple[dict[str, int], dict[int, str]]:
        """Names -> values (a later layer's value wins) and values -> preferred name (the
        earliest layer's choice stands: the bundled catalog knows the preferred Image Kit names)."""
        if len(self.layers) == 1:
            return dict(self.layers[0].symbols), dict(self.layers[0].symbol_of)
        symbols: dict[str, int] = {}
        symbol_of: dict[int, str] = {}
        for layer in self.layers:
            symbols.update(layer.symbols)
            for value, name in layer.symbol_of.items():
                symbol_of.setdefault(value, name)
        return symbols, symbol_of

    def problems(self) -> list[str]:
        return [p for layer in self.layers if (p := getattr(layer, "problem", None))]


def merge(parts: list) -> tuple[Entry, ...]:
    """One code's entries from several layers (lowest first) as the catalog shows them."""
    documented = {e.kit for part in parts for e in part if e.origin == "page"}
    table: dict[tuple[str, str], Entry] = {}
    for part in parts:
        for e in part:
            if e.origin != "page" and e.kit in documented:
                continue
            table[(e.kit, e.language)] = e
    return tuple(table.values())

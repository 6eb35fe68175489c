"""Values kept per catalog (caches of answers that never change for one catalog).

`PerCatalog(make)`: `store.get(catalog)` gives `make(catalog)`, made once per catalog and kept
while the catalog lives (a weak-key dictionary); the catalog asked last is found without the
dictionary look-up, since a run asks one catalog throughout.  A catalog that cannot be weakly
referred to gets a fresh value each time (nothing kept).
"""

from __future__ import annotations

from typing import Any, Callable
from weakref import WeakKeyDictionary, ref


def _nobody() -> None:
    return None


class PerCatalog:
    __slots__ = ("make", "values", "last")

    def __init__(self, make: Callable[[Any], Any]) -> None:
        self.make = make
        self.values: WeakKeyDictionary = WeakKeyDictionary()
        self.last: tuple = (_nobody, None)  # (weak reference to the catalog asked last, its value)

    def get(self, catalog) -> Any:
        last = self.last
        if last[0]() is catalog:
            return last[1]
        try:
            value = self.values.get(catalog)
            if value is None:
                value = self.values[catalog] = self.make(catalog)
            self.last = (ref(catalog), value)
        except TypeError:  # a catalog that cannot be weakly referred to
            return self.make(catalog)
        return value

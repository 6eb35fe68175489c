"""`PerCatalog`: one value per catalog, made once, not keeping the catalog alive."""

from __future__ import annotations

import gc
import weakref

from ohos_errcode.catalog.per_catalog import PerCatalog


class Cat:
    pass


def test_one_value_per_catalog_made_once_and_dropped_with_it():
    made = []
    store = PerCatalog(lambda c: made.append(c) or {"for": id(c)})
    a, b = Cat(), Cat()
    assert store.get(a) is store.get(a) and store.get(b) is not store.get(a)
    assert store.get(a) is store.get(a)  # asked after b: found in the dictionary, not made again
    assert [id(c) for c in made] == [id(a), id(b)]
    made.clear()
    gone = weakref.ref(a)
    del a
    gc.collect()
    assert gone() is None and len(store.values) == 1


def test_a_catalog_without_weak_references_gets_a_fresh_value_each_time():
    store = PerCatalog(lambda c: [c])
    frozen = (1, 2)  # tuples cannot be weakly referred to
    assert store.get(frozen) == [frozen] and store.get(frozen) is not store.get(frozen)

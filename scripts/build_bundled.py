#!/usr/bin/env python3
"""Save the bundled catalog (shipped page merged with the fact tables) as catalog/data/bundled-catalog.marshal.

`errcode explain` loads it instead of parsing Markdown at start-up; it is written in the same
snapshot format as the user's `errcode catalog update` snapshot (catalog/snapshot.py).  Run after
changing the page, the fact tables, facts.py, any module of catalog/parse/, catalog.py, model.py or snapshot.py; a
test fails while it is stale.
"""

from __future__ import annotations

from ohos_errcode.catalog import Catalog
from ohos_errcode.catalog.bundled import bundled_snapshot_path, write_bundled_snapshot

if __name__ == "__main__":
    cat = Catalog.build()
    if cat.errors:
        raise SystemExit(f"the bundled page does not parse cleanly: {cat.errors}")
    write_bundled_snapshot(cat)
    print(f"wrote {len(cat.entries)} entries and {len(cat.symbols())} names to {bundled_snapshot_path()}")

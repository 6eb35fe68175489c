#!/usr/bin/env python3
"""Save the bundled catalog (shipped page merged with the fact tables) as catalog/data/bundled-catalog.marshal.

`errcode explain` loads it instead of parsing Markdown at start-up.  Run after changing the
page, the fact tables, facts.py, catalog.py, model.py or any module of catalog/parse/; a test fails while it is stale.
"""

from __future__ import annotations

import marshal

from ohos_errcode.catalog import Catalog
from ohos_errcode.catalog.catalog import SNAPSHOT_NAME, snapshot_data
from ohos_errcode.catalog.facts import DATA_DIR

if __name__ == "__main__":
    cat = Catalog.load(snapshot=False)
    if cat.errors:
        raise SystemExit(f"the bundled page does not parse cleanly: {cat.errors}")
    data = snapshot_data(cat)
    out = DATA_DIR / SNAPSHOT_NAME
    out.write_bytes(marshal.dumps(data, 4))
    print(f"wrote {len(data['entries'])} entries and {len(data['symbols'])} names to {out}")

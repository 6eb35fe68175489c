#!/usr/bin/env python3
"""Save the bundled catalog (shipped page merged with the fact tables) as catalog/data/bundled-catalog.json.

`errcode explain` loads it instead of parsing Markdown at start-up.  Run after changing the
page, the fact tables, facts.py, parse.py or catalog.py; a test fails while it is stale.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from ohos_errcode.catalog import Catalog
from ohos_errcode.catalog.catalog import SNAPSHOT_FORMAT, SNAPSHOT_NAME, snapshot_fingerprint
from ohos_errcode.catalog.facts import DATA_DIR


def build() -> dict:
    cat = Catalog.load(snapshot=False)
    if cat.errors:
        raise SystemExit(f"the bundled page does not parse cleanly: {cat.errors}")
    rows = []
    for e in cat.entries:
        d = asdict(e)
        if e.origin == "page":
            d["source"] = ""  # filled in with the installed path at load time
        rows.append(d)
    return {
        "format": SNAPSHOT_FORMAT,
        "fingerprint": snapshot_fingerprint(),
        "entries": rows,
        "symbols": cat.symbols(),
        "symbol_of": {str(k): v for k, v in cat.symbol_map().items()},
    }


if __name__ == "__main__":
    data = build()
    out = DATA_DIR / SNAPSHOT_NAME
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(data['entries'])} entries and {len(data['symbols'])} names to {out}")

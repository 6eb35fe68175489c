#!/usr/bin/env python3
"""Pre-parse the shipped Image Kit page into catalog/data/errorcode-image.entries.json.

Run after changing the page or the parser; tests/catalog/test_catalog.py fails while the
JSON is out of step.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from ohos_errcode.catalog.catalog import CACHE_FORMAT, bundled_entries, bundled_page_path


def build() -> dict:
    path = bundled_page_path()
    entries, errors = bundled_entries(use_cache=False)
    if errors:
        raise SystemExit(f"the bundled page does not parse cleanly: {errors}")
    rows = []
    for e in entries:
        d = asdict(e)
        d["source"] = ""
        rows.append(d)
    return {"format": CACHE_FORMAT, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "entries": rows}


if __name__ == "__main__":
    data = build()
    out = bundled_page_path().with_name("errorcode-image.entries.json")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(data['entries'])} entries to {out}")

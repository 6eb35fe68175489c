#!/usr/bin/env python3
"""Regenerate catalog/data/image-api.json: which Image Kit API throws which code, from
../shared/ohos-sdk (interface_sdk-js `@ohos.multimedia.image.d.ts` + `@kit.ImageKit`, and the
Image C headers), with the same importers `errcode catalog update` uses for every kit.

    python scripts/import_api_facts.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT.parent))
SDK = ROOT.parent / "shared" / "ohos-sdk"
IMAGE_MODULES = {"@ohos.multimedia.image"}
IMAGE_HEADERS = ("multimedia/image_framework/",)


def main() -> int:
    from ohos_errcode.catalog.api.table import DATA_FILE, build_table, write_table

    if not SDK.is_dir():
        print(f"no {SDK}: nothing to import", file=sys.stderr)
        return 1
    table = build_table([SDK / "interface_sdk-js"], [SDK / "interface_sdk_c"], modules=IMAGE_MODULES,
                        c_headers=IMAGE_HEADERS)
    write_table(DATA_FILE, table)
    throwing = sum(1 for row in table["apis"] if row[5])
    print(f"wrote {len(table['apis'])} APIs ({throwing} with codes) and {len(table['c'])} C functions to {DATA_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

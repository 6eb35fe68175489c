#!/usr/bin/env python3
"""Regenerate the project's own fact tables in catalog/data/ from ../shared/ohos-docs.

The tables are facts (code numbers, C names, API versions, which source knows a code);
the reference pages themselves are not copied.  Run after ../shared changes:

    python scripts/import_facts.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "ohos-docs"
OUT = ROOT / "catalog" / "data"

# Facts from ../shared/REAL-USAGE.md §5/§6 that the TSVs do not carry.
EXTRA_SYMBOLS = [
    # name, value, enum_type, header, since
    ("IMAGE_RESULT_BASE", 62980096, "#define", "image_mdk_common.h", "10"),
    ("IMAGE_PERMISSIONS_FAILED", 202, "Image_ErrorCode", "framework image_common.h", ""),
    ("IMAGE_DECOMPOSE_FAILED", 7600208, "Image_ErrorCode", "framework image_common.h", ""),
    ("IMAGE_SOURCE_NOT_CARRY_THUMBNAIL", 7700303, "Image_ErrorCode", "framework image_common.h", ""),
    ("IMAGE_SOURCE_GENERATE_THUMBNAIL_FAILED", 7700305, "Image_ErrorCode", "framework image_common.h", ""),
    ("IMAGE_SOURCE_UNSUPPORTED_MIMETYPE", 7700102, "Image_ErrorCode", "framework image_common.h", ""),
    ("IMAGE_ALLOCATOR_MODE_UNSUPPROTED", 7600501, "Image_ErrorCode", "framework image_common.h", ""),
    ("BASE_MEDIA_ERR_OFFSET", 62980096, "constant", "media_errors.h", ""),
    ("ERR_IMAGE_DATA_ABNORMAL", 62980101, "constant", "media_errors.h", ""),
    ("ERR_IMAGE_INVALID_PARAMETER", 62980115, "constant", "media_errors.h", ""),
    ("ERR_MEDIA_TOO_LARGE", 62980127, "constant", "media_errors.h", ""),
    ("ERR_MEDIA_VALUE_INVALID", 62980135, "constant", "media_errors.h", ""),
    ("ERR_MEDIA_INVALID_OPERATION", 62980137, "constant", "media_errors.h", ""),
    ("ERR_MEDIA_WRITE_PARCEL_FAIL", 62980146, "constant", "media_errors.h", ""),
    ("ERR_MEDIA_INVALID_PARAM", 62980149, "constant", "media_errors.h", ""),
    ("ERR_IMAGE_CONFIG_FAILED", 62980249, "constant", "media_errors.h", ""),
    ("ERR_DMA_NOT_EXIST", 62980173, "constant", "media_errors.h", ""),
    ("ERR_IMAGE_PIXELMAP_CREATE_FAILED", 62980178, "constant", "media_errors.h", ""),
    ("ERR_EXIF_DECODE_FAILED", 62980274, "constant", "media_errors.h", ""),
    ("ERR_MEMORY_NOT_SUPPORT", 62980286, "constant", "media_errors.h", ""),
    ("ERR_MEMORY_COPY_FAILED", 62980302, "constant", "media_errors.h", ""),
    ("ERR_RESOURCE_UNAVAILABLE", 501, "constant", "media_errors.h", ""),
    ("COMMON_ERR_INVALID_PARAMETER", 401, "constant", "media_errors.h", ""),
    ("ERR_MEDIA_UNSUPPORT_OPERATION", 7600201, "constant", "media_errors.h", ""),
    ("ERR_IMAGE_INVALID_PARAM", 7600206, "constant", "media_errors.h", ""),
    ("ERR_MEDIA_MEMORY_ALLOC_FAILED", 7600301, "constant", "media_errors.h", ""),
    ("ERR_IMAGE_UNKNOWN_ERROR", 7600901, "constant", "media_errors.h", ""),
    ("ERR_IMAGE_WRITE_PROPERTY_FAILED", 7700304, "constant", "media_errors.h", ""),
    ("EFFECT_BAD_PARAMETER", 401, "EffectErrorCode", "effect_types.h", ""),
    ("EFFECT_UNSUPPORTED_OPERATION", 7600201, "EffectErrorCode", "effect_types.h", ""),
    ("EFFECT_UNKNOWN_ERROR", 7600901, "EffectErrorCode", "effect_types.h", ""),
]

# Where a header name contradicts the page (REAL-USAGE.md §6).
CONFLICTS = {
    62980259: "The reference page calls 62980259 a configuration error, but both C headers define this value as "
    "IMAGE_RESULT_FREAD_FAILED (IMAGE_RESULT_BASE + 163, a file read failure); the configuration constant "
    "IMAGE_RESULT_MEDIA_CONFIG_FAILED / ERR_IMAGE_CONFIG_FAILED is 62980249.",
    62980274: "The reference page calls 62980274 a conversion failure, but media_errors.h defines this value as "
    "ERR_EXIF_DECODE_FAILED (BASE_MEDIA_ERR_OFFSET + 178, EXIF decoding failed).",
}

# Names too generic to map (SUCCESS, ERROR) and success values are left out.
SKIP_NAMES = {"SUCCESS", "ERROR", "IMAGE_SUCCESS", "IMAGE_RESULT_SUCCESS"}


def main() -> int:
    if not SHARED.is_dir():
        print(f"no {SHARED}: nothing to import", file=sys.stderr)
        return 1
    symbols: dict[str, tuple] = {}
    for name in ("c-enum-codes.tsv", "c-enum-codes-sdk-header.tsv"):
        with open(SHARED / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["name"] in SKIP_NAMES:
                    continue
                old = symbols.get(row["name"])
                since = row["since"] or (old[4] if old else "")
                symbols[row["name"]] = (row["name"], int(row["value"]), row["enum_type"], row["header"], since)
    for row in EXTRA_SYMBOLS:
        symbols.setdefault(row[0], row)
    with open(OUT / "symbols.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["name", "value", "enum_type", "header", "since"])
        for row in sorted(symbols.values(), key=lambda r: (r[1], r[0])):
            w.writerow(row)
    with open(SHARED / "image-known-codes.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    with open(OUT / "image-known-codes.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "title", "symbols", "since", "sources", "conflict"])
        for row in rows:
            code = int(row["code"])
            w.writerow([code, row["title"], row["symbols"], row["since"], row["sources"], CONFLICTS.get(code, "")])
    print(f"wrote {len(symbols)} symbols and {len(rows)} known codes to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

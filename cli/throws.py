"""`errcode throws NAME`: the codes an API can throw (`createPixelMapList`,
`image.ImageSource.createPixelMapList`, `OH_ImageSourceNative_CreatePixelmap`)."""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub, common) -> None:
    p = sub.add_parser("throws", parents=[common], help="the error codes an API can throw (createPixelMap, OH_…)")
    p.add_argument("name", help="method or function: createPixelMap, image.ImageSource.createPixelMap, OH_…")


def cmd_throws(args: argparse.Namespace, color: bool, catalog) -> int:
    from ..catalog.api.index import api_index
    from ..catalog.api.render import throws_data, throws_text

    apis = api_index(catalog).find(args.name)
    if args.json:
        json.dump(throws_data(apis, catalog), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0 if apis else 1
    if not apis:
        print(f"errcode: no API named {args.name!r} is known (the bundled catalog knows Image Kit; "
              "`errcode catalog update` adds every kit)", file=sys.stderr)
        return 1
    print(throws_text(apis, catalog))
    return 0

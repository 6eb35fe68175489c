"""Why the JSON formats of `errcode check` use orjson: the same findings encoded by json and by orjson.

    python benchmarks/check_formats.py [TREE] [--runs 5]

Checks TREE (default: a 5 MiB tree made by check_throughput.generate) in this process, collects the
plain data the json and rdjsonl writers build for each file (what `formats.base.dumps_joined` is
given), then times, side by side in one run, the best of `--runs` of encoding all of it with
json's C encoder (`JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode`, made once) and
with `orjson.dumps`, and prints the
time per finding of each and their ratio.  Both give the same text.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))


def collect(tree: Path) -> dict[str, list[list]]:
    from ohos_errcode.catalog import Catalog
    from ohos_errcode.cli import check_run, formats
    from ohos_errcode.cli.formats import json_format, reviewdog
    from ohos_errcode.cli.walk import walk

    os.chdir(tree)
    files = walk(["."], cwd=tree).files
    check_run.STATE["catalog"] = Catalog.load()
    results = [check_run.check_file(sf)[0] for sf in files]
    out: dict[str, list[list]] = {}
    for fmt, module in (("json", json_format), ("rdjsonl", reviewdog)):
        batches: list[list] = []
        real = module.dumps_joined
        module.dumps_joined = lambda objs, sep, b=batches: (b.append(objs), "")[1]
        try:
            w = formats.writer(fmt, None, tree)
            w.prepare()
            for r in results:
                if r.findings:
                    w.render(r)
        finally:
            module.dumps_joined = real
        out[fmt] = batches
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tree", nargs="?")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="errcode-formats-") as tmp:
        tree = Path(args.tree).resolve() if args.tree else Path(tmp)
        if not args.tree:
            from check_throughput import generate

            generate(tree, 5.0)
        data = collect(tree)

    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # (made once: its fastest use)

    def stdlib(batch: list) -> str:
        return ",\n".join([encode(o) for o in batch])

    def fast(batch: list) -> str:
        return b",\n".join([orjson.dumps(o) for o in batch]).decode("utf-8")

    for fmt, batches in data.items():
        n = sum(len(b) for b in batches)
        assert all(stdlib(b) == fast(b) for b in batches), "json and orjson disagree"
        best = {"json": float("inf"), "orjson": float("inf")}
        for _ in range(args.runs):
            for name, enc in (("json", stdlib), ("orjson", fast)):
                t = time.perf_counter()
                for b in batches:
                    enc(b)
                best[name] = min(best[name], time.perf_counter() - t)
        print(f"{fmt}: {n} findings; json {best['json'] / n * 1e6:.2f} us, orjson {best['orjson'] / n * 1e6:.2f} us "
              f"per finding; json / orjson = {best['json'] / best['orjson']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

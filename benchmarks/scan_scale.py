#!/usr/bin/env python3
"""The scanner at the scale of the real reference: does the first analysis of a process pay for
the catalog's size?  Measured side by side in one run.

    python benchmarks/scan_scale.py [--compare PYTHON] [--keep DIR]

Builds the synthetic snapshot of benchmarks/catalog_scale.py (>= 4,000 entries per language,
>= 2,000 SDK codes: renumbered copies of ../shared) with `errcode catalog update`, then prints,
for this checkout (and `--compare PYTHON`'s, another checkout's environment) and for the bundled
catalog vs that snapshot:

- the first `analyze` of a process (the whole-file pass's search built for the catalog), in ms;
- `errcode check examples/` elapsed time (median of RUNS, default 7), and its ratio to the bundled;
- whether `errcode check --format json` gives the same findings under both checkouts, on
  tests/catalog/corpus, examples/ and ../shared/real-code/files (bundled, and with the snapshot).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import catalog_scale as cs  # noqa: E402

ROOT = cs.ROOT
RUNS = int(os.environ.get("RUNS", "7"))
FIRST = """
import time, sys
from ohos_errcode.catalog import Catalog
from ohos_errcode.catalog.analyze import analyze
cat = Catalog.load()
len(cat.codes())
text = open(sys.argv[1], encoding="utf-8").read()
t = time.perf_counter(); analyze(text, "ets", cat); a = time.perf_counter() - t
t = time.perf_counter(); analyze(text, "ets", cat); b = time.perf_counter() - t
print(f"{a * 1000:.1f} {b * 1000:.1f} {len(cat.codes())}")
"""


def first_analysis(python: str, env: dict, sample: Path) -> tuple[float, float, int]:
    out = subprocess.run([python, "-c", FIRST, str(sample)], env=env, check=True, capture_output=True, text=True).stdout
    a, b, n = out.split()
    return float(a), float(b), int(n)


def check(python: str, env: dict, tree: Path) -> tuple[float, str]:
    t = time.perf_counter()
    r = subprocess.run([python, "-m", "ohos_errcode.cli.main", "check", str(tree), "--format", "json", "--fail-on",
                        "never", "--no-progress"], env=env, capture_output=True, text=True, cwd=ROOT)
    return time.perf_counter() - t, r.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--compare", metavar="PYTHON", help="another checkout's python (e.g. the base of a change)")
    ap.add_argument("--keep", type=Path, help="build the synthetic snapshot here (reused when present)")
    args = ap.parse_args()
    if not (cs.SHARED / "ohos-docs").is_dir():
        print(f"skipped: needs {cs.SHARED}/ohos-docs and ohos-sdk (absent)")
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="errcode-scan-scale-"))
    try:
        cache = work / "cache"
        base_env = {k: v for k, v in os.environ.items() if k not in ("OHOS_SDK_HOME", "DEVECO_SDK_HOME")}
        base_env.update(ERRCODE_CONFIG=str(work / "none.toml"), NO_COLOR="1")
        if not any(cache.glob("*.snapshot")):
            work.mkdir(parents=True, exist_ok=True)
            cs.build_docs(work / "docs")
            cs.build_sdk_js(work / "sdk-js")
            shutil.copytree(cs.SHARED / "ohos-sdk" / "interface_sdk_c", work / "sdk-c")
            urls = {name: cs.repo(work / name) for name in ("docs", "sdk-js", "sdk-c")}
            errcode = str(Path(sys.executable).with_name("errcode"))
            subprocess.run([errcode, "catalog", "update", "--docs-repo", urls["docs"], "--sdk-js-repo", urls["sdk-js"],
                            "--sdk-c-repo", urls["sdk-c"]], env=dict(base_env, ERRCODE_CACHE=str(cache)), check=True,
                           capture_output=True)
        envs = {"bundled": dict(base_env, ERRCODE_CACHE=str(work / "empty-cache")),
                "snapshot": dict(base_env, ERRCODE_CACHE=str(cache))}
        pythons = {"this": sys.executable}
        if args.compare:
            pythons["compare"] = args.compare
        sample = ROOT / "examples" / "demo-app"
        sample_file = next(sample.rglob("*.ets"))
        for pname, py in pythons.items():
            for ename, env in envs.items():
                a, b, n = first_analysis(py, env, sample_file)
                print(f"{pname:8} {ename:9} ({n} codes): first analyze {a:.1f} ms, second {b:.2f} ms")
        for pname, py in pythons.items():
            times = {}
            for ename, env in envs.items():
                check(py, env, sample)
                times[ename] = statistics.median(check(py, env, sample)[0] for _ in range(RUNS))
            print(f"{pname:8} errcode check examples/demo-app: bundled {times['bundled'] * 1000:.0f} ms, snapshot "
                  f"{times['snapshot'] * 1000:.0f} ms, ratio {times['snapshot'] / times['bundled']:.2f}")
        if args.compare:
            trees = [ROOT / "tests" / "catalog" / "corpus", ROOT / "examples", cs.SHARED / "real-code" / "files"]
            for tree in trees:
                for ename, env in envs.items():
                    same = check(sys.executable, env, tree)[1] == check(args.compare, env, tree)[1]
                    print(f"findings on {tree.relative_to(tree.parents[1])} ({ename}): {'identical' if same else 'DIFFER'}")
        return 0
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

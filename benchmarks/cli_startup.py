#!/usr/bin/env python3
"""Start-up cost of `errcode explain 7700201` against `python -c pass`, and lookup/search speed.

Prints:
- the median wall time of each command over >= 20 alternating runs, and their ratio (target <= 2.0);
- the median microseconds of a number lookup and of a free-text search over every page in
  ../shared/ohos-docs (when present).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "ohos-docs"
RUNS = int(os.environ.get("RUNS", "25"))


def wall(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def micro(fn, n: int = 200) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter_ns()
        fn()
        times.append(time.perf_counter_ns() - t)
    return statistics.median(times) / 1000


def main() -> int:
    env = dict(os.environ, NO_COLOR="1")
    # An installed package has its bytecode compiled (pip does it at install time); measure that,
    # not a checkout whose environment forbids writing .pyc files.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    explain = [sys.executable, "-m", "ohos_errcode", "explain", "7700201"]
    bare = [sys.executable, "-c", "pass"]
    for _ in range(3):  # warm the file cache and write the bytecode
        wall(explain, env), wall(bare, env)
    a, b = [], []
    for _ in range(RUNS):
        a.append(wall(explain, env))
        b.append(wall(bare, env))
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"errcode explain 7700201: median {ma * 1000:.1f} ms over {RUNS} runs")
    print(f"python -c pass:          median {mb * 1000:.1f} ms over {RUNS} runs")
    print(f"start-up ratio: {ma / mb:.2f} (target <= 2.0)")

    from ohos_errcode.catalog import Catalog

    docs = []
    if SHARED.is_dir():
        docs = [SHARED]  # every page: English, Chinese and the newer Image Kit variants
    t = time.perf_counter()
    cat = Catalog.load(docs)
    load_ms = (time.perf_counter() - t) * 1000
    print(f"catalog: {len(cat.entries)} entries from {len(cat.pages)} pages, loaded in {load_ms:.1f} ms")
    print(f"number lookup (7700201):         median {micro(lambda: cat.lookup(7700201)):.1f} us")
    print(f"query('7700201'):                median {micro(lambda: cat.query('7700201')):.1f} us")
    print(f"free-text search 'shared memory': median {micro(lambda: cat.search('shared memory'), 50):.1f} us")
    print(f"free-text search '共享内存':       median {micro(lambda: cat.search('共享内存'), 50):.1f} us")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

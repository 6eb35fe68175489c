#!/usr/bin/env python3
"""Start-up cost of `errcode explain 7700201` against `python -c pass`, and lookup/search speed.

    python benchmarks/cli_startup.py [--compare PYTHON]   [env RUNS=25]

Prints:
- the median wall time of each command over >= 20 alternating runs, and their ratio (target <= 2.0);
- with `--compare PYTHON` (another checkout's environment, e.g. the commit before a change:
  `git worktree add /tmp/base REV && make -C /tmp/base setup`, then `--compare
  /tmp/base/.venv/bin/python`): that checkout's `explain 7700201` timed in the same rounds, and
  the quotient of the medians, wall and CPU (a cold start may not get worse by more than 5%);
- the median microseconds of a number lookup and of a free-text search over every page in
  ../shared/ohos-docs (when present).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "ohos-docs"
RUNS = int(os.environ.get("RUNS", "25"))


def wall(cmd: list[str], env: dict, cpu: list | None = None) -> float:
    """The command's wall time; its CPU time (user + system, of the child) appended to `cpu`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    took = time.perf_counter() - t
    if cpu is not None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return took


def micro(fn, n: int = 200) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter_ns()
        fn()
        times.append(time.perf_counter_ns() - t)
    return statistics.median(times) / 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--compare", metavar="PYTHON", help="also time this Python's `-m ohos_errcode explain 7700201`")
    args = ap.parse_args()
    env = dict(os.environ, NO_COLOR="1")
    # An installed package has its bytecode compiled (pip does it at install time); measure that,
    # not a checkout whose environment forbids writing .pyc files.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    explain = [sys.executable, "-m", "ohos_errcode", "explain", "7700201"]
    bare = [sys.executable, "-c", "pass"]
    other = [args.compare, "-m", "ohos_errcode", "explain", "7700201"] if args.compare else None
    # the other checkout imports its own package, whatever PYTHONPATH says
    other_env = dict(env, PYTHONPATH="") if other else None
    for _ in range(3):  # warm the file cache and write the bytecode
        wall(explain, env), wall(bare, env)
        if other:
            wall(other, other_env)
    a, b, c = [], [], []
    a_cpu, c_cpu = [], []
    for _ in range(RUNS):
        a.append(wall(explain, env, a_cpu))
        b.append(wall(bare, env))
        if other:
            c.append(wall(other, other_env, c_cpu))
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"errcode explain 7700201: median {ma * 1000:.1f} ms over {RUNS} runs")
    print(f"python -c pass:          median {mb * 1000:.1f} ms over {RUNS} runs")
    print(f"start-up ratio: {ma / mb:.2f} (target <= 2.0)")
    if other:
        mc = statistics.median(c)
        qa, qc = statistics.median(a_cpu), statistics.median(c_cpu)
        print(f"{args.compare} explain 7700201: median {mc * 1000:.1f} ms wall, {qc * 1000:.1f} ms CPU")
        print(f"this / compared: wall {ma / mc:.2f}, CPU {qa / qc:.2f} (this: {qa * 1000:.1f} ms CPU; "
              "target <= 1.05)")

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

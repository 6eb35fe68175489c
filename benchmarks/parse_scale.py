#!/usr/bin/env python3
"""How reading a page scales with its size, side by side with markdown-it-py's own tokenizer and
with the parser of an earlier revision.

    .venv/bin/python benchmarks/parse_scale.py [REV]      (REV default 66c1401; SIZES=5000,10000,20000)

For pages of N short, well-formed entries (10,000 make ~1.1 MB) it prints, each the best of REPEATS
runs measured in this one process, in CPU seconds (steadier than wall time on a shared machine):
- `tokenizer`: markdown-it-py's `parse` of the page (what any reading costs at least);
- `now` and `REV`: `parse_page` of the working tree and of REV;
- the ratios now / tokenizer, REV / tokenizer and REV / now;
- per parser, the time of the largest page over that of the smallest against the ratio of their sizes
  (linear growth gives the same number; a quadratic part gives its square).
And the parsing `errcode catalog validate --docs PAGE` does for the largest page: at 66c1401 it read
the page when loading and then parsed it twice more (`parse_page`, `heading_codes`); now once.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SIZES = [int(x) for x in os.environ.get("SIZES", "5000,10000,20000").split(",")]
REPEATS = int(os.environ.get("REPEATS", "3"))


def page(entries: int) -> str:
    """A well-formed page of short entries (10,000 of them make about 1.1 MB); tests use it too."""
    out = ["# Big Error Codes", ""]
    for i in range(entries):
        out += [f"## {10_000_000 + i} Failure {i}", "", "**Error Message**", "", f"Failed {i}.", "",
                "**Possible Causes**", "", "Bad input.", "", "**Solution**", "", "Retry.", ""]
    return "\n".join(out)


def best(fn) -> float:
    times = []
    for _ in range(REPEATS):
        gc.collect()
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def main(argv: list[str]) -> int:
    rev = argv[0] if argv else "66c1401"
    sys.path.insert(0, str(ROOT / "scripts"))
    from compare_parse import load_parser
    from ohos_errcode.catalog import parse as now
    from ohos_errcode.catalog.parse.tokens import markdown

    with tempfile.TemporaryDirectory() as tmp:
        old = load_parser(rev, Path(tmp))
        rows = []
        for n in SIZES:
            text = page(n)
            assert len(now.parse_page(text, "big/errorcode-big.md")[0]) == n
            t_tok = best(lambda: markdown().parse(text))
            t_now = best(lambda: now.parse_page(text, "big/errorcode-big.md"))
            t_old = best(lambda: old.parse_page(text, "big/errorcode-big.md"))
            rows.append((n, len(text), t_tok, t_now, t_old))
        big = Path(tmp) / "errorcode-big.md"
        big.write_text(text, encoding="utf-8")
        v_now = best(lambda: now.read_page(big))
        v_old = best(lambda: (old.read_page(big), old.parse_page(text, str(big)), old.heading_codes(text)))
    print(f"{'entries':>8} {'bytes':>9} {'tokenizer':>9} {'now':>7} {rev:>8}   now/tok {rev}/tok {rev}/now")
    for n, size, t_tok, t_now, t_old in rows:
        print(f"{n:>8} {size:>9} {t_tok:>8.2f}s {t_now:>6.2f}s {t_old:>7.2f}s   {t_now / t_tok:>7.2f} "
              f"{t_old / t_tok:>7.2f} {t_old / t_now:>7.2f}")
    (n0, s0, *first), (n1, s1, *last) = rows[0], rows[-1]
    print(f"growth from {n0} to {n1} entries ({s1 / s0:.2f}x the bytes): tokenizer {last[0] / first[0]:.2f}x, "
          f"now {last[1] / first[1]:.2f}x, {rev} {last[2] / first[2]:.2f}x")
    print(f"validate's parsing of the {n1}-entry page: now {v_now:.2f}s, {rev} {v_old:.2f}s ({v_old / v_now:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

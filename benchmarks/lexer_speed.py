"""Lexer speed: every line of a corpus lexed with `lex_line`, the way each caller lexes.

Modes: `full` (literals and segments: the language server's `IncrementalScanner`), `cand` (only the
literals that can count: `errcode check`'s `lex_relevant`), `segments` (`literals=False`: the API
rule's code-only text).  The corpus: generated ArkTS and C/C++ files (`check_throughput.py`'s
generators) and, when present, ../shared/real-code/files.  Prints the best CPU time of `--runs`
rounds per language and mode, in microseconds per line.

    .venv/bin/python benchmarks/lexer_speed.py
    .venv/bin/python benchmarks/lexer_speed.py --against /work/main   # side by side, ratios
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

MODES = {"full": (False, True), "cand": (True, True), "segments": (True, False)}  # (cand_only, literals)


def corpus(funcs: int) -> dict[str, list[str]]:
    """Lines per language: generated files, and the real ones when the shared data is there."""
    from check_throughput import cpp_file, ets_file

    from ohos_errcode.catalog.scan import language_of, split_lines

    rng = random.Random(3)
    texts = {"arkts": [ets_file(rng, funcs) for _ in range(4)], "c": [cpp_file(rng, funcs) for _ in range(4)]}
    real = ROOT.parent / "shared" / "real-code" / "files"
    if real.is_dir():
        for p in sorted(real.rglob("*")):
            lang = language_of(str(p)) if p.is_file() else None
            if lang:
                texts[lang].append(p.read_text(encoding="utf-8", errors="replace"))
    return {lang: [line for t in ts for line in split_lines(t)[0]] for lang, ts in texts.items()}


def measure(funcs: int, runs: int) -> dict[str, float]:
    from ohos_errcode.catalog.scan import START, lex_line

    out: dict[str, float] = {}
    for lang, lines in corpus(funcs).items():
        for mode, (cand, lits) in MODES.items():
            best = float("inf")
            for _ in range(runs):
                t0 = time.process_time()
                state = START
                for line in lines:
                    state = lex_line(line, state, lang, cand, lits)[2]
                best = min(best, time.process_time() - t0)
            out[f"{lang} {mode}"] = best / len(lines) * 1e6
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--funcs", type=int, default=300, help="functions per generated file (4 files per language)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3, help="with --against: alternate the two this many times")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON (for --against)")
    ap.add_argument("--against", metavar="WORKTREE", help="also run this script with WORKTREE/.venv/bin/python")
    args = ap.parse_args(argv)
    size = ["--funcs", str(args.funcs), "--runs", str(args.runs)]
    if not args.against:
        got = measure(args.funcs, args.runs)
        if args.json:
            print(json.dumps(got))
        else:
            for k, v in got.items():
                print(f"{k:<14} {v:7.2f} us/line")
        return 0
    other = str(Path(args.against) / ".venv" / "bin" / "python")
    mine: dict[str, float] = {}
    theirs: dict[str, float] = {}
    for _ in range(args.rounds):  # alternated, the best of each kept: both see the same machine load
        for python, into in ((other, theirs), (sys.executable, mine)):
            got = json.loads(subprocess.run([python, __file__, "--json", *size], check=True, capture_output=True,
                                            text=True).stdout)
            for k, v in got.items():
                into[k] = min(into.get(k, v), v)
    print(f"{'us/line (CPU)':<14} {'against':>8} {'this':>8} {'ratio':>6}")
    for k in mine:
        print(f"{k:<14} {theirs[k]:8.2f} {mine[k]:8.2f} {mine[k] / theirs[k]:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

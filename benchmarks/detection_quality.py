"""Precision and recall of the error-code detector on ../shared/real-code (labelled real files).

    python benchmarks/detection_quality.py [--shared /work/shared] [--bundled-only] [--quiet]

Builds the snapshot from the shared data the way a user does (`errcode catalog update` with the
shared docs pages as a local docs folder and the shared SDK folders, into a temporary ERRCODE_CACHE),
loads the catalog with it, runs `catalog.analyze` on every file of real-code/files, and matches the
findings to real-code/labels.tsv.

How rows count:
- a finding of rule `known-error-code` or `unknown-error-code` "reports" the literal whose digit
  (the label's line and UTF-16 column) its range covers;
- `error-code` rows must be reported (recall); a reported `not-error-code` row is a false positive;
- `named-constant` rows (the value in a definition naming a code, `ERR_X = 401`) are neither
  required nor an error: reporting the value where a code is defined is as right as not; they are
  counted apart (how many are reported) and enter neither figure;
- a finding on a literal without a row: on a whole-number string (`'123456'`) it is a false positive
  (the README: such strings were left out because they are not codes); elsewhere (a comment, a
  code inside a longer string: not labelled) it is listed as unlabelled and not counted.

Also prints the bundled-only figures (the catalog without any snapshot).  The test
tests/catalog/test_detection_quality.py asserts the floor with the shared snapshot.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ERRCODE_SHARED", ROOT.parent / "shared"))
CODE_RULES = ("known-error-code", "unknown-error-code")


@dataclass
class Row:
    file: str
    line: int  # 1-based
    column: int  # UTF-16
    literal: str
    label: str
    kit: str
    context: str


@dataclass
class Result:
    tp: list = field(default_factory=list)
    fn: list = field(default_factory=list)
    fp: list = field(default_factory=list)
    named_found: int = 0
    named_total: int = 0
    unlabelled: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        n = len(self.tp) + len(self.fp)
        return len(self.tp) / n if n else 1.0

    @property
    def recall(self) -> float:
        n = len(self.tp) + len(self.fn)
        return len(self.tp) / n if n else 1.0


def read_labels(shared: Path) -> list[Row]:
    with open(shared / "real-code" / "labels.tsv", encoding="utf-8", newline="") as fh:
        return [Row(r["file"], int(r["line"]), int(r["column"]), r["literal"], r["label"], r["kit"], r["context"])
                for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


def language(name: str) -> str:
    return "c" if name.rsplit(".", 1)[-1] in ("h", "c", "cpp", "cc", "hpp") else "arkts"


def utf16_to_cp(line: str, col16: int) -> int:
    units = 0
    for i, ch in enumerate(line):
        if units >= col16:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


def build_snapshot(shared: Path, cache: Path) -> None:
    """`errcode catalog update` from the shared pages (a local docs folder) and the shared SDK."""
    sys.path.insert(0, str(ROOT / "tests" / "cli"))
    from update_fixtures import docs_pages  # the pages at their real docs paths

    docs = cache.parent / "docs-folder"
    for src, dst in docs_pages(shared):
        target = docs / dst
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    env = dict(os.environ, ERRCODE_CACHE=str(cache), ERRCODE_CONFIG=str(cache / "no-config.toml"))
    errcode = Path(sys.executable).with_name("errcode")
    sdk = shared / "ohos-sdk"
    subprocess.run([str(errcode), "catalog", "update", "--docs-repo", str(docs),
                    "--sdk-js-repo", str(sdk / "interface_sdk-js"), "--sdk-c-repo", str(sdk / "interface_sdk_c")],
                   env=env, check=True, capture_output=True, text=True, timeout=240)


def load_catalog(cache: Path | None):
    """The catalog as the faces load it: bundled + the snapshot in `cache` (None: bundled only)."""
    from ohos_errcode.catalog import Catalog

    old = os.environ.get("ERRCODE_CACHE")
    os.environ["ERRCODE_CACHE"] = str(cache if cache is not None else Path(tempfile.gettempdir()) / "errcode-no-cache")
    try:
        return Catalog.load()
    finally:
        if old is None:
            del os.environ["ERRCODE_CACHE"]
        else:
            os.environ["ERRCODE_CACHE"] = old


def measure(catalog, shared: Path) -> Result:
    from ohos_errcode.catalog.analyze import analyze

    rows = read_labels(shared)
    by_file: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_file[r.file].append(r)
    files = sorted((shared / "real-code" / "files").iterdir())
    res = Result()
    for path in files:
        rel = f"files/{path.name}"
        text = path.read_bytes().decode("utf-8")
        lines = text.split("\n")
        found = [f for f in analyze(text, language(path.name), catalog) if f.rule in CODE_RULES]
        used: set[int] = set()
        for r in by_file.get(rel, ()):
            line = lines[r.line - 1]
            cp = utf16_to_cp(line, r.column)
            hit = None
            for k, f in enumerate(found):
                s, e = f.range.start, f.range.end
                if s.line == r.line - 1 and s.character <= cp < max(e.character, s.character + 1):
                    hit = k
                    break
            if hit is not None:
                used.add(hit)
            item = (r, line.strip(), found[hit] if hit is not None else None)
            if r.label == "error-code":
                (res.tp if hit is not None else res.fn).append(item)
            elif r.label == "not-error-code":
                if hit is not None:
                    res.fp.append(item)
            else:
                res.named_total += 1
                res.named_found += hit is not None
        for k, f in enumerate(found):
            if k in used:
                continue
            line = lines[f.range.start.line]
            a, b = f.range.start.character, f.range.end.character
            before, after = line[a - 1:a] if a else "", line[b:b + 1]
            whole_string = before in "'\"`" and before and after == before
            r = Row(rel, f.range.start.line + 1, a, line[a:b], "(no row)", "", "")
            (res.fp if whole_string else res.unlabelled).append((r, line.strip(), f))
    return res


def _slice(items, key) -> dict:
    out: dict = defaultdict(int)
    for it in items:
        out[key(it[0])] += 1
    return out


def report(name: str, res: Result, *, quiet: bool = False) -> None:
    print(f"== {name}: precision {res.precision:.4f} ({len(res.tp)} / {len(res.tp) + len(res.fp)}), "
          f"recall {res.recall:.4f} ({len(res.tp)} / {len(res.tp) + len(res.fn)}); "
          f"named constants reported {res.named_found} / {res.named_total}; unlabelled findings {len(res.unlabelled)}")
    for title, key in (("language", lambda r: language(r.file)), ("kit", lambda r: r.kit or "(no row)")):
        tp, fn, fp = _slice(res.tp, key), _slice(res.fn, key), _slice(res.fp, key)
        print(f"   by {title}:")
        for k in sorted(set(tp) | set(fn) | set(fp)):
            p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 1.0
            rc = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 1.0
            print(f"     {k:20} precision {p:.3f} recall {rc:.3f}  (tp {tp[k]}, fn {fn[k]}, fp {fp[k]})")
    if quiet:
        return
    for title, items in (("misses", res.fn), ("false positives", res.fp), ("unlabelled findings", res.unlabelled)):
        print(f"   {title} ({len(items)}):")
        for r, line, f in items:
            short = r.file.split("__")[-1]
            extra = f"  [{f.rule}: {f.message[:80]}]" if f is not None else ""
            print(f"     {short}:{r.line}:{r.column} {r.literal} ({r.kit}) {r.context or line[:90]}{extra}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--bundled-only", action="store_true", help="skip the snapshot build")
    ap.add_argument("--quiet", action="store_true", help="figures only, no lists")
    args = ap.parse_args(argv)
    if not (args.shared / "real-code" / "labels.tsv").is_file():
        print(f"no real-code corpus under {args.shared}", file=sys.stderr)
        return 2
    report("bundled catalog only", measure(load_catalog(None), args.shared), quiet=args.quiet or not args.bundled_only)
    if args.bundled_only:
        return 0
    with tempfile.TemporaryDirectory(prefix="errcode-quality-") as tmp:
        cache = Path(tmp) / "cache"
        build_snapshot(args.shared, cache)
        report("with the shared snapshot", measure(load_catalog(cache), args.shared), quiet=args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The rule `code-not-thrown-here` on ../shared/real-code: what it reports, per language, with the
bundled catalog and with the snapshot `errcode catalog update` builds from the shared SDK and pages.

Prints, for the C/C++ files and for the ArkTS/TS/JS files: the calls seen and resolved, the handler
regions (C: an `OH_*` call's returned code compared afterwards) that compare codes and could be
judged (every call resolved to APIs that document their codes), and every finding with its line and
the corpus label of the literal (labels.tsv), to be read by hand: a finding is right when the code
can indeed not come from the call.

    .venv/bin/python benchmarks/not_thrown_precision.py [--c-only]
"""

from __future__ import annotations

import csv
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "real-code"


def catalogs():
    from ohos_errcode.catalog import Catalog
    from ohos_errcode.catalog import snapshot as snap
    from ohos_errcode.catalog.bundled import bundled_layer
    from ohos_errcode.catalog.compile import compile_snapshot
    from ohos_errcode.catalog.layers import Layers

    yield "bundled", Catalog.load()
    sdk = SHARED / "ohos-sdk"
    path = str(Path(tempfile.mkdtemp()) / "catalog.snapshot")
    compile_snapshot(path, docs=[SHARED / "ohos-docs"], sdk_js=[sdk / "interface_sdk-js"],
                     sdk_c=[sdk / "interface_sdk_c"], info={})
    yield "shared snapshot", Catalog(layers=Layers([bundled_layer(), snap.Snapshot(path)]))


def labels() -> dict[tuple[str, int], list[dict]]:
    with open(CORPUS / "labels.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    out: dict = {}
    for r in rows:
        out.setdefault((Path(r["file"]).name, int(r["line"]) - 1), []).append(r)
    return out


def main() -> int:
    from ohos_errcode.catalog.analyze import analyze
    from ohos_errcode.catalog.api.rule import file_apis, throwable
    from ohos_errcode.catalog.scan import language_of, split_lines

    c_only = "--c-only" in sys.argv
    marks = labels()
    files = sorted(p for p in (CORPUS / "files").iterdir() if p.is_file())
    for name, cat in catalogs():
        for lang_name, want in (("C/C++", "c"), ("ArkTS/TS/JS", "arkts")):
            if c_only and want != "c":
                continue
            seen = Counter()
            found = []
            for p in files:
                lang = language_of(p.name)
                if (lang == "c") != (want == "c") or lang is None:
                    continue
                text = p.read_text(encoding="utf-8", errors="replace")
                lines = split_lines(text)[0]
                seen["files"] += 1
                apis = file_apis(lines, lang, cat)
                if apis is not None:
                    calls = [c for c in apis.calls if c.kind != "builtin"]
                    seen["calls"] += len(calls)
                    seen["resolved"] += sum(c.kind == "exact" for c in calls)
                    regions = [r for _, rs in apis.chunk_regions for r in rs if r.codes]
                    seen["regions comparing codes"] += len(regions)
                    seen["judged"] += sum(throwable(r) is not None for r in regions)
                for f in analyze(text, lang, cat):
                    if f.rule == "code-not-thrown-here":
                        line = f.range.start.line
                        lab = [r["label"] for r in marks.get((p.name, line), ()) if r["value"] == str(abs(f.code))]
                        found.append((p.name, line + 1, lab[0] if lab else "-", f.message, lines[line].strip()))
            print(f"== {name}, {lang_name}: " + ", ".join(f"{k} {v}" for k, v in seen.items())
                  + f"; findings {len(found)}")
            for fname, line, lab, msg, src in found:
                print(f"   {fname}:{line} [{lab}] {msg}\n      | {src[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

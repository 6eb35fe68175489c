#!/usr/bin/env python3
"""Compare the page parser of a git revision with the working tree's, entry for entry.

    .venv/bin/python scripts/compare_parse.py [REV] [PAGE_OR_FOLDER ...]

REV defaults to the merge base with main; pages default to every Markdown file in
../shared/ohos-docs (en, zh-cn, variants), the bundled page and tests/catalog/fixtures.  Each page is
also read in altered forms (blank lines removed, CRLF line ends, the first entry heading without its
space, cut in half, lines shuffled) so that the error paths are compared too.  For each text both
parsers' `parse_page` (str and bytes), `heading_codes` and, for files, `read_page` must return equal
entries and equal errors.  Prints a summary; exits 1 on the first difference.
"""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout


def load_parser(rev: str, into: Path):
    """The revision's `catalog/parse` (a module or a package) as `ohos_errcode.catalog.parse_at_rev`."""
    name = "ohos_errcode.catalog.parse_at_rev"
    files = _git("ls-tree", "-r", "--name-only", rev, "catalog/").split()
    if "catalog/parse.py" in files:
        target = into / "parse_at_rev.py"
        target.write_text(_git("show", f"{rev}:catalog/parse.py"))
        spec = importlib.util.spec_from_file_location(name, target)
    else:
        pkg = into / "parse_at_rev"
        for f in files:
            if f.startswith("catalog/parse/") and f.endswith(".py"):
                dest = pkg / f[len("catalog/parse/"):]
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(_git("show", f"{rev}:{f}"))
        spec = importlib.util.spec_from_file_location(name, pkg / "__init__.py", submodule_search_locations=[str(pkg)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def default_pages() -> list[Path]:
    pages = sorted((ROOT.parent / "shared" / "ohos-docs").rglob("*.md"))
    pages += [ROOT / "catalog" / "data" / "errorcode-image.md"]
    pages += sorted((ROOT / "tests" / "catalog" / "fixtures").rglob("*.md"))
    return pages


# headings whose anchors and titles take the parser's less common paths
TRICKY_HEADINGS = "\n\n".join([
    "# Tricky", "## 1 plain", "## 2\t*tab* sep\t", "## 3\u3000*ideographic* space", "## 4\x1c_foo_ control sep",
    "## 5 _foo_\x1c", "## 6 title ##", "## 7 #", "## 8 ##  #", "## -9 <sup>(deprecated)</sup> `code` [l](u) \\* x",
    "## 010 a\\", "### 11 [ref] x", "[ref]: https://x", "## 12 \\_a_ *b*  ", "## 13", "## 13 same", "## 13 same",
    "**Error Message**", "x",
])


def altered(text: str, seed: int) -> list[str]:
    lines = text.split("\n")
    out = ["\n".join(x for x in lines if x.strip()), text.replace("\n", "\r\n"), text[: len(text) // 2]]
    for k, line in enumerate(lines):
        if line.startswith("## "):
            out.append("\n".join(lines[:k] + ["##" + line[3:]] + lines[k + 1:]))
            break
    rnd = random.Random(seed)
    for _ in range(3):
        shuffled = lines[:]
        rnd.shuffle(shuffled)
        out.append("\n".join(shuffled))
    return out


def main(argv: list[str]) -> int:
    rev = argv[0] if argv else _git("merge-base", "HEAD", "main").strip()
    paths = [Path(a) for a in argv[1:]]
    pages = [f for p in paths for f in (sorted(p.rglob("*.md")) if p.is_dir() else [p])] or default_pages()
    from ohos_errcode.catalog import parse as new

    with tempfile.TemporaryDirectory() as tmp:
        old = load_parser(rev, Path(tmp))
        texts = compared = 0
        for n, page in enumerate([None, *pages]):
            raw = TRICKY_HEADINGS.encode() if page is None else page.read_bytes()
            name = "tricky/errorcode-tricky.md" if page is None else str(page)
            checks = [] if page is None else [("read_page", lambda m: m.read_page(page))]
            variants = [raw.decode("utf-8-sig", "replace")]
            variants += altered(variants[0], n)
            for k, text in enumerate(variants):
                checks.append((f"parse_page #{k}", lambda m, t=text: m.parse_page(t, name)))
                checks.append((f"parse_page bytes #{k}", lambda m, t=text: m.parse_page(t.encode(), name)))
                checks.append((f"heading_codes #{k}", lambda m, t=text: m.heading_codes(t)))
            checks.append(("parse_page with kit", lambda m: m.parse_page(
                variants[0], name, kit="apis-x-kit", kit_name="X Kit", language="en", url_base="https://x/y")))
            for what, call in checks:
                a, b = call(old), call(new)
                if a != b:
                    print(f"DIFFERENT: {name} {what}\n  {rev}: {a}\n  now: {b}")
                    return 1
                compared += 1
            texts += len(variants)
    print(f"identical: {len(pages)} pages ({texts} texts with their altered forms), {compared} results compared with {rev}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

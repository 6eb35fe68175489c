#!/usr/bin/env python3
"""Compile the scanner's hot modules (catalog/scan/native.py `MODULES`) with mypyc into build/native/.

    python scripts/build_native.py [--force] [--quiet]

`make setup` runs it.  The same source files are compiled (mypyc reads their type annotations);
`catalog/scan/native.py` loads the result only while every source is unchanged, so an edit never
runs stale code: run this again (or `make setup`) to compile the edited sources.  Without a C
compiler or mypyc the build is skipped with a note and the pure-Python scanner runs (same findings,
slower).  Exits 0 unless `--strict` is given and the build failed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from ohos_errcode.catalog.scan import native

ROOT = native.BUILD_DIR.parents[1]


def _stage(tmp: Path) -> Path:
    """A folder where the sources sit under their package names: mypy names a module after the
    folders holding it, and the checkout maps `ohos_errcode.catalog` to `catalog/` (pyproject.toml)."""
    pkg = tmp / "stage" / "ohos_errcode"
    pkg.mkdir(parents=True)
    shutil.copy(ROOT / "src" / "ohos_errcode" / "__init__.py", pkg / "__init__.py")
    os.symlink(ROOT / "catalog", pkg / "catalog")
    return pkg.parent


def missing() -> str | None:
    """What the build needs and this machine lacks (None: nothing)."""
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(cc) is None:
        return f"no C compiler ({cc}; on Debian: apt-get install gcc)"
    header = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not header.is_file():
        return f"no Python headers ({header}; on Debian: apt-get install python3-dev)"
    try:
        import mypyc  # noqa: F401
    except ImportError:
        return "no mypyc (pip install mypy, or make setup)"
    return None


def build(out: Path, quiet: bool) -> str:
    """Compile into a fresh folder beside `out`, then put it in place: `out` holds a whole build or none."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="native-", dir=out.parent) as tmp:
        tmp_path = Path(tmp)
        stage = _stage(tmp_path)
        lib = tmp_path / "lib"
        rel = Path(*native.PACKAGE.split("."))
        sources = [str(rel / f"{name}.py") for name in native.MODULES]
        cwd = os.getcwd()
        log = io.StringIO()
        os.chdir(stage)
        try:
            with contextlib.redirect_stdout(log) if quiet else contextlib.nullcontext():
                exts = mypycify(["--follow-imports=silent", "--ignore-missing-imports", *sources],
                                opt_level="3", group_name=native.GROUP, target_dir=str(tmp_path / "c"))
                dist = Distribution({"name": "ohos-errcode-native", "ext_modules": exts})
                cmd = dist.get_command_obj("build_ext")
                cmd.build_lib, cmd.build_temp = str(lib), str(tmp_path / "tmp")
                cmd.parallel = os.cpu_count() or 1
                dist.run_command("build_ext")
        finally:
            os.chdir(cwd)
        files = {}
        for module in native.EXTENSIONS:
            *parts, last = module.split(".")
            found = [p for p in (lib.joinpath(*parts)).glob(f"{last}.*") if p.suffix in (".so", ".pyd")]
            if len(found) != 1:
                raise RuntimeError(f"mypyc made no single extension for {module}: {found}")
            files[module] = str(found[0].relative_to(lib))
        (lib / native.MANIFEST).write_text(json.dumps(native.manifest(files), indent=1), encoding="utf-8")
        old = out.with_name(out.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if out.exists():
            out.rename(old)
        lib.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    return f"compiled {len(native.MODULES)} modules into {out}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--force", action="store_true", help="build even when the build is fresh")
    p.add_argument("--quiet", action="store_true", help="print only the outcome")
    p.add_argument("--strict", action="store_true", help="exit 1 when the build fails")
    args = p.parse_args(argv)
    out = native.BUILD_DIR
    files, why = native.check(out)
    if files is not None and not args.force:
        print(f"native build: up to date ({out})")
        return 0
    lack = missing()
    if lack is not None:
        print(f"native build: skipped, the pure-Python scanner runs: {lack}", file=sys.stderr)
        return 1 if args.strict else 0
    t = time.monotonic()
    try:
        done = build(out, args.quiet)
    except Exception as e:  # a compiler or mypyc that fails: the scanner the last build allows runs
        print(f"native build: failed ({type(e).__name__}: {e}); scanner: {native.check(out)[1]}", file=sys.stderr)
        return 1 if args.strict else 0
    files, why = native.check(out)
    if files is None:
        print(f"native build: made but not usable: {why}", file=sys.stderr)
        return 1 if args.strict else 0
    print(f"native build: {done} in {time.monotonic() - t:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The scanner's hot modules, compiled with mypyc when a build of the current sources is present.

`make setup` runs `scripts/build_native.py`, which compiles the modules of `MODULES` (these very
source files: there is no second copy of their logic) into `build/native/` of the checkout and
writes a manifest with a digest of each source.  When this package is imported, `install()` reads
that manifest: if every source is unchanged since the build and the extensions suit this
interpreter, a finder on `sys.meta_path` loads the compiled modules in place of the `.py` files.
Otherwise (no build: no compiler on the machine, an installed wheel; a source edited since the
build; another Python; `ERRCODE_PURE_PYTHON=1`) the `.py` files run, as they always can.  The
findings are the same either way (tests/catalog/test_native.py); the compiled scanner is faster.

A build never shadows an edited source: a `.so` beside a `.py` would, so the extensions live in
their own folder and are used only through the manifest's digests.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

PACKAGE = __name__.rpartition(".")[0]  # ohos_errcode.catalog.scan
# the modules compiled: the lexer and the passes over its lines (what `errcode check` spends its time in)
MODULES = ("lexer", "literals", "relevant", "rules", "context", "plausible", "names")
GROUP = f"{PACKAGE}.native"  # mypyc's group: its shared library is the module `GROUP + "__mypyc"`
# the modules a build holds: one extension each
EXTENSIONS = (*(f"{PACKAGE}.{name}" for name in MODULES), f"{GROUP}__mypyc")
SOURCE_DIR = Path(__file__).resolve().parent
BUILD_DIR = SOURCE_DIR.parents[1] / "build" / "native"  # in a checkout: <repo>/build/native
MANIFEST = "manifest.json"
PURE_ENV = "ERRCODE_PURE_PYTHON"

status = "pure Python: not checked yet"  # what `install` found (benchmarks/check_throughput.py prints it)


def digest(name: str, source_dir: Path = SOURCE_DIR) -> str:
    """The digest of module `name`'s source, as the manifest records it."""
    return hashlib.sha256((source_dir / f"{name}.py").read_bytes()).hexdigest()


def manifest(files: dict[str, str], source_dir: Path = SOURCE_DIR) -> dict:
    """The manifest of a build: the interpreter it suits, each source's digest, and the extension
    file (relative to the build's folder) of each compiled module."""
    return {
        "cache_tag": sys.implementation.cache_tag,
        "suffix": importlib.machinery.EXTENSION_SUFFIXES[0],
        "sources": {name: digest(name, source_dir) for name in MODULES},
        "files": files,
    }


def check(build_dir: Path = BUILD_DIR, source_dir: Path = SOURCE_DIR) -> tuple[dict[str, Path] | None, str]:
    """(the extension of each module to load, or None; why) for the build in `build_dir`."""
    path = build_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sources, files = data["sources"], data["files"]
        tag, suffix = data["cache_tag"], data["suffix"]
    except FileNotFoundError:
        return None, "pure Python: no compiled build (make setup builds one where a C compiler is installed)"
    except (OSError, ValueError, KeyError, TypeError) as e:
        return None, f"pure Python: the build's manifest {path} is unreadable ({e})"
    if tag != sys.implementation.cache_tag or suffix not in importlib.machinery.EXTENSION_SUFFIXES:
        return None, f"pure Python: the compiled build is for another Python ({tag})"
    if not isinstance(sources, dict) or set(sources) != set(MODULES):
        return None, "pure Python: the compiled build has other modules (run make setup)"
    for name in MODULES:
        try:
            same = sources[name] == digest(name, source_dir)
        except OSError:
            same = False
        if not same:
            return None, f"pure Python: {name}.py changed since the compiled build (run make setup)"
    found: dict[str, Path] = {}
    for module, rel in files.items() if isinstance(files, dict) else ():
        f = build_dir / str(rel)
        if not f.is_file():
            return None, f"pure Python: the compiled build lacks {rel} (run make setup)"
        found[module] = f
    if set(found) != set(EXTENSIONS):
        return None, "pure Python: the compiled build's files do not match its modules (run make setup)"
    return found, "compiled (mypyc)"


class _Finder:
    """Loads the listed modules from their compiled extensions (a meta path finder)."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(self, fullname: str, path=None, target=None):
        f = self.files.get(fullname)
        return None if f is None else importlib.util.spec_from_file_location(fullname, f)


def install() -> str:
    """Load the compiled modules from now on if the build is fresh (see the module's docstring);
    returns (and keeps in `status`) which scanner runs and why.  Called once, by the package, before
    its modules are imported."""
    global status
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        status = f"pure Python: {PURE_ENV} is set"
    else:
        files, status = check()
        if files is not None:
            finder = _Finder(files)
            sys.meta_path.insert(0, finder)
            try:  # all of them now: a build that does not load leaves the Python modules in place
                for module in files:
                    importlib.import_module(module)
            except Exception as e:  # noqa: BLE001 (an ImportError, or a module body that fails compiled)
                sys.meta_path.remove(finder)
                for module in files:
                    sys.modules.pop(module, None)
                status = f"pure Python: the compiled build does not load ({e})"
    return status

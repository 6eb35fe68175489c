"""The compiled scanner (catalog/scan/native.py, scripts/build_native.py): used only while its
build matches the sources, and giving the same findings as the Python modules it is compiled from."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import isolation
from ohos_errcode.catalog.scan import native

ROOT = Path(__file__).resolve().parents[2]


def _fake_build(tmp_path: Path, **change) -> tuple[Path, Path]:
    """A build folder whose manifest matches a copy of the sources (then `change` applied)."""
    src = tmp_path / "src"
    src.mkdir()
    for name in native.MODULES:
        shutil.copy(native.SOURCE_DIR / f"{name}.py", src / f"{name}.py")
    build = tmp_path / "build"
    files = {}
    for module in native.EXTENSIONS:
        rel = Path(*module.split(".")).with_suffix(".cpython-311-x86_64-linux-gnu.so")
        (build / rel).parent.mkdir(parents=True, exist_ok=True)
        (build / rel).write_bytes(b"")
        files[module] = str(rel)
    data = native.manifest(files, src) | change
    (build / native.MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    return build, src


def test_a_build_matching_the_sources_is_used(tmp_path):
    build, src = _fake_build(tmp_path)
    files, why = native.check(build, src)
    assert why == "compiled (mypyc)"
    assert set(files) == set(native.EXTENSIONS) == {
        *(f"ohos_errcode.catalog.scan.{n}" for n in ("lexer", "literals", "relevant", "rules", "context", "plausible", "names")),
        "ohos_errcode.catalog.scan.native__mypyc"}
    assert files[f"{native.PACKAGE}.lexer"] == build / "ohos_errcode/catalog/scan/lexer.cpython-311-x86_64-linux-gnu.so"


def test_an_edited_source_is_never_shadowed_by_its_old_build(tmp_path):
    build, src = _fake_build(tmp_path)
    with open(src / "rules.py", "a", encoding="utf-8") as f:
        f.write("\n# a new rule\n")
    assert native.check(build, src) == (None, "pure Python: rules.py changed since the compiled build (run make setup)")
    (src / "lexer.py").unlink()
    assert native.check(build, src) == (None, "pure Python: lexer.py changed since the compiled build (run make setup)")


@pytest.mark.parametrize("change, why", [
    ({"cache_tag": "cpython-312"}, "pure Python: the compiled build is for another Python (cpython-312)"),
    ({"suffix": ".cpython-312-x86_64-linux-gnu.so"}, "pure Python: the compiled build is for another Python (cpython-311)"),
    ({"sources": {"lexer": "0"}}, "pure Python: the compiled build has other modules (run make setup)"),
    ({"files": {}}, "pure Python: the compiled build's files do not match its modules (run make setup)"),
    ({"files": {"x": "gone.so"}}, "pure Python: the compiled build lacks gone.so (run make setup)"),
])
def test_a_build_for_something_else_is_not_used(tmp_path, change, why):
    if "cache_tag" not in change and sys.implementation.cache_tag != "cpython-311":
        change = change | {"cache_tag": sys.implementation.cache_tag}
    build, src = _fake_build(tmp_path, **change)
    if "suffix" in change:
        why = f"pure Python: the compiled build is for another Python ({sys.implementation.cache_tag})"
    assert native.check(build, src) == (None, why)


def test_no_build_or_a_broken_manifest_leaves_the_python_modules(tmp_path):
    files, why = native.check(tmp_path / "none", native.SOURCE_DIR)
    assert (files, why) == (None, "pure Python: no compiled build (make setup builds one where a C compiler is installed)")
    (tmp_path / native.MANIFEST).write_text("{not json", encoding="utf-8")
    files, why = native.check(tmp_path, native.SOURCE_DIR)
    assert files is None and why.startswith(f"pure Python: the build's manifest {tmp_path / native.MANIFEST} is unreadable (")


def _status(**env: str) -> list[str]:
    code = ("from ohos_errcode.catalog.scan import native, lexer, rules; "
            "print(native.status); print(lexer.__file__); print(rules.__file__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=isolation.isolated_env(**env))
    return out.stdout.splitlines()


def test_the_environment_variable_keeps_the_python_modules():
    status, lexer, rules = _status(ERRCODE_PURE_PYTHON="1")
    assert status == "pure Python: ERRCODE_PURE_PYTHON is set"
    assert (lexer, rules) == (str(native.SOURCE_DIR / "lexer.py"), str(native.SOURCE_DIR / "rules.py"))


@pytest.fixture(scope="module")
def compiled() -> None:
    files, why = native.check()
    if files is None:
        pytest.skip(f"no usable compiled build in {native.BUILD_DIR}: {why}")


def test_a_fresh_build_is_what_runs(compiled):
    status, lexer, rules = _status(ERRCODE_PURE_PYTHON="")
    assert status == "compiled (mypyc)"
    assert Path(lexer).parent == Path(rules).parent == native.BUILD_DIR / "ohos_errcode" / "catalog" / "scan"
    assert lexer.endswith(".so") and Path(lexer).name.startswith("lexer.")


def _check(paths: list[Path], pure: str, fmt: str) -> bytes:
    out = subprocess.run(
        [sys.executable, "-m", "ohos_errcode.cli.main", "check", *map(str, paths), "--format", fmt,
         "--min-severity", "hint", "--fail-on", "never", "--no-progress"],
        capture_output=True, check=True, env=isolation.isolated_env(ERRCODE_PURE_PYTHON=pure), cwd=ROOT,
    )
    return out.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_compiled_and_python_modules_report_the_same_bytes(compiled, fmt):
    trees = [ROOT / "examples", ROOT / "tests" / "catalog"]
    real = Path(isolation.SHARED) / "real-code" / "files"
    if real.is_dir():
        trees.append(real)
    compiled_out = _check(trees, "", fmt)
    assert compiled_out == _check(trees, "1", fmt)
    assert compiled_out.count(b'"ruleId"' if fmt == "sarif" else b'"rule"') > 100  # (findings to compare)


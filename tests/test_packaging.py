"""The wheel holds exactly the ohos_errcode tree plus its data, and works when installed for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Build from a clean copy: a stale build/ folder in the checkout must not leak into the wheel.
    src = tmp_path_factory.mktemp("src") / "ohos-errcode"
    shutil.copytree(
        ROOT, src,
        ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "build", "dist", ".cache", "*.egg-info", "__pycache__", ".*cache*"),
    )
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(src)],
        check=True,
        capture_output=True,
        cwd=tmp_path_factory.mktemp("cwd"),
    )
    [whl] = out.glob("ohos_errcode-*.whl")
    return whl


def test_wheel_contains_exactly_the_package_tree_and_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/", 1)[0] for n in names}
    assert tops == {"ohos_errcode", f"ohos_errcode-{wheel.name.split('-')[1]}.dist-info"}
    pkgs = {n.rsplit("/", 1)[0] for n in names if n.endswith("/__init__.py")}
    assert {"ohos_errcode", "ohos_errcode/catalog", "ohos_errcode/server", "ohos_errcode/slackbot", "ohos_errcode/cli", "ohos_errcode/mcpserver"} <= pkgs
    for data in ("errorcode-image.md", "bundled-catalog.marshal", "page-kits.tsv", "symbols.tsv", "image-known-codes.tsv", "NOTICE.md"):
        assert f"ohos_errcode/catalog/data/{data}" in names
    assert not any(n.startswith(("tests/", "server/", "catalog/", "benchmarks/")) for n in names)
    assert not any("__pycache__" in n for n in names)
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))
    ).decode()
    assert "errcode = ohos_errcode.cli.main:main" in entry_points


def test_non_editable_install_runs_from_the_installed_copy(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = dict(os.environ, PYTHONPATH=str(target), NO_COLOR="1")
    code = "import ohos_errcode.catalog as c, sys; print(c.__file__)"
    # -I would drop PYTHONPATH; -P keeps the cwd off sys.path instead, and cwd is outside the checkout.
    where = subprocess.run([sys.executable, "-P", "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert where.stdout.strip().startswith(str(target))
    run = subprocess.run(
        [sys.executable, "-P", "-m", "ohos_errcode", "explain", "7700201"],
        env=env, cwd=tmp_path, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("7700201 Unsupported Memory Allocation Type\n")

"""Shared fixtures: the repository root and ../shared (skipped with a reason where absent)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The user's catalog snapshot and compiled pages (`errcode catalog update`) never leak into tests:
# every test, and every command a test starts, sees an empty cache of its own.
os.environ["ERRCODE_CACHE"] = tempfile.mkdtemp(prefix="errcode-test-cache-")
SHARED = ROOT.parent / "shared"
SHARED_REASON = f"needs the shared test data folder {SHARED} (../shared beside the checkout), which is absent"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "ohos-docs").is_dir():
        pytest.skip(SHARED_REASON)
    return SHARED


@pytest.fixture(scope="session")
def catalog():
    """The bundled catalog (no extra pages)."""
    from ohos_errcode.catalog import Catalog

    return Catalog.load()


@pytest.fixture(scope="session")
def full_catalog(shared_dir):
    """Bundled catalog plus every English and Chinese page in ../shared/ohos-docs (not the variants)."""
    from ohos_errcode.catalog import Catalog

    docs = shared_dir / "ohos-docs"
    pages = sorted((docs / "en").glob("err*code*-*.md")) + sorted((docs / "zh-cn").glob("err*code*-*.md"))
    return Catalog.load(pages)

"""Shared fixtures: the isolated environment, the repository root and ../shared (skipped with a
reason where absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
import isolation

ROOT = Path(__file__).resolve().parents[1]

# No setting of the machine running the tests (ERRCODE_DOCS, ERRCODE_LANG, a config file, the
# user's snapshot cache, FORCE_COLOR …) reaches a test or a command it starts: tests/isolation.py.
isolation.isolate()
SHARED = Path(isolation.SHARED)


@pytest.fixture(autouse=True)
def isolated(monkeypatch):
    """Every test starts from the isolated environment, whatever an earlier test set."""
    for var in isolation.SETTINGS_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ERRCODE_CACHE", isolation.CACHE)
    monkeypatch.setenv("ERRCODE_CONFIG", isolation.NO_CONFIG)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not isolation.shared_present():
        pytest.skip(isolation.SHARED_REASON)
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

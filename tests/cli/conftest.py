"""Fixtures for `errcode catalog update`: git remotes built once per session from ../shared."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def git_remotes(shared_dir, tmp_path_factory):
    """A `git daemon` on 127.0.0.1 serving docs, sdk-js, sdk-c and docs-nofilter; its work trees too."""
    from update_fixtures import Daemon, build_repos

    base = tmp_path_factory.mktemp("remotes")
    repos = build_repos(shared_dir, base)
    daemon = Daemon(base)
    yield {"daemon": daemon, "base": base, "repos": repos, "work": base / "work"}
    daemon.stop()


@pytest.fixture(scope="session")
def updated_cache(git_remotes, tmp_path_factory):
    """A cache after one `errcode catalog update` from the daemon's three repositories."""
    from update_fixtures import errcode

    cache = tmp_path_factory.mktemp("updated") / "cache"
    d = git_remotes["daemon"]
    r = errcode("catalog", "update", "--docs-repo", d.url("docs"), "--sdk-js-repo", d.url("sdk-js"),
                "--sdk-c-repo", d.url("sdk-c"), cache=cache)
    assert r.returncode == 0, r.stderr
    return cache, r


@pytest.fixture()
def previous_snapshot(updated_cache, tmp_path):
    """A cache of this test's own holding the session's snapshot: (cache folder, the snapshot's bytes)."""
    import shutil

    cache = tmp_path / "cache"
    shutil.copytree(updated_cache[0], cache)
    return cache, (cache / "catalog.snapshot").read_bytes()

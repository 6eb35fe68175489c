"""Fixtures for `errcode catalog update`: git remotes built once per session from ../shared."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ERRCODE = str(Path(sys.executable).with_name("errcode"))


@pytest.fixture(scope="session")
def git_remotes(shared_dir, tmp_path_factory):
    """A `git daemon` on 127.0.0.1 serving docs, sdk-js, sdk-c and docs-nofilter; its work trees too."""
    from update_fixtures import Daemon, build_repos

    base = tmp_path_factory.mktemp("remotes")
    repos = build_repos(shared_dir, base)
    daemon = Daemon(base)
    yield {"daemon": daemon, "base": base, "repos": repos, "work": base / "work"}
    daemon.stop()


def update_env(cache: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("OHOS_SDK_HOME", "DEVECO_SDK_HOME", "NO_COLOR")}
    env.update({"ERRCODE_CACHE": str(cache), "ERRCODE_CONFIG": str(cache / "no-config.toml"), **extra})
    return env


def errcode(*args, cache: Path, cwd: Path | None = None, **env) -> subprocess.CompletedProcess:
    return subprocess.run([ERRCODE, *args], env=update_env(cache, **env), cwd=cwd or cache.parent,
                          capture_output=True, text=True, timeout=240)


@pytest.fixture(scope="session")
def updated_cache(git_remotes, tmp_path_factory):
    """A cache after one `errcode catalog update` from the daemon's three repositories."""
    cache = tmp_path_factory.mktemp("updated") / "cache"
    d = git_remotes["daemon"]
    r = errcode("catalog", "update", "--docs-repo", d.url("docs"), "--sdk-js-repo", d.url("sdk-js"),
                "--sdk-c-repo", d.url("sdk-c"), cache=cache)
    assert r.returncode == 0, r.stderr
    return cache, r

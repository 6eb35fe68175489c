"""The isolated environment every test runs in: settings come from the test, never from the machine.

`tests/conftest.py` applies it to the test process (so in-process calls and every command a test
starts inherit it); `isolated_env()` gives the same environment for a process started with its own
`env=`.  Variables a test wants are set by the test itself (monkeypatch or `**extra`).
"""

from __future__ import annotations

import os
import tempfile

# The user's settings: pages, answer language, config file, colour, GitHub's step summary.
SETTINGS_VARS = ("ERRCODE_DOCS", "ERRCODE_LANG", "FORCE_COLOR", "GITHUB_STEP_SUMMARY")
SCRATCH = tempfile.mkdtemp(prefix="errcode-test-")
# The user's catalog snapshot and compiled pages (`errcode catalog update`) never leak into tests:
# every test, and every command a test starts, sees an empty cache of its own.
CACHE = os.path.join(SCRATCH, "cache")
NO_CONFIG = os.path.join(SCRATCH, "no-such-config.toml")


def isolate(environ=os.environ) -> None:
    for var in SETTINGS_VARS:
        environ.pop(var, None)
    environ["ERRCODE_CACHE"] = CACHE
    environ["ERRCODE_CONFIG"] = NO_CONFIG


def isolated_env(**extra: str) -> dict[str, str]:
    """A copy of the isolated environment for a subprocess, plus `extra`."""
    env = dict(os.environ)
    isolate(env)
    env.update(extra)
    return env


# ../shared beside the checkout: the test data (real pages, SDK files, labelled code), never shipped.
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
SHARED_REASON = f"needs the shared test data folder {SHARED} (../shared beside the checkout), which is absent"


def shared_present() -> bool:
    return os.path.isdir(os.path.join(SHARED, "ohos-docs"))

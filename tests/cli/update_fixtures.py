"""Git remotes for `errcode catalog update` tests: repositories built from ../shared, served by
`git daemon` on a free loopback port (the git:// protocol), no network beyond 127.0.0.1.

- docs: the shared pages at their real paths in openharmony/docs (ohos-docs/SOURCES.tsv);
- sdk-js, sdk-c: the shared SDK declarations at their paths in interface_sdk-js / interface_sdk_c;
- docs-nofilter: the docs with `uploadpack.allowFilter=false` (a remote refusing partial clone);
- a second daemon whose pack-objects is cut short (a remote that stops mid-transfer).
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_NOSYSTEM": "1"}
ERRCODE = str(Path(sys.executable).with_name("errcode"))


def update_env(cache: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("OHOS_SDK_HOME", "DEVECO_SDK_HOME", "NO_COLOR")}
    env.update({"ERRCODE_CACHE": str(cache), "ERRCODE_CONFIG": str(cache / "no-config.toml"), **extra})
    return env


def errcode(*args, cache: Path, cwd: Path | None = None, **env) -> subprocess.CompletedProcess:
    return subprocess.run([ERRCODE, *args], env=update_env(cache, **env), cwd=cwd or cache.parent,
                          capture_output=True, text=True, timeout=240)


def git(*args, cwd=None, env=None):
    e = dict(os.environ, **GIT_ENV, **(env or {}))
    return subprocess.run(["git", *args], cwd=cwd, env=e, check=True, capture_output=True, text=True).stdout


def docs_pages(shared: Path) -> list[tuple[Path, str]]:
    """(shared file, path in the docs repository) for every page of ohos-docs/SOURCES.tsv kept at its real path."""
    out = []
    with open(shared / "ohos-docs" / "SOURCES.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["repo"] != "openharmony/docs" or "/variants/" in row["local_path"]:
                continue
            out.append((shared / "ohos-docs" / row["local_path"], row["repo_path"]))
    return out


def error_pages(shared: Path) -> list[tuple[Path, str]]:
    """The error-code pages among them (what the update fetches)."""
    import fnmatch

    return [(src, dst) for src, dst in docs_pages(shared) if fnmatch.fnmatch(dst.rsplit("/", 1)[1], "err*code*-*.md")]


def _commit_tree(work: Path, bare: Path, *, branch: str = "master") -> None:
    git("init", "-q", "-b", branch, str(work))
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "import", cwd=work)
    git("tag", "v1", cwd=work)
    git("clone", "-q", "--bare", str(work), str(bare))
    git("config", "uploadpack.allowFilter", "true", cwd=bare)
    git("config", "uploadpack.allowAnySHA1InWant", "true", cwd=bare)


def build_repos(shared: Path, base: Path) -> dict[str, Path]:
    """Bare repositories under `base` (served by the daemon) and their work trees under base/work."""
    work = base / "work"
    repos: dict[str, Path] = {}
    docs = work / "docs"
    for src, dst in docs_pages(shared):
        target = docs / dst
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    (docs / "README.md").write_text("docs fixture\n")
    (docs / "en" / "application-dev" / "quick-start").mkdir(parents=True)
    (docs / "en" / "application-dev" / "quick-start" / "start.md").write_text("not an error-code page\n" * 1000)
    _commit_tree(docs, base / "docs.git")
    repos["docs"] = base / "docs.git"
    for name, folder in (("sdk-js", "interface_sdk-js"), ("sdk-c", "interface_sdk_c")):
        tree = work / name
        shutil.copytree(shared / "ohos-sdk" / folder, tree)
        _commit_tree(tree, base / f"{name}.git")
        repos[name] = base / f"{name}.git"
    nofilter = base / "docs-nofilter.git"
    git("clone", "-q", "--bare", str(base / "docs.git"), str(nofilter))
    git("config", "uploadpack.allowFilter", "false", cwd=nofilter)
    repos["docs-nofilter"] = nofilter
    return repos


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Daemon:
    """`git daemon` serving every repository under `base` on 127.0.0.1."""

    def __init__(self, base: Path, *, env: dict | None = None) -> None:
        self.base = base
        self.port = free_port()
        e = dict(os.environ, **GIT_ENV, **(env or {}))
        self.proc = subprocess.Popen(
            ["git", "daemon", f"--base-path={base}", "--export-all", "--reuseaddr", "--informative-errors",
             "--listen=127.0.0.1", f"--port={self.port}", "--enable=upload-pack", str(base)],
            env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("git daemon did not start")
                time.sleep(0.05)

    def url(self, name: str) -> str:
        return f"git://127.0.0.1:{self.port}/{name}.git"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def hook_env(base: Path, name: str, script: str) -> dict:
    """Environment for a daemon whose pack-objects runs through `script` (uploadpack.packObjectsHook,
    honoured only in the global config)."""
    hook = base / f"{name}.sh"
    hook.write_text(f"#!/bin/sh\n{script}\n")
    hook.chmod(0o755)
    cfg = base / f"{name}.gitconfig"
    cfg.write_text(f"[uploadpack]\n\tpackObjectsHook = {hook}\n")
    return {"GIT_CONFIG_GLOBAL": str(cfg)}


def cut_short_env(base: Path) -> dict:
    """A daemon whose pack data stops after a few hundred bytes."""
    return hook_env(base, "cut-short", '"$@" | head -c 400\nexit 0')


def stalling_env(base: Path) -> dict:
    """A daemon whose pack data waits 20 s before it flows (an update to kill midway)."""
    return hook_env(base, "stall", 'sleep 20\nexec "$@"')

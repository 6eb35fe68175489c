"""Getting the sources of the catalog snapshot onto disk: git clones kept in the cache, or local folders.

A git source is cloned shallow (`--depth 1`) and partial (`--filter=blob:none`) with a sparse
checkout of only the paths the catalog needs; a later update fetches the new commit and the
blobs of those paths that changed.  A remote that refuses partial clone is not downloaded
whole behind the user's back: the clone stops and the error names the remote and
`--full-clone`.  A local folder is used where it is (no network at all).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

DOCS_PATTERNS = (
    "/en/application-dev/reference/**/err*code*-*.md",
    "/zh-cn/application-dev/reference/**/err*code*-*.md",
)
SDK_JS_PATTERNS = tuple(f"/{d}/**/*{s}" for d in ("api", "kits", "arkts") for s in (".d.ts", ".d.ets"))
SDK_C_PATTERNS = ("/**/*.h",)

PATTERNS = {"docs": DOCS_PATTERNS, "sdk-js": SDK_JS_PATTERNS, "sdk-c": SDK_C_PATTERNS}
_NO_FILTER = "filtering not recognized by server"
GIT_TIMEOUT = float(os.environ.get("ERRCODE_GIT_TIMEOUT", "1800"))


class SourceError(Exception):
    """A source could not be fetched; the message says which and why."""


@dataclass
class Fetched:
    name: str  # "docs", "sdk-js", "sdk-c", "sdk"
    location: str  # URL or folder as the user gave it
    path: Path  # where the files are now
    ref: str  # branch or tag asked for ("" = the default branch)
    commit: str  # commit id, or a content stamp for a plain folder
    date: str  # commit date (ISO 8601), or the newest file's time for a folder

    def as_info(self) -> dict:
        return {"name": self.name, "location": self.location, "path": str(self.path), "ref": self.ref,
                "commit": self.commit, "date": self.date}


def is_url(location: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*://|[\w.-]+@[\w.-]+:)", location))


def _git(args: list[str], cwd: Path | None = None, *, watch_filter: bool = False) -> str:
    """Run git; its stdout.  A failure raises SourceError with git's own last words."""
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    proc = subprocess.Popen(["git", *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
    err_lines: list[str] = []
    if watch_filter:
        assert proc.stderr is not None
        for line in proc.stderr:  # stop at once: the server is about to send every blob
            err_lines.append(line.rstrip())
            if _NO_FILTER in line:
                proc.kill()
                proc.wait()
                raise SourceError(_NO_FILTER)
    try:
        out, err = proc.communicate(timeout=GIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise SourceError(f"git {args[0]} took longer than {GIT_TIMEOUT:.0f} s") from None
    err_lines.extend((err or "").splitlines())
    if proc.returncode != 0:
        said = [line for line in err_lines if line.strip() and not line.startswith(("Cloning", "remote: Counting"))]
        raise SourceError((said[-1] if said else f"git {args[0]} failed (exit {proc.returncode})").strip())
    return out


def clone_dir(cache: str, name: str, url: str) -> Path:
    digest = hashlib.sha256(url.encode()).hexdigest()[:12]
    return Path(cache) / "sources" / f"{name}-{digest}"


def fetch_git(name: str, url: str, ref: str, cache: str, *, full_clone: bool = False) -> Fetched:
    """Clone (first time) or update (later) the sparse clone of `url` at `ref` in the cache."""
    target = clone_dir(cache, name, url)
    patterns = PATTERNS[name]
    filt = [] if full_clone else ["--filter=blob:none"]
    want = ref or "HEAD"
    if not (target / ".git").is_dir():
        tmp = target.with_name(target.name + ".partial")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.parent.mkdir(parents=True, exist_ok=True)
        args = ["clone", "--quiet", "--depth", "1", *filt, "--sparse", "--no-checkout"]
        if ref:
            args += ["--branch", ref]
        try:
            _git([*args, "--", url, str(tmp)], watch_filter=not full_clone)
            _git(["sparse-checkout", "set", "--no-cone", *patterns], tmp)
            _git(["checkout", "--quiet"], tmp)
        except SourceError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise _explain(exc, name, url, ref) from None
        os.replace(tmp, target)
    else:
        try:
            _git(["remote", "set-url", "origin", url], target)
            _git(["fetch", "--quiet", "--depth", "1", *filt, "origin", want], target, watch_filter=not full_clone)
            _git(["sparse-checkout", "set", "--no-cone", *patterns], target)
            _git(["checkout", "--quiet", "--force", "--detach", "FETCH_HEAD"], target)
        except SourceError as exc:
            raise _explain(exc, name, url, ref) from None
    commit, date = _git(["log", "-1", "--format=%H%x00%cI"], target).strip().split("\0")
    return Fetched(name, url, target, ref, commit, date)


def _explain(exc: SourceError, name: str, url: str, ref: str) -> SourceError:
    text = str(exc)
    if text == _NO_FILTER:
        return SourceError(f"the {name} remote {url} does not allow partial clone (--filter=blob:none); "
                           f"nothing was downloaded. Use a mirror that allows it, a local checkout "
                           f"(--{name}-repo PATH), or --full-clone to download the repository whole")
    if ref and re.search(r"not found|couldn't find remote ref|invalid refspec|unknown revision", text, re.I):
        return SourceError(f"{name}: no branch or tag {ref!r} in {url} ({text})")
    return SourceError(f"{name}: fetching {url} failed: {text}")


def local_folder(name: str, folder: str, ref: str = "") -> Fetched:
    """A folder on disk used where it is; its commit when it is a git checkout, else a content stamp."""
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise SourceError(f"{name}: {folder} is neither a folder nor a git URL")
    try:
        commit, date = _git(["log", "-1", "--format=%H%x00%cI"], path).strip().split("\0")
        # edited and new files that matter (pages, declarations, headers) change the stamp too
        dirty = _git(["status", "--porcelain", "--untracked-files=all", "--", "*.md", "*.d.ts", "*.d.ets", "*.h"],
                     path).strip()
        if dirty:
            commit += "+" + hashlib.sha256(dirty.encode()).hexdigest()[:8]
    except (SourceError, ValueError, OSError):
        commit, date = folder_stamp(path)
    return Fetched(name, folder, path, ref, commit, date)


def folder_stamp(path: Path) -> tuple[str, str]:
    """A stamp of every file's path, size and modification time below `path`, and the newest time."""
    from datetime import datetime, timezone

    h = hashlib.sha256()
    newest = 0.0
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d != ".git")
        for f in sorted(files):
            try:
                st = os.stat(os.path.join(root, f))
            except OSError:
                continue
            newest = max(newest, st.st_mtime)
            h.update(f"{os.path.relpath(os.path.join(root, f), path)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    date = datetime.fromtimestamp(newest, timezone.utc).isoformat(timespec="seconds") if newest else ""
    return "folder:" + h.hexdigest()[:16], date


def get(name: str, location: str, ref: str, cache: str, *, full_clone: bool = False) -> Fetched:
    if is_url(location):
        return fetch_git(name, location, ref, cache, full_clone=full_clone)
    return local_folder(name, location, ref)

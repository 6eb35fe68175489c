"""`errcode catalog update` and `errcode catalog info`: the user's catalog snapshot.

update: fetch the reference pages (docs repository, English and Chinese) and the SDK
declarations (interface_sdk-js and interface_sdk_c, or an installed SDK), compile them into one
snapshot in the cache (catalog/compile.py), atomically.  Sources come from the command line,
then the config file's `[update]` table (`docs_repo`, `sdk_js_repo`, `sdk_c_repo`, `ref`, `sdk`),
then an installed SDK found through OHOS_SDK_HOME / DEVECO_SDK_HOME / `sdk.dir` in the nearest
local.properties, then the public OpenHarmony repositories.  A failure leaves the previous
snapshot in use and exits 1.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from ..catalog import snapshot as snap
from .common import read_config

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

LOCK_NAME = "update.lock"
# The public OpenHarmony repositories; a company mirror sets its own in the config file's [update] table.
DEFAULTS = {
    "docs": "https://gitee.com/openharmony/docs.git",
    "sdk-js": "https://gitee.com/openharmony/interface_sdk-js.git",
    "sdk-c": "https://gitee.com/openharmony/interface_sdk_c.git",
}


def add_update_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--docs-repo", metavar="URL|PATH", help=f"docs repository (default {DEFAULTS['docs']})")
    p.add_argument("--sdk-js-repo", metavar="URL|PATH", help=f"interface_sdk-js (default {DEFAULTS['sdk-js']})")
    p.add_argument("--sdk-c-repo", metavar="URL|PATH", help=f"interface_sdk_c (default {DEFAULTS['sdk-c']})")
    p.add_argument("--ref", help="branch or tag of the repositories, e.g. OpenHarmony-v5.0.1-Release (default: their default branch)")
    p.add_argument("--sdk", metavar="PATH", help="an installed SDK instead of the SDK repositories "
                   "(default: OHOS_SDK_HOME, DEVECO_SDK_HOME or sdk.dir in local.properties)")
    p.add_argument("--api-level", type=int, metavar="N", help="which API level of the installed SDK (default the highest)")
    p.add_argument("--full-clone", action="store_true", help="allow downloading a repository whole when its remote refuses partial clone")
    p.add_argument("--no-sdk", action="store_true", help="reference pages only")


# ----------------------------------------------------------------------------- installed SDK
def find_installed_sdk(start: Path | None = None) -> str | None:
    """OHOS_SDK_HOME, DEVECO_SDK_HOME, else `sdk.dir` in the nearest local.properties."""
    for var in ("OHOS_SDK_HOME", "DEVECO_SDK_HOME"):
        if os.environ.get(var):
            return os.environ[var]
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        props = folder / "local.properties"
        if props.is_file():
            try:
                for line in props.read_text(encoding="utf-8", errors="replace").splitlines():
                    key, _, value = line.partition("=")
                    if key.strip() == "sdk.dir" and value.strip():
                        return value.strip().replace("\\:", ":").replace("\\\\", "\\")
            except OSError:
                pass
            return None
    return None


def sdk_levels(root: Path) -> dict[int, Path]:
    """API level -> folder holding `ets/` and/or `native/` (`<sdk>/<level>/` or `<sdk>/<level>/openharmony/`)."""
    out: dict[int, Path] = {}
    try:
        children = list(root.iterdir())
    except OSError:
        return out
    for child in children:
        if child.is_dir() and child.name.isdigit():
            for cand in (child, child / "openharmony"):
                if (cand / "ets").is_dir() or (cand / "native").is_dir():
                    out[int(child.name)] = cand
                    break
    return out


def installed_sdk_roots(root: str, api_level: int | None) -> tuple[Path, list[Path], list[Path], str]:
    """(the SDK folder used, ArkTS roots, C include roots, its API level or "")."""
    from . import sources

    base = Path(root).expanduser()
    if not base.is_dir():
        raise sources.SourceError(f"sdk: {root} is not a folder")
    levels = sdk_levels(base)
    level = ""
    if levels:
        if api_level is not None and api_level not in levels:
            raise sources.SourceError(f"sdk: no API level {api_level} in {root} (found {', '.join(map(str, sorted(levels)))})")
        pick = api_level if api_level is not None else max(levels)
        base, level = levels[pick], str(pick)
    elif api_level is not None:
        raise sources.SourceError(f"sdk: {root} holds no API level folders")
    for cand in (base, base / "openharmony", base / "default" / "openharmony"):
        if (cand / "ets").is_dir() or (cand / "native").is_dir():
            base = cand
            break
    js = [base / "ets"] if (base / "ets").is_dir() else []
    c = [base / "native" / "sysroot" / "usr" / "include"]
    c = [p for p in c if p.is_dir()]
    if not js and not c:
        raise sources.SourceError(f"sdk: {root} holds neither ets/ nor native/sysroot/usr/include")
    return base, js, c, level


# ----------------------------------------------------------------------------- the command
def _settings(args: argparse.Namespace) -> dict:
    cfg = read_config().get("update", {})
    cfg = cfg if isinstance(cfg, dict) else {}

    def pick(opt: str, key: str, default=None):
        v = getattr(args, opt, None)
        return v if v not in (None, "") else cfg.get(key, default)

    sdk = pick("sdk", "sdk")
    explicit_repos = getattr(args, "sdk_js_repo", None) or getattr(args, "sdk_c_repo", None)
    if not sdk and not explicit_repos and not cfg.get("sdk_js_repo") and not cfg.get("sdk_c_repo"):
        sdk = find_installed_sdk()
    return {
        "docs": str(pick("docs_repo", "docs_repo", DEFAULTS["docs"])),
        "sdk-js": str(pick("sdk_js_repo", "sdk_js_repo", DEFAULTS["sdk-js"])),
        "sdk-c": str(pick("sdk_c_repo", "sdk_c_repo", DEFAULTS["sdk-c"])),
        "ref": str(pick("ref", "ref", "") or ""),
        "sdk": str(sdk) if sdk else None,
        "api_level": getattr(args, "api_level", None) or cfg.get("api_level"),
        "full_clone": bool(getattr(args, "full_clone", False) or cfg.get("full_clone", False)),
        "no_sdk": bool(getattr(args, "no_sdk", False)),
    }


class _Progress:
    """A rich status line on a terminal; plain lines on stderr otherwise (only when asked)."""

    def __init__(self, color: bool) -> None:
        self.status = None
        if color and sys.stderr.isatty():
            from rich.console import Console

            self.status = Console(stderr=True).status("starting")
            self.status.start()

    def step(self, text: str) -> None:
        if self.status:
            self.status.update(text)

    def stop(self) -> None:
        if self.status:
            self.status.stop()


def lock(cache: str):
    """Hold the update lock (a second update waits for the first, saying so once); an open file to close."""
    import fcntl

    os.makedirs(cache, exist_ok=True)
    f = open(os.path.join(cache, LOCK_NAME), "a+")
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.seek(0)
        holder = f.read().strip() or "?"
        print(f"errcode: waiting for another `errcode catalog update` (pid {holder}) to finish", file=sys.stderr, flush=True)
        fcntl.flock(f, fcntl.LOCK_EX)
    f.seek(0)
    f.truncate()
    f.write(str(os.getpid()))
    f.flush()
    return f


def cmd_update(args: argparse.Namespace, color: bool) -> int:
    from . import sources

    started = time.monotonic()
    cache = snap.cache_dir()
    s = _settings(args)
    progress = _Progress(color)
    try:
        held = lock(cache)
    except OSError as exc:
        progress.stop()
        print(f"errcode: catalog update failed: cannot use the cache folder {cache}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        _remove_leftovers(cache)
        fetched: list[sources.Fetched] = []
        progress.step(f"docs: {s['docs']}")
        fetched.append(sources.get("docs", s["docs"], s["ref"], cache, full_clone=s["full_clone"]))
        js_roots: list[Path] = []
        c_roots: list[Path] = []
        if s["no_sdk"]:
            pass
        elif s["sdk"]:
            base, js_roots, c_roots, level = installed_sdk_roots(s["sdk"], s["api_level"])
            commit, date = sources.folder_stamp(base)
            fetched.append(sources.Fetched("sdk", s["sdk"], base, f"API {level}" if level else "", commit, date))
        else:
            for name in ("sdk-js", "sdk-c"):
                progress.step(f"{name}: {s[name]}")
                f = sources.get(name, s[name], s["ref"], cache, full_clone=s["full_clone"])
                fetched.append(f)
                (js_roots if name == "sdk-js" else c_roots).append(f.path)
        docs_root = fetched[0].path
        docs = [p for p in (docs_root / "en" / "application-dev" / "reference",
                            docs_root / "zh-cn" / "application-dev" / "reference") if p.is_dir()]
        if not docs and list(docs_root.glob("err*code*-*.md")):
            docs = [docs_root]  # a folder of pages, not a docs checkout
        if not docs:
            raise sources.SourceError(f"docs: no en/ or zh-cn/application-dev/reference/ folder in {fetched[0].location}")
        from ..catalog.bundled import snapshot_fingerprint

        stamp = {"sources": [f.as_info() for f in fetched], "fingerprint": snapshot_fingerprint(),
                 "format": snap.FORMAT}
        path = snap.user_snapshot_path()
        previous = _current_info(path)
        if previous and previous.get("stamp") == _stamp_key(stamp):
            progress.stop()
            _print_summary(previous, time.monotonic() - started, unchanged=True)
            return 0
        progress.step("compiling the catalog")
        info = {"stamp": _stamp_key(stamp), "sources": stamp["sources"],
                "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        from ..catalog.compile import compile_snapshot

        compile_snapshot(path, docs=docs, sdk_js=js_roots, sdk_c=c_roots, info=info)
        progress.stop()
        _print_summary(_current_info(path) or info, time.monotonic() - started, unchanged=False)
        return 0
    except sources.SourceError as exc:
        progress.stop()
        print(f"errcode: catalog update failed: {exc}", file=sys.stderr)
        _say_previous()
        return 1
    except OSError as exc:  # disk full, permissions: the previous snapshot is untouched
        progress.stop()
        print(f"errcode: catalog update failed: {exc.strerror or exc}"
              f"{f' ({exc.filename})' if getattr(exc, 'filename', None) else ''}", file=sys.stderr)
        _say_previous()
        return 1
    except KeyboardInterrupt:
        progress.stop()
        print("errcode: catalog update interrupted", file=sys.stderr)
        _say_previous()
        return 1
    finally:
        held.close()


def _remove_leftovers(cache: str) -> None:
    """Temporary files and half-made clones of an update that was killed (under the lock: no
    other update is writing)."""
    import shutil

    prefix = snap.SNAPSHOT_FILE + "."
    for name in os.listdir(cache):
        if name.startswith(prefix) and name.endswith(".tmp"):
            try:
                os.unlink(os.path.join(cache, name))
            except OSError:
                pass
    clones = os.path.join(cache, "sources")
    if os.path.isdir(clones):
        for name in os.listdir(clones):
            if name.endswith(".partial"):
                shutil.rmtree(os.path.join(clones, name), ignore_errors=True)


def _stamp_key(stamp: dict) -> str:
    parts = [stamp["fingerprint"], str(stamp["format"])]
    parts += [f"{s['name']}={s['location']}@{s['ref']}:{s['commit']}" for s in stamp["sources"]]
    return "|".join(parts)


def _current_info(path: str) -> dict | None:
    try:
        return snap.Snapshot(path).info
    except snap.SnapshotError:
        return None


def _say_previous() -> None:
    info = _current_info(snap.user_snapshot_path())
    if info:
        print(f"errcode: the previous catalog snapshot (updated {info.get('updated', '?')}) stays in use", file=sys.stderr)
    else:
        print("errcode: no catalog snapshot yet: the bundled catalog stays in use", file=sys.stderr)


def _describe(info: dict) -> list[str]:
    """The counts and the sources of a snapshot, one line each."""
    sm = info.get("summary", {})
    lines = [f"  {lang}: {sm.get('pages', {}).get(lang, 0)} pages, {sm.get('entries', {}).get(lang, 0)} entries"
             for lang in ("en", "zh-cn")]
    lines.append(f"  kits: {sm.get('kits', 0)}; codes: {sm.get('codes', 0)}; known only from the SDK: "
                 f"{sm.get('sdk_only_codes', 0)}; C names: {sm.get('c_names', 0)}")
    for s in info.get("sources", ()):
        ref = f" {s['ref']}" if s.get("ref") else ""
        lines.append(f"  {s['name']}: {s['location']}{ref} at {s['commit'][:12]} ({s['date']})")
    return lines


def _print_summary(info: dict, elapsed: float, *, unchanged: bool) -> None:
    head = "catalog snapshot unchanged (no source changed)" if unchanged else "catalog snapshot updated"
    print(f"{head}: {snap.user_snapshot_path()}")
    for line in _describe(info):
        print(line)
    errors = info.get("summary", {}).get("errors", ())
    for e in errors[:10]:
        print(f"  warning: {e}")
    if len(errors) > 10:
        print(f"  … and {len(errors) - 10} more warnings (errcode catalog info --json lists them all)")
    print(f"  elapsed: {elapsed:.1f} s")


def snapshot_info() -> dict:
    """The user's snapshot as `errcode catalog info --json` shows it: path, sources, refs, commits, dates, counts."""
    path = snap.user_snapshot_path()
    problem = None
    info = None
    if os.path.exists(path):
        try:
            info = snap.Snapshot(path).info
        except snap.SnapshotError as exc:
            problem = str(exc)
    return {"path": path, "present": info is not None, "problem": problem,
            "updated": (info or {}).get("updated"), "sources": (info or {}).get("sources", []),
            "summary": (info or {}).get("summary", {})}


def snapshot_lines(data: dict) -> list[str]:
    """`errcode catalog info`'s lines about the snapshot."""
    if not data["present"]:
        why = f"unusable ({data['problem']})" if data["problem"] else "none yet"
        return [f"catalog snapshot {data['path']}: {why}; run `errcode catalog update`"]
    return [f"catalog snapshot {data['path']}, updated {data['updated']}", *_describe(data)]

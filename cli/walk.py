"""Finding the source files `errcode check` reads (reading them is `source.py`'s job).

- Folders are walked honouring `.gitignore` files (every level, plus `.git/info/exclude`),
  with gitignore semantics from `pathspec`; `--exclude` patterns use the same syntax and also
  apply to files named on the command line (so pre-commit's file lists respect them).
- Only ArkTS/TS/JS and C/C++ files are read (`ohos_errcode.catalog.scan.language_of`).
- `.gitignore` files are read only when they are regular files, and only up to
  `GITIGNORE_MAX_BYTES` (`source.read_regular`); folders that cannot be read (permissions, a path
  longer than the system allows) are noted.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from ..catalog.readfile import NotRegular, TooLarge, read_regular

__all__ = ["GITIGNORE_MAX_BYTES", "Note", "SourceFile", "WalkResult", "git", "printable", "repo_root", "walk"]

GITIGNORE_MAX_BYTES = 1024 * 1024
SKIP_DIRS = frozenset({".git", ".hg", ".svn"})

def language_of(path: str) -> str | None:
    from ..catalog.scan import language_of as core_language_of

    return core_language_of(path)


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # as the user would type it (relative to the current directory when below it)
    rel: str  # relative to the repository root, '/'-separated (what SARIF, rdjson and GitHub want)
    language: str


@dataclass(frozen=True, slots=True)
class Note:
    """Something about a file the user should know, that is not a finding."""

    path: str
    rel: str
    # "binary" | "oversized" | "undecodable" | "unreadable" | "special" | "unsupported" | "missing" |
    # "unreadable-folder" | "ignore-file" | "internal" | "unwritable": the file (or folder) was not checked;
    # "read-only" | "long-lines": checked, with something left undone
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{printable(self.path)}: {self.message}"

    @property
    def skipped(self) -> bool:
        """Was the file left unchecked (rather than checked with something left undone)?"""
        return self.kind not in PARTIAL_KINDS


PARTIAL_KINDS = frozenset({"read-only", "long-lines", "ignore-file"})


def printable(name: str) -> str:
    """`name` safe to print on a terminal: control characters (ANSI escapes) and the undecodable
    bytes of a file name (surrogate escapes) as backslash escapes; other names unchanged."""
    if name.isprintable():
        return name
    out = []
    for ch in name:
        o = ord(ch)
        if 0xDC80 <= o <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
            out.append(f"\\x{o - 0xDC00:02x}")
        elif ch.isprintable():
            out.append(ch)
        elif o <= 0xFF:
            out.append(f"\\x{o:02x}")
        else:
            out.append(f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}")
    return "".join(out)


@dataclass(slots=True)
class WalkResult:
    files: list[SourceFile] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def repo_root(start: Path) -> Path:
    """The enclosing git work tree (a folder holding `.git`), else `start` itself."""
    start = start.resolve()
    for d in (start, *start.parents):
        if (d / ".git").exists():
            return d
    return start


def display_path(path: Path, cwd: Path) -> str:
    try:
        return os.path.relpath(path, cwd) if path.is_relative_to(cwd) else str(path)
    except ValueError:  # other drive on Windows
        return str(path)


def rel_to_root(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


class _Ignores:
    """Gitignore files met on the way down; the deepest matching pattern decides, as in git."""

    def __init__(self, root: Path, exclude: pathspec.GitIgnoreSpec | None, cwd: Path | None = None):
        self.root = root
        self.cwd = cwd or root
        self.exclude = exclude
        self.specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        self.chains: dict[str, list[tuple[str, pathspec.GitIgnoreSpec]]] = {}
        self.notes: list[Note] = []
        self.info = self._read(root / ".git" / "info" / "exclude")

    def spec_for(self, d: Path) -> pathspec.GitIgnoreSpec | None:
        if d not in self.specs:
            self.specs[d] = self._read(d / ".gitignore")
        return self.specs[d]

    def _read(self, path: Path) -> pathspec.GitIgnoreSpec | None:
        try:
            data = read_regular(path, GITIGNORE_MAX_BYTES)
        except (NotRegular, TooLarge) as exc:
            why = f"more than {GITIGNORE_MAX_BYTES} bytes" if isinstance(exc, TooLarge) else str(exc)
            self.notes.append(Note(display_path(path, self.cwd), rel_to_root(path, self.root), "ignore-file",
                                   f"patterns ignored: {why}"))
            return None
        except OSError:
            return None  # absent (the common case) or unreadable: no patterns
        lines = data.decode("utf-8", errors="replace").splitlines()
        return pathspec.GitIgnoreSpec.from_lines(lines) if any(l.strip() for l in lines) else None

    def ignored(self, path: Path, is_dir: bool, gitignore: bool = True) -> bool:
        rel = rel_to_root(path, self.root)
        try:
            parts = path.parent.relative_to(self.root).parts
        except ValueError:  # outside the root: only --exclude and .git/info/exclude apply
            return self._ignored(rel, None, is_dir, gitignore)
        return self._ignored(rel, "".join(p + "/" for p in parts), is_dir, gitignore)

    def _chain(self, rel_dir: str) -> list[tuple[str, pathspec.GitIgnoreSpec]]:
        """(folder, spec) of each `.gitignore` from the root down to `rel_dir` (relative to the
        root, '/'-separated and ending with '/'; "" for the root itself), kept per folder."""
        chain = self.chains.get(rel_dir)
        if chain is None:
            chain = self._chain(rel_dir[: rel_dir.rfind("/", 0, len(rel_dir) - 1) + 1]) if rel_dir else []
            spec = self.spec_for(self.root / rel_dir if rel_dir else self.root)
            if spec is not None:
                chain = [*chain, (rel_dir, spec)]
            self.chains[rel_dir] = chain
        return chain

    def _ignored(self, rel: str, rel_dir: str | None, is_dir: bool, gitignore: bool = True) -> bool:
        """`rel`: the path relative to the root ('/'-separated); `rel_dir`: its folder as `_chain`
        wants it, None when it is not below the root."""
        if is_dir:
            rel += "/"
        if self.exclude is not None and self.exclude.match_file(rel):
            return True
        if not gitignore:
            return False
        verdict: bool | None = None
        if self.info is not None:
            r = self.info.check_file(rel)
            if r.include is not None:
                verdict = r.include
        if rel_dir is not None:
            # from the root down to the file's own folder: the deepest pattern that matches decides
            for d, spec in self._chain(rel_dir):
                r = spec.check_file(rel[len(d):])
                if r.include is not None:
                    verdict = r.include
        return bool(verdict)


def walk(
    paths: list[str] | tuple[str, ...] = (".",),
    *,
    exclude: list[str] | tuple[str, ...] = (),
    gitignore: bool = True,
    cwd: Path | None = None,
    root: Path | None = None,
) -> WalkResult:
    """Source files under `paths` in a stable order (sorted per folder), with notes for what was left out.

    Folders honour `.gitignore`; files named explicitly are read even when git ignores them
    (like ripgrep), but `exclude` applies to everything.
    """
    cwd = (cwd or Path.cwd()).resolve()
    first = (cwd / paths[0]) if paths else cwd
    root = (root or repo_root(first if first.is_dir() else first.parent)).resolve()
    exspec = pathspec.GitIgnoreSpec.from_lines(list(exclude)) if exclude else None
    ignores = _Ignores(root, exspec, cwd)
    result = WalkResult()
    seen: set[str] = set()
    root_s = str(root)
    root_pre = root_s if root_s.endswith(os.sep) else root_s + os.sep

    def add(p: Path, explicit: bool) -> None:
        ap = p if p.is_absolute() else cwd / p
        ap = Path(os.path.normpath(ap))
        if str(ap) in seen:
            return
        seen.add(str(ap))
        shown = display_path(ap, cwd)
        rel = rel_to_root(ap, root)
        lang = language_of(ap.name)
        if lang is None:
            if explicit:
                result.notes.append(Note(shown, rel, "unsupported", "skipped: not an ArkTS/TS/JS or C/C++ file"))
            return
        result.files.append(SourceFile(shown, rel, lang))

    for raw in paths or (".",):
        p = Path(raw)
        ap = Path(os.path.normpath(p if p.is_absolute() else cwd / p))
        if not ap.exists():
            result.notes.append(Note(str(raw), rel_to_root(ap, root), "missing", "no such file or folder"))
            continue
        if not ap.is_dir():  # a file, or a FIFO or device named on the command line (noted when read)
            if not ignores.ignored(ap, False, gitignore=False):
                add(ap, True)
            continue
        # per folder: its paths as shown, relative to the root and (for .gitignore) its folder chain;
        # per file only string work (a tree of thousands of files is walked in milliseconds)
        def unreadable(exc: OSError) -> None:
            where = Path(exc.filename) if exc.filename else ap
            result.notes.append(Note(display_path(where, cwd), rel_to_root(where, root), "unreadable-folder",
                                     f"folder not checked: {exc.strerror or exc}"))

        for dirpath, dirnames, filenames in os.walk(ap, onerror=unreadable):
            if dirpath == root_s:
                rel_dir: str | None = ""
            elif dirpath.startswith(root_pre):
                rel_dir = dirpath[len(root_pre) :].replace(os.sep, "/") + "/"
            else:
                rel_dir = None  # outside the root (another path on the command line)
            prefix = rel_dir if rel_dir is not None else Path(dirpath).as_posix().rstrip("/") + "/"
            keep = []
            for name in sorted(dirnames):
                if name in SKIP_DIRS:
                    continue
                if os.path.islink(os.path.join(dirpath, name)) or ignores._ignored(prefix + name, rel_dir, True, gitignore):
                    continue
                keep.append(name)
            dirnames[:] = keep
            shown_dir = None
            for name in sorted(filenames):
                lang = language_of(name)
                if lang is None:
                    continue
                rel = prefix + name
                if ignores._ignored(rel, rel_dir, False, gitignore):
                    continue
                full = os.path.join(dirpath, name)
                if full in seen:
                    continue
                seen.add(full)
                if shown_dir is None:
                    shown_dir = display_path(Path(dirpath), cwd)
                result.files.append(SourceFile(name if shown_dir == "." else os.path.join(shown_dir, name), rel, lang))
    result.notes += ignores.notes
    return result


def git(args: list[str], cwd: Path) -> str:
    """Run git and return stdout; raise RuntimeError with git's own message on failure."""
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError as exc:
        raise RuntimeError("git is not installed") from exc
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed"
        raise RuntimeError(msg)
    return proc.stdout.decode("utf-8", "surrogateescape")

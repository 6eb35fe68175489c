"""`--diff [REV]`: which lines were added or changed since REV (git), as review bots filter.

`changed_lines(root, rev)` runs `git diff -U0 REV` (REV defaults to HEAD: the working tree
against the last commit) and adds untracked, not ignored files as wholly new.  Lines are
1-based; paths are relative to the repository root with '/' separators.
"""

from __future__ import annotations

import re
from pathlib import Path

from .walk import git

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
ALL_LINES = None  # marker value in the map: every line of the file is new


def _unquote(path: str) -> str:
    """Undo git's C-style quoting of unusual file names ("a\\tb", octal escapes for bytes)."""
    if not (len(path) >= 2 and path[0] == '"' and path[-1] == '"'):
        return path
    body = path[1:-1]
    out = bytearray()
    i = 0
    simple = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            n = body[i + 1]
            if n in simple:
                out.append(simple[n])
                i += 2
                continue
            if re.match(r"[0-7]{3}", body[i + 1 : i + 4]):
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
        out += c.encode("utf-8", "surrogateescape")
        i += 1
    return out.decode("utf-8", "replace")


def parse_diff(text: str) -> dict[str, set[int]]:
    """Map of new-side path -> added/changed line numbers, from unified diff text (any context)."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    new_line = 0
    remaining = 0
    for line in text.splitlines():
        if remaining > 0:
            # inside a hunk (only matters with context lines; -U0 hunks hold just -/+ lines)
            if line.startswith("+"):
                if current is not None:
                    current.add(new_line)
                new_line += 1
                remaining -= 1
                continue
            if line.startswith(" "):
                new_line += 1
                remaining -= 1
                continue
            if line.startswith("-") or line.startswith("\\"):
                continue
        if line.startswith("+++ "):
            target = _unquote(line[4:].rstrip("\t"))
            if target == "/dev/null":
                current = None
            else:
                if target.startswith("b/"):
                    target = target[2:]
                current = changed.setdefault(target, set())
            continue
        m = HUNK.match(line)
        if m:
            new_line = int(m.group(1))
            remaining = int(m.group(2)) if m.group(2) is not None else 1
    return {p: s for p, s in changed.items()}


def changed_lines(root: Path, rev: str | None) -> dict[str, set[int] | None]:
    """Changed lines per file since `rev` (None: HEAD). Untracked files map to None (all lines).

    Raises RuntimeError with one line saying why when git fails (not a repository, unknown revision).
    """
    rev = rev or "HEAD"
    if rev.startswith("-"):
        raise RuntimeError(f"not a revision: {rev!r}")
    try:
        inside = git(["rev-parse", "--is-inside-work-tree"], root).strip() == "true"
    except RuntimeError:
        inside = False
    if not inside:
        # (outside a work tree `git diff` compares two paths and prints its whole usage instead)
        raise RuntimeError(f"{root} is not inside a git work tree")
    try:
        text = git(
            ["diff", "--no-color", "--no-ext-diff", "-U0", "--src-prefix=a/", "--dst-prefix=b/", rev, "--"],
            root,
        )
        untracked = git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    except RuntimeError as exc:
        lines = str(exc).strip().splitlines() or ["git failed"]
        raise RuntimeError(lines[0]) from None  # git's first line says it; the rest is usage
    result: dict[str, set[int] | None] = dict(parse_diff(text))
    for p in untracked.split("\0"):
        if p:
            result[p] = ALL_LINES
    return result

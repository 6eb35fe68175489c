"""Pages on disk: finding them below a folder and reading one (regular files only, size capped)."""

from __future__ import annotations

import os
import stat
from os import PathLike
from pathlib import Path

from ..model import Entry, LoadError
from .page import decode, parse_page

PAGE_GLOB = "err*code*-*.md"
#: The largest page read.  The biggest real page is ~33 KB; a generated page of 10,000 entries ~1 MB.
MAX_PAGE_BYTES = 16 * 2**20

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


class PageUnreadable(OSError):
    """A path that is not a page file: not a regular file, or larger than `MAX_PAGE_BYTES`."""


def read_page_bytes(path: str | PathLike[str], limit: int = MAX_PAGE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    The file is opened without blocking (a FIFO does not wait for a writer) and checked with
    `fstat` before anything is read; a file that grows past `limit` while it is read is refused too.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), "of an unknown kind")
            raise PageUnreadable(f"not a regular file ({kind})")
        if st.st_size > limit:
            raise PageUnreadable(_too_large(limit))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
        raise PageUnreadable(_too_large(limit))
    finally:
        os.close(fd)


def _too_large(limit: int) -> str:
    return f"larger than {limit / 2**20:g} MiB; an error-code page is far smaller"


def read_page(path: str | PathLike[str]) -> tuple[list[Entry], list[LoadError]]:
    """Read one page from disk: its entries and the problems met.  Never raises."""
    name = str(path)
    try:
        raw = read_page_bytes(path)
    except (OSError, ValueError) as exc:
        return [], [LoadError(name, 0, f"cannot read file: {getattr(exc, 'strerror', None) or exc}")]
    errors: list[LoadError] = []
    text = decode(raw, name, errors)
    if text is None:
        return [], errors
    entries, errs = parse_page(text, name)
    return entries, errors + errs


def find_pages(path: str | PathLike[str]) -> list[Path]:
    """The page itself, or every `err*code*-*.md` below a folder (sorted by path)."""
    p = Path(path)
    try:
        if p.is_dir():
            return sorted((f for f in p.rglob(PAGE_GLOB) if f.is_file()), key=lambda f: f.as_posix())
        if p.is_file():
            return [p]
    except OSError:
        pass
    return []

"""Pages on disk: finding them below a folder and reading one (regular files only, at most `MAX_PAGE_BYTES`)."""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from ..model import Entry, LoadError
from ..readfile import TooLarge, read_regular
from .page import decode, parse_page

PAGE_GLOB = "err*code*-*.md"
#: The largest page read (reading takes ~200 bytes of memory per byte of page).  The biggest real
#: page is ~33 KB; a generated page of 20,000 short entries ~2 MB.
MAX_PAGE_BYTES = 4 * 2**20


def read_page(path: str | PathLike[str]) -> tuple[list[Entry], list[LoadError]]:
    """Read one page from disk: its entries and the problems met.  Never raises."""
    name = str(path)
    try:
        raw = read_regular(path, MAX_PAGE_BYTES)
    except TooLarge as exc:
        return [], [LoadError(name, 0, f"cannot read file: larger than {MAX_PAGE_BYTES // 2**20} MiB ({exc.size} bytes); "
                              "an error-code page is far smaller")]
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

"""What `check_source` may read: only regular files under the roots the client declared.

A path is resolved (symlinks followed, `..` folded) before it is compared with the roots, which are
resolved the same way, so neither a symlink nor `..` leads outside them.  FIFOs, devices, sockets
and folders are refused without being opened for reading in a way that could block; the bytes
are read by the core's `catalog.readfile` and decoded by `errcode check`'s own reader
(`cli.source.decode`), with its size limit.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..catalog.readfile import NotRegular, TooLarge, read_regular
from ..cli.source import DEFAULT_MAX_BYTES, decode

MAX_CHARS = 40_000  # longest argument looked at, as the Slack bot's longest message
_SNIPPET_CHARS = re.compile(r"[\n\r(){};=<>\"'`]")
_EXT = re.compile(r"\.[A-Za-z+]{1,4}$")


class Refused(Exception):
    """The input cannot be read; the message says why, for the assistant to relay."""


def too_long(text: str, what: str) -> str | None:
    if len(text) > MAX_CHARS:
        return f"{what} is {len(text):,} characters long; the limit is {MAX_CHARS:,}"
    return None


def looks_like_path(text: str) -> bool:
    """`src/a.ets`, `/abs/x.cpp`, `file:///…`: one line, no code punctuation, not too long."""
    s = text.strip()
    if not s or len(s) > 4096:
        return False
    if s.startswith("file://"):
        return True
    if _SNIPPET_CHARS.search(s):
        return False
    return "/" in s or "\\" in s or s.startswith("~") or _EXT.search(s) is not None


def root_paths(uris: list[str]) -> list[Path]:
    """The client's `file://` roots as resolved folders (other schemes are not files: ignored)."""
    out = []
    for uri in uris:
        p = urlparse(uri)
        if p.scheme != "file":
            continue
        out.append(Path(os.path.realpath(unquote(p.path))))
    return out


def resolve(candidate: str, roots: list[Path]) -> Path:
    """The real path of `candidate` (relative paths: to the first root), or Refused."""
    if not roots:
        raise Refused("the client declared no folder roots, so no file can be read; paste the source text instead")
    s = candidate.strip()
    if s.startswith("file://"):
        s = unquote(urlparse(s).path)
    p = Path(os.path.expanduser(s))
    if not p.is_absolute():
        p = roots[0] / p
    real = Path(os.path.realpath(p))
    if not any(real == r or real.is_relative_to(r) for r in roots):
        raise Refused(f"{candidate.strip()} is outside the roots the client declared "
                      f"({', '.join(str(r) for r in roots)}); it was not read")
    return real


def read(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a regular file; Refused for anything else (never blocks on a FIFO or device)."""
    if path.is_dir():
        raise Refused(f"{path} is a folder; name one source file (or run `errcode check` on the folder)")
    try:
        data = read_regular(path, max_bytes)
    except NotRegular:
        raise Refused(f"{path} is not a regular file (FIFO, device or socket); it was not read") from None
    except TooLarge as exc:
        raise Refused(f"{path} is {exc.size:,} bytes; the limit is {max_bytes:,}") from None
    except OSError as exc:
        raise Refused(f"{path}: {exc.strerror or exc}") from None
    decoded, _kind, message = decode(data)
    if decoded is None:
        raise Refused(f"{path}: {message}")
    return decoded.text

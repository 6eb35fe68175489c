"""Writing files safely for `errcode check`: fixed sources (`--fix`) and reports (`--output`).

- `write_back(path, data)`: a fix goes to the file a symbolic link names (the link stays a link),
  keeps the file's permissions, and refuses a read-only file (`ReadOnly`).  A file with one name is
  replaced atomically (a temporary file beside it, then `os.replace`); a file with several hard
  links is written in place, so that every name sees the fix, after a temporary copy of the new
  bytes was written and read back whole (the disk has room for them).
- `AtomicOutput(path)`: a report is written to a temporary file beside `path` and renamed over it
  once complete, so a reader never sees half a report and a failed run leaves the old one.  A
  path that is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written directly.
"""

from __future__ import annotations

import os
import stat
import tempfile


class ReadOnly(OSError):
    """The file has no write permission: `--fix` leaves it alone."""


def write_back(path: str, data: bytes) -> None:
    """Replace the bytes of the file at `path` (through a symbolic link) by `data`."""
    target = os.path.realpath(path)
    st = os.stat(target)
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise ReadOnly(f"read-only ({stat.filemode(st.st_mode)})")
    tmp = _temporary_copy(target, data, st.st_mode)
    try:
        if st.st_nlink > 1:
            _write_in_place(target, data)
        else:
            os.replace(tmp, target)
            tmp = None
    finally:
        if tmp is not None:
            os.unlink(tmp)


def _temporary_copy(target: str, data: bytes, mode: int) -> str:
    """A file beside `target` holding `data` (verified by reading it back), with `target`'s mode."""
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".errcode-fix", dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(mode))
        with open(tmp, "rb") as fh:
            if fh.read() != data:
                raise OSError(f"the temporary copy {tmp} does not read back as written")
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _write_in_place(target: str, data: bytes) -> None:
    with open(target, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


class AtomicOutput:
    """A text file to write a report to: `open()`, write, then `commit()` (or `abort()`)."""

    def __init__(self, path: str, *, errors: str = "strict"):
        self.path = path
        self.errors = errors
        self.tmp: str | None = None
        self.fh = None

    def open(self):
        target = os.path.realpath(self.path)
        try:
            st = os.stat(target)
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            self.fh = open(self.path, "w", encoding="utf-8", errors=self.errors, newline="\n")
            return self.fh
        fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=os.path.dirname(target) or ".")
        self.target = target
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~umask)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", errors=self.errors, newline="\n")
        return self.fh

    def commit(self) -> None:
        self.fh.close()
        if self.tmp is not None:
            os.replace(self.tmp, self.target)
            self.tmp = None

    def abort(self) -> None:
        if self.fh is not None and not self.fh.closed:
            self.fh.close()
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None

"""Reading a file named by a user or found in a tree, which may be hostile: regular files only
(a FIFO is never waited for, a device never read), at most a given number of bytes."""

from __future__ import annotations

import os
import stat


class NotRegular(OSError):
    """A path that names a FIFO, a device, a socket or a folder: never read."""


class TooLarge(OSError):
    """A regular file of more bytes than the caller's limit (`size`: as many as are known)."""

    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them.  Raises NotRegular for anything
    else (without blocking on a FIFO) and TooLarge for a longer file (also one that grows while read)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(f"not a regular file ({kind_of(st.st_mode)})")
        if st.st_size > limit:
            raise TooLarge(st.st_size)
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, max(st.st_size + 1, 65536)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise TooLarge(limit + 1 - left)
        return b"".join(chunks)
    finally:
        os.close(fd)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, for a message ("a FIFO", "a device", …)."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a file"

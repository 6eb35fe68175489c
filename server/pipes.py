"""The server's output pipe, sized to hold a whole message.

A publishDiagnostics of a large document is hundreds of kilobytes (1,500 diagnostics: ~700 KB),
and a pipe holds 64 KB by default: pygls writes synchronously, so the event loop would wait for the
client to read each 64 KB before it could handle the next message (an edit, a hover).  Linux lets
a process enlarge a pipe it holds (`F_SETPIPE_SZ`, up to /proc/sys/fs/pipe-max-size, 1 MB by
default, without privileges); with that the message goes into the pipe in one write and the
client reads it at its own pace.  Elsewhere (not a pipe, not Linux, a limit reached) nothing
changes.
"""

from __future__ import annotations

import os
import stat

try:
    import fcntl
except ImportError:  # Windows: no pipes to size
    fcntl = None  # type: ignore[assignment]

WANTED = 1 << 20  # bytes


def pipe_max_size(default: int = WANTED) -> int:
    try:
        with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return default


def widen_pipe(stream, wanted: int = WANTED) -> int | None:
    """Enlarge the pipe behind `stream` (a file object or descriptor) to `wanted` bytes, or as much
    as the system allows; returns its size then, None when it is not a pipe or cannot be sized."""
    setsz = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    getsz = getattr(fcntl, "F_GETPIPE_SZ", None) if fcntl is not None else None
    if setsz is None or getsz is None:
        return None
    try:
        fd = stream if isinstance(stream, int) else stream.fileno()
        if not stat.S_ISFIFO(os.fstat(fd).st_mode):
            return None
        size = fcntl.fcntl(fd, getsz)
        if size >= wanted:
            return size
        for target in (wanted, min(wanted, pipe_max_size())):
            try:
                return fcntl.fcntl(fd, setsz, target)
            except OSError:  # EPERM above the limit, EBUSY over the user's pipe quota
                continue
        return size
    except (OSError, ValueError, AttributeError):
        return None

"""Which `docsPaths` the server may hand to the catalog: folders and regular files of a bounded size.

A client's settings can name anything: a FIFO (reading it blocks for ever), `/dev/zero` (reading
it never ends), a multi-gigabyte file.  Each path is looked at with `os.stat` (which never blocks
and never reads) before anything opens it; what is not a folder or a regular file under
MAX_PAGE_BYTES is left out with a sentence for window/showMessage.  Inside a folder the catalog
reads only regular page files itself.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

from ..catalog.readfile import kind_of

MAX_PAGE_BYTES = 16 * 1024 * 1024  # the largest OpenHarmony error-code page is well under 1 MB


def vet_docs_paths(paths: Iterable[str], max_bytes: int = MAX_PAGE_BYTES) -> tuple[list[str], list[str]]:
    """(the paths safe to read, a problem sentence for each path left out)."""
    ok: list[str] = []
    problems: list[str] = []
    for path in paths:
        try:
            st = os.stat(path)  # follows links: a link to /dev/zero is /dev/zero
        except (OSError, ValueError):
            ok.append(path)  # absent or unreadable: the catalog names it in its own errors
            continue
        if stat.S_ISDIR(st.st_mode):
            ok.append(path)
        elif not stat.S_ISREG(st.st_mode):
            problems.append(f"docsPaths: {path} is {kind_of(st.st_mode)}, not a documentation page; skipped")
        elif st.st_size > max_bytes:
            problems.append(f"docsPaths: {path} is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit "
                            "for a documentation page; skipped")
        else:
            ok.append(path)
    return ok, problems

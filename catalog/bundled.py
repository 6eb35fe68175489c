"""The bundled catalog compiled: catalog/data/bundled-catalog.marshal, in the snapshot format.

`scripts/build_bundled.py` writes it (`write_bundled_snapshot`); `Catalog.load` reads it
(`bundled_layer`) so that `errcode explain` needs neither the Markdown parser nor the fact
tables at start-up.  Its fingerprint covers every file it is built from: a stale file is not used.
"""

from __future__ import annotations

import os
from functools import lru_cache

from .model import Entry

_HERE = os.path.dirname(os.path.abspath(__file__))


SNAPSHOT_NAME = "bundled-catalog.marshal"
# What the bundled catalog is built from: a change to any of these makes its compiled file stale.
_SNAPSHOT_INPUTS = ("data/errorcode-image.md", "data/symbols.tsv", "data/image-known-codes.tsv",
                    "facts.py", "catalog.py", "seed.py", "numbers.py", "model.py", "snapshot.py", "snapshot_parts.py", "bundled.py",
                    "data/image-api.json", "api/table.py", "api/index.py", "api/render.py")


@lru_cache(maxsize=1)
def snapshot_fingerprint() -> str:
    """A checksum of the files the bundled catalog is built from, the parser package's modules
    included (read once per process)."""
    import marshal
    import zlib

    from .snapshot import FORMAT

    crc = zlib.crc32(f"{FORMAT}/{marshal.version}".encode())
    for rel in snapshot_inputs():
        with open(os.path.join(_HERE, rel), "rb") as f:
            crc = zlib.crc32(f.read(), crc)
    return f"{crc:08x}"


def snapshot_inputs() -> list[str]:
    """The files the bundled catalog is built from, relative to catalog/ (the parser's modules included)."""
    parse_sources = sorted(f"parse/{n}" for n in os.listdir(os.path.join(_HERE, "parse")) if n.endswith(".py"))
    return [*_SNAPSHOT_INPUTS, *parse_sources]


def written_after_its_inputs(path: str) -> bool:
    """True when the compiled file is newer than every file it is built from: no input changed
    since it was written (one stat each; reading and checksumming them all costs a start-up 5 ms).
    Otherwise (an input edited since, or an install that wrote the files in another order) the
    fingerprint decides."""
    try:
        written = os.stat(path).st_mtime_ns
        return all(os.stat(os.path.join(_HERE, rel)).st_mtime_ns < written for rel in snapshot_inputs())
    except OSError:
        return False


def bundled_snapshot_path() -> str:
    return os.path.join(_HERE, "data", SNAPSHOT_NAME)


def write_bundled_snapshot(catalog, path: str | None = None) -> None:
    """What `scripts/build_bundled.py` saves: the bundled catalog in the snapshot format
    (catalog/snapshot.py), the shipped page's path left out (filled in at load time)."""
    from dataclasses import astuple

    from . import snapshot as snap
    from .seed import bundled_info

    source = snap.entry_fields().index("source")

    def row(e: Entry) -> tuple:
        r = astuple(e)
        return r[:source] + ("",) + r[source + 1:] if e.origin == "page" else r

    snap.write(path or bundled_snapshot_path(), catalog.entries, symbols=catalog.symbols(),
               symbol_of=catalog.symbol_map(), info={"fingerprint": snapshot_fingerprint(), **bundled_info()}, row=row)


def bundled_layer():
    """The bundled catalog as `scripts/build_bundled.py` saved it (the page merged with the facts).

    Used so that `errcode explain` needs neither the Markdown parser nor the fact tables at
    start-up; None when missing, unreadable or stale, and then the catalog is built from its sources.
    """
    from .seed import bundled_page_path
    from .snapshot import Snapshot, SnapshotError

    path = bundled_snapshot_path()
    try:
        layer = Snapshot(path, source_default=str(bundled_page_path()))
    except SnapshotError:
        return None
    if written_after_its_inputs(path) or layer.info_part("fingerprint") == snapshot_fingerprint():
        return layer
    return None

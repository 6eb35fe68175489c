"""A compiled catalog in one file: an index read at start-up, entries decoded on demand.

Used for the bundled catalog (catalog/data/bundled-catalog.marshal), the user's snapshot that
`errcode catalog update` writes ($XDG_CACHE_HOME/ohos-errcode/catalog.snapshot, or under
$ERRCODE_CACHE), and compiled `--docs` pages.  Layout:

    MAGIC (8 bytes) | format (u32) | index length (u64) | index crc32 (u32) | body length (u64)
    index: marshal {fields, codes, offsets, crcs (machine arrays as bytes), symbols, symbol_of, kits, info_at}
    body:  per code, marshal of the tuple of its entries' rows (field order of model.Entry);
           then each value of the `info` dict (sources, counts, the SDK's API table, which APIs
           throw which code …) on its own (`info_at`: key -> where), each read only when asked for:
           `errcode explain` reads the few kilobytes of "which API throws this code", never the
           megabytes of the API table; equal strings in the info are one object when written
           (`shared`), so marshal stores each once and a reader gets one object for all of them

Opening reads the header and the index and checks the index's checksum and the file's length;
a code's rows are read and checked the first time it is asked for.  marshal holds only
built-in types, so loading runs no code from the file.  Writing is atomic: a temporary file
in the same folder, fsync, rename.
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
import weakref
import zlib
from array import array
from collections.abc import Iterable

from .model import Entry
from .snapshot_parts import Codes, KeyedPart, SnapshotError

MAGIC = b"OHERRCAT"
FORMAT = 5
_HEAD = struct.Struct("<8sIQIQ")
MARSHAL_VERSION = 4
KEYED_MIN = 64  # an info table by code with more keys than this is stored key by key


def entry_fields() -> tuple[str, ...]:
    from dataclasses import fields

    return tuple(f.name for f in fields(Entry))


def entry_row(e: Entry) -> tuple:
    from dataclasses import astuple

    return astuple(e)


def shared(value, strings: dict[str, str]):
    """`value` (dicts, lists, tuples of plain values) with each distinct string as one object:
    marshal writes a string it has written before as a reference, so a reader gets one object per
    distinct string (the SDK's API table repeats module names and error texts thousands of times:
    its part reads into half the memory)."""
    if type(value) is str:
        return strings.setdefault(value, value)
    if type(value) is dict:
        return {shared(k, strings): shared(v, strings) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)([shared(v, strings) for v in value])
    return value


def write(path: str, entries: Iterable[Entry], *, symbols: dict[str, int], symbol_of: dict[int, str],
          info: dict | None = None, row=entry_row) -> None:
    """Write a snapshot atomically (the old file stays in place until the new one is complete)."""
    by_code: dict[int, list[tuple]] = {}
    kits: dict[str, str] = {}
    for e in entries:
        by_code.setdefault(e.code, []).append(row(e))
        kits.setdefault(e.kit, e.kit_name)
    body = bytearray()
    codes, offsets, crcs = array("q"), array("q"), array("q")
    for code in sorted(by_code):
        blob = marshal.dumps(tuple(by_code[code]), MARSHAL_VERSION)
        codes.append(code)
        offsets.append(len(body))
        crcs.append(zlib.crc32(blob))
        body += blob
    offsets.append(len(body))
    info_at: dict[str, tuple] = {}
    strings: dict[str, str] = {}
    for key, value in (info or {}).items():
        value = shared(value, strings)
        if isinstance(value, dict) and len(value) > KEYED_MIN and all(type(k) is int for k in value):
            # a table by code ("throws"): each code's value on its own, found through arrays like `codes`
            keys, offs, kcrcs = array("q"), array("q"), array("q")
            start = len(body)
            for k in sorted(value):
                blob = marshal.dumps(value[k], MARSHAL_VERSION)
                keys.append(k)
                offs.append(len(body) - start)
                kcrcs.append(zlib.crc32(blob))
                body += blob
            offs.append(len(body) - start)
            info_at[key] = ("keyed", start, keys.tobytes(), offs.tobytes(), kcrcs.tobytes())
            continue
        blob = marshal.dumps(value, MARSHAL_VERSION)
        info_at[key] = (len(body), len(blob), zlib.crc32(blob))
        body += blob
    index = marshal.dumps({
        "fields": entry_fields(), "codes": codes.tobytes(), "offsets": offsets.tobytes(), "crcs": crcs.tobytes(),
        "symbols": dict(symbols), "symbol_of": dict(symbol_of), "kits": kits, "info_at": info_at,
        "byteorder": sys.byteorder,
    }, MARSHAL_VERSION)
    head = _HEAD.pack(MAGIC, FORMAT, len(index), zlib.crc32(index), len(body))
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(head)
            f.write(index)
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


class Snapshot:
    """An open snapshot: `codes`, `kits`, `symbols`, `symbol_of`, `info` at once; `entries_for(code)` on demand."""

    def __init__(self, path: str, *, source_default: str = "") -> None:
        self.path = path
        self.source_default = source_default  # for rows saved with source "" (the bundled page)
        try:
            f = open(path, "rb")
        except OSError as exc:
            raise SnapshotError(exc.strerror or str(exc)) from None
        try:
            head = f.read(_HEAD.size)
            if len(head) < _HEAD.size:
                raise SnapshotError("truncated (no header)")
            magic, fmt, ilen, icrc, blen = _HEAD.unpack(head)
            if magic != MAGIC:
                raise SnapshotError("not a catalog snapshot")
            if fmt != FORMAT:
                raise SnapshotError(f"format {fmt}, this version reads format {FORMAT}")
            size = os.fstat(f.fileno()).st_size
            if size != _HEAD.size + ilen + blen:
                raise SnapshotError(f"truncated or padded ({size} bytes, expected {_HEAD.size + ilen + blen})")
            raw = f.read(ilen)
        except OSError as exc:
            f.close()
            raise SnapshotError(exc.strerror or str(exc)) from None
        except SnapshotError:
            f.close()
            raise
        # Where the system reads at an offset without seeking (POSIX `pread`), the file stays open:
        # reading a code is one call, not an open, and a snapshot that `errcode catalog update`
        # replaces meanwhile is still read whole from the file this one opened.  Elsewhere (Windows,
        # where an open file cannot be replaced) each read opens the path again.
        if hasattr(os, "pread"):
            self._file = f
            weakref.finalize(self, f.close)
        else:
            f.close()
            self._file = None
        self._body_length = blen
        if zlib.crc32(raw) != icrc:
            raise SnapshotError("index checksum mismatch")
        try:
            index = marshal.loads(raw)
            if index["byteorder"] != sys.byteorder:
                raise SnapshotError(f"written on a {index['byteorder']}-endian machine")
            self.codes = Codes(index["codes"], index["offsets"], index["crcs"])
            self.symbols: dict[str, int] = index["symbols"]
            self.symbol_of: dict[int, str] = index["symbol_of"]
            self.kits: dict[str, str] = index["kits"]
            self._info_at: dict[str, tuple] = dict(index["info_at"])
            fields = index["fields"]
        except (ValueError, EOFError, TypeError, KeyError) as exc:
            raise SnapshotError(f"unreadable index: {exc}") from None
        if tuple(fields) != entry_fields():
            raise SnapshotError("saved by another version (entry fields differ)")
        self.data_offset = _HEAD.size + ilen
        self._source = fields.index("source")
        self._origin = fields.index("origin")
        self._cache: dict[int, tuple[Entry, ...]] = {}
        self._info: dict = {}
        self.problem: str | None = None  # set when a code's data turned out corrupt

    @property
    def info(self) -> dict:
        """What the writer said about the snapshot (sources, counts, facts): every part, each read on first use."""
        out = {}
        for key in self._info_at:
            value = self.info_part(key)
            if value is not None:
                out[key] = {k: v for k in value if (v := value.get(k)) is not None} if isinstance(value, KeyedPart) else value
        return out

    def info_part(self, key: str, default=None):
        """One value of the writer's `info` (read and checked on first use; `default` when absent or
        corrupt).  A large table by code comes back as a `KeyedPart`, each code's value read when asked."""
        if key in self._info:
            return self._info[key]
        where = self._info_at.get(key)
        if where is None:
            return default
        try:
            if where[0] == "keyed":
                _, start, keys, offsets, crcs = where
                value = KeyedPart(self, key, self.data_offset + start, Codes(keys, offsets, crcs))
            else:
                offset, length, crc = where
                value = marshal.loads(self.read_checked(self.data_offset + offset, length, crc, repr(key)))
        except (OSError, ValueError, EOFError, TypeError, SnapshotError) as exc:
            self.problem = f"{self.path}: {exc}"
            value = default
        self._info[key] = value
        return value

    def read_at(self, at: int, length: int) -> bytes:
        """`length` bytes of the file at `at` (fewer at its end)."""
        if self._file is not None:
            return os.pread(self._file.fileno(), length, at)
        with open(self.path, "rb") as f:
            f.seek(at)
            return f.read(length)

    def read_checked(self, at: int, length: int, crc: int, what: str) -> bytes:
        """`length` bytes of the file at `at`, whose crc32 must be `crc` (SnapshotError otherwise)."""
        blob = self.read_at(at, length)
        if len(blob) != length or zlib.crc32(blob) != crc:
            raise SnapshotError(f"the snapshot's {what} is corrupt")
        return blob

    def entries_for(self, code: int) -> tuple[Entry, ...]:
        got = self._cache.get(code)
        if got is not None:
            return got
        where = self.codes.get(code)
        if where is None:
            return ()
        offset, length, crc = where
        try:
            blob = self.read_at(self.data_offset + offset, length)
            if len(blob) != length or zlib.crc32(blob) != crc:
                raise SnapshotError(f"data of code {code} is corrupt")
            rows = marshal.loads(blob)
            got = tuple(self._entry(r) for r in rows)
        except (OSError, ValueError, EOFError, TypeError, SnapshotError) as exc:
            self.problem = f"{self.path}: {exc}"
            got = ()
        self._cache[code] = got
        return got

    def _entry(self, row: tuple) -> Entry:
        if self.source_default and not row[self._source] and row[self._origin] == "page":
            row = row[: self._source] + (self.source_default,) + row[self._source + 1:]
        return Entry(*row)

    def all_entries(self) -> list[Entry]:
        """Every entry, read in one pass of the file (for search and listings); kept for later lookups."""
        return [e for _, got in self.iter_entries(keep=True) for e in got]

    def iter_entries(self, *, keep: bool = False):
        """(code, its entries) for every code in order, read in one pass of the file.  With `keep`
        the entries read are kept for later lookups; without, a code not read before is decoded and
        let go, so counting every entry leaves no more in memory than there was."""
        try:
            body = self.read_at(self.data_offset, self._body_length)
        except OSError as exc:
            self.problem = f"{self.path}: {exc.strerror or exc}"
            for code in self.codes:
                yield code, self._cache.get(code, ())
            return
        for code, (offset, length, crc) in self.codes.items():
            got = self._cache.get(code)
            if got is None:
                blob = body[offset: offset + length]
                if zlib.crc32(blob) != crc:
                    self.problem = f"{self.path}: data of code {code} is corrupt"
                    got = ()
                else:
                    got = tuple(self._entry(r) for r in marshal.loads(blob))
                if keep:
                    self._cache[code] = got
            yield code, got


def cache_dir() -> str:
    """Where the snapshot, the clones and compiled pages live: $ERRCODE_CACHE, else
    $XDG_CACHE_HOME/ohos-errcode, else ~/.cache/ohos-errcode."""
    if os.environ.get("ERRCODE_CACHE"):
        return os.environ["ERRCODE_CACHE"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "ohos-errcode")


SNAPSHOT_FILE = "catalog.snapshot"


def user_snapshot_path() -> str:
    return os.path.join(cache_dir(), SNAPSHOT_FILE)


_warned: set[str] = set()


def open_user_snapshot(warn=None) -> Snapshot | None:
    """The user's snapshot, or None when there is none; a broken one is reported once (through
    `warn`, default stderr) and ignored, so the bundled catalog still answers."""
    path = user_snapshot_path()
    if not os.path.exists(path):
        return None
    try:
        return Snapshot(path)
    except SnapshotError as exc:
        if path not in _warned:
            _warned.add(path)
            message = f"errcode: warning: ignoring the catalog snapshot {path}: {exc}; run `errcode catalog update`"
            if warn is None:
                print(message, file=sys.stderr)
            else:
                warn(message)
        return None


def snapshot_stamp() -> tuple[int, int] | None:
    """(mtime_ns, size) of the user's snapshot, None when absent: a face that keeps a catalog
    in memory compares stamps to know when to reload."""
    try:
        st = os.stat(user_snapshot_path())
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)

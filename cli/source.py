"""Reading the source files `errcode check` found, faithfully.

- Only regular files are read (FIFOs, devices and links to them raise `NotRegular`, and are never
  opened in a way that blocks), and never more than the limit of one (`TooLarge`).
- Binary files (a NUL byte in the first 8 KiB) and files above `max_bytes` become notes.
- Text is UTF-8, with or without BOM, or UTF-16 with its BOM; an undecodable file becomes a note
  naming the byte offset, never a crash, and is never rewritten (`encode` writes a fixed text back
  in the encoding it was read in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog.readfile import NotRegular, TooLarge, read_regular

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
UTF32_LE_BOM = b"\xff\xfe\x00\x00"
DEFAULT_MAX_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    bom: bool
    encoding: str = "utf-8"  # or "utf-16-le" / "utf-16-be" (always with their BOM)


def read_source(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Decoded | None, str | None, str]:
    """(decoded, note_kind, note_message): decoded is None when the file is skipped."""
    try:
        data = read_regular(path, max_bytes)
    except NotRegular as exc:
        return None, "special", f"skipped: {exc}"
    except TooLarge as exc:
        return None, "oversized", f"skipped: {exc.size} bytes is more than the {max_bytes}-byte limit (--max-size)"
    except OSError as exc:
        return None, "unreadable", f"cannot read: {exc.strerror or exc}"
    return decode(data)


def decode(data: bytes) -> tuple[Decoded | None, str | None, str]:
    if data[:2] in UTF16_BOMS and not data.startswith(UTF32_LE_BOM):
        encoding = UTF16_BOMS[data[:2]]
        try:
            return Decoded(data[2:].decode(encoding), True, encoding), None, ""
        except UnicodeDecodeError as exc:
            return None, "undecodable", f"skipped: not valid {encoding.upper()} (at byte offset {exc.start + 2})"
    if b"\x00" in data[:8192]:
        return None, "binary", "skipped: binary file"
    bom = data.startswith(BOM)
    body = data[3:] if bom else data
    try:
        return Decoded(body.decode("utf-8"), bom), None, ""
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if bom else 0)
        line = data.count(b"\n", 0, offset) + 1
        return None, "undecodable", f"skipped: not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset}, line {line})"


def long_lines(text: str, limit: int) -> tuple[int, int]:
    """(how many lines of `text` are longer than `limit` characters, the 0-based number of the first);
    lines end at \\n, \\r\\n or \\r as `catalog.scan.split_lines` has them.  Cheap on ordinary text: it
    looks for the last line break in each stretch of `limit` + 1 characters."""
    n = len(text)
    if n <= limit:
        return 0, -1
    count, first = 0, -1
    pos = 0
    while n - pos > limit:
        window = pos + limit + 1
        brk = max(text.rfind("\n", pos, window), text.rfind("\r", pos, window))
        if brk >= 0:
            pos = brk + 1
            continue
        # no break in limit + 1 characters from `pos`: a long line starts here
        if first < 0:
            first = sum(1 for _ in re.finditer(r"\r\n|\r|\n", text[:pos]))
        count += 1
        nl, cr = text.find("\n", window), text.find("\r", window)
        ends = [i for i in (nl, cr) if i >= 0]
        if not ends:
            break
        pos = min(ends) + 1
    return count, first


def encode(text: str, bom: bool, encoding: str = "utf-8") -> bytes:
    if encoding != "utf-8":
        return next(b for b, e in UTF16_BOMS.items() if e == encoding) + text.encode(encoding)
    return (BOM if bom else b"") + text.encode("utf-8")

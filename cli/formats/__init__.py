"""Output formats of `errcode check`: text, json, sarif, rdjsonl, rdjson, github (one module each).

The core reports positions as (0-based line, code-point column).  Each format converts at the
edge, and documents its convention:

| format          | line    | column                                   | end             |
|-----------------|---------|------------------------------------------|-----------------|
| text            | 1-based | 1-based code points (for humans)          | not shown       |
| json            | 1-based | 1-based UTF-16 code units (+ UTF-8 bytes) | exclusive       |
| sarif           | 1-based | 1-based UTF-16 code units (utf16CodeUnits)| exclusive       |
| rdjson/rdjsonl  | 1-based | 1-based UTF-8 bytes (reviewdog)           | exclusive       |
| github          | 1-based | 1-based UTF-16 code units                 | exclusive       |

Machine formats use paths relative to the repository root ('/' separators); text uses the
path as given on the command line, so that terminals and editors can open it.  The JSON formats
build plain data and write it with `json.dumps` (`base.dumps`); each streams its document.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from .base import (
    INFO_URI,
    SEVERITY_BY_NAME,
    SEVERITY_NAMES,
    TOOL,
    Change,
    FileResult,
    Report,
    Writer,
    col8,
    col16,
    fingerprints,
    range_text,
    rules,
    span8,
    span16,
    utf8_bytes,
    utf16_units,
)
from .github import GithubWriter
from .json_format import JsonWriter
from .reviewdog import RdjsonlWriter, RdjsonWriter
from .sarif import SarifWriter
from .text import TextWriter

FORMATS = ("text", "json", "sarif", "rdjsonl", "rdjson", "github")

WRITERS: dict[str, type[Writer]] = {
    "text": TextWriter,
    "json": JsonWriter,
    "sarif": SarifWriter,
    "rdjsonl": RdjsonlWriter,
    "rdjson": RdjsonWriter,
    "github": GithubWriter,
}

__all__ = [
    "FORMATS", "WRITERS", "INFO_URI", "SEVERITY_BY_NAME", "SEVERITY_NAMES", "TOOL", "Change", "FileResult",
    "Report", "Writer", "col8", "col16", "fingerprints", "range_text", "rules", "span8", "span16",
    "utf8_bytes", "utf16_units", "writer", "write", "write_github", "step_summary",
]


def writer(fmt: str, out: TextIO, root: Path, color: bool = False) -> Writer:
    return WRITERS[fmt](out, root, color and fmt == "text")


def write(fmt: str, report: Report, out: TextIO, color: bool = False) -> Writer:
    """Write a whole report at once (the streaming writer driven over it)."""
    w = writer(fmt, out, report.root, color)
    w.begin()
    for r in report.results:
        w.add(r)
    w.finish(report.notes, report.changes, report.files_checked)
    return w


def write_github(report: Report, out: TextIO) -> None:
    write("github", report, out)


def step_summary(report: Report) -> str:
    with open(os.devnull, "w") as devnull:
        w = GithubWriter(devnull, report.root)
        w.begin()
        for r in report.results:
            w.add(r)
    return w.summary(report.notes, report.files_checked)

"""`rdjsonl` (one reviewdog Diagnostic per line) and `rdjson` (a DiagnosticResult document).
Columns: 1-based UTF-8 bytes, as reviewdog wants them.  Each diagnostic is `json.dumps` of plain data."""

from __future__ import annotations

from ...catalog.model import Severity
from ..walk import Note
from .base import INFO_URI, TOOL, Change, FileResult, Writer, dumps, dumps_joined, rules, span8

RD_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFORMATION: "INFO", Severity.HINT: "INFO"}
RD_SOURCE = {"name": TOOL}


class RdjsonlWriter(Writer):
    stateless = True
    joiner = "\n"

    def prepare(self) -> None:
        self.urls = {ri.id: ri.help_uri for ri in rules()}

    def diagnostics(self, result: FileResult) -> list[dict]:
        r = result
        out = []
        for f in r.findings:
            rg = span8(r.lines, f.range)
            d = {
                "message": f.message,
                "location": {"path": r.file.rel, "range": rg},
                "severity": RD_SEVERITY[f.severity],
                "source": RD_SOURCE,
                "code": {"value": f.rule, "url": f.url or self.urls.get(f.rule, INFO_URI)},
            }
            if f.fixes:
                d["suggestions"] = [
                    {"range": rg if x.range == f.range else span8(r.lines, x.range), "text": x.new_text} for x in f.fixes
                ]
            out.append(d)
        return out

    def render(self, result: FileResult) -> str:
        """`dumps` of each of the file's diagnostics, joined by `joiner`."""
        return dumps_joined(self.diagnostics(result), self.joiner)

    def add(self, result: FileResult) -> None:
        super().add(result)
        if result.findings:
            self.write_rendered(self.render(result))

    def write_rendered(self, rendered) -> None:
        self.out.write(rendered + "\n")


class RdjsonWriter(RdjsonlWriter):
    joiner = ",\n"

    def begin(self) -> None:
        super().begin()
        self.out.write('{"source":' + dumps(RD_SOURCE) + ',"diagnostics":[')
        self.sep = "\n"

    def write_rendered(self, rendered) -> None:
        self.out.write(self.sep + rendered)
        self.sep = ",\n"

    def finish(self, notes: list[Note], changes: list[Change], files_checked: int) -> None:
        self.out.write(("\n" if self.total else "") + "]}\n")

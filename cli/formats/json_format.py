"""`json`: one JSON document; each finding one compact object on its own line (greppable).

    {"tool":…,"version":…,"columns":…,"root":…,"findings":[
    {finding},
    {finding}],"filesChecked":n,"notes":[…],"fixed":[…]}

The document is streamed: its head, each file's findings (`render`, possibly in a worker), then
its tail; every piece is `json.dumps` of plain data."""

from __future__ import annotations

from ... import __version__
from ...catalog.model import Range
from ..walk import Note
from .base import SEVERITY_NAMES, TOOL, Change, FileResult, Writer, col8, col16, dumps, dumps_joined, fix_label, range_text

JSON_COLUMNS = "line 1-based; column 1-based UTF-16 code units; byte 1-based UTF-8 bytes; end exclusive"


def json_range(lines: dict[int, str], r: Range) -> dict:
    s, e = r.start, r.end
    if lines.get(s.line, "").isascii() and (e.line == s.line or lines.get(e.line, "").isascii()):
        a, b = s.character + 1, e.character + 1  # ASCII: every column is the code point's
        return {"start": {"line": s.line + 1, "column": a, "byte": a}, "end": {"line": e.line + 1, "column": b, "byte": b}}
    return {
        "start": {"line": s.line + 1, "column": col16(lines, s.line, s.character), "byte": col8(lines, s.line, s.character)},
        "end": {"line": e.line + 1, "column": col16(lines, e.line, e.character), "byte": col8(lines, e.line, e.character)},
    }


class JsonWriter(Writer):
    stateless = True

    def begin(self) -> None:
        super().begin()
        head = {"tool": TOOL, "version": __version__, "columns": JSON_COLUMNS, "root": str(self.root)}
        self.out.write(dumps(head)[:-1] + ',"findings":[')
        self.sep = "\n"

    def render(self, result: FileResult) -> str:
        """The file's findings, one `dumps` each, joined by ",\\n"."""
        r = result
        lines = r.lines
        path, language = r.file.rel, r.file.language
        items = []
        for f in r.findings:
            rg = f.range
            rj = json_range(lines, rg)
            s, e = rg.start, rg.end
            items.append({
                "path": path,
                "language": language,
                "rule": f.rule,
                "severity": SEVERITY_NAMES[f.severity],
                "message": f.message,
                "code": f.code,
                "url": f.url or None,
                "text": lines.get(s.line, "")[s.character:e.character] if s.line == e.line else range_text(lines, rg),
                "range": rj,
                "fixes": [
                    {"title": fix_label(x), "preferred": x.preferred,
                     "range": rj if x.range == rg else json_range(lines, x.range), "newText": x.new_text}
                    for x in f.fixes
                ] if f.fixes else [],
            })
        return dumps_joined(items, ",\n")

    def add(self, result: FileResult) -> None:
        super().add(result)
        if result.findings:
            self.write_rendered(self.render(result))

    def write_rendered(self, rendered) -> None:
        self.out.write(self.sep + rendered)
        self.sep = ",\n"

    def finish(self, notes: list[Note], changes: list[Change], files_checked: int) -> None:
        tail = {
            "filesChecked": files_checked,
            "notes": [{"path": n.rel, "kind": n.kind, "message": n.message} for n in notes],
            "fixed": [
                {"path": c.file.rel, "line": c.range.start.line + 1, "old": c.old, "new": c.new, "title": c.title}
                for c in changes
            ],
        }
        self.out.write(("\n" if self.total else "") + "]," + dumps(tail)[1:] + "\n")

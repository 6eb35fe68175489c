"""`github`: workflow commands, `::warning file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`
(1-based UTF-16 columns), and a Markdown summary appended to `$GITHUB_STEP_SUMMARY` when it is set.

File names go through `walk.printable` (GitHub annotates UTF-8 paths only; a name that is not
UTF-8 is shown with backslash escapes)."""

from __future__ import annotations

import os

from ...catalog.model import Finding, Severity
from ..walk import Note, printable
from .base import SEVERITY_NAMES, Change, FileResult, Writer, col16, fix_label, plural

GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFORMATION: "notice", Severity.HINT: "notice"}
SUMMARY_ROWS = 100


def gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_prop(s: str) -> str:
    return gh_data(s).replace(":", "%3A").replace(",", "%2C")


def md_cell(s: str) -> str:
    return " ".join(s.split()).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


class GithubWriter(Writer):
    stateless = True

    def prepare(self) -> None:
        self.rows: list[str] = []

    def render(self, result: FileResult) -> tuple[str, list[str]]:
        """(the commands for the file's findings, the summary rows of its first `SUMMARY_ROWS` when a
        step summary will be written)."""
        return self._render(result, SUMMARY_ROWS if os.environ.get("GITHUB_STEP_SUMMARY") else 0)

    def _render(self, result: FileResult, nrows: int) -> tuple[str, list[str]]:
        r = result
        lines = r.lines
        file = f"file={gh_prop(printable(r.file.rel))}"
        parts = []
        for f in r.findings:
            msg = f.message
            if f.fixes:
                msg += "\n" + "\n".join(f"Fix: {fix_label(x)}" for x in f.fixes)
            rg = f.range
            sl, el = rg.start.line, rg.end.line
            parts.append(
                f"::{GH_LEVEL[f.severity]} {file},line={sl + 1},endLine={el + 1},col={col16(lines, sl, rg.start.character)},"
                f"endColumn={col16(lines, el, rg.end.character)},title={gh_prop(f'errcode {f.rule}')}::{gh_data(msg)}\n"
            )
        rows = [self._row(r, f) for f in r.findings[:nrows]] if nrows > 0 else []
        return "".join(parts), rows

    @staticmethod
    def _row(r: FileResult, f: Finding) -> str:
        fix = "; ".join(fix_label(x) for x in f.fixes)
        return (
            f"| `{md_cell(printable(r.file.rel))}:{f.range.start.line + 1}` | {SEVERITY_NAMES[f.severity]} | "
            f"`{f.rule}` | {md_cell(f.message)} | {md_cell(fix)} |"
        )

    def add(self, result: FileResult) -> None:
        super().add(result)
        if result.findings:
            self.write_rendered(self._render(result, SUMMARY_ROWS - len(self.rows)))

    def write_rendered(self, rendered) -> None:
        text, rows = rendered
        self.out.write(text)
        if len(self.rows) < SUMMARY_ROWS:
            self.rows += rows[: SUMMARY_ROWS - len(self.rows)]

    def finish(self, notes: list[Note], changes: list[Change], files_checked: int) -> None:
        for n in notes:
            self.out.write(
                f"::notice file={gh_prop(printable(n.rel))},title={gh_prop('errcode skipped a file')}::{gh_data(n.message)}\n"
            )
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        if path:
            try:
                with open(path, "a", encoding="utf-8") as fh:
                    fh.write(self.summary(notes, files_checked))
            except OSError as exc:
                self.out.write(f"::warning title=errcode::{gh_data(f'cannot write GITHUB_STEP_SUMMARY: {exc}')}\n")

    def summary(self, notes: list[Note], files_checked: int) -> str:
        lines = ["## errcode check", ""]
        if not self.total:
            lines.append(f"No findings in {plural(files_checked, 'file')}. :white_check_mark:")
        else:
            lines.append(f"**{plural(self.total, 'finding')}** ({self.detail()}) in {plural(files_checked, 'file')}.")
            lines += ["", "| Location | Severity | Rule | Message | Fix |", "|---|---|---|---|---|", *self.rows]
            if self.total > len(self.rows):
                lines.append(f"\n… and {self.total - len(self.rows)} more (see the annotations or the SARIF upload).")
        if notes:
            lines += ["", f"{plural(len(notes), 'file')} skipped:", ""]
            lines += [f"- `{md_cell(printable(n.rel))}`: {md_cell(n.message)}" for n in notes[:SUMMARY_ROWS]]
        return "\n".join(lines) + "\n\n"

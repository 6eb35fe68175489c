"""`text`: `path:line:col: severity rule message` (columns: 1-based code points), then each fix; a
summary line at the end.  On a terminal (`color`) the same lines through rich.

File names are printed with `walk.printable`: an ANSI escape or an undecodable byte in a name
shows as a backslash escape, never reaches the terminal raw."""

from __future__ import annotations

from ..walk import Note, printable
from .base import SEVERITY_NAMES, Change, FileResult, Writer, fix_label, plural

TEXT_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan", "hint": "dim"}


class TextWriter(Writer):
    def begin(self) -> None:
        self.console = None
        self.stateless = not self.color
        if self.color:
            from rich.console import Console

            self.console = Console(file=self.out, highlight=False, soft_wrap=True, force_terminal=True)

    def render(self, result: FileResult) -> str:
        path = printable(result.file.path)
        parts = []
        for f in result.findings:
            start = f.range.start
            parts.append(f"{path}:{start.line + 1}:{start.character + 1}: {SEVERITY_NAMES[f.severity]} {f.rule} {f.message}\n")
            for fx in f.fixes:
                parts.append(f"    fix{' (--fix)' if fx.preferred else ''}: {fix_label(fx)}\n")
        return "".join(parts)

    def add(self, result: FileResult) -> None:
        super().add(result)
        if self.console is None:
            if result.findings:
                self.out.write(self.render(result))
            return
        from rich.markup import escape

        path = printable(result.file.path)
        for f in result.findings:
            sev = SEVERITY_NAMES[f.severity]
            loc = f"{path}:{f.range.start.line + 1}:{f.range.start.character + 1}"
            self.console.print(
                f"[bold]{escape(loc)}[/]: [{TEXT_STYLES[sev]}]{sev}[/] [dim]{escape(f.rule)}[/] {escape(f.message)}"
            )
            for fx in f.fixes:
                tag = " [green](--fix)[/]" if fx.preferred else ""
                self.console.print(f"    [green]fix[/]{tag}: {escape(fix_label(fx))}")

    def finish(self, notes: list[Note], changes: list[Change], files_checked: int) -> None:
        for ch in changes:
            self.out.write(
                f"{printable(ch.file.path)}:{ch.range.start.line + 1}:{ch.range.start.character + 1}: fixed: {ch.old} -> {ch.new}\n"
            )
        detail = self.detail()
        summary = plural(self.total, "finding") + (f" ({detail})" if detail else "")
        summary += f" in {plural(files_checked, 'file')}"
        if changes:
            summary += f"; {len(changes)} fixed"
        self.out.write(summary + "\n")

"""Checking files for `errcode check`: one file's analysis (`check_file`, never raising for bad
input), and many files in batches in worker processes, in order (`iter_checks`).

Workers get the catalog by fork (or load it in `init_worker`), check a batch of files and send back
each file's findings as model values, or, for a stateless format, the rendered output and the counts
(`check_chunk_in_worker`).  `cli/check.py` is the command around it: arguments, the walk, the writer.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Iterator

from ..catalog.model import Finding, Severity
from .formats import Change, FileResult, writer
from .source import DEFAULT_MAX_BYTES, encode, long_lines, read_source
from .walk import Note, SourceFile
from .writes import ReadOnly, write_back

CHUNK_BYTES = 512 * 1024  # files are sent to workers in batches of about this size
CHUNK_FILES = 64
SERIAL_BYTES = 512 * 1024  # below this much source, a process pool costs more than it saves

# --- worker side ---------------------------------------------------------------------------------

STATE: dict = {}


def init_worker(docs: list[str], lang: str, not_thrown=Severity.HINT) -> None:
    """Per-worker set-up. Under fork the parent's catalog is inherited and nothing is loaded."""
    STATE["not_thrown"] = not_thrown
    if "catalog" not in STATE:
        from ..catalog import Catalog

        STATE["catalog"] = Catalog.load(docs, lang=lang)
    freeze_long_lived()


def freeze_long_lived() -> None:
    """The catalog and the modules live as long as the process that checks: keep the cyclic garbage
    collector from walking them again at each collection the findings' allocations set off."""
    import gc

    gc.freeze()


def _touched(findings: list[Finding]) -> set[int]:
    lines: set[int] = set()
    for f in findings:
        lines.update(range(f.range.start.line, f.range.end.line + 1))
        for x in f.fixes:
            lines.update(range(x.range.start.line, x.range.end.line + 1))
    return lines


def check_file(
    sf: SourceFile,
    *,
    fix: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fix_lines: set[int] | None = None,
    slim: bool = True,
) -> tuple[FileResult, list[Change]]:
    """Analyse one file (and fix it when asked: only findings on `fix_lines`, 1-based, when given).
    `slim`: findings without their entries (the formats need only message, code and url).

    Never raises for bad input: problems become a note."""
    from ..catalog.analyze import AnalyzeOptions, analyze_lines
    from ..catalog.scan import MAX_LINE, split_lines

    catalog = STATE["catalog"]
    decoded, kind, message = read_source(sf.path, max_bytes=max_bytes)
    if decoded is None:
        return FileResult(sf, note=Note(sf.path, sf.rel, kind or "unreadable", message)), []
    text = decoded.text
    size = len(text)
    changes: list[Change] = []
    note = None
    try:
        options = AnalyzeOptions(with_entries=not slim, not_thrown_severity=STATE.get("not_thrown", Severity.HINT))
        findings, lines = analyze_lines(text, sf.language, catalog, options)
        if fix:
            from .fix import apply_fixes

            fixable = findings if fix_lines is None else [f for f in findings if in_diff(f, fix_lines)]
            new_text, applied = apply_fixes(text, fixable)
            if applied:
                try:
                    write_back(sf.path, encode(new_text, decoded.bom, decoded.encoding))
                except ReadOnly as exc:
                    note = Note(sf.path, sf.rel, "read-only", f"not fixed: the file is {exc}")
                else:
                    changes = [Change(sf, fx.range, old, fx.new_text, fx.title) for fx, old in applied]
                    text = new_text
                    findings, lines = analyze_lines(text, sf.language, catalog, options)
        if size > MAX_LINE:
            n, first = long_lines(text, MAX_LINE)
            if n:
                more = f" (and {n - 1} more)" if n > 1 else ""
                msg = f"line {first + 1}{more}: longer than {MAX_LINE} characters, not checked"
                note = Note(sf.path, sf.rel, "long-lines", msg) if note is None else \
                    Note(sf.path, sf.rel, note.kind, f"{note.message}; {msg}")
    except OSError as exc:
        return FileResult(sf, note=Note(sf.path, sf.rel, "unwritable", f"cannot write fixes: {exc.strerror or exc}")), []
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop a review run
        return FileResult(sf, note=Note(sf.path, sf.rel, "internal", f"skipped: internal error {type(exc).__name__}: {exc}")), []
    result = FileResult(sf, findings, size=size, note=note)
    if findings:
        if lines is None:
            lines = split_lines(text)[0]
        result.lines = {n: lines[n] for n in _touched(findings) if 0 <= n < len(lines)}
    return result, changes


def check_chunk(
    files: list[SourceFile], fix: bool, max_bytes: int, changed: dict[str, set[int] | None] | None, slim: bool = True
) -> list[tuple[FileResult, list[Change]]]:
    return [
        check_file(sf, fix=fix, max_bytes=max_bytes, fix_lines=changed.get(sf.rel) if changed is not None else None,
                   slim=slim)
        for sf in files
    ]


def check_chunk_in_worker(
    files: list[SourceFile],
    fix: bool,
    max_bytes: int,
    changed: dict[str, set[int] | None] | None,
    render: tuple[str, int] | None = None,
) -> list[tuple[FileResult, list[Change]]]:
    """`check_chunk` for a worker.  `render` = (format, minimum severity): the format is stateless
    (`Writer.render`), so the worker filters the findings as `main` would and renders them; only the
    output and the counts go back."""
    results = check_chunk(files, fix, max_bytes, changed)
    if render is not None:
        render_results(results, render, changed)
    return results


def render_results(results: list[tuple[FileResult, list[Change]]], render: tuple[str, int], changed: dict | None) -> None:
    fmt, min_sev = render
    w = STATE.get(("writer", fmt))
    if w is None:
        w = STATE[("writer", fmt)] = writer(fmt, None, None)
        w.prepare()
    for res, _ in results:
        if res.note is not None and res.note.skipped:
            continue
        found = res.findings
        if found:
            lines = changed.get(res.file.rel) if changed is not None else None
            found = [f for f in found if f.severity <= min_sev and in_diff(f, lines)]
        counts: dict[int, int] = {}
        for f in found:
            k = int(f.severity)
            counts[k] = counts.get(k, 0) + 1
        res.findings = found
        res.rendered = w.render(res) if found else ""
        res.counts = tuple(counts.items())
        res.findings = []
        res.lines = {}


# --- parent side ---------------------------------------------------------------------------------

def _sizes(files: list[SourceFile]) -> list[int]:
    out = []
    for sf in files:
        try:
            out.append(os.path.getsize(sf.path))
        except OSError:
            out.append(0)
    return out


def _chunks(sizes: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    cur: list[int] = []
    size = 0
    for i, n in enumerate(sizes):
        cur.append(i)
        size += n
        if size >= CHUNK_BYTES or len(cur) >= CHUNK_FILES:
            out.append(cur)
            cur, size = [], 0
    if cur:
        out.append(cur)
    return out


def iter_checks(
    files: list[SourceFile],
    *,
    catalog,
    docs: list[str],
    lang: str,
    fix: bool = False,
    jobs: int = 0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = False,
    changed: dict[str, set[int] | None] | None = None,
    render: tuple[str, int] | None = None,
    not_thrown=Severity.HINT,
) -> Iterator[tuple[FileResult, list[Change]]]:
    """Check `files` (in parallel when it pays) and yield each file's result in the files' order.

    `render` = (format, minimum severity) of a stateless format: workers render each file's findings
    (`Writer.render`, in `FileResult.rendered`, with `counts`) instead of sending them back; a result
    checked in this process keeps its findings.  `not_thrown`: the severity of code-not-thrown-here (None: off)."""
    STATE["catalog"] = catalog
    STATE["not_thrown"] = not_thrown
    sizes = _sizes(files)
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    chunks = _chunks(sizes)
    bar = _Progress(len(files)) if progress else None
    try:
        if jobs == 1 or sum(sizes) < SERIAL_BYTES or len(chunks) <= 1:
            freeze_long_lived()
            for sf in files:
                yield check_chunk([sf], fix, max_bytes, changed)[0]
                if bar:
                    bar.advance(1)
            return
        from ..catalog.analyze import prepare

        prepare(catalog)  # the workers are forked with it (under spawn, `init_worker` loads their own)
        ready: dict[int, tuple[FileResult, list[Change]]] = {}
        next_i = 0
        with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), initializer=init_worker, initargs=(docs, lang, not_thrown)) as pool:
            futs = {
                pool.submit(check_chunk_in_worker, [files[i] for i in idx], fix, max_bytes, _subset(changed, files, idx),
                            render): idx
                for idx in chunks
            }
            for fut in as_completed(futs):
                idx = futs.pop(fut)
                for i, res in zip(idx, fut.result()):
                    ready[i] = res
                if bar:
                    bar.advance(len(idx))
                while next_i in ready:  # hand results on in order; later ones wait here
                    yield ready.pop(next_i)
                    next_i += 1
    finally:
        if bar:
            bar.close()


def _subset(changed: dict | None, files: list[SourceFile], idx: list[int]) -> dict | None:
    return None if changed is None else {files[i].rel: changed.get(files[i].rel) for i in idx}


class _Progress:
    def __init__(self, total: int):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("errcode check"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
        )
        self.progress.console.file = sys.stderr
        self.task = self.progress.add_task("files", total=total)
        self.progress.start()

    def advance(self, n: int) -> None:
        self.progress.advance(self.task, n)

    def close(self) -> None:
        self.progress.stop()


def in_diff(f: Finding, lines: set[int] | None) -> bool:
    """Whether `f` touches one of `lines` (1-based; None: every line counts)."""
    if lines is None:
        return True
    return any(n + 1 in lines for n in range(f.range.start.line, f.range.end.line + 1))


__all__ = ["STATE", "check_chunk", "check_chunk_in_worker", "check_file", "in_diff", "init_worker", "iter_checks",
           "render_results"]

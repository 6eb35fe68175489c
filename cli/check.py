"""`errcode check [PATH...]`: find error-code mistakes in ArkTS/TS/JS and C/C++ for code review.

The findings and fixes are exactly those the language server shows (`catalog.analyze.analyze`).
Output formats and their column conventions are described in `formats/__init__.py`.

Exit status: 0 clean (below `--fail-on`), 1 findings at or above `--fail-on`, 2 usage or git error
(including a named path that does not exist), 3 nothing could be checked: no file was read while
some file or folder was skipped (unreadable, too deep, binary, not a regular file…; the notes say
which).  3 is given whatever `--fail-on` is except `never`, which exits 0 then; 2 wins over 3.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Iterator

from ..catalog.model import Finding, Severity
from .common import add_catalog_options, add_not_thrown_option, catalog_from_args
from .formats import FORMATS, SEVERITY_BY_NAME, Change, FileResult, writer
from .source import DEFAULT_MAX_BYTES, encode, long_lines, read_source
from .walk import Note, SourceFile, printable, repo_root, walk
from .writes import AtomicOutput, ReadOnly, write_back

FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFORMATION, "never": None}
MIN_SEVERITY = ("error", "warning", "info", "hint")
CHUNK_BYTES = 512 * 1024  # files are sent to workers in batches of about this size
CHUNK_FILES = 64
SERIAL_BYTES = 512 * 1024  # below this much source, a process pool costs more than it saves
NOTHING_CHECKED = 3  # exit status: no file could be checked (see the module's docstring)

EPILOG = """\
columns: text shows 1-based code points; json, sarif and github use 1-based UTF-16 code units;
rdjson/rdjsonl use 1-based UTF-8 bytes (reviewdog); ends are exclusive.

exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or git error,
3 nothing could be checked (every file or folder skipped; not with --fail-on never).

examples:
  errcode check                                  # the current folder, honouring .gitignore
  errcode check src --format sarif -o errcode.sarif
  errcode check --diff origin/main --format rdjsonl | reviewdog -f=rdjsonl -reporter=github-pr-review
  errcode check --fix entry/src
"""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="errcode check",
        description="Check ArkTS/TS/JS and C/C++ sources for unknown or mistyped OpenHarmony error codes.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    p.add_argument("--format", "-f", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument(
        "--diff",
        nargs="?",
        const="HEAD",
        metavar="REV",
        help="only findings on lines added or changed since REV (git; default HEAD: uncommitted changes)",
    )
    p.add_argument("--exclude", action="append", default=[], metavar="PATTERN", help="gitignore-style pattern to skip (repeatable)")
    p.add_argument("--no-ignore", action="store_true", help="do not honour .gitignore files")
    p.add_argument("--min-severity", choices=MIN_SEVERITY, default="hint", help="report only findings at least this severe (default: all)")
    add_not_thrown_option(p)
    p.add_argument("--fail-on", choices=tuple(FAIL_ON), default="warning", help="exit 1 when a reported finding is this severe (default: warning)")
    p.add_argument("--fix", action="store_true", help="apply every unambiguous fix in place and print what changed")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (default: number of CPUs)")
    p.add_argument("--max-size", type=int, default=DEFAULT_MAX_BYTES, metavar="BYTES", help=f"skip larger files (default: {DEFAULT_MAX_BYTES})")
    p.add_argument("--no-color", action="store_true", help="plain text even on a terminal (also NO_COLOR)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on a terminal")
    add_catalog_options(p)
    return p


# --- worker side ---------------------------------------------------------------------------------

_STATE: dict = {}


def _init_worker(docs: list[str], lang: str, not_thrown=Severity.HINT) -> None:
    """Per-worker set-up. Under fork the parent's catalog is inherited and nothing is loaded."""
    _STATE["not_thrown"] = not_thrown
    if "catalog" not in _STATE:
        from ..catalog import Catalog

        _STATE["catalog"] = Catalog.load(docs, lang=lang)
    # the catalog and the modules live as long as the worker: keep the collector from walking them
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

    catalog = _STATE["catalog"]
    decoded, kind, message = read_source(sf.path, max_bytes=max_bytes)
    if decoded is None:
        return FileResult(sf, note=Note(sf.path, sf.rel, kind or "unreadable", message)), []
    text = decoded.text
    size = len(text)
    changes: list[Change] = []
    note = None
    try:
        options = AnalyzeOptions(with_entries=not slim, not_thrown_severity=_STATE.get("not_thrown", Severity.HINT))
        findings, lines = analyze_lines(text, sf.language, catalog, options)
        if fix:
            from .fix import apply_fixes

            fixable = findings if fix_lines is None else [f for f in findings if _in_diff(f, fix_lines)]
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


def _check_chunk(
    files: list[SourceFile], fix: bool, max_bytes: int, changed: dict[str, set[int] | None] | None, slim: bool = True
) -> list[tuple[FileResult, list[Change]]]:
    return [
        check_file(sf, fix=fix, max_bytes=max_bytes, fix_lines=changed.get(sf.rel) if changed is not None else None,
                   slim=slim)
        for sf in files
    ]


def _check_chunk_in_worker(
    files: list[SourceFile],
    fix: bool,
    max_bytes: int,
    changed: dict[str, set[int] | None] | None,
    render: tuple[str, int] | None = None,
) -> list[tuple[FileResult, list[Change]]]:
    """`_check_chunk` for a worker.  `render` = (format, minimum severity): the format is stateless
    (`Writer.render`), so the worker filters the findings as `main` would and renders them; only the
    output and the counts go back."""
    results = _check_chunk(files, fix, max_bytes, changed)
    if render is not None:
        _render_results(results, render, changed)
    return results


def _render_results(results: list[tuple[FileResult, list[Change]]], render: tuple[str, int], changed: dict | None) -> None:
    fmt, min_sev = render
    w = _STATE.get(("writer", fmt))
    if w is None:
        w = _STATE[("writer", fmt)] = writer(fmt, None, None)
        w.prepare()
    for res, _ in results:
        if res.note is not None and res.note.skipped:
            continue
        found = res.findings
        if found:
            lines = changed.get(res.file.rel) if changed is not None else None
            found = [f for f in found if f.severity <= min_sev and _in_diff(f, lines)]
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
    _STATE["catalog"] = catalog
    _STATE["not_thrown"] = not_thrown
    sizes = _sizes(files)
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    chunks = _chunks(sizes)
    bar = _Progress(len(files)) if progress else None
    try:
        if jobs == 1 or sum(sizes) < SERIAL_BYTES or len(chunks) <= 1:
            for sf in files:
                yield _check_chunk([sf], fix, max_bytes, changed)[0]
                if bar:
                    bar.advance(1)
            return
        ready: dict[int, tuple[FileResult, list[Change]]] = {}
        next_i = 0
        with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), initializer=_init_worker, initargs=(docs, lang, not_thrown)) as pool:
            futs = {
                pool.submit(_check_chunk_in_worker, [files[i] for i in idx], fix, max_bytes, _subset(changed, files, idx),
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


def _in_diff(f: Finding, lines: set[int] | None) -> bool:
    if lines is None:
        return True
    return any(n + 1 in lines for n in range(f.range.start.line, f.range.end.line + 1))


def _split_diff_arg(args: argparse.Namespace, cwd: Path) -> None:
    """`--diff src/` means "--diff (HEAD) and path src/" when src/ exists and is no revision."""
    rev = args.diff
    if rev and rev != "HEAD" and (cwd / rev).exists():
        from .walk import git

        try:
            git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
        except RuntimeError:
            args.paths.insert(0, rev)
            args.diff = "HEAD"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    cwd = Path.cwd()
    if args.diff is not None:
        _split_diff_arg(args, cwd)
    paths = args.paths or ["."]
    if args.max_size <= 0:
        parser.error("--max-size must be positive")

    from .common import not_thrown_severity, resolve_settings

    docs, lang = resolve_settings(args)
    catalog = catalog_from_args(args, (docs, lang))
    for err in catalog.errors:
        print(f"errcode: warning: {err}", file=sys.stderr)

    first = Path(paths[0])
    first = first if first.is_absolute() else cwd / first
    root = repo_root(first if first.is_dir() else first.parent)
    walked = walk(paths, exclude=args.exclude, gitignore=not args.no_ignore, cwd=cwd, root=root)
    files, notes = walked.files, walked.notes

    changed = None
    if args.diff is not None:
        from .diff import changed_lines

        try:
            changed = changed_lines(root, args.diff)
        except RuntimeError as exc:
            print(f"errcode check: --diff {args.diff}: {exc}", file=sys.stderr)
            return 2
        files = [sf for sf in files if sf.rel in changed]
        notes = [n for n in notes if n.rel in changed or n.kind == "missing"]

    progress = not args.no_progress and sys.stderr.isatty() and len(files) > 50
    color = (
        args.format == "text"
        and not args.output
        and not args.no_color
        and not os.environ.get("NO_COLOR")
        and (bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty())
    )
    # JSON, SARIF and reviewdog input are UTF-8 whatever the locale; text never dies on 😀.  The one
    # thing UTF-8 cannot hold is the undecodable bytes of a file name (surrogate escapes): JSON
    # writes them as the \udcXX escapes its strings allow (`backslashreplace` makes exactly those).
    errors = "replace" if args.format in ("text", "github") else "backslashreplace"
    report = AtomicOutput(args.output, errors=errors) if args.output else None
    try:
        if report is not None:
            out = report.open()
        else:
            out = sys.stdout
            if hasattr(out, "reconfigure"):
                if args.format == "text":
                    out.reconfigure(errors=errors)
                else:
                    out.reconfigure(encoding="utf-8", errors=errors)
    except OSError as exc:
        print(f"errcode check: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2

    min_sev = SEVERITY_BY_NAME[args.min_severity]
    changes: list[Change] = []
    checked = 0
    started = time.perf_counter()
    w = writer(args.format, out, root, color)
    try:
        w.begin()
        render = (args.format, int(min_sev)) if w.stateless else None
        for res, ch in iter_checks(
            files,
            catalog=catalog,
            docs=docs,
            lang=lang,
            fix=args.fix,
            jobs=args.jobs,
            max_bytes=args.max_size,
            progress=progress,
            changed=changed,
            render=render,
            not_thrown=not_thrown_severity(args),
        ):
            changes += ch
            if res.note is not None:
                notes.append(res.note)
                if res.note.skipped:
                    continue
            checked += 1
            if res.rendered is not None:
                w.add_rendered(res)
                continue
            lines = changed.get(res.file.rel) if changed is not None else None
            res.findings = [f for f in res.findings if f.severity <= min_sev and _in_diff(f, lines)]
            w.add(res)
        if changes and args.format != "text":
            # the machine format owns the output; say what changed on standard error
            for c in changes:
                print(f"errcode: fixed {printable(c.file.path)}:{c.range.start.line + 1}:{c.range.start.character + 1}: {c.old} -> {c.new}", file=sys.stderr)
        for n in notes:
            print(f"errcode: note: {n}", file=sys.stderr)
        w.finish(notes, changes, checked)
        out.flush()
        if report is not None:
            report.commit()
    except KeyboardInterrupt:
        print("errcode check: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"errcode check: cannot write {args.output or 'output'}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    finally:
        if report is not None:
            report.abort()  # (nothing left to do after a commit)
    if os.environ.get("ERRCODE_CHECK_TIMING"):
        print(f"errcode check: {checked} files in {time.perf_counter() - started:.3f}s", file=sys.stderr)

    if any(n.kind == "missing" for n in notes):
        return 2  # a path named on the command line does not exist: a usage error, whatever was found
    threshold = FAIL_ON[args.fail_on]
    if not checked and threshold is not None and any(n.skipped and n.kind != "unsupported" for n in notes):
        print("errcode check: nothing could be checked (see the notes above)", file=sys.stderr)
        return NOTHING_CHECKED
    if threshold is not None and any(n for sev, n in w.counts.items() if sev <= threshold):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`errcode check [PATH...]`: find error-code mistakes in ArkTS/TS/JS and C/C++ for code review.

The findings and fixes are exactly those the language server shows (`catalog.analyze.analyze`); the
files are checked by `cli/check_run.py` (in worker processes when it pays).
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
from pathlib import Path

from ..catalog.model import Severity
from .check_run import in_diff, iter_checks
from .common import add_catalog_options, add_not_thrown_option, catalog_from_args
from .formats import FORMATS, SEVERITY_BY_NAME, Change, writer
from .source import DEFAULT_MAX_BYTES
from .walk import printable, repo_root, walk
from .writes import AtomicOutput

FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFORMATION, "never": None}
MIN_SEVERITY = ("error", "warning", "info", "hint")
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
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output (-: standard output)")
    p.add_argument(
        "--diff",
        nargs="?",
        const="HEAD",
        metavar="REV",
        help="only findings on lines added or changed since REV (git; default HEAD: uncommitted changes)",
    )
    p.add_argument("--exclude", action="append", default=[], metavar="PATTERN", help="gitignore-style pattern to skip (repeatable)")
    p.add_argument("--no-ignore", action="store_true", help="do not honour .gitignore files")
    p.add_argument("--min-severity", choices=MIN_SEVERITY, default="info",
                   help="report only findings at least this severe (default: info; hint adds code-not-thrown-here)")
    add_not_thrown_option(p)
    p.add_argument("--fail-on", choices=tuple(FAIL_ON), default="warning", help="exit 1 when a reported finding is this severe (default: warning)")
    p.add_argument("--fix", action="store_true", help="apply every unambiguous fix in place and print what changed")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (default: number of CPUs)")
    p.add_argument("--max-size", type=int, default=DEFAULT_MAX_BYTES, metavar="BYTES", help=f"skip larger files (default: {DEFAULT_MAX_BYTES})")
    p.add_argument("--no-color", action="store_true", help="plain text even on a terminal (also NO_COLOR)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on a terminal")
    add_catalog_options(p)
    return p


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
    if args.output == "-":  # the usual spelling of standard output
        args.output = None

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
    not_thrown = not_thrown_severity(args)
    if not_thrown is not None and not_thrown > min_sev:
        not_thrown = None  # none of its findings would be reported: the API analysis is not made at all
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
            not_thrown=not_thrown,
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
            res.findings = [f for f in res.findings if f.severity <= min_sev and in_diff(f, lines)]
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

"""`errcode`: explain, search and list OpenHarmony error codes; check source; run the LSP server or Slack bot.

Lookups import neither pygls nor slack packages (nor rich when the output is not a terminal),
so `errcode explain 7700201` starts fast.
"""

from __future__ import annotations

import os
import sys
from dataclasses import asdict

from .. import __version__
from ..catalog.model import Answer, Entry
from .common import add_catalog_options, catalog_from_args, resolve_settings

TYPE_CHECKING = False  # typing is not imported at start-up
if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace

FACES = {
    "lsp": ("ohos_errcode.server.__main__", "run the language server (stdio or --tcp HOST:PORT)"),
    "slack": ("ohos_errcode.slackbot.__main__", "run the Slack bot (--socket, --http or --console)"),
    "mcp": ("ohos_errcode.mcpserver.__main__", "run the MCP server for AI assistants (stdio or --http HOST:PORT)"),
    "check": ("ohos_errcode.cli.check", "check source files for error-code mistakes (code review formats)"),
}

EXAMPLES = """\
examples:
  errcode explain 7700201
  errcode explain IMAGE_RESULT_BASE+5 0x3C10000 401
  errcode search "shared memory"
  errcode list --kit image
  errcode catalog update            (every kit's codes, English and Chinese, into the cache)
  errcode check src/ --format sarif > errcode.sarif
  errcode --docs ~/openharmony-docs/zh-cn --lang zh-cn explain 62980096
"""


def build_parser() -> argparse.ArgumentParser:
    import argparse

    def options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        add_catalog_options(parser)
        parser.add_argument("--json", action="store_true", help="machine-readable output")
        parser.add_argument("--no-color", action="store_true", help="plain output even on a terminal (also NO_COLOR)")
        return parser

    top = options(argparse.ArgumentParser(add_help=False))
    # Subcommands accept the same options; SUPPRESS keeps their defaults from erasing a value given before the command.
    common = options(argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS))

    parser = argparse.ArgumentParser(
        prog="errcode",
        description="Explain OpenHarmony error codes.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[top],
    )
    parser.add_argument("--version", action="version", version=f"errcode {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("explain", parents=[common], help="explain codes or names (7700201, IMAGE_ALLOC_FAILED, …)")
    p.add_argument("query", nargs="+", help="code, hex code, C name, NAME + n, or a sentence holding several")
    p.add_argument("--kit", help="prefer this kit's meaning when kits collide")

    p = sub.add_parser("search", parents=[common], help="free-text search (English or Chinese)")
    p.add_argument("text", nargs="+")
    p.add_argument("-n", "--limit", type=int, default=10)

    p = sub.add_parser("list", parents=[common], help="list known codes")
    p.add_argument("--kit", help="only this kit (image, universal, apis-ads-kit, …)")

    p = sub.add_parser("catalog", parents=[common], help="catalog info, validate pages, or update the snapshot")
    p.add_argument("action", choices=("info", "validate", "update"))
    from .update import add_update_options

    add_update_options(p)

    from .throws import add_parser as add_throws

    add_throws(sub, common)

    for name, (_, help_) in FACES.items():
        sub.add_parser(name, help=help_, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Faces parse their own options; global catalog options before the command are passed on.
    i = _command_index(argv)
    if i is not None and argv[i] in FACES:
        import importlib

        module = importlib.import_module(FACES[argv[i]][0])
        return int(module.main(argv[:i] + argv[i + 1 :]) or 0)
    args = fast_explain_args(argv)
    if args is None:
        parser = build_parser()
        args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    color = _use_color(args)
    try:
        return COMMANDS[args.command](args, color)
    except BrokenPipeError:
        return 0
    except ValueError as exc:
        print(f"errcode: {exc}", file=sys.stderr)
        return 2


def fast_explain_args(argv: list[str]) -> SimpleNamespace | None:
    """`errcode explain 7700201` (no options): the namespace argparse would build, without
    building the parser (its help texts cost a few milliseconds of locale look-ups at start-up)."""
    if len(argv) < 2 or argv[0] != "explain" or any(a.startswith("-") and not a.lstrip("-").isdigit() for a in argv[1:]):
        return None
    from types import SimpleNamespace

    return SimpleNamespace(docs=None, lang=None, json=False, no_color=False, command="explain",
                              query=argv[1:], kit=None)


def _command_index(argv: list[str]) -> int | None:
    """Index of the subcommand word, skipping global options and their values."""
    skip = False
    for i, a in enumerate(argv):
        if skip:
            skip = False
        elif a in ("--docs", "--lang"):
            skip = True
        elif not a.startswith("-"):
            return i
    return None


def _use_color(args: argparse.Namespace) -> bool:
    if args.json or args.no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _print_json(obj: object) -> None:
    import json

    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _entry_json(e: Entry) -> dict:
    d = asdict(e)
    d["heading"] = f"{e.code} {e.title}".strip()
    return d


def _answer_json(a: Answer) -> dict:
    return {
        "query": a.query,
        "kind": a.kind,
        "code": a.code,
        "found": a.found,
        "entries": [_entry_json(e) for e in a.entries],
        "suggestions": [{"code": e.code, "kit": e.kit, "title": e.title} for e in a.suggestions],
        "scores": [h.score for h in a.hits],
        **({"thrown_by": _thrown_by_json(a.code)} if a.code is not None and a.entries else {}),
    }


def _thrown_by_json(code: int) -> list[str]:
    return _LOADED[-1].thrown_by(code) if _LOADED else []


_LOADED: list = []  # the catalog cmd_explain loaded (for its JSON answers)


def _load(args: argparse.Namespace, settings: tuple[list[str], str] | None = None):
    catalog = catalog_from_args(args, settings)
    _LOADED.append(catalog)
    for err in catalog.errors:
        print(f"errcode: warning: {err}", file=sys.stderr)
    return catalog


def cmd_explain(args: argparse.Namespace, color: bool) -> int:
    from ..catalog import render

    catalog = _load(args)
    kit = catalog.match_kit(args.kit) if args.kit else None
    if args.kit and kit is None:
        print(f"errcode: unknown kit {args.kit!r}; kits: {', '.join(catalog.kits())}", file=sys.stderr)
        return 2
    answers: list[Answer] = []
    for q in args.query:
        answers.extend(catalog.query(q, kit_hint=kit))
    status = 0 if answers and all(a.found for a in answers) else 1
    if args.json:
        _print_json([_answer_json(a) for a in answers])
    else:
        out = _Out(color)
        for i, a in enumerate(answers):
            if i:
                out.rule()
            if not a.entries:
                print(f"errcode: {render.unknown_text(a, catalog.lang)}", file=sys.stderr)
                continue
            if a.kind == "text":
                out.hits(a, catalog.lang)
                continue
            if a.kind in ("symbol", "expression"):
                out.line(f"{a.query} = {a.code}", style="dim")
            if len(a.entries) > 1:
                out.line(render.labels(catalog.lang)["meanings"].format(code=a.code, n=len(a.entries)), style="bold")
            for j, e in enumerate(a.entries):
                if j:
                    out.line("")
                out.entry(e, catalog.lang)
            _thrown_by(out, a.code, catalog)
        if not answers:
            print("errcode: nothing to explain", file=sys.stderr)
    return status


def _thrown_by(out, code: int | None, catalog) -> None:
    from ..catalog.api.render import thrown_by_text

    text = thrown_by_text(code, catalog) if code is not None else ""
    if text:
        out.line("")
        out.line(text)


def cmd_throws(args: argparse.Namespace, color: bool) -> int:
    from .throws import cmd_throws as run

    return run(args, color, _load(args))


def cmd_search(args: argparse.Namespace, color: bool) -> int:
    catalog = _load(args)
    text = " ".join(args.text)
    hits = catalog.search(text, limit=max(1, args.limit))
    if args.json:
        _print_json([{"score": h.score, **_entry_json(h.entry)} for h in hits])
    else:
        _Out(color).table(
            ["score", "code", "kit", "title"], [[f"{h.score:.0f}", str(h.entry.code), h.entry.kit_name, h.entry.title] for h in hits]
        )
    if not hits:
        print(f"errcode: nothing matches {text!r}", file=sys.stderr)
        return 1
    return 0


def cmd_list(args: argparse.Namespace, color: bool) -> int:
    catalog = _load(args)
    entries = list(catalog.entries)
    if args.kit:
        kit = catalog.match_kit(args.kit)
        if kit is None:
            print(f"errcode: unknown kit {args.kit!r}; kits: {', '.join(catalog.kits())}", file=sys.stderr)
            return 2
        entries = [e for e in entries if e.kit == kit]
    seen = set()
    rows = []
    for e in sorted(entries, key=lambda e: (e.kit, e.code, e.language != catalog.lang)):
        if (e.kit, e.code) in seen:
            continue
        seen.add((e.kit, e.code))
        rows.append(e)
    if args.json:
        _print_json([_entry_json(e) for e in rows])
    else:
        _Out(color).table(
            ["code", "kit", "title", "source"], [[str(e.code), e.kit_name, e.title, e.origin] for e in rows]
        )
    return 0


def cmd_catalog(args: argparse.Namespace, color: bool) -> int:
    from . import update

    if args.action == "update":
        return update.cmd_update(args, color)
    docs, lang = settings = resolve_settings(args)
    catalog = _load(args, settings)
    if args.action == "validate":
        problems = [str(e) for e in catalog.errors]  # each page's headings are counted against its entries when read
        if args.json:
            _print_json({"pages": len(catalog.pages), "problems": problems})
        else:
            for p in problems:
                print(p)
            print(f"{len(catalog.pages)} pages checked, {len(problems)} problems")
        return 1 if problems else 0
    per_kit: dict[str, dict] = {}
    for e in catalog.entries:
        k = per_kit.setdefault(e.kit, {"kit": e.kit, "name": e.kit_name, "entries": 0, "languages": set(), "origins": {}})
        k["entries"] += 1
        k["languages"].add(e.language)
        k["origins"][e.origin] = k["origins"].get(e.origin, 0) + 1
    info = {
        "language": lang,
        "docs": docs,
        "pages": list(catalog.pages),
        "entries": len(catalog.entries),
        "codes": len(catalog.codes()),
        "symbols": len(catalog.symbols()),
        "errors": [str(e) for e in catalog.errors],
        "kits": [dict(v, languages=sorted(v["languages"])) for v in sorted(per_kit.values(), key=lambda v: v["kit"])],
        "snapshot": update.snapshot_info(),
    }
    if args.json:
        _print_json(info)
        return 0
    out = _Out(color)
    out.line(f"{info['entries']} entries, {info['codes']} distinct codes, {info['symbols']} C names, "
             f"{len(info['pages'])} pages, language {lang}")
    out.table(
        ["kit", "name", "entries", "languages", "origins"],
        [[k["kit"], k["name"], str(k["entries"]), ",".join(k["languages"]),
          ", ".join(f"{o} {n}" for o, n in sorted(k["origins"].items()))] for k in info["kits"]],
    )
    for e in info["errors"]:
        print(f"error: {e}")
    for line in update.snapshot_lines(info["snapshot"]):
        out.line(line)
    return 0


COMMANDS = {"explain": cmd_explain, "search": cmd_search, "list": cmd_list, "catalog": cmd_catalog,
            "throws": cmd_throws}


class _Out:
    """Terminal output: rich on a TTY, plain text otherwise (rich is imported only when used)."""

    def __init__(self, color: bool) -> None:
        self.console = None
        if color:
            from rich.console import Console

            self.console = Console(highlight=False)

    def line(self, text: str, style: str | None = None) -> None:
        if self.console:
            self.console.print(text, style=style, markup=False)
        else:
            print(text)

    def rule(self) -> None:
        if self.console:
            self.console.rule(style="dim")
        else:
            print()

    def entry(self, e: Entry, lang: str) -> None:
        from ..catalog import render

        if not self.console:
            print(render.entry_text(e, lang))
            return
        from rich.markdown import Markdown

        self.console.print(Markdown(render.entry_markdown(e, lang)))

    def hits(self, a: Answer, lang: str) -> None:
        self.table(["score", "code", "kit", "title"],
                   [[f"{h.score:.0f}", str(h.entry.code), h.entry.kit_name, h.entry.title] for h in a.hits])

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        if self.console:
            from rich.table import Table

            t = Table(*header, show_edge=False, header_style="bold")
            for r in rows:
                t.add_row(*r)
            self.console.print(t)
            return
        widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
        print("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
        for r in rows:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


if __name__ == "__main__":
    raise SystemExit(main())

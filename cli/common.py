"""Options every subcommand shares (`--docs`, `--lang`), and building the catalog from them.

Faces with their own entry point (`errcode lsp`, `errcode slack`, `errcode check`) call
`add_catalog_options(parser)` and `catalog_from_args(args)` so that the settings work the
same everywhere.  Precedence: command line, then environment (`ERRCODE_DOCS`, a list
separated by os.pathsep; `ERRCODE_LANG`), then the config file
(`$ERRCODE_CONFIG`, else `$XDG_CONFIG_HOME/ohos-errcode/config.toml`, else
`~/.config/ohos-errcode/config.toml`) with keys `docs = ["path", ...]` and `lang = "en"`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..catalog import Catalog

TYPE_CHECKING = False  # typing is not imported at start-up
if TYPE_CHECKING:
    import argparse

LANGS = ("en", "zh-cn")


def config_path() -> Path:
    if os.environ.get("ERRCODE_CONFIG"):
        return Path(os.environ["ERRCODE_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "ohos-errcode" / "config.toml"


def read_config() -> dict:
    """The config file as a dict; {} when absent.  A broken file is reported on stderr and ignored."""
    path = config_path()
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    import tomllib

    try:
        cfg = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        print(f"errcode: ignoring config file {path}: {exc}", file=sys.stderr)
        return {}
    return cfg if isinstance(cfg, dict) else {}


def add_catalog_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("catalog")
    group.add_argument(
        "--docs",
        action="append",
        metavar="PATH",
        help="extra OpenHarmony errorcode-*.md page or folder (repeatable; env ERRCODE_DOCS)",
    )
    group.add_argument(
        "--lang",
        choices=LANGS,
        help="language of the answers where both are loaded (default en; env ERRCODE_LANG)",
    )


def resolve_settings(args: argparse.Namespace) -> tuple[list[str], str]:
    """(docs, lang) after applying command line > environment > config file."""
    cfg = None
    docs = getattr(args, "docs", None)
    if docs is None:
        env = os.environ.get("ERRCODE_DOCS")
        if env:
            docs = [p for p in env.split(os.pathsep) if p]
        else:
            cfg = read_config()
            raw = cfg.get("docs", [])
            docs = [str(p) for p in raw] if isinstance(raw, list) else [str(raw)]
    lang = getattr(args, "lang", None) or os.environ.get("ERRCODE_LANG")
    if not lang:
        cfg = read_config() if cfg is None else cfg
        lang = str(cfg.get("lang", "en"))
    if lang not in LANGS:
        print(f"errcode: unknown language {lang!r} (use en or zh-cn); using en", file=sys.stderr)
        lang = "en"
    return list(docs), lang


def catalog_from_args(args: argparse.Namespace, settings: tuple[list[str], str] | None = None) -> Catalog:
    """The catalog the settings name; `settings`: what `resolve_settings(args)` already returned (each
    resolution reads the config file and warns about a bad value again)."""
    docs, lang = settings or resolve_settings(args)
    return Catalog.load(docs, lang=lang)


NOT_THROWN_SEVERITIES = ("off", "hint", "info", "information", "warning")  # code-not-thrown-here: up to warning


def add_not_thrown_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--code-not-thrown-severity", choices=NOT_THROWN_SEVERITIES, default=None, metavar="SEVERITY",
        help="severity of code-not-thrown-here: off, hint, information or warning (default: the config "
             "file's [check] code_not_thrown_severity, else hint)")


def not_thrown_severity(args: argparse.Namespace):
    """The `code-not-thrown-here` severity (None: off): `--code-not-thrown-severity`, else the config
    file's `[check] code_not_thrown_severity`, else hint.  A bad config value is reported and ignored."""
    from ..catalog.model import Severity

    by_name = {"off": None, "hint": Severity.HINT, "info": Severity.INFORMATION,
               "information": Severity.INFORMATION, "warning": Severity.WARNING}
    name = getattr(args, "code_not_thrown_severity", None)
    if name is None:
        section = read_config().get("check", {})
        raw = section.get("code_not_thrown_severity", "hint") if isinstance(section, dict) else "hint"
        name = raw.strip().lower() if isinstance(raw, str) else raw
        if name not in by_name:
            print(f"errcode: config [check] code_not_thrown_severity should be off, hint, information or warning, "
                  f"got {raw!r}; using hint", file=sys.stderr)
            name = "hint"
    return by_name[name]


def host_port(text: str, option: str) -> tuple[str, int]:
    """`HOST:PORT`, `[::1]:PORT` or a bare `PORT` (on 127.0.0.1) for a face's `--tcp`/`--http`;
    ValueError naming `option` otherwise."""
    host, sep, port = text.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", text
    if not (port.isascii() and port.isdigit()) or len(port) > 5:
        raise ValueError(f"{option} wants HOST:PORT, got {text!r}")
    n = int(port)
    if not 0 < n <= 65535:
        raise ValueError(f"{option}: port out of range: {n} (1 to 65535)")
    return host.strip("[]") or "127.0.0.1", n

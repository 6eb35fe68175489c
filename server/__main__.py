"""`errcode lsp` / `python -m ohos_errcode.server`: the language server over stdio or TCP."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from ..cli import common
from ..cli.common import add_catalog_options, resolve_settings


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="errcode lsp",
        description="OpenHarmony error-code language server (hover, diagnostics, quick fixes, ...).",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--stdio", action="store_true", help="talk LSP over stdin/stdout (the default)")
    mode.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP socket instead")
    p.add_argument("--debounce-ms", type=int, default=None, metavar="MS",
                   help="wait this long after an edit before publishing diagnostics (default 150; env ERRCODE_LSP_DEBOUNCE_MS)")
    p.add_argument("--log-level", default=os.environ.get("ERRCODE_LSP_LOG", "WARNING"),
                   choices=["DEBUG", "INFO", "WARNING", "ERROR"], help="stderr log level (default WARNING)")
    p.add_argument("--clientProcessId", help=argparse.SUPPRESS)  # some clients add it; ignored
    add_catalog_options(p)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # stdout carries the protocol: logs go to stderr (and window/logMessage for clients that show them)
    level = getattr(logging, args.log_level)
    logging.basicConfig(stream=sys.stderr, level=level, format="errcode-lsp %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)
    debounce_ms = args.debounce_ms
    if debounce_ms is None:
        try:
            debounce_ms = int(os.environ.get("ERRCODE_LSP_DEBOUNCE_MS", "150"))
        except ValueError:
            debounce_ms = 150
    try:
        host_port = common.host_port(args.tcp, "--tcp") if args.tcp else None
    except ValueError as exc:
        parser.error(str(exc))
    docs, lang = resolve_settings(args)

    from .app import create_server
    from .client_log import attach_client_log

    server = create_server(docs=docs, lang=lang, debounce=max(0, debounce_ms) / 1000)
    logging.getLogger("ohos_errcode").setLevel(min(logging.INFO, level))
    attach_client_log(server)
    if host_port:
        server.start_tcp(*host_port)
    else:
        server.start_io()
    return server.exit_code


if __name__ == "__main__":
    sys.exit(main())

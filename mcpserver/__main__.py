"""`errcode mcp` / `python -m ohos_errcode.mcpserver`: the MCP server over stdio or streamable HTTP."""

from __future__ import annotations

import argparse
import sys

from ..cli import common
from ..cli.common import add_catalog_options, catalog_from_args


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="errcode mcp",
        description="Model Context Protocol server: explain OpenHarmony error codes and check source for AI assistants.",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--stdio", action="store_true", help="talk MCP over stdin/stdout (the default)")
    mode.add_argument("--http", metavar="HOST:PORT", help="serve streamable HTTP at http://HOST:PORT/mcp instead")
    add_catalog_options(p)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        address = common.host_port(args.http, "--http") if args.http else None
    except ValueError as exc:
        parser.error(str(exc))
    try:
        import mcp.server.mcpserver  # noqa: F401
    except ImportError:
        print("errcode mcp: the MCP SDK is not installed: pip install 'ohos-errcode[mcp]'", file=sys.stderr)
        return 2
    catalog = catalog_from_args(args)
    for err in catalog.errors:
        print(f"errcode mcp: warning: {err}", file=sys.stderr)  # stdout carries the protocol
    from .app import build_server

    server = build_server(catalog)
    if address is None:
        server.run("stdio")
    else:
        print(f"errcode mcp: serving http://{address[0]}:{address[1]}/mcp", file=sys.stderr, flush=True)
        server.run("streamable-http", host=address[0], port=address[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())

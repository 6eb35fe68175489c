"""`errcode slack --socket | --http | --console`: run the Slack bot.

Tokens come from the environment only (SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET);
SLACK_API_URL replaces the Web API base URL; PORT is the HTTP port.  A missing or refused token
is reported by variable name with exit status 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading

from ..cli.common import add_catalog_options, catalog_from_args
from .settings import Settings, TokenError

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="errcode slack",
        description="Run the errcode Slack bot.",
        epilog="environment: SLACK_BOT_TOKEN, SLACK_APP_TOKEN (--socket), SLACK_SIGNING_SECRET (--http), "
        "PORT (--http, default 3000), SLACK_API_URL (Web API base URL, default https://slack.com/api/)",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--socket", action="store_true", help="Socket Mode (SLACK_BOT_TOKEN + SLACK_APP_TOKEN)")
    mode.add_argument("--http", action="store_true", help="HTTP: POST /slack/events and GET /healthz on PORT")
    mode.add_argument("--console", action="store_true", help="answer questions typed on stdin; no Slack")
    parser.add_argument("--port", type=int, default=None, help="HTTP port (default: $PORT or 3000)")
    parser.add_argument("--host", default="0.0.0.0", help="HTTP bind address (default 0.0.0.0)")
    parser.add_argument("--debug", action="store_true", help="debug logging (tokens are still masked)")
    add_catalog_options(parser)
    return parser


def _fail(message: str) -> int:
    print(f"errcode slack: {message}", file=sys.stderr)
    return EXIT_USAGE


def _port(args: argparse.Namespace) -> int | None:
    if args.port is not None:
        return args.port if 0 < args.port < 65536 else None
    raw = os.environ.get("PORT", "3000").strip() or "3000"
    try:
        port = int(raw)
    except ValueError:
        return None
    return port if 0 < port < 65536 else None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage error (2) or --help (0)
        return int(exc.code or 0)

    catalog = catalog_from_args(args)
    for err in getattr(catalog, "errors", ()):
        print(f"errcode slack: warning: {err}", file=sys.stderr)

    if args.console:
        from . import console

        return console.run(catalog)

    settings = Settings.from_env()
    from .redact import configure_logging

    configure_logging(logging.DEBUG if args.debug else logging.INFO, settings.secrets())
    mode = "socket" if args.socket else "http"
    port = None
    if mode == "http":
        port = _port(args)
        if port is None:
            return _fail("PORT must be a number between 1 and 65535")
    try:
        settings.require(mode)
    except TokenError as exc:
        return _fail(str(exc))

    from slack_sdk.errors import SlackApiError

    from .app import build_app, make_client

    # Check the bot token here, so a refused one is reported by name (Bolt would raise a generic error).
    try:
        make_client(settings).auth_test()
    except SlackApiError as exc:
        return _fail(f"SLACK_BOT_TOKEN was refused by Slack ({exc.response.get('error')})")
    except Exception as exc:  # network: URLError, timeout
        print(f"errcode slack: cannot reach the Slack Web API at {settings.base_url}: {type(exc).__name__}",
              file=sys.stderr)
        return 1
    from dataclasses import replace

    app = build_app(catalog, replace(settings, verify_token=False))

    if mode == "http":
        from .http_mode import serve

        logging.getLogger("ohos_errcode.slackbot").info("HTTP mode on %s:%d (POST /slack/events, GET /healthz)",
                                                        args.host, port)
        serve(app, port, args.host)
        return 0

    from .socket_mode import make_handler

    handler = make_handler(app, settings.app_token)
    try:
        handler.connect()
    except SlackApiError as exc:
        return _fail(f"SLACK_APP_TOKEN was refused by Slack ({exc.response.get('error')})")
    logging.getLogger("ohos_errcode.slackbot").info("Socket Mode connected")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        handler.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

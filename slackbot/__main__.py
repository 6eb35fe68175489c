"""`errcode slack --socket | --http | --console`: run the Slack bot.

Tokens come from the environment only (SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET);
SLACK_API_URL replaces the Web API base URL; PORT is the HTTP port; REDIS_URL (or --redis) shares
the bot's memory between replicas.  A missing or refused token, or a Redis that cannot be reached,
is reported by variable name with exit status 2.  SIGTERM drains (answers in flight go out) and
exits 0.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import signal
import sys
import threading
from dataclasses import replace

from ..cli.common import add_catalog_options, catalog_from_args
from .settings import PORT_VAR, Settings, TokenError

EXIT_USAGE = 2
LOG_LEVELS = ("debug", "info", "warning", "error")
CLOSE_TIMEOUT = 2.0  # seconds to wait for the Socket Mode client's threads after closing its connection


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="errcode slack",
        description="Run the errcode Slack bot.",
        epilog="environment: SLACK_BOT_TOKEN, SLACK_APP_TOKEN (--socket), SLACK_SIGNING_SECRET (--http), "
        "PORT (--http, default 3000), SLACK_API_URL (Web API base URL, default https://slack.com/api/), "
        "REDIS_URL (state shared by replicas, same as --redis)",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--socket", action="store_true", help="Socket Mode (SLACK_BOT_TOKEN + SLACK_APP_TOKEN)")
    mode.add_argument("--http", action="store_true", help="HTTP: POST /slack/events, GET /healthz and GET /metrics on PORT")
    mode.add_argument("--console", action="store_true", help="answer questions typed on stdin; no Slack")
    parser.add_argument("--port", type=int, default=None, help="HTTP port (default: $PORT or 3000)")
    parser.add_argument("--host", default="0.0.0.0", help="HTTP bind address (default 0.0.0.0)")
    parser.add_argument("--debug", action="store_true", help="same as --log-level debug")
    parser.add_argument("--log-level", choices=LOG_LEVELS, default=None,
                        help="log level (default info); debug may log message text, never tokens")
    parser.add_argument("--log-format", choices=("text", "json"), default="text",
                        help="text lines, or one JSON object a line (time, level, event_id, surface, latency, outcome)")
    parser.add_argument("--redis", metavar="URL", default=None,
                        help="Redis URL (default $REDIS_URL): event de-duplication and rate limit shared by replicas")
    parser.add_argument("--metrics-port", type=int, default=None, metavar="N",
                        help="Socket Mode: serve GET /metrics and GET /healthz on this port (HTTP mode serves "
                        "them on --port)")
    add_catalog_options(parser)
    return parser


def _fail(message: str) -> int:
    print(f"errcode slack: {message}", file=sys.stderr)
    return EXIT_USAGE


def _port(args: argparse.Namespace) -> int | None:
    if args.port is not None:
        return args.port if 0 < args.port < 65536 else None
    raw = os.environ.get(PORT_VAR, "3000").strip() or "3000"
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

    level = "debug" if args.debug else (args.log_level or "info")
    settings = Settings.from_env(debug_text=level == "debug")
    if args.redis:
        settings = replace(settings, redis_url=args.redis.strip() or None)
    from .redact import configure_logging

    configure_logging(getattr(logging, level.upper()), settings.secrets(),
                      fmt=args.log_format)
    mode = "socket" if args.socket else "http"
    port = None
    if mode == "http":
        port = _port(args)
        if port is None:
            return _fail("PORT must be a number between 1 and 65535")
    elif args.metrics_port is not None and not 0 < args.metrics_port < 65536:
        return _fail("--metrics-port must be a number between 1 and 65535")
    try:
        settings.require(mode)
    except TokenError as exc:
        return _fail(str(exc))

    from .state import RedisUnavailable, SharedState

    try:
        state = SharedState(ttl=settings.dedupe_ttl, rate_limit=settings.rate_limit,
                            rate_window=settings.rate_window, redis_url=settings.redis_url)
        state.check()
    except RedisUnavailable as exc:
        return _fail(str(exc))

    from slack_sdk.errors import SlackApiError

    from .app import build_app, make_client
    from .lifecycle import Lifecycle

    # Check the bot token here, so a refused one is reported by name (Bolt would raise a generic error);
    # the result is the one every request's authorization uses (no auth.test per request).
    try:
        auth_test = make_client(settings).auth_test()
    except SlackApiError as exc:
        return _fail(f"SLACK_BOT_TOKEN was refused by Slack ({exc.response.get('error')})")
    except Exception as exc:  # network: URLError, timeout
        print(f"errcode slack: cannot reach the Slack Web API at {settings.base_url}: {type(exc).__name__}",
              file=sys.stderr)
        return 1
    lifecycle = Lifecycle()

    def build():
        app = build_app(catalog, replace(settings, verify_token=False), auth_test=auth_test, state=state,
                        lifecycle=lifecycle)
        from .reload import start as reload_on_update

        reload_on_update(app.errcode_bot, lambda: catalog_from_args(args))
        # What start-up loaded (catalog, search index, libraries: ~55,000 objects) lives as long as the
        # process: keep it out of the collector, so a full collection pauses every answer for
        # microseconds instead of ~50 ms.
        gc.collect()
        gc.freeze()
        return app

    if mode == "http":
        from .http_mode import serve

        logging.getLogger("ohos_errcode.slackbot").info("HTTP mode on %s:%d (POST /slack/events, GET /healthz, "
                                                        "GET /metrics)", args.host, port)
        try:
            return serve(build, lifecycle, port, args.host)
        finally:
            state.close()
    return run_socket_mode(build(), settings, lifecycle, args)


def run_socket_mode(app, settings: Settings, lifecycle, args: argparse.Namespace) -> int:
    """Connect, serve until SIGTERM/SIGINT, then stop taking envelopes (close the connection),
    let the answers in flight go out (bounded) and return 0."""
    from slack_sdk.errors import SlackApiError

    from .socket_mode import make_handler, start_status_server

    log = logging.getLogger("ohos_errcode.slackbot")
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    status = None
    if args.metrics_port is not None:
        status = start_status_server(app, lifecycle, args.host, args.metrics_port)
        log.info("GET /metrics and GET /healthz on %s:%d", args.host, args.metrics_port)
    handler = make_handler(app, settings.app_token)
    try:
        handler.connect()
    except SlackApiError as exc:
        return _fail(f"SLACK_APP_TOKEN was refused by Slack ({exc.response.get('error')})")
    lifecycle.ready()
    log.info("Socket Mode connected")
    try:
        stop.wait()
        log.info("SIGTERM: closing the Socket Mode connection, then draining")
        lifecycle.state = "draining"
        # The client closes the websocket at once, then joins its reader thread, which may sit in a
        # read for seconds: bound that wait (the thread is a daemon) and go on draining.
        closer = threading.Thread(target=handler.close, name="errcode-socket-close", daemon=True)
        closer.start()
        closer.join(CLOSE_TIMEOUT)
        if not lifecycle.drain():
            log.warning("drain timed out; exiting with answers still in flight")
    finally:
        if status is not None:
            status.close()
        app.errcode_bot.state.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

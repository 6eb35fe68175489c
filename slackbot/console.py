"""`--console`: the same app and handlers answering typed questions, with no Slack at all.

Each line typed becomes a direct-message event dispatched through the Bolt app; the Web API
client is replaced by one that prints what would have been posted.  `:home` shows the Home tab.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from typing import TextIO

from slack_bolt import BoltRequest
from slack_sdk import WebClient
from slack_sdk.web import SlackResponse

from .app import build_app
from .blocks import blocks_to_text, escape
from .settings import Settings

CONSOLE_USER = "UCONSOLE"
CONSOLE_CHANNEL = "DCONSOLE"
BOT_USER = "UERRCODE"


class ConsoleWebClient(WebClient):
    """A WebClient that never goes on the network: posts are printed, other calls succeed."""

    def __init__(self, out: TextIO) -> None:
        super().__init__(token="xoxb-console")
        self.out = out
        self.calls: list[tuple[str, dict]] = []
        self._ts = itertools.count(1)

    def api_call(self, api_method: str, *, http_verb: str = "POST", files=None, data=None, params=None,
                 json=None, headers=None, auth=None) -> SlackResponse:  # noqa: A002 (slack_sdk's name)
        args = {**(params or {}), **(data or {}), **(json or {})}
        self.calls.append((api_method, args))
        result: dict = {"ok": True}
        if api_method == "auth.test":
            result.update(user_id=BOT_USER, bot_id="BERRCODE", team_id="TCONSOLE", user="errcode")
        elif api_method in ("chat.postMessage", "chat.postEphemeral"):
            self._print(args.get("blocks"), args.get("text", ""))
            result.update(channel=args.get("channel"), ts=f"{time.time():.6f}")
        elif api_method == "views.publish":
            view = args.get("view")
            view = _loads(view) if isinstance(view, str) else view or {}
            self._print(view.get("blocks"), "")
        return SlackResponse(client=self, http_verb=http_verb, api_url=api_method, req_args={}, data=result,
                             headers={}, status_code=200)

    def _print(self, blocks, text: str) -> None:
        blocks = _loads(blocks) if isinstance(blocks, str) else blocks
        shown = blocks_to_text(blocks) if blocks else text
        self.out.write(shown.rstrip() + "\n\n")
        self.out.flush()


def _loads(value: str):
    try:
        return json.loads(value)
    except ValueError:
        return None


def dm_event(text: str, n: int) -> dict:
    """A DM as Slack would deliver it (Slack escapes `&`, `<`, `>` in message text)."""
    ts = f"{int(time.time())}.{n:06d}"
    return {
        "type": "event_callback",
        "team_id": "TCONSOLE",
        "api_app_id": "ACONSOLE",
        "event_id": f"EvConsole{n:06d}",
        "event_time": int(time.time()),
        "event": {"type": "message", "channel_type": "im", "channel": CONSOLE_CHANNEL, "user": CONSOLE_USER,
                  "text": escape(text), "ts": ts, "event_ts": ts},
    }


def home_event(n: int) -> dict:
    return {
        "type": "event_callback",
        "team_id": "TCONSOLE",
        "api_app_id": "ACONSOLE",
        "event_id": f"EvConsole{n:06d}",
        "event": {"type": "app_home_opened", "user": CONSOLE_USER, "channel": CONSOLE_CHANNEL, "tab": "home"},
    }


def run(catalog, settings: Settings | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    settings = Settings(
        process_before_response=True,  # answer before reading the next line
        verify_token=True,  # auth.test is answered by ConsoleWebClient
        rate_limit=0,
        max_codes=(settings.max_codes if settings else 5),
    )
    client = ConsoleWebClient(stdout)
    app = build_app(catalog, settings, client=client)
    interactive = stdin.isatty()
    if interactive:
        stdout.write("errcode console: ask about error codes (7700201, IMAGE_ALLOC_FAILED, shared memory); "
                     ":home shows the Home tab; Ctrl-D quits.\n")
    for n in itertools.count(1):
        if interactive:
            stdout.write("you> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        line = line.strip()
        if not line:
            continue
        body = home_event(n) if line == ":home" else dm_event(line, n)
        # mode="socket_mode": no HTTP signature to check for a line typed in a terminal.
        app.dispatch(BoltRequest(body=json.dumps(body), mode="socket_mode"))
    return 0

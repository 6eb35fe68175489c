"""Answering a message event (mention or DM): once per message, in a thread in channels."""

from __future__ import annotations

import logging

from .blocks import Reply
from .bot import Bot

log = logging.getLogger("ohos_errcode.slackbot")


VERDICT = "errcode_verdict"  # context key: the middleware's admit() verdict for an answerable event


def message_key(event: dict) -> str | None:
    """"channel:ts", which names a message whichever event brought it; None without both."""
    channel, ts = event.get("channel"), event.get("ts")
    return f"{channel}:{ts}" if isinstance(channel, str) and isinstance(ts, str) and channel and ts else None


def is_dm(event: dict) -> bool:
    """A message in the bot's Messages tab (channel messages are left to mentions)."""
    return event.get("channel_type") == "im"


def answer_event(bot: Bot, event: dict, say, *, surface: str, in_thread: bool, event_id: str | None = None,
                 context=None) -> Reply | None:
    """Reply to `event` with `say`; returns what was sent (None when nothing was).  `context`: Bolt's,
    holding the middleware's verdict (event and message claimed, question counted) when there is one."""
    ts = event.get("ts")
    verdict = context.get(VERDICT) if context is not None else None
    text = event.get("text") or ""
    if not isinstance(text, str):
        text = ""
    thread_ts = event.get("thread_ts") or (ts if in_thread else None)
    reply = None
    with bot.timed(surface, event_id) as outcome:
        decided = bot.rate_check(event.get("user"), text, message_key(event), verdict)
        if decided is None:  # the same message seen through another event (mention + message)
            outcome["outcome"] = "duplicate"
            return None
        reply = bot.reply_for(surface, text, decided, outcome)
        if reply is None:
            return None
        if bot.settings.debug_text:
            log.debug("%s: question %r", surface, text[:500])
        kwargs = reply.as_kwargs()
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        say(**kwargs, unfurl_links=False, unfurl_media=False)
        outcome["sent"] = True
    return reply


def event_id_of(body) -> str | None:
    """The Events API `event_id` of a request body, for the log line (None when there is none)."""
    event_id = body.get("event_id") if isinstance(body, dict) else None
    return event_id if isinstance(event_id, str) else None

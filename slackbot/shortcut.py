"""Message shortcut "Explain error codes" (callback id `explain_error_codes`) on any message.

Explains every code in the message (a pasted log or stack trace).  The answer goes to the person
who used the shortcut only, in the message's thread; where the bot cannot post (not in the channel)
it goes through the shortcut's response_url instead.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from .bot import Bot

log = logging.getLogger("ohos_errcode.slackbot")

CALLBACK_ID = "explain_error_codes"


def message_text(message: dict) -> str:
    """The text of a message, with its attachments' text (logs are often pasted as attachments)."""
    parts = [message.get("text") or ""]
    for att in message.get("attachments") or ():
        if isinstance(att, dict):
            parts += [att.get("pretext") or "", att.get("text") or ""]
    return "\n".join(p for p in parts if p)


def make_handler(bot: Bot):
    def handle_shortcut(ack, shortcut, client, respond):
        ack()
        with bot.timed("shortcut") as outcome:
            message = shortcut.get("message") or {}
            text = message_text(message)
            user = (shortcut.get("user") or {}).get("id")
            reply = bot.reply_for("shortcut", text, bot.rate_check(user, text), outcome)
            if reply is None:
                return
            channel = (shortcut.get("channel") or {}).get("id")
            thread_ts = message.get("thread_ts") or message.get("ts")
            try:
                client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, **reply.as_kwargs())
            except SlackApiError as err:
                log.info("shortcut: chat.postEphemeral refused (%s); answering via response_url",
                         err.response.get("error"))
                respond(**reply.as_kwargs(), response_type="ephemeral", replace_original=False)
            outcome["sent"] = True

    return handle_shortcut


def register(app: App, bot: Bot) -> None:
    app.shortcut(CALLBACK_ID)(bot.listener(make_handler(bot)))

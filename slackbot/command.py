"""`/errcode 7700201` (only the caller sees it) and `/errcode share 7700201` (posted in the channel)."""

from __future__ import annotations

import logging

from slack_bolt import App

from .blocks import Reply
from .bot import Bot

log = logging.getLogger("ohos_errcode.slackbot")

COMMAND = "/errcode"

HELP = (
    "Usage: `/errcode <codes, names or words>`, e.g. `/errcode 7700201`, `/errcode IMAGE_ALLOC_FAILED`, "
    "`/errcode shared memory error`. Only you see the answer; `/errcode share 7700201` posts it in the channel."
)


def split_share(text: str) -> tuple[bool, str]:
    """`share 7700201` → (True, "7700201"); anything else → (False, text)."""
    t = (text or "").strip()
    head, _, rest = t.partition(" ")
    if head.lower() == "share":
        return True, rest.strip()
    return False, t


def command_reply(bot: Bot, command: dict) -> tuple[Reply | None, bool]:
    """(reply, share) for a slash-command payload; reply None when the user was already told to slow down."""
    share, question = split_share(command.get("text", ""))
    if not question or question.lower() in ("help", "-h", "--help"):
        return Reply(text=HELP, blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": HELP}}]), False
    allowed, notice = bot.rate_check(command.get("user_id"), question)
    if not allowed:
        return notice, False
    try:
        return bot.answer(question), share
    except Exception as exc:
        log.error("command: answering failed: %s", type(exc).__name__)
        return bot.error_reply(question), False


def make_handler(bot: Bot):
    def handle_command(ack, command, respond):
        ack()  # within 3 s, before any work
        with bot.timed("command") as outcome:
            reply, share = command_reply(bot, command)
            if reply is None:
                outcome["outcome"] = "rate-limited"
                return
            respond(
                **reply.as_kwargs(),
                response_type="in_channel" if share else "ephemeral",
                replace_original=False,
            )
            outcome["sent"] = True

    return handle_command


def register(app: App, bot: Bot) -> None:
    app.command(COMMAND)(bot.listener(make_handler(bot)))

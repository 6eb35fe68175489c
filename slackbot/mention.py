"""`@errcode what is 7700201?` in a channel: answered in a thread."""

from __future__ import annotations

from slack_bolt import App

from .bot import Bot
from .reply import answer_event


def make_handler(bot: Bot):
    def handle_mention(event, say):
        answer_event(bot, event, say, surface="mention", in_thread=True)

    return handle_mention


def register(app: App, bot: Bot) -> None:
    app.event("app_mention")(make_handler(bot))

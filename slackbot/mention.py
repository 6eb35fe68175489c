"""`@errcode what is 7700201?` in a channel: answered in a thread."""

from __future__ import annotations

from slack_bolt import App

from .bot import Bot
from .reply import answer_event, event_id_of


def make_handler(bot: Bot):
    def handle_mention(event, say, body=None, context=None):
        answer_event(bot, event, say, surface="mention", in_thread=True, event_id=event_id_of(body), context=context)

    return handle_mention


def register(app: App, bot: Bot) -> None:
    app.event("app_mention")(bot.listener(make_handler(bot)))

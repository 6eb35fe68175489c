"""A direct message to the bot (Messages tab): answered in the conversation.

Message events from channels are acknowledged and left alone: there the bot answers mentions only.
"""

from __future__ import annotations

from slack_bolt import App

from .bot import Bot
from .reply import answer_event, event_id_of, is_dm


def make_handler(bot: Bot):
    def handle_message(event, say, body=None, context=None):
        if not is_dm(event):
            return
        answer_event(bot, event, say, surface="dm", in_thread=False, event_id=event_id_of(body), context=context)

    return handle_message


def register(app: App, bot: Bot) -> None:
    app.event("message")(bot.listener(make_handler(bot)))

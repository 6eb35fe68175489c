"""The Home tab: usage and examples, published when someone opens it."""

from __future__ import annotations

from slack_bolt import App

from .bot import Bot


def make_handler(bot: Bot):
    def handle_home_opened(event, client):
        if event.get("tab") != "home":
            return
        with bot.timed("home") as outcome:
            client.views_publish(user_id=event["user"], view=bot.home())
            outcome["sent"] = True

    return handle_home_opened


def register(app: App, bot: Bot) -> None:
    app.event("app_home_opened")(bot.listener(make_handler(bot)))

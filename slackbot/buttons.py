"""The documentation buttons are links; Slack still sends a block_actions request, which is acknowledged."""

from __future__ import annotations

import re

from slack_bolt import App

from .bot import Bot

DOCS_BUTTON = re.compile(r"^open_docs")


def register(app: App, bot: Bot) -> None:
    @app.action(DOCS_BUTTON)
    def handle_docs_button(ack):
        ack()

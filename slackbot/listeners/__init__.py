"""One module per surface, each with `register(app, bot)`."""

from __future__ import annotations

from slack_bolt import App

from ..bot import Bot
from . import buttons, command, dm, home, mention, shortcut

SURFACES = (mention, dm, command, shortcut, home, buttons)


def register_all(app: App, bot: Bot) -> None:
    for surface in SURFACES:
        surface.register(app, bot)

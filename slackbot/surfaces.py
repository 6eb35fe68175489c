"""Every surface, one module each with `register(app, bot)`: mention, dm, command, shortcut, home, buttons."""

from __future__ import annotations

from slack_bolt import App

from . import buttons, command, dm, home, mention, shortcut
from .bot import Bot

SURFACES = (mention, dm, command, shortcut, home, buttons)


def register_all(app: App, bot: Bot) -> None:
    for surface in SURFACES:
        surface.register(app, bot)

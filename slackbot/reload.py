"""The Slack bot picks up a new catalog snapshot without a restart.

`start(bot, load)` starts a `SnapshotWatcher` (catalog/watch.py): every few seconds, in its own
thread, it checks whether `errcode catalog update` replaced the user's snapshot; if so it calls
`load()` (the catalog the bot was started with, loaded again: same pages and language) and hands
the result to `Bot.use_catalog`, so the next question is answered from it.  Answers in flight
finish with the catalog they started with.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..catalog.watch import SnapshotWatcher
from .bot import Bot

log = logging.getLogger("ohos_errcode.slackbot")


def start(bot: Bot, load: Callable[[], object]) -> SnapshotWatcher:
    def reload() -> None:
        bot.use_catalog(load())
        bot.metrics.catalog_reloads.inc()
        log.info("catalog reloaded: `errcode catalog update` wrote a new snapshot")

    return SnapshotWatcher(lambda: bot.catalog, reload, name="errcode-slack-snapshot-watch").start()

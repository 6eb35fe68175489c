"""The real bot (`errcode slack --http`) picks up a new catalog snapshot without a restart."""

from __future__ import annotations

import os
import subprocess

from bot_process import BotProcess, tracebacks
from slack_fakes import mention
from snapshot_pages import CODE, update_command, updated_line, write_page


def test_a_new_snapshot_changes_the_answer_without_a_restart(slack_api, tmp_path):
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    env = {"ERRCODE_CACHE": str(cache), "ERRCODE_RELOAD_SECONDS": "0.05"}

    def update(title: str) -> None:
        write_page(docs, title)
        done = subprocess.run(update_command(docs), env={**os.environ, **env}, capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.startswith(updated_line(cache))

    def ask(n: int) -> str:
        assert bot.post_event(mention(f"<@UBOT> what is {CODE}?", ts=f"5.{n}"), f"EvReload{n}") == 200
        return slack_api.wait_for("chat.postMessage", n)[-1]["blocks"][0]["text"]["text"]

    bot = BotProcess(slack_api.api_url, env=env, tmp_path=tmp_path)
    try:
        bot.wait_ready()
        entries = bot.metric("errcode_slack_catalog_entries")
        assert ask(1) == f"Unknown error code {CODE}"

        update("Foo Exploded")
        bot.wait_metric("errcode_slack_catalog_reloads_total", 1)  # the event: the bot loaded the new snapshot
        assert bot.metric("errcode_slack_catalog_entries") == entries + 1
        assert ask(2) == f"{CODE} Foo Exploded"

        update("Foo Melted")  # the snapshot replaced again
        bot.wait_metric("errcode_slack_catalog_reloads_total", 2)
        assert ask(3) == f"{CODE} Foo Melted"
        bot.terminate()
        assert bot.wait() == 0
        assert not tracebacks(bot.log())
    finally:
        bot.close()

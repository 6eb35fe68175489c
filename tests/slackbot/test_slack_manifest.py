"""The app manifest matches what the code listens for, so an admin creates a working app in one step."""

from __future__ import annotations

from pathlib import Path

import pytest

from ohos_errcode.slackbot import command, shortcut

yaml = pytest.importorskip("yaml", reason="PyYAML (dev dependency) reads the manifest")

MANIFEST = Path(__file__).resolve().parents[2] / "slackbot" / "manifest.yml"


@pytest.fixture(scope="module")
def manifest():
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_surfaces(manifest):
    features = manifest["features"]
    assert features["app_home"]["home_tab_enabled"] is True
    assert features["app_home"]["messages_tab_enabled"] is True
    assert [c["command"] for c in features["slash_commands"]] == [command.COMMAND]
    [sc] = features["shortcuts"]
    assert (sc["name"], sc["type"], sc["callback_id"]) == ("Explain error codes", "message", shortcut.CALLBACK_ID)


def test_events_scopes_and_socket_mode(manifest):
    settings = manifest["settings"]
    assert sorted(settings["event_subscriptions"]["bot_events"]) == ["app_home_opened", "app_mention", "message.im"]
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is True
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == ["app_mentions:read", "chat:write", "commands",
                                                                 "im:history"]


def test_slack_limits(manifest):
    info = manifest["display_information"]
    assert len(info["name"]) <= 35 and len(info["description"]) <= 140
    assert 174 <= len(info["long_description"]) <= 4000
    assert len(manifest["features"]["shortcuts"][0]["description"]) <= 80

"""The Slack face: a slack-bolt app answering questions about OpenHarmony error codes.

`build_app(catalog, settings) -> App`; `python -m ohos_errcode.slackbot` / `errcode slack`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .settings import Settings, TokenError

if TYPE_CHECKING:
    from slack_bolt import App


def build_app(catalog, settings: Settings | None = None, **kwargs) -> "App":
    from .app import build_app as _build

    return _build(catalog, settings, **kwargs)


__all__ = ["Settings", "TokenError", "build_app"]

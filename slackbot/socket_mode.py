"""Socket Mode: no public URL; the app opens a websocket to Slack with the app-level token.

apps.connections.open goes through the app's WebClient, so SLACK_API_URL applies to it too.
The built-in client reconnects by itself when Slack sends a `disconnect` message.
"""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler


def make_handler(app: App, app_token: str, *, ping_interval: float = 10) -> SocketModeHandler:
    return SocketModeHandler(app, app_token, web_client=app.client, ping_interval=ping_interval)

"""`build_app(catalog, settings) -> App`: the slack-bolt app with every surface registered."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient

from . import middleware, surfaces
from .bot import Bot
from .settings import Settings

log = logging.getLogger("ohos_errcode.slackbot")


class _QuietClientWarning(logging.Filter):
    """Bolt warns that SLACK_BOT_TOKEN is unused when a client is given; here the client carries it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("As you gave `client` as well")


_BOLT_LOGGER = logging.getLogger("slack_bolt.App")
_BOLT_LOGGER.addFilter(_QuietClientWarning())


def make_client(settings: Settings) -> WebClient:
    """Web API client; `SLACK_API_URL` (settings.api_url) replaces https://slack.com/api/ when set."""
    return WebClient(token=settings.bot_token, base_url=settings.base_url, timeout=10)


def build_app(catalog, settings: Settings | None = None, *, client: WebClient | None = None) -> App:
    """The Bolt app.  `client` replaces the Web API client (console mode, tests).

    With `settings.verify_token` the bot token is checked with auth.test now (BoltError if Slack
    refuses it).  Request signatures are verified whenever a signing secret is set; Socket Mode
    requests skip that check (Bolt does so by itself).
    """
    settings = settings or Settings()
    bot = Bot(catalog, settings)
    app = App(
        client=client or make_client(settings),
        signing_secret=settings.signing_secret or "",
        request_verification_enabled=bool(settings.signing_secret),
        token_verification_enabled=settings.verify_token,
        process_before_response=settings.process_before_response,
        logger=_BOLT_LOGGER,
        name="errcode",
    )
    if client is not None:
        # Bolt builds a fresh WebClient per request from app.client's settings; a replacement client
        # (console mode, tests) must be the one the listeners' `client` and `say` use.
        @app.middleware
        def use_given_client(context, next):
            context["client"] = client
            context.pop("say", None)
            return next()

    middleware.register(app, bot)
    surfaces.register_all(app, bot)
    app.errcode_bot = bot  # type: ignore[attr-defined]  # for the faces (console, HTTP health) and tests
    return app

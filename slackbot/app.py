"""`build_app(catalog, settings) -> App`: the slack-bolt app with every surface registered."""

from __future__ import annotations

import logging
import threading

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from . import middleware, surfaces
from .bot import Bot
from .guard import malformed
from .lifecycle import Lifecycle
from .settings import Settings
from .state import SharedState

log = logging.getLogger("ohos_errcode.slackbot")


class _QuietClientWarning(logging.Filter):
    """Bolt warns that SLACK_BOT_TOKEN is unused when a client or `authorize` is given; here the client
    carries it and `authorize` hands it over."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(("As you gave `client` as well", "As `installation_store` or"))


_BOLT_LOGGER = logging.getLogger("slack_bolt.App")
_BOLT_LOGGER.addFilter(_QuietClientWarning())


WEB_API_TIMEOUT = 30  # seconds per Web API call: a slow Slack delays an answer, never an ack


def make_client(settings: Settings) -> WebClient:
    """Web API client; `SLACK_API_URL` (settings.api_url) replaces https://slack.com/api/ when set."""
    return WebClient(token=settings.bot_token, base_url=settings.base_url, timeout=WEB_API_TIMEOUT)


class ErrcodeApp(App):
    """Bolt's App, with a signed but malformed request acknowledged, ignored and logged in one line
    (instead of a TypeError or AttributeError in Bolt's middleware and a 500 or a 3 s timeout)."""

    errcode_bot: Bot

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        problem = malformed(req.body)
        if problem is not None:
            self.errcode_bot.metrics.malformed.labels(problem).inc()
            log.warning("ignored a malformed request: %s", problem)
            return BoltResponse(status=200, body="")
        try:
            resp = super().dispatch(req)
        except Exception as exc:  # a shape Bolt trips over that malformed() does not know yet
            self.errcode_bot.metrics.malformed.labels("bolt could not handle it").inc()
            log.warning("ignored a request Bolt could not handle: %s", type(exc).__name__)
            return BoltResponse(status=200, body="")
        if resp.status >= 500:  # Bolt's middleware failed (already logged in one line by on_error)
            return BoltResponse(status=200, body="")
        return resp


def cached_authorize(client: WebClient, result=None):
    """Bolt's `authorize`: the start-up auth.test result for every request, never a call per request
    (without one, the first request's auth.test is kept)."""
    cache = {"result": result}
    lock = threading.Lock()

    def authorize(enterprise_id=None, team_id=None, user_id=None) -> AuthorizeResult:
        if cache["result"] is None:
            with lock:
                if cache["result"] is None:
                    cache["result"] = client.auth_test()
        return AuthorizeResult.from_auth_test_response(auth_test_response=cache["result"], bot_token=client.token)

    return authorize


def build_app(catalog, settings: Settings | None = None, *, client: WebClient | None = None, auth_test=None,
              state: SharedState | None = None, lifecycle: Lifecycle | None = None) -> App:
    """The Bolt app.  `client` replaces the Web API client (console mode, tests).

    `auth_test` is the start-up auth.test result (so no request waits for one).  Without it and with
    `settings.verify_token` the bot token is checked with auth.test now (BoltError if Slack refuses
    it).  Request signatures are verified whenever a signing secret is set; Socket Mode requests skip
    that check (Bolt does so by itself).  `state` (shared memory, Redis) and `lifecycle` (readiness,
    threads) come from the process; fresh in-process ones otherwise.
    """
    settings = settings or Settings()
    lifecycle = lifecycle or Lifecycle()
    bot = Bot(catalog, settings, state=state, lifecycle=lifecycle)
    web = client or make_client(settings)
    if auth_test is None and settings.verify_token:
        try:
            auth_test = web.auth_test()
        except SlackApiError as err:
            raise BoltError(f"auth.test refused the bot token ({err.response.get('error')})") from None
    app = ErrcodeApp(
        client=web,
        signing_secret=settings.signing_secret or "",
        request_verification_enabled=bool(settings.signing_secret),
        authorize=cached_authorize(web, auth_test),
        process_before_response=settings.process_before_response,
        listener_executor=lifecycle.listeners,
        logger=_BOLT_LOGGER,
        name="errcode",
    )

    @app.error
    def on_error(error, logger):
        bot.metrics.errors.labels("bolt").inc()
        logger.error("request failed: %s", type(error).__name__)
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

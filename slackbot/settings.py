"""Bot settings: tokens and URLs from the environment, limits with sensible defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Callable, Mapping

DEFAULT_API_URL = "https://slack.com/api/"
# Every environment variable the bot reads: Settings field → variable (PORT is read by `errcode slack --http`).
ENV_VARS = {
    "bot_token": "SLACK_BOT_TOKEN",
    "app_token": "SLACK_APP_TOKEN",
    "signing_secret": "SLACK_SIGNING_SECRET",
    "api_url": "SLACK_API_URL",
    "redis_url": "REDIS_URL",
}
PORT_VAR = "PORT"


class TokenError(Exception):
    """A token or secret is missing or malformed; `variable` names the environment variable."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable} {problem}")
        self.variable = variable
        self.problem = problem


@dataclass(frozen=True)
class Settings:
    bot_token: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    api_url: str | None = None  # Web API base URL (SLACK_API_URL); None = slack.com
    max_codes: int = 5  # codes answered in full per message
    max_chars: int = 40_000  # longest question looked at (a message is at most 40,000 characters)
    rate_limit: int = 10  # questions per user per window; 0 turns the limit off
    rate_window: float = 60.0  # seconds
    dedupe_ttl: float = 3600.0  # how long an event_id is remembered (Slack retries within minutes)
    verify_token: bool = True  # call auth.test when the app is built
    redis_url: str | None = field(default=None, repr=False)  # REDIS_URL / --redis: state shared by replicas
    debug_text: bool = False  # --log-level debug: message text may appear in the log
    process_before_response: bool = False  # True: answer before acking (console mode, tests)
    on_timing: Callable[[str, float], None] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> "Settings":
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = (env.get(name) or "").strip()
            return value or None

        values = {name: get(var) for name, var in ENV_VARS.items()}
        values["api_url"] = normalize_api_url(values["api_url"])
        return replace(cls(**values), **overrides)

    @property
    def base_url(self) -> str:
        return normalize_api_url(self.api_url) or DEFAULT_API_URL

    def secrets(self) -> list[str]:
        return [s for s in (self.bot_token, self.app_token, self.signing_secret) if s]

    def require(self, mode: str) -> None:
        """Raise TokenError naming the first variable that `mode` ("socket" | "http") needs and lacks."""
        need: list[tuple[str, str | None, tuple[str, ...]]] = [("SLACK_BOT_TOKEN", self.bot_token, ("xoxb-",))]
        if mode == "socket":
            need.append(("SLACK_APP_TOKEN", self.app_token, ("xapp-",)))
        elif mode == "http":
            need.append(("SLACK_SIGNING_SECRET", self.signing_secret, ()))
        for name, value, prefixes in need:
            if not value:
                raise TokenError(name, f"is not set (needed for --{mode})")
            if prefixes and not value.startswith(prefixes):
                raise TokenError(name, f"does not look right: it should start with {' or '.join(prefixes)}")
            if any(c.isspace() for c in value):
                raise TokenError(name, "contains spaces")


def normalize_api_url(url: str | None) -> str | None:
    """slack_sdk joins the method name onto the base URL, so it must end with a slash."""
    if not url:
        return None
    return url if url.endswith("/") else url + "/"

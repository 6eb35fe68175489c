"""What a request must look like before anything parses it, and what a signed body must hold.

`check_http(raw, headers, verifier)` runs on the raw bytes of an HTTP request, in this order, so
nothing that can fail runs on an unverified request: the signature headers' shape (a timestamp of
digits, a `v0=` hex signature) → 401; the body's UTF-8 → 400; the signature itself (slack_sdk's
verifier) → 401.  Parsing comes after, and a parse failure (a JSON 100,000 levels deep) is a 400.

`malformed(body)` looks at a signed, parsed body for the shapes Bolt's own middleware would trip
over (an `event_id` that is a list, an `event` that is a string, a slash command without a
`response_url`): such a request is acknowledged, ignored and logged in one line.
"""

from __future__ import annotations

import re

_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class Refused(Exception):
    """The HTTP status and a short reason for a request refused before parsing."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def check_http(raw: bytes, timestamp: str | None, signature: str | None, verifier) -> str:
    """The body as text, or Refused(401 | 400).  `verifier` None: no signing secret, no check."""
    if verifier is not None:
        if not timestamp or not _TIMESTAMP.fullmatch(timestamp):
            raise Refused(401, "missing or malformed X-Slack-Request-Timestamp")
        if not signature or not _SIGNATURE.fullmatch(signature):
            raise Refused(401, "missing or malformed X-Slack-Signature")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "body is not UTF-8") from None
    if verifier is not None and not verifier.is_valid(body=text, timestamp=timestamp, signature=signature):
        raise Refused(401, "invalid signature or stale timestamp")
    return text


def malformed(body) -> str | None:
    """Why a signed body cannot be handled (one short phrase), or None when it looks right."""
    if not isinstance(body, dict):
        return "body is not an object"
    if "event_id" in body and not isinstance(body["event_id"], str):
        return "event_id is not a string"
    if "event" in body:
        event = body["event"]
        if not isinstance(event, dict):
            return "event is not an object"
        if not isinstance(event.get("type"), str):
            return "event has no type"
        for key in ("user", "channel", "text", "ts", "thread_ts", "channel_type", "subtype", "tab"):
            value = event.get(key)
            if value is not None and not isinstance(value, str):
                return f"event.{key} is not a string"
    if "command" in body:
        url = body.get("response_url")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            return "slash command without a response_url"
        if not isinstance(body.get("text", ""), str):
            return "slash command text is not a string"
    for key in ("user", "channel", "team", "message", "container"):
        value = body.get(key)
        if value is not None and not isinstance(value, (dict, str)):
            return f"{key} is neither an object nor a string"
    for key in ("type", "team_id", "user_id", "channel_id", "api_app_id", "callback_id", "token"):
        value = body.get(key)
        if value is not None and not isinstance(value, str):
            return f"{key} is not a string"
    if "authorizations" in body and not isinstance(body["authorizations"], list):
        return "authorizations is not a list"
    return None

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


# Objects Bolt's payload helpers walk into (`body["event"]["message"]`, `payload["user"]["id"]`, …),
# at any of the first levels; the first group may also be a plain id string.
_OBJECT_OR_ID = ("user", "channel", "team", "enterprise")
_OBJECTS = ("event", "message", "previous_message", "item", "assistant_thread", "view", "function_data",
            "workflow_step", "container", "state")
# Values Bolt compares, slices or hashes as strings (`text` is one only in an event: a button's is an object).
_STRINGS = ("type", "id", "event_id", "team_id", "user_id", "channel_id", "enterprise_id", "api_app_id",
            "callback_id", "token", "ts", "thread_ts", "event_ts", "subtype", "channel_type", "tab",
            "bot_id", "action_id", "block_id", "trigger_id", "response_url", "command", "app_id")
_LISTS = ("authorizations", "actions")
_DEPTH = 4


def _shape(value, path: str, depth: int) -> str | None:
    if not isinstance(value, dict) or depth > _DEPTH:
        return None
    for key in _STRINGS:
        if key in value and value[key] is not None and not isinstance(value[key], str):
            return f"{path}{key} is not a string"
    for key in _OBJECT_OR_ID + _OBJECTS:
        if key not in value or value[key] is None:
            continue
        child = value[key]
        if isinstance(child, str) and key in _OBJECT_OR_ID:
            continue
        if not isinstance(child, dict):
            return f"{path}{key} is not an object"
        problem = _shape(child, f"{path}{key}.", depth + 1)
        if problem:
            return problem
    for key in _LISTS:
        if key not in value or value[key] is None:
            continue
        items = value[key]
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            return f"{path}{key} is not a list of objects"
        if key == "actions" and not items:
            return "actions is empty"
        for i, item in enumerate(items[:20]):
            problem = _shape(item, f"{path}{key}[{i}].", depth + 1)
            if problem:
                return problem
    return None


def malformed(body) -> str | None:
    """Why a signed body cannot be handled (one short phrase), or None when it looks right."""
    if not isinstance(body, dict):
        return "body is not an object"
    problem = _shape(body, "", 0)
    if problem:
        return problem
    event = body.get("event")
    if event is not None and not isinstance(event.get("type"), str):
        return "event has no type"
    if event is not None and not isinstance(event.get("text", ""), (str, type(None))):
        return "event.text is not a string"
    if "command" in body:
        url = body.get("response_url")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            return "slash command without a response_url"
    return None

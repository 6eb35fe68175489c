"""Global middleware: admit each event once, and ignore what is not a person asking.

Admission is one decision (one round trip to Redis with replicas): is the event new, is the
message new (a mention and a DM event can carry the same one), is the person's question allowed by
the rate limit.  The verdict rides in Bolt's context to the answer thread, which does not ask again.

Bolt's own middleware (signature and timestamp check, authorization, its own messages) runs first,
so a request with a bad signature never marks its event as seen.
"""

from __future__ import annotations

from slack_bolt import App, BoltResponse

from .bot import Bot
from .reply import VERDICT, is_dm, message_key
from .state import EVENT_SEEN

# Message subtypes that are a person writing; everything else (bot_message, message_changed,
# message_deleted, channel_join, …) is ignored.
ANSWERED_SUBTYPES = {None, "", "file_share", "thread_broadcast"}


def is_noise(event: dict, bot_user_id: str | None = None) -> bool:
    """True for events the bot must not answer: bots (itself included), edits, deletions, joins."""
    if not isinstance(event, dict):
        return True
    if event.get("bot_id") or event.get("bot_profile") or event.get("app_id"):
        return True
    if event.get("subtype") not in ANSWERED_SUBTYPES:
        return True
    if bot_user_id and event.get("user") == bot_user_id:
        return True
    return not event.get("user")


def answerable(event: dict, bot_user_id: str | None) -> bool:
    """An event a listener answers: a mention, or a direct message, from a person."""
    kind = event.get("type")
    return (kind == "app_mention" or (kind == "message" and is_dm(event))) and not is_noise(event, bot_user_id)


def request_type(body) -> str:
    """The metrics label of a request: the event's type for Events API requests, else the payload's."""
    if not isinstance(body, dict):
        return "unknown"
    if body.get("command"):
        return "slash_command"
    event = body.get("event")
    if body.get("type") == "event_callback" and isinstance(event, dict) and isinstance(event.get("type"), str):
        return event["type"][:40]
    kind = body.get("type")
    return kind[:40] if isinstance(kind, str) else "unknown"


def register(app: App, bot: Bot) -> None:
    @app.middleware
    def answer_each_event_once(body, request, context, logger, next):
        bot.metrics.events.labels(request_type(body)).inc()
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if not isinstance(event_id, str) or not event_id:
            return next()
        # One decision (one round trip to Redis): this event new? this message new? the question allowed?
        event = body.get("event")
        question = isinstance(event, dict) and answerable(event, context.bot_user_id)
        verdict = bot.admit(event_id=event_id, message=message_key(event) if question else None,
                            user=event.get("user") if question else None, count=question)
        if question:
            context[VERDICT] = verdict
        if verdict == EVENT_SEEN:
            retry = request.headers.get("x-slack-retry-num", ["0"])
            logger.debug("event %s seen before (retry %s): acknowledged, not answered again", event_id, retry[0])
            return BoltResponse(status=200, body="")
        return next()

    @app.middleware
    def ignore_noise(body, context, next):
        event = body.get("event") if isinstance(body, dict) else None
        if isinstance(event, dict) and event.get("type") in ("message", "app_mention"):
            if is_noise(event, context.bot_user_id):
                return BoltResponse(status=200, body="")
        return next()

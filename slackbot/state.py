"""The state replicas share: which events and messages were answered, and each user's rate limit.

Without a Redis URL everything lives in this process (`SeenSet`, `RateLimiter` from
`memory.py`).  With one (`REDIS_URL` / `--redis`), Redis decides, so two replicas behind
a load balancer answer an event once however Slack's retries are spread, and count a user's
questions together:

- "seen before": `SET key 1 NX EX ttl` for the event and for the message (first caller wins);
- rate limit: a sliding window in a sorted set per user (Redis' own clock, so the replicas' clocks
  do not matter), plus a `NX` key so the polite notice is sent once per burst.

Both are one Lua script (`admit`), so an event costs one round trip to Redis, and one seen twice is
neither answered nor counted twice.

The bot is synchronous (Bolt `App`, listeners in threads), so this is redis-py's synchronous
client with short timeouts.  Redis failing later is not fatal: the first failure is logged once,
the in-process state answers meanwhile (it records every event and message all along, so it knows
what this replica saw; the rate limit starts counting afresh), a reconnect is tried at most once a
second, and `health()` says "degraded".
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from typing import Callable

from .memory import RateLimiter, SeenSet

log = logging.getLogger("ohos_errcode.slackbot")

PREFIX = "errcode:"
RETRY_INTERVAL = 1.0  # seconds between reconnect attempts while Redis is down
TIMEOUT = 0.5  # socket timeouts: loopback or same-zone Redis answers in well under a millisecond

# KEYS: event, message, rate, warned.  ARGV: ttl, claim event?, claim message?, count?, window, limit, member.
# {-2} the event was seen before; {-1} the message was; else {allowed, wait_seconds, warn}.
_ADMIT_SCRIPT = """
local ttl = tonumber(ARGV[1])
if ARGV[2] == '1' and not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ttl) then
  return {-2, 0, 0}
end
if ARGV[3] == '1' and not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ttl) then
  return {-1, 0, 0}
end
local window = tonumber(ARGV[5])
local limit = tonumber(ARGV[6])
if ARGV[4] ~= '1' or limit <= 0 then
  return {1, 0, 0}
end
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
if redis.call('ZCARD', KEYS[3]) < limit then
  redis.call('ZADD', KEYS[3], now, ARGV[7])
  redis.call('PEXPIRE', KEYS[3], math.ceil(window * 1000))
  redis.call('DEL', KEYS[4])
  return {1, 0, 0}
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')[2])
local wait = math.max(1, math.ceil(window - (now - oldest)))
local warn = redis.call('SET', KEYS[4], '1', 'NX', 'PX', math.ceil(window * 1000))
if warn then return {0, wait, 1} end
return {0, wait, 0}
"""

EVENT_SEEN = "event seen"  # admit(): the event was handled before (a retry)
MESSAGE_SEEN = "message seen"  # admit(): the message was answered before (another event, another replica)


class RedisUnavailable(Exception):
    """Redis could not be reached at start, or its URL is not one (the message names REDIS_URL)."""


class SharedState:
    """`admit(event_id, message, user)`, in Redis when a URL is given, else in this process."""

    def __init__(self, *, ttl: float = 3600.0, rate_limit: int = 10, rate_window: float = 60.0,
                 redis_url: str | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.rate_limit = rate_limit
        self.rate_window = rate_window
        self.clock = clock
        self.seen = {"event": SeenSet(ttl), "reply": SeenSet(ttl)}  # also what the fallback knows
        self.limiter = RateLimiter(rate_limit, rate_window)
        self.redis_url = redis_url
        self.redis = None
        self._script = None
        self.degraded = False
        self._next_try = 0.0
        self._lock = threading.Lock()
        if redis_url:
            import redis

            try:
                self.redis = redis.Redis.from_url(redis_url, socket_timeout=TIMEOUT,
                                                  socket_connect_timeout=TIMEOUT, retry_on_timeout=False)
            except ValueError as exc:  # not a redis://, rediss:// or unix:// URL
                raise RedisUnavailable(f"REDIS_URL: {exc}") from None
            self._script = self.redis.register_script(_ADMIT_SCRIPT)

    def check(self) -> None:
        """At start: raise RedisUnavailable (naming REDIS_URL) when the Redis server does not answer."""
        if self.redis is None:
            return
        import redis

        try:
            self.redis.ping()
        except (redis.RedisError, OSError) as exc:
            raise RedisUnavailable(f"REDIS_URL: cannot reach Redis at {safe_url(self.redis_url)} "
                                   f"({type(exc).__name__})") from None

    @property
    def status(self) -> str:
        """"off" (no Redis configured), "ok" or "degraded" (Redis unreachable: in-process state)."""
        if self.redis is None:
            return "off"
        return "degraded" if self.degraded else "ok"

    def health(self) -> str:
        """`status`, after a reconnect attempt when degraded and one is due (a health probe doubles as one)."""
        if self.redis is not None and self.degraded and self.clock() >= self._next_try:
            self._shared(lambda r: r.ping(), lambda: None)
        return self.status

    def admit(self, *, event_id: str | None = None, message: str | None = None, user: str | None = None,
              count: bool = True) -> str | tuple[bool, int, bool]:
        """Everything one question needs decided, in one call (one round trip to Redis): claim the
        event (EVENT_SEEN when it was seen before), claim the message ("channel:ts"; MESSAGE_SEEN),
        then, with `count`, count the question of `user`: (allowed, wait_seconds, warn), see RateLimiter."""
        event_first = self.seen["event"].add(event_id) if event_id is not None else True
        message_first = self.seen["reply"].add(message) if message is not None else True
        user = user or "?"

        def local():
            if not event_first:
                return EVENT_SEEN
            if not message_first:
                return MESSAGE_SEEN
            return self.limiter.check(user) if count and self.rate_limit > 0 else (True, 0, False)

        if self.redis is None:
            return local()

        def shared(r):
            keys = [f"{PREFIX}event:{event_id}", f"{PREFIX}reply:{message}", f"{PREFIX}rate:{user}",
                    f"{PREFIX}warned:{user}"]
            flags = ["1" if event_id is not None else "0", "1" if message is not None else "0", "1" if count else "0"]
            ok, wait, warn = self._script(keys=keys, args=[max(1, int(self.ttl)), *flags, self.rate_window,
                                                           self.rate_limit, uuid.uuid4().hex], client=r)
            if ok < 0:
                return EVENT_SEEN if ok == -2 else MESSAGE_SEEN
            return bool(ok), int(wait), bool(warn)

        return self._shared(shared, local)

    def _shared(self, call, fallback):
        if self.redis is None:
            return fallback()
        import redis

        if self.degraded and self.clock() < self._next_try:
            return fallback()
        try:
            result = call(self.redis)
        except (redis.RedisError, OSError) as exc:
            with self._lock:
                if not self.degraded:
                    log.warning("Redis at %s unreachable (%s): using this process's state until it is back",
                                safe_url(self.redis_url), type(exc).__name__)
                self.degraded = True
                self._next_try = self.clock() + RETRY_INTERVAL
            return fallback()
        if self.degraded:
            with self._lock:
                if self.degraded:
                    log.warning("Redis at %s reachable again: shared state restored", safe_url(self.redis_url))
                self.degraded = False
        return result

    def close(self) -> None:
        if self.redis is not None:
            self.redis.close()


def safe_url(url: str | None) -> str:
    """The URL without its password (redis://:secret@host → redis://***@host)."""
    if not url or "@" not in url:
        return url or ""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://***@{rest.rpartition('@')[2]}"

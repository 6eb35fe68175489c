"""Tokens never reach a log: a filter that masks Slack tokens and the configured secrets."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from typing import Iterable, TextIO

TOKEN = re.compile(r"\b(xox[abposre]-|xapp-)[A-Za-z0-9-]+")


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    for s in secrets:
        if s and len(s) >= 6:
            text = text.replace(s, "[redacted]")
    return TOKEN.sub(lambda m: m.group(1) + "[redacted]", text)


class RedactFilter(logging.Filter):
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        clean = redact(message, self.secrets)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        record.msg, record.args = clean, None
        return True


# Fields a record may carry (logging's `extra=`), copied into the JSON line when present.
JSON_FIELDS = ("event_id", "surface", "latency_ms", "outcome")


class JsonFormatter(logging.Formatter):
    """`--log-format json`: one JSON object a line (time, level, logger, message, event id, surface,
    latency, outcome).  The message has passed through RedactFilter, like the text format's."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in JSON_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False)


def configure_logging(level: int = logging.INFO, secrets: Iterable[str] = (), stream: TextIO | None = None,
                      fmt: str = "text") -> logging.Handler:
    """One stderr handler on the root logger, every record passed through RedactFilter;
    `fmt` "text" (one readable line) or "json" (JsonFormatter)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactFilter(secrets))
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_errcode", False):
            root.removeHandler(h)
    handler._errcode = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return handler

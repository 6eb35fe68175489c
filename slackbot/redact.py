"""Tokens never reach a log: a filter that masks Slack tokens and the configured secrets."""

from __future__ import annotations

import logging
import re
import sys
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


def configure_logging(level: int = logging.INFO, secrets: Iterable[str] = (), stream: TextIO | None = None) -> logging.Handler:
    """One stderr handler on the root logger, every record passed through RedactFilter."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactFilter(secrets))
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_errcode", False):
            root.removeHandler(h)
    handler._errcode = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return handler

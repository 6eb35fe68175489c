"""The server's own log records (not pygls'), forwarded to the client as window/logMessage."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from lsprotocol import types

if TYPE_CHECKING:
    from .app import ErrcodeServer


class ClientLogHandler(logging.Handler):
    """Forwards the server's own log records (not pygls') to the client as window/logMessage."""

    LEVELS = {logging.ERROR: types.MessageType.Error, logging.WARNING: types.MessageType.Warning,
              logging.INFO: types.MessageType.Info}

    def __init__(self, server: "ErrcodeServer", level: int = logging.INFO):
        super().__init__(level)
        self.server = server
        self._busy = False

    def emit(self, record: logging.LogRecord) -> None:
        if self._busy or getattr(self.server.protocol, "writer", None) is None:
            return
        self._busy = True
        try:
            kind = self.LEVELS.get(record.levelno, types.MessageType.Log)
            if record.levelno < logging.INFO:
                kind = types.MessageType.Log
            self.server.window_log_message(types.LogMessageParams(type=kind, message=self.format(record)))
        except Exception:
            pass
        finally:
            self._busy = False


def attach_client_log(server: "ErrcodeServer", level: int = logging.INFO) -> None:
    """Send this package's log records (INFO and up) to the client too (window/logMessage)."""
    handler = ClientLogHandler(server, level)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logging.getLogger("ohos_errcode").addHandler(handler)

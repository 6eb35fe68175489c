"""A raw JSON-RPC client for the server process: any bytes in, every message out, under a memory limit.

pytest-lsp's client only sends well-formed messages; hostile-input tests need to send anything.
The server runs as a real process (`python -m ohos_errcode.server`) with RLIMIT_AS set, so a
regression that eats memory fails with MemoryError instead of eating the machine.
"""

from __future__ import annotations

import json
import queue
import re
import resource
import subprocess
import sys
import threading
import time
from typing import Any, Callable

from lsp_helpers import server_env

SERVER = [sys.executable, "-m", "ohos_errcode.server", "--debounce-ms", "0"]
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the server process (bytes)
TIMEOUT = 30.0  # seconds for any one awaited message


def frame(body: bytes | str | dict | list) -> bytes:
    if not isinstance(body, (bytes, str)):
        body = json.dumps(body)
    if isinstance(body, str):
        body = body.encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class RawServer:
    def __init__(self, *args: str, memory: int = MEMORY_LIMIT):
        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

        self.proc = subprocess.Popen([*SERVER, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=server_env(), preexec_fn=limit)
        self.messages: queue.Queue = queue.Queue()
        self.seen: list[dict] = []  # every message read so far, in order
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._next_id = 1000

    def _read(self) -> None:
        try:
            self._read_messages()
        except (OSError, ValueError):
            self.messages.put(None)

    def _read_messages(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                m = re.match(rb"Content-Length:\s*(\d+)", line, re.I)
                if m:
                    length = int(m.group(1))
            if length is None:
                continue
            self.messages.put(json.loads(out.read(length)))

    # ------------------------------------------------------------ writing
    def send_bytes(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, body: bytes | str | dict | list) -> None:
        self.send_bytes(frame(body))

    def notify(self, method: str, params: Any = None) -> None:
        msg: dict = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def request(self, method: str, params: Any = None, msg_id: Any = None) -> Any:
        """Send a request; returns its id (see `response`)."""
        if msg_id is None:
            self._next_id += 1
            msg_id = self._next_id
        msg: dict = {"jsonrpc": "2.0", "id": msg_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return msg_id

    # ------------------------------------------------------------ reading
    def next(self, timeout: float = TIMEOUT) -> dict:
        msg = self.messages.get(timeout=timeout)
        if msg is None:
            raise EOFError("the server closed its output")
        self.seen.append(msg)
        return msg

    def wait_for(self, pred: Callable[[dict], bool], timeout: float = TIMEOUT) -> dict:
        """The first message (already seen or coming) that `pred` accepts."""
        for msg in self.seen:
            if pred(msg):
                return msg
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no such message")
            msg = self.next(left)
            if pred(msg):
                return msg

    def response(self, msg_id: Any, timeout: float = TIMEOUT) -> dict:
        return self.wait_for(lambda m: "method" not in m and m.get("id") == msg_id and
                             ("result" in m or "error" in m), timeout)

    def call(self, method: str, params: Any = None, timeout: float = TIMEOUT) -> dict:
        return self.response(self.request(method, params), timeout)

    def initialize(self, options: Any = None, capabilities: dict | None = None) -> dict:
        params: dict = {"processId": None, "rootUri": None, "capabilities": capabilities or {}}
        if options is not None:
            params["initializationOptions"] = options
        got = self.call("initialize", params)
        self.notify("initialized", {})
        return got

    def open(self, uri: str, text: str, version: int = 1, language_id: str = "arkts") -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language_id,
                                                              "version": version, "text": text}})

    def diagnostics(self, uri: str, version: int, timeout: float = TIMEOUT) -> list[dict]:
        msg = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri and m["params"].get("version") == version, timeout)
        return msg["params"]["diagnostics"]

    def memory_kb(self) -> int:
        """The server's resident set size (VmRSS, kB)."""
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmRSS")

    def stop(self, timeout: float = 10) -> int:
        """shutdown + exit; the exit status."""
        try:
            self.call("shutdown", timeout=timeout)
            self.notify("exit")
        except (OSError, EOFError, TimeoutError, queue.Empty):
            pass
        return self.wait(timeout)

    def wait(self, timeout: float = 10) -> int:
        try:
            return self.proc.wait(timeout)
        finally:
            self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()  # type: ignore[union-attr]
            except OSError:
                pass

"""The server's output pipe holds a whole large publishDiagnostics: the server writes it (and can
go on) while the client is not reading (server/pipes.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time

import pytest

from lsp_helpers import server_env
from ohos_errcode.server.pipes import pipe_max_size, widen_pipe
from raw_lsp import frame

fcntl = pytest.importorskip("fcntl")  # POSIX only, like the pipes sized
termios = pytest.importorskip("termios")

LINES = 1500  # one known code each: a publish of ~700 KB, more than ten default (64 KB) pipes
TEXT = "if (err.code === 7700201) { console.error('unsupported'); }\n" * LINES
DEFAULT_PIPE = 1 << 16

linux_pipes = pytest.mark.skipif(not hasattr(fcntl, "F_SETPIPE_SZ") or pipe_max_size() < 1 << 20,
                                 reason="pipes are sized on Linux only (up to 1 MB here)")


def _available(fd: int) -> int:
    return int.from_bytes(fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"), sys.byteorder)


def _read_message(stream) -> dict:
    length = None
    while True:
        line = stream.readline()
        assert line, "the server closed its output"
        if line in (b"\r\n", b"\n"):
            break
        m = re.match(rb"Content-Length:\s*(\d+)", line, re.I)
        if m:
            length = int(m.group(1))
    return json.loads(stream.read(length))


@linux_pipes
def test_a_large_publish_is_written_whole_while_the_client_does_not_read():
    proc = subprocess.Popen([sys.executable, "-m", "ohos_errcode.server", "--debounce-ms", "0"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=server_env())
    try:
        def send(msg: dict) -> None:
            proc.stdin.write(frame(msg))
            proc.stdin.flush()

        send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"processId": None, "rootUri": None, "capabilities": {}}})
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": "file:///pipe/Many.ets", "languageId": "arkts", "version": 1, "text": TEXT}}})
        send({"jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand",
              "params": {"command": "errcode.serverStats", "arguments": []}})
        # nothing is read until the server has put far more than a default pipe holds into this one
        deadline = time.monotonic() + 60
        while _available(proc.stdout.fileno()) < LINES * 300:
            assert proc.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, f"the server's writes are stuck at {_available(proc.stdout.fileno())} bytes"
            time.sleep(0.02)
        assert _available(proc.stdout.fileno()) > 4 * DEFAULT_PIPE
        messages = []
        while not (any(m.get("id") == 2 for m in messages)
                   and any(m.get("method") == "textDocument/publishDiagnostics" for m in messages)):
            messages.append(_read_message(proc.stdout))
        publish = next(m for m in messages if m.get("method") == "textDocument/publishDiagnostics")
        assert len(publish["params"]["diagnostics"]) == LINES
        assert publish["params"]["diagnostics"][-1]["range"] == {
            "start": {"line": LINES - 1, "character": 17}, "end": {"line": LINES - 1, "character": 24}}
        stats = next(m["result"] for m in messages if m.get("id") == 2)
        assert stats["outputPipeBytes"] >= 1 << 20
    finally:
        proc.kill()
        proc.wait()


@linux_pipes
def test_widen_pipe_sizes_pipes_only():
    r, w = os.pipe()
    try:
        assert widen_pipe(w) >= 1 << 20
        assert fcntl.fcntl(w, fcntl.F_GETPIPE_SZ) >= 1 << 20
    finally:
        os.close(r)
        os.close(w)
    with tempfile.TemporaryFile() as f:
        assert widen_pipe(f) is None  # a file (output redirected to one) is left alone
    assert widen_pipe(-1) is None  # nor a closed or bad descriptor

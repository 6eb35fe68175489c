"""Fuzz, end to end: a real server process (under a memory limit) fed random messages, edits and
positions, valid and not.  It must not crash or hang, and must answer every request.

Seeded random, bounded in time: ERRCODE_FUZZ_SECONDS (default 3) of messages, ERRCODE_FUZZ_SEED
to replay a run (the seed is printed when the test fails).  A longer local run:

    ERRCODE_FUZZ_SECONDS=120 .venv/bin/python -m pytest tests/server/test_lsp_fuzz.py
"""

from __future__ import annotations

import json
import os
import random
import time

import pytest
from raw_lsp import RawServer, frame

SECONDS = float(os.environ.get("ERRCODE_FUZZ_SECONDS", "3"))
SEED = int(os.environ.get("ERRCODE_FUZZ_SEED", str(random.SystemRandom().randrange(2**32))))
HUGE = "\u0000HUGE\u0000"  # replaced by a 5,000-digit number in the message text

pytestmark = pytest.mark.timeout(max(120, int(SECONDS * 3) + 90))

URIS = ["file:///f/A.ets", "file:///f/B.c", "file:///f/C.ets"]
BASE = {
    "file:///f/A.ets": "import image from '@ohos.multimedia.image';\nif (err.code === 62980999) { /* 😀 */ }\n"
                       "switch (e.code) {\n  case 401: break;\n}\n",
    "file:///f/B.c": "int32_t f(int32_t ret) {\n    if (ret == 7600301) { return IMAGE_RESULT_BASE + 5; }\n}\n",
    "file:///f/C.ets": "// 中文 7700201\nconst e = 7700201;\n",
}
SNIPPETS = ["", "7", "0", "\n", "\r\n", "\r", "😀", "中文", "case 401:", "err.code === ", "/*", "*/", "`${", "}`",
            "'", '"', "IMAGE_RESULT_BASE + 5", "62980999", "7700201", "\x00", "\ud800", "\t" * 50, "9" * 60]
NUMBERS = [0, 1, 2, 3, 17, 40, 1000, -1, -7, 2**31 - 1, 2**31, 2**32, 2**53, 10**30, 1.5, -0.0, 1e300,
           "3", None, True, [], {}, HUGE]
METHODS = ["textDocument/hover", "textDocument/codeAction", "textDocument/inlayHint", "textDocument/completion",
           "textDocument/definition", "textDocument/documentSymbol", "textDocument/diagnostic",
           "workspace/executeCommand", "textDocument/signatureHelp", "no/suchMethod"]
GARBAGE = [b"{", b"[]", b"[1, 2]", b"1", b'"x"', b"null", b"{}", b'{"jsonrpc": "2.0"}', b"\xff\xfe",
           b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": 5}',
           b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": 1}}',
           b'{"jsonrpc": "2.0", "id": "r", "result": 1}', b'{"jsonrpc": "2.0", "method": "$/cancelRequest", '
                                                         b'"params": {"id": 999999}}']


class Fuzzer:
    def __init__(self, srv: RawServer, rng: random.Random):
        self.srv, self.rng = srv, rng
        self.expected: set = set()  # ids of requests that must be answered
        self.version = {uri: 1 for uri in URIS}
        self.next_id = 10**6  # apart from RawServer.call's ids

    def number(self):
        r = self.rng
        return r.choice(NUMBERS) if r.random() < 0.3 else r.randrange(0, 12)

    def position(self):
        if self.rng.random() < 0.05:
            return self.rng.choice([None, 5, "x", {"line": 1}])
        return {"line": self.number(), "character": self.number()}

    def send(self, msg: dict) -> None:
        text = json.dumps(msg)
        self.srv.send_bytes(frame(text.replace(json.dumps(HUGE), "9" * 5000)))

    def request(self, method: str, params) -> None:
        self.next_id += 1
        msg_id = self.next_id if self.rng.random() < 0.9 else f"s{self.next_id}"
        self.expected.add(msg_id)
        msg = {"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params}
        if self.rng.random() < 0.03:
            del msg["jsonrpc"]  # answered with InvalidRequest, still an answer
        self.send(msg)

    def step(self) -> None:
        r = self.rng
        uri = r.choice(URIS)
        roll = r.random()
        if roll < 0.45:
            self.version[uri] += 1
            rng_ = {"start": self.position(), "end": self.position()}
            change: dict = {"range": rng_, "text": r.choice(SNIPPETS) * r.randrange(1, 3)}
            if r.random() < 0.05:
                change = {"text": r.choice(SNIPPETS) + BASE[uri]}  # a whole-document replacement
            self.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": self.version[uri]},
                "contentChanges": [change] * r.randrange(1, 3)}})
        elif roll < 0.85:
            method = r.choice(METHODS)
            td = {"uri": uri} if r.random() < 0.95 else r.choice([{}, {"uri": 5}, "x"])
            rng_ = {"start": self.position(), "end": self.position()}
            params = {
                "textDocument/codeAction": {"textDocument": td, "range": rng_, "context": {"diagnostics": []}},
                "textDocument/inlayHint": {"textDocument": td, "range": rng_},
                "textDocument/documentSymbol": {"textDocument": td},
                "textDocument/diagnostic": {"textDocument": td, "previousResultId": r.choice([None, "x", "1"])},
                "workspace/executeCommand": {
                    "command": r.choice(["errcode.explain", "errcode.search", "errcode.serverStats", "nope"]),
                    "arguments": [r.choice([7700201, "401", HUGE, None, [1], {"a": 1}, "x" * 3000, -62980096]),
                                  r.choice([{}, {"show": True}, 5, "x"])][: r.randrange(0, 3)]},
            }.get(method, {"textDocument": td, "position": self.position()})
            self.request(method, params)
        elif roll < 0.93:
            self.srv.send_bytes(frame(r.choice(GARBAGE)))
        elif roll < 0.97:
            self.send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
            self.version[uri] += 1
            self.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": uri, "languageId": "c" if uri.endswith(".c") else "arkts", "version": self.version[uri],
                "text": BASE[uri]}}})
        else:
            self.send({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {
                "ohosErrcode": r.choice([{"docsPaths": ["/dev/zero", "/no/such/dir"]}, {"language": "zh-cn"},
                                         {"language": "en", "docsPaths": []}, {"knownCodeSeverity": 5}, None])}}})

    def answered(self) -> set:
        return {m.get("id") for m in self.srv.seen if "method" not in m and ("result" in m or "error" in m)}


def test_random_messages_edits_and_positions_are_survived_and_answered():
    srv = RawServer()
    try:
        rng = random.Random(SEED)
        encodings = rng.choice([[], ["utf-8"], ["utf-32", "utf-16"]])
        srv.initialize(capabilities={"general": {"positionEncodings": encodings}} if encodings else {})
        for uri in URIS:
            srv.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "c" if uri.endswith(".c") else "arkts", "version": 1, "text": BASE[uri]}})
        fuzz = Fuzzer(srv, rng)
        deadline = time.monotonic() + SECONDS
        steps = 0
        while time.monotonic() < deadline:
            fuzz.step()
            steps += 1
            if steps % 50 == 0:
                while not srv.messages.empty():  # keep the reading side drained
                    srv.next()
        # every request answered, the server alive and in step: a final text, then a hover on it
        wait_until = time.monotonic() + 60
        while fuzz.expected - fuzz.answered():
            assert srv.proc.poll() is None, f"server died (seed {SEED})"
            srv.next(max(0.1, wait_until - time.monotonic()))
        for uri in URIS:
            fuzz.version[uri] += 1
            srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": fuzz.version[uri]},
                                                  "contentChanges": [{"text": "if (err.code === 7700201) {}\n"}]})
            hover = srv.call("textDocument/hover", {"textDocument": {"uri": uri},
                                                    "position": {"line": 0, "character": 18}})
            assert "result" in hover, (SEED, hover)
            assert hover["result"]["contents"]["value"].startswith("### **7700201**"), (SEED, hover)
        assert steps > 20
        assert srv.stop() == 0, f"seed {SEED}"
    except BaseException:
        print(f"fuzz seed: ERRCODE_FUZZ_SEED={SEED}")
        raise
    finally:
        srv.close()

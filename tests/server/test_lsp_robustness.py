"""End to end: malformed requests, huge and binary documents, stale versions, random edits, TCP."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsp_helpers import at, diagnostics_of, open_doc
from lsprotocol import types as T
from pytest_lsp import client_capabilities

SERVER = [sys.executable, "-m", "ohos_errcode.server"]
LINE = "  if (err.code === 62980999) { /* 😀 中文 */ }"


async def init(client, caps: str = "visual-studio-code"):
    await client.initialize_session(T.InitializeParams(capabilities=client_capabilities(caps)))


# ---------------------------------------------------------------- raw JSON-RPC
def _frame(obj: dict) -> bytes:
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


async def _read(reader: asyncio.StreamReader) -> dict:
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(await reader.readexactly(length))


async def _responses(reader, ids: set, timeout: float = 20) -> dict:
    got = {}

    async def loop():
        while ids - set(got):
            msg = await _read(reader)
            if "id" in msg and "method" not in msg:
                got[msg["id"]] = msg

    await asyncio.wait_for(loop(), timeout)
    return got


async def test_malformed_requests_are_answered_and_the_server_keeps_going():
    proc = await asyncio.create_subprocess_exec(*SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                                stderr=subprocess.DEVNULL)
    w, r = proc.stdin, proc.stdout
    w.write(_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}))
    await _responses(r, {1})
    w.write(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    w.write(_frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file:///m.ets", "languageId": "arkts", "version": 1, "text": "if (e.code === 7700201) {}\n"}}}))
    w.write(b"Content-Length: 9\r\n\r\n{not json")  # garbage body
    w.write(_frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"bogus": True}}))
    w.write(_frame({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": 5}}))
    w.write(_frame({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": "file:///m.ets"}, "position": {"line": -4, "character": 99999}}}))
    w.write(_frame({"jsonrpc": "2.0", "id": 4, "method": "workspace/executeCommand",
                    "params": {"command": "errcode.explain", "arguments": [[1, 2]]}}))
    w.write(_frame({"jsonrpc": "2.0", "id": 5, "method": "no/suchMethod", "params": {}}))
    w.write(_frame({"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": "file:///m.ets"}, "position": {"line": 0, "character": 16}}}))
    await w.drain()
    got = await _responses(r, {2, 3, 4, 5, 6})
    assert got[2]["error"]["code"] == -32602  # invalid params, answered
    assert "error" in got[3] or got[3]["result"] is None
    assert "error" in got[4]
    assert got[5]["error"]["code"] == -32601
    assert got[6]["result"]["contents"]["value"].startswith("### **7700201** Unsupported Memory Allocation Type")
    w.write(_frame({"jsonrpc": "2.0", "id": 7, "method": "shutdown"}))
    await w.drain()
    await _responses(r, {7})
    w.write(_frame({"jsonrpc": "2.0", "method": "exit"}))
    await w.drain()
    assert await asyncio.wait_for(proc.wait(), 10) == 0


async def test_huge_and_binary_documents_do_not_stall_other_requests(fresh):
    await init(fresh)
    small = "file:///r/Small.ets"
    await open_doc(fresh, small, "if (err.code === 7700201) {}\n")
    huge = "file:///r/Huge.ets"
    body = ("const width: number = 360; // layout\n" * 40_000 + LINE + "\n") * 7  # ~10 MB
    assert len(body) > 10_000_000
    fresh.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=huge, language_id="arkts", version=1, text=body)))
    binary = "file:///r/Binary.ets"
    fresh.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(
        uri=binary, language_id="arkts", version=1, text="\x00\x01\ufffd\x7f" * 5000 + "7700201\x00")))
    t = time.perf_counter()
    h = await fresh.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(small),
                                                            T.Position(line=0, character=18)))
    assert h is not None and time.perf_counter() - t < 5
    # hover deep inside the huge document works on a window around the cursor
    line_no = 40_000
    h = await asyncio.wait_for(fresh.text_document_hover_async(T.HoverParams(
        T.TextDocumentIdentifier(huge), at(line_no, LINE, "62980999", "utf-16"))), 30)
    assert h is not None and h.contents.value.startswith("Unknown error code 62980999")
    assert await fresh.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(binary),
                                                               T.Position(line=0, character=3))) is None
    assert await diagnostics_of(fresh, huge) == []  # too big to analyse whole: no diagnostics, no stall


async def test_diagnostics_are_never_stale(default_debounce):
    """With the default 150 ms debounce, a burst of edits yields one publish, for the last version."""
    client = default_debounce
    published: list[T.PublishDiagnosticsParams] = []
    original = client.protocol.fm.features[T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def record(params):
        published.append(params)
        return original(params)

    client.protocol.fm.features[T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
    await init(client)
    uri = "file:///r/Stale.ets"
    client.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=uri, language_id="arkts", version=1, text="if (err.code === 7700201) {}\n")))
    for v in range(2, 12):  # type 10 characters quickly
        client.text_document_did_change(T.DidChangeTextDocumentParams(
            text_document=T.VersionedTextDocumentIdentifier(uri=uri, version=v),
            content_changes=[T.TextDocumentContentChangePartial(
                range=T.Range(start=T.Position(line=1, character=0), end=T.Position(line=1, character=0)),
                text="x")]))
    await _published_after_marker(client, published, "file:///r/Marker1.ets")
    versions = [p.version for p in published if p.uri == uri]
    assert versions[-1] == 11 and all(v in (1, 11) for v in versions), versions
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        text_document=T.VersionedTextDocumentIdentifier(uri=uri, version=12),
        content_changes=[T.TextDocumentContentChangeWholeDocument(text="if (err.code === 62980999) {}\n")]))
    client.text_document_did_close(T.DidCloseTextDocumentParams(T.TextDocumentIdentifier(uri)))
    await _published_after_marker(client, published, "file:///r/Marker2.ets")
    last = [p for p in published if p.uri == uri][-1]
    assert list(last.diagnostics) == []  # closed before the debounce ran out: cleared, never the v12 warning
    assert all(p.version != 12 for p in published)


async def _published_after_marker(client, published: list, marker: str) -> None:
    """Open a marker document after the edits and wait for its diagnostics: they are debounced like
    the edits' were, so any publish still due for an earlier edit would have come before them."""
    client.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=marker, language_id="arkts", version=1, text="if (err.code === 7700201) {}\n")))
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        text_document=T.VersionedTextDocumentIdentifier(uri=marker, version=2),
        content_changes=[T.TextDocumentContentChangeWholeDocument(text="if (err.code === 7700201) {}\n")]))

    async def wait():
        while not any(p.uri == marker and p.version == 2 for p in published):
            await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    await asyncio.wait_for(wait(), 20)


_EDIT = st.tuples(st.integers(-1, 8), st.integers(-1, 60), st.integers(-1, 8), st.integers(-1, 60),
                  st.sampled_from(["", "7", "0", "\n", "😀", "中文", "case 401:", "err.code === ", "/*", "*/",
                                   "`${", "}`", "'", "IMAGE_RESULT_BASE + 5", "\r\n", "62980999"]))
_REQ = st.sampled_from(["hover", "codeAction", "inlayHint", "completion", "definition"])


@pytest.mark.timeout(240)
async def test_random_edits_and_requests_never_crash(fresh):
    await init(fresh, "neovim@v0.11.0")  # UTF-8 positions
    base = "import image from '@ohos.multimedia.image';\n" + LINE + "\nswitch (e.code) {\n  case 401: break;\n}\n"
    state = {"version": 1, "n": 0}

    # hypothesis draws the edit/request sequences; they are replayed against the server afterwards
    # (the client lives on this event loop), each failure reported with its sequence.
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(edits=st.lists(st.tuples(_EDIT, _REQ, st.integers(0, 9), st.integers(0, 70)), min_size=1, max_size=8))
    def run(edits):
        async def go():
            state["n"] += 1
            uri = f"file:///r/Random{state['n']}.ets"
            fresh.text_document_did_open(T.DidOpenTextDocumentParams(
                T.TextDocumentItem(uri=uri, language_id="arkts", version=1, text=base)))
            td = T.TextDocumentIdentifier(uri)
            for version, ((sl, sc, el, ec, text), req, line, ch) in enumerate(edits, start=2):
                fresh.text_document_did_change(T.DidChangeTextDocumentParams(
                    text_document=T.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[T.TextDocumentContentChangePartial(range=T.Range(
                        start=T.Position(line=max(sl, 0), character=max(sc, 0)),
                        end=T.Position(line=max(el, 0), character=max(ec, 0))), text=text)]))
                pos = T.Position(line=line, character=ch)
                rng = T.Range(start=T.Position(line=0, character=0), end=pos)
                call = {
                    "hover": lambda: fresh.text_document_hover_async(T.HoverParams(td, pos)),
                    "codeAction": lambda: fresh.text_document_code_action_async(
                        T.CodeActionParams(td, rng, T.CodeActionContext(diagnostics=[]))),
                    "inlayHint": lambda: fresh.text_document_inlay_hint_async(T.InlayHintParams(td, rng)),
                    "completion": lambda: fresh.text_document_completion_async(T.CompletionParams(td, pos)),
                    "definition": lambda: fresh.text_document_definition_async(T.DefinitionParams(td, pos)),
                }[req]
                await asyncio.wait_for(call(), 10)  # answered (a result or null), never an error
            fresh.text_document_did_close(T.DidCloseTextDocumentParams(td))

        _RUNS.append((edits, go))

    _RUNS.clear()
    run()
    assert len(_RUNS) >= 20
    for edits, go in _RUNS:
        try:
            await go()
        except Exception as exc:
            raise AssertionError(f"server failed on edits/requests {edits!r}") from exc
    # still healthy afterwards
    r = await fresh.workspace_execute_command_async(T.ExecuteCommandParams(command="errcode.explain",
                                                                           arguments=[7700201]))
    assert r["found"] is True


_RUNS: list = []


def test_tcp_mode_serves_lsp():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*SERVER, "--tcp", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                conn = socket.create_connection(("127.0.0.1", port), timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        with conn:
            conn.sendall(_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}))
            f = conn.makefile("rb")
            reply: dict = {}
            while reply.get("id") != 1:  # skip notifications (window/logMessage)
                length = 0
                while (line := f.readline()) not in (b"\r\n", b""):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                reply = json.loads(f.read(length))
            assert reply["id"] == 1 and reply["result"]["serverInfo"]["name"] == "ohos-errcode"
            assert reply["result"]["capabilities"]["hoverProvider"] is True
    finally:
        proc.terminate()
        proc.wait(10)


def test_bad_tcp_address_is_a_usage_error():
    r = subprocess.run([*SERVER, "--tcp", "localhost:notaport"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "--tcp wants HOST:PORT, got 'localhost:notaport'" in r.stderr
    assert r.stdout == ""

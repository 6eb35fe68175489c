"""End to end, issue 13: special files in docsPaths, a huge document, the lifecycle, huge numbers,
bad JSON-RPC and out-of-range edits, through a real server process under a memory limit."""

from __future__ import annotations

import os

import pytest
from raw_lsp import RawServer, frame

pytestmark = pytest.mark.timeout(120)

DOC = "if (err.code === 7700201) {}\n"
HOVER_7700201 = {"line": 0, "character": 18}


def _hover(srv: RawServer, uri: str, pos: dict) -> dict:
    return srv.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})


def _messages(srv: RawServer) -> list[str]:
    return [m["params"]["message"] for m in srv.seen if m.get("method") == "window/showMessage"]


@pytest.fixture
def server():
    srv = RawServer()
    yield srv
    srv.close()


@pytest.fixture
def special_files(tmp_path):
    fifo = tmp_path / "errorcode-fifo.md"
    os.mkfifo(fifo)
    link = tmp_path / "errorcode-zero.md"
    link.symlink_to("/dev/zero")
    huge = tmp_path / "errorcode-huge.md"
    with open(huge, "wb") as f:
        f.truncate(64 * 1024 * 1024)  # sparse: a 64 MB page that takes no disk
    return fifo, link, huge


# ---------------------------------------------------------------- docsPaths
def test_special_files_in_initialization_options_are_reported_and_skipped(server, special_files):
    fifo, link, huge = special_files
    got = server.initialize({"ohosErrcode": {"docsPaths": [str(fifo), "/dev/zero", str(link), str(huge)]}})
    assert got["result"]["serverInfo"]["name"] == "ohos-errcode"
    shown = _messages(server)
    assert f"errcode: docsPaths: {fifo} is a FIFO, not a documentation page; skipped" in shown
    assert "errcode: docsPaths: /dev/zero is a character device, not a documentation page; skipped" in shown
    assert f"errcode: docsPaths: {link} is a character device, not a documentation page; skipped" in shown
    assert (f"errcode: docsPaths: {huge} is 67,108,864 bytes, over the 16,777,216-byte limit for a "
            "documentation page; skipped") in shown
    server.open("file:///h/A.ets", DOC)
    hover = _hover(server, "file:///h/A.ets", HOVER_7700201)
    assert hover["result"]["contents"]["value"].startswith("### **7700201** Unsupported Memory Allocation Type")
    assert server.stop() == 0


def test_special_files_in_did_change_configuration_are_reported_and_skipped(server, special_files):
    fifo, link, _ = special_files
    server.initialize()
    server.notify("workspace/didChangeConfiguration",
                  {"settings": {"ohosErrcode": {"docsPaths": [str(fifo), str(link)]}}})
    server.wait_for(lambda m: m.get("method") == "window/showMessage" and str(link) in m["params"]["message"])
    assert f"errcode: docsPaths: {fifo} is a FIFO, not a documentation page; skipped" in _messages(server)
    got = server.call("workspace/executeCommand", {"command": "errcode.explain", "arguments": [7700201]})
    assert got["result"]["found"] is True
    assert server.stop() == 0


# ---------------------------------------------------------------- a huge document
def test_hovers_in_a_huge_document_keep_a_bounded_number_of_windows(server):
    server.initialize()
    line = "  if (err.code === 62980999) { /* x */ }"
    lines = [line] * 60_000
    text = "\n".join(lines) + "\n"
    assert len(text) > 2_000_000
    uri = "file:///h/Huge.ets"
    server.open(uri, text)
    pos = {"line": 0, "character": line.index("62980999") + 1}

    def hover_at(n: int) -> str:
        got = _hover(server, uri, {**pos, "line": n})
        return got["result"]["contents"]["value"]

    assert hover_at(30_000).startswith("Unknown error code 62980999")
    for n in range(40):  # warm up: pymalloc arenas, the catalog's search structures
        hover_at(500 * n)
    before = server.memory_kb()
    for n in range(200):  # 200 windows, each one a new analysis
        assert hover_at((n * 293) % 60_000).startswith("Unknown error code 62980999")
    grown = server.memory_kb() - before
    stats = server.call("workspace/executeCommand", {"command": "errcode.serverStats", "arguments": []})
    assert stats["result"]["windowAnalyses"] == 4
    assert grown < 30_000, f"the server grew by {grown} kB over 200 hovers"
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    server.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                    and m["params"]["diagnostics"] == [] and "version" not in m["params"])
    stats = server.call("workspace/executeCommand", {"command": "errcode.serverStats", "arguments": []})
    assert stats["result"]["windowAnalyses"] == 0 and stats["result"]["documents"] == 0
    assert server.stop() == 0


# ---------------------------------------------------------------- lifecycle
def test_requests_before_initialize_get_server_not_initialized(server):
    got = server.call("textDocument/hover", {"textDocument": {"uri": "file:///x.ets"}, "position": HOVER_7700201})
    assert got["error"]["code"] == -32002
    got = server.call("shutdown")
    assert got["error"]["code"] == -32002
    got = server.initialize()
    assert got["result"]["capabilities"]["hoverProvider"] is True
    got = server.call("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    assert got["error"]["code"] == -32600  # only once
    server.open("file:///h/L.ets", DOC)
    assert _hover(server, "file:///h/L.ets", HOVER_7700201)["result"] is not None
    assert server.stop() == 0


def test_requests_after_shutdown_get_invalid_request(server):
    server.initialize()
    assert server.call("shutdown") == {"jsonrpc": "2.0", "id": server._next_id, "result": None}
    got = server.call("textDocument/hover", {"textDocument": {"uri": "file:///x.ets"}, "position": HOVER_7700201})
    assert got["error"]["code"] == -32600
    got = server.call("workspace/executeCommand", {"command": "errcode.explain", "arguments": [7700201]})
    assert got["error"]["code"] == -32600
    server.notify("exit")
    assert server.wait() == 0


def test_exit_without_shutdown_exits_1(server):
    server.initialize()
    server.notify("exit")
    assert server.wait() == 1


def test_exit_before_initialize_exits_1(server):
    server.notify("exit")
    assert server.wait() == 1


# ---------------------------------------------------------------- bad messages
def test_five_thousand_digit_numbers_get_an_error_response(server):
    server.initialize()
    server.open("file:///h/N.ets", DOC)
    huge = "9" * 5000
    server.send_bytes(frame('{"jsonrpc": "2.0", "id": 41, "method": "workspace/executeCommand", "params": '
                            '{"command": "errcode.explain", "arguments": [' + huge + ']}}'))
    server.send_bytes(frame('{"jsonrpc": "2.0", "id": 42, "method": "textDocument/hover", "params": '
                            '{"textDocument": {"uri": "file:///h/N.ets"}, "position": {"line": ' + huge
                            + ', "character": 1}}}'))
    assert server.response(41)["error"]["code"] == -32602
    assert server.response(42)["error"]["code"] == -32602
    hover = _hover(server, "file:///h/N.ets", HOVER_7700201)  # still serving
    assert hover["result"]["contents"]["value"].startswith("### **7700201**")
    assert server.stop() == 0


def test_every_answer_is_framed_by_its_utf8_length_whatever_its_id(server):
    """Messages are encoded with orjson (UTF-8, not ASCII escapes); Content-Length counts bytes,
    and ids orjson cannot write (over 64 bits, a lone surrogate) are written the json way."""
    server.initialize()
    server.open("file:///h/U.ets", DOC)
    ids = ["请求-😀-1", 10**30, "\ud800", -(2**63), 2**64 - 1]
    for msg_id in ids:
        server.request("textDocument/hover", {"textDocument": {"uri": "file:///h/U.ets"}, "position": HOVER_7700201},
                       msg_id=msg_id)
    for msg_id in ids:
        got = server.response(msg_id)
        assert got["id"] == msg_id and got["result"]["contents"]["value"].startswith("### **7700201**")
    assert server.stop() == 0


def test_malformed_json_and_non_messages_get_parse_and_invalid_request_errors(server):
    server.initialize()
    server.send_bytes(frame(b'{"jsonrpc": "2.0", "id": 5, "method": '))
    first = server.wait_for(lambda m: "error" in m)
    assert first["error"]["code"] == -32700 and first["id"] is None
    server.send_bytes(frame(b"\xff\xfe{"))  # not UTF-8, not JSON
    again = server.wait_for(lambda m: "error" in m and m is not first)
    assert again["error"]["code"] == -32700 and again["id"] is None
    server.send_bytes(frame(b"[]"))
    got = server.wait_for(lambda m: "error" in m and m["error"]["code"] == -32600)
    assert got["id"] is None
    server.send({"id": 9, "method": "textDocument/hover",
                 "params": {"textDocument": {"uri": "file:///x.ets"}, "position": HOVER_7700201}})
    assert server.response(9)["error"]["code"] == -32600
    server.send({"jsonrpc": "2.0", "id": 10, "method": 12})
    assert server.response(10)["error"]["code"] == -32600
    server.send({"jsonrpc": "1.0", "id": 11, "method": "shutdown"})
    assert server.response(11)["error"]["code"] == -32600
    got = server.call("workspace/executeCommand", {"command": "errcode.explain", "arguments": [7700201]})
    assert got["result"]["found"] is True
    assert server.stop() == 0


def test_out_of_range_edit_positions_are_clamped_and_the_document_stays_in_step(server):
    server.initialize()
    uri = "file:///h/Clamp.ets"
    server.open(uri, DOC)
    assert server.diagnostics(uri, 1) != []
    far = {"line": 2**31, "character": 2**40}
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"range": {"start": far, "end": far}, "text": "if (err.code === 62980999) {}\n"}]})
    diags = server.diagnostics(uri, 2)  # appended at the end of the document
    assert [(d["range"]["start"]["line"], d["range"]["start"]["character"], d["data"]["code"]) for d in diags
            if d["data"]["code"] == 62980999] == [(1, 17, 62980999)]
    before = {"line": -5, "character": -1}
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
        {"range": {"start": before, "end": {"line": -1, "character": 0}}, "text": "/**/"}]})
    diags = server.diagnostics(uri, 3)  # inserted at the start
    assert sorted((d["range"]["start"]["line"], d["range"]["start"]["character"], d["data"]["code"])
                  for d in diags) == [(0, 21, 7700201), (1, 17, 62980999)]
    hover = _hover(server, uri, {"line": 0, "character": 22})
    assert hover["result"]["contents"]["value"].startswith("### **7700201**")
    assert server.stop() == 0


def test_an_edit_that_cannot_be_read_is_reported_not_silently_dropped(server):
    server.initialize()
    uri = "file:///h/Unreadable.ets"
    server.open(uri, DOC)
    server.diagnostics(uri, 1)
    for version in (2, 3):
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [
            {"range": {"start": {"line": "zero", "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]})
    got = server.call("workspace/executeCommand", {"command": "errcode.serverStats", "arguments": []})
    assert "result" in got  # read after both edits: every message about them came before it
    warned = [m for m in _messages(server) if uri in m]
    assert warned == [f"errcode: an edit of {uri} could not be read; its diagnostics may be wrong until it is "
                      "closed and opened again"]
    assert server.stop() == 0

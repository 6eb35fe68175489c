"""End to end: pull diagnostics (textDocument/diagnostic) beside the pushed ones."""

from __future__ import annotations

import pytest
from raw_lsp import RawServer

pytestmark = pytest.mark.timeout(120)

TEXT = "if (err.code === 62980999) {}\nif (err.code === 7700201) {}\n"


def _pull(srv: RawServer, uri: str, previous: str | None = None) -> dict:
    params: dict = {"textDocument": {"uri": uri}}
    if previous is not None:
        params["previousResultId"] = previous
    got = srv.call("textDocument/diagnostic", params)
    assert "result" in got, got
    return got["result"]


def _pushes(srv: RawServer, uri: str) -> list[dict]:
    return [m["params"] for m in srv.seen if m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri]


def test_pull_reports_with_result_ids_and_no_more_pushes_once_pulled():
    srv = RawServer()
    try:
        init = srv.initialize(capabilities={"textDocument": {"diagnostic": {"dynamicRegistration": False}},
                                            "workspace": {"diagnostics": {"refreshSupport": True}}})
        provider = init["result"]["capabilities"]["diagnosticProvider"]
        assert provider == {"interFileDependencies": False, "workspaceDiagnostics": False, "identifier": "errcode"}
        uri = "file:///p/Pulled.ets"
        srv.open(uri, TEXT)
        pushed = srv.diagnostics(uri, 1)  # before its first pull, a document's diagnostics are pushed
        first = _pull(srv, uri)
        assert first["kind"] == "full" and first["items"] == pushed
        assert [(d["range"]["start"]["line"], d["data"]["code"]) for d in first["items"]] == [(0, 62980999), (1, 7700201)]
        # the pushed copy is cleared once, so that a client showing both does not show it twice
        srv.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                     and m["params"] == {"uri": uri, "diagnostics": []})
        assert _pull(srv, uri, first["resultId"]) == {"kind": "unchanged", "resultId": first["resultId"]}
        srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "\n"}]})
        second = _pull(srv, uri, first["resultId"])
        assert second["kind"] == "full" and second["resultId"] != first["resultId"]
        assert [(d["range"]["start"]["line"], d["data"]["code"]) for d in second["items"]] == [(1, 62980999), (2, 7700201)]
        # a marker document opened after the edit has its diagnostics pushed: any push still due for
        # the pulled document (scheduled earlier, with the same delay) would have come before them
        srv.open("file:///p/Marker.ets", TEXT)
        srv.diagnostics("file:///p/Marker.ets", 1)
        assert [p.get("version") for p in _pushes(srv, uri)] == [1, None]
        assert _pull(srv, "file:///p/NotOpen.ets")["items"] == []
        # new settings: the client is asked to pull again, and the report has the new severities
        srv.notify("workspace/didChangeConfiguration", {"settings": {"ohosErrcode": {"knownCodeSeverity": "hint"}}})
        refresh = srv.wait_for(lambda m: m.get("method") == "workspace/diagnostic/refresh")
        srv.send({"jsonrpc": "2.0", "id": refresh["id"], "result": None})
        third = _pull(srv, uri, second["resultId"])
        assert third["kind"] == "full" and third["resultId"] != second["resultId"]
        assert [(d["data"]["code"], d["severity"]) for d in second["items"]] == [(62980999, 2), (7700201, 3)]
        assert [(d["data"]["code"], d["severity"]) for d in third["items"]] == [(62980999, 2), (7700201, 4)]
        assert srv.stop() == 0
    finally:
        srv.close()

"""End to end: the server's own timing of diagnostics (errcode.serverStats) leaves the debounce out."""

from __future__ import annotations

import asyncio

from lsp_helpers import diagnostics_of, open_doc
from lsprotocol import types as T
from pytest_lsp import client_capabilities

TEXT = "".join(f"if (err.code === 7700201) {{ console.error('{i}'); }}\n" for i in range(50))


async def test_server_time_excludes_the_debounce(default_debounce):
    client = default_debounce
    await client.initialize_session(T.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    uri = "file:///edits/Debounced.ets"
    await open_doc(client, uri, TEXT)
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        T.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [T.TextDocumentContentChangePartial(range=T.Range(start=T.Position(line=3, character=0),
                                                          end=T.Position(line=3, character=0)), text=" ")]))
    t0 = asyncio.get_running_loop().time()
    await diagnostics_of(client, uri)
    waited = asyncio.get_running_loop().time() - t0
    stats = await client.workspace_execute_command_async(T.ExecuteCommandParams("errcode.serverStats", []))
    assert waited >= 0.15  # the debounce (150 ms) ran
    assert 0 <= stats["lastPublishMs"] <= stats["lastDiagnosticsMs"] < 100  # ...and is not counted
    assert stats["lastDiagnosticsCpuMs"] >= 0  # the thread's own share of it

"""End to end: the language server picks up a new catalog snapshot (`errcode catalog update`) without a restart."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from lsp_helpers import at, open_doc
from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from snapshot_pages import CODE, update_command, updated_line, write_page

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(tempfile.mkdtemp(prefix="errcode-reload-cache-"))  # this server's own, empty at start
DOCS = Path(tempfile.mkdtemp(prefix="errcode-reload-docs-"))

ENV = {k: v for k, v in os.environ.items() if k not in ("ERRCODE_DOCS", "ERRCODE_LANG")}
ENV.update(ERRCODE_CACHE=str(CACHE), ERRCODE_RELOAD_SECONDS="0.05",
           ERRCODE_CONFIG=str(ROOT / "tests" / "server" / "no-such-config.toml"))


@pytest.fixture(scope="module", autouse=True)
def remove_folders():
    yield
    for folder in (CACHE, DOCS):
        shutil.rmtree(folder, ignore_errors=True)


LINES = ["function check(err: BusinessError): void {", f"  if (err.code === {CODE}) {{ }}", "}", ""]
TEXT = "\n".join(LINES)


async def catalog_update(title: str) -> None:
    write_page(DOCS, title)
    proc = await asyncio.create_subprocess_exec(*update_command(DOCS), env=ENV, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.STDOUT)
    out, _ = await proc.communicate()
    assert proc.returncode == 0, out.decode()
    assert out.decode().startswith(updated_line(CACHE))


async def republished(client: LanguageClient, uri: str, message: str, timeout: float = 20) -> list[T.Diagnostic]:
    """Wait for a publishDiagnostics of `uri` carrying `message` (the event that proves the reload)."""
    async def _wait():
        while message not in [d.message for d in client.diagnostics.get(uri, ())]:
            await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(client.diagnostics[uri])

    return await asyncio.wait_for(_wait(), timeout)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "ohos_errcode.server",
                                                              "--debounce-ms", "20"], server_env=ENV))
async def reloading(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def hover_text(client: LanguageClient, uri: str) -> str | None:
    h = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri),
                                                             at(1, LINES[1], str(CODE), "utf-16")))
    return h.contents.value if h is not None else None


async def test_a_new_snapshot_is_picked_up_without_a_restart(reloading):
    await reloading.initialize_session(T.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    uri = "file:///r/Reload.ets"
    # no catalog knows 39900001 yet: only the hint that its kit's page is not loaded
    assert [(d.code, d.severity, d.message) for d in await open_doc(reloading, uri, TEXT)] == [
        ("unknown-error-code", T.DiagnosticSeverity.Hint, "Error code 39900001 is not in the loaded reference pages: "
         "add its kit's page with `--docs` or run `errcode catalog update`")]
    assert await hover_text(reloading, uri) == "Unknown error code 39900001"

    await catalog_update("Foo Exploded")
    diags = await republished(reloading, uri, "39900001: Foo Exploded (Foo Kit)")
    assert [(d.code, d.range.start.line, d.severity) for d in diags] == [
        ("known-error-code", 1, T.DiagnosticSeverity.Information)]
    assert (await hover_text(reloading, uri)).startswith("### **39900001** Foo Exploded · Foo Kit\n")

    # the snapshot replaced again: the newer entry wins, in diagnostics and hover
    await catalog_update("Foo Melted")
    diags = await republished(reloading, uri, "39900001: Foo Melted (Foo Kit)")
    assert [d.message for d in diags] == ["39900001: Foo Melted (Foo Kit)"]
    assert (await hover_text(reloading, uri)).startswith("### **39900001** Foo Melted · Foo Kit\n")

    # a document opened after the reload is analysed with the new catalog at once
    assert [d.message for d in await open_doc(reloading, "file:///r/Later.ets", TEXT)] == [
        "39900001: Foo Melted (Foo Kit)"]
    assert reloading.messages == []


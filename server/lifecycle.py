"""initialize / configuration / document synchronisation."""

from __future__ import annotations

import asyncio
import logging

from lsprotocol import types

from . import core
from .settings import SECTION

log = logging.getLogger("ohos_errcode.server")


def register(server) -> None:
    @server.feature(types.INITIALIZE)
    async def initialize(params: types.InitializeParams) -> None:
        # load now (the client waits for initialize anyway, hovers are fast later), in a worker
        # thread: a slow folder of pages never stops the loop from reading `exit`
        if server.configure(params.initialization_options):
            await server.load_catalog()
        core.settle()  # start-up: the catalog's objects out of the collector's reach, once
        server.collector.start()  # from now on: full collections when the documents are quiet
        log.info("position encoding %s, markdown hover %s", server.encoding, server.markdown)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(params: types.DidChangeConfigurationParams) -> None:
        # A plain function starting the work as a task of our own: pygls keeps the future of every
        # coroutine notification handler for good (in its table of requests in flight).
        task = asyncio.ensure_future(_reconfigure(server, params.settings))
        server.background.add(task)
        task.add_done_callback(server.background.discard)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        td = params.text_document
        server.open(td.uri, td.text, td.version, td.language_id)
        server.schedule_diagnostics(td.uri, delay=0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        td = params.text_document
        if server.change(td.uri, td.version, params.content_changes) is not None:
            server.schedule_diagnostics(td.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        was_open = uri in server.documents
        server.close(uri)
        if was_open:
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


async def _reconfigure(server, raw) -> None:
    try:
        if not raw and _can_pull(server):
            try:
                got = await server.workspace_configuration_async(
                    types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
                )
                raw = got[0] if got else None
            except Exception as exc:
                log.warning("workspace/configuration failed: %s", exc)
                return
        await server.apply_settings(raw)
    except Exception:
        log.exception("applying new settings failed")


def _can_pull(server) -> bool:
    try:
        return bool(server.client_capabilities.workspace.configuration)  # type: ignore[union-attr]
    except AttributeError:
        return False

"""The language server picks up a new catalog snapshot without a restart.

From `initialized` on, a `SnapshotWatcher` (catalog/watch.py) checks the user's snapshot every few
seconds in its own thread.  When `errcode catalog update` has replaced it, the server reloads its
catalog through the path a settings change takes (`ErrcodeServer.reload_catalog`: loaded in a
worker thread, every open document analysed again and its diagnostics republished), and hover,
completion and code actions answer from the new catalog.
"""

from __future__ import annotations

import asyncio

from lsprotocol import types

from ..catalog.watch import SnapshotWatcher


def register(server) -> None:
    @server.feature(types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        loop = asyncio.get_running_loop()
        watcher: SnapshotWatcher

        def reload() -> None:  # in the watcher's thread: run the reload on the server's loop, wait for it
            if loop.is_closed():
                watcher.stop()
                return
            asyncio.run_coroutine_threadsafe(server.reload_catalog(), loop).result()

        watcher = SnapshotWatcher(lambda: server.catalog, reload, name="errcode-lsp-snapshot-watch").start()

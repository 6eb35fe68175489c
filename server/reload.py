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

RELOAD_TIMEOUT = 120.0  # seconds: a reload that has not finished by then (the loop stopped) is given up


def register(server) -> None:
    @server.feature(types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        loop = asyncio.get_running_loop()
        watcher: SnapshotWatcher

        def current():  # in the watcher's thread; a server that stopped serving is not watched any more
            if not loop.is_running():
                watcher.stop()
                return None
            return server.catalog

        def reload() -> None:  # in the watcher's thread: run the reload on the server's loop, wait for it
            asyncio.run_coroutine_threadsafe(server.reload_catalog(), loop).result(RELOAD_TIMEOUT)

        watcher = SnapshotWatcher(current, reload, name="errcode-lsp-snapshot-watch").start()

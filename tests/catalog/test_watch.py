"""catalog/watch.py: when a face reloads its catalog (the language server and the bot test it end to end)."""

from __future__ import annotations

import threading

import pytest

from ohos_errcode.catalog import Catalog
from ohos_errcode.catalog import snapshot as snap
from ohos_errcode.catalog.model import Entry
from ohos_errcode.catalog.watch import DEFAULT_INTERVAL, SnapshotWatcher, reload_interval

FOO = Entry(code=39900001, kit="apis-foo-kit", kit_name="Foo Kit", title="Foo Exploded", origin="page")


@pytest.mark.parametrize("raw, expected", [("", DEFAULT_INTERVAL), ("0.5", 0.5), ("0", 0.0), ("soon", DEFAULT_INTERVAL),
                                           ("-1", DEFAULT_INTERVAL), ("nan", DEFAULT_INTERVAL), ("inf", DEFAULT_INTERVAL)])
def test_reload_interval(raw, expected):
    assert reload_interval({"ERRCODE_RELOAD_SECONDS": raw}) == expected


def test_a_check_reloads_only_when_the_snapshot_changed(tmp_path, monkeypatch):
    monkeypatch.setenv("ERRCODE_CACHE", str(tmp_path))
    held = {"catalog": Catalog.load()}
    loads = []

    def reload():
        held["catalog"] = Catalog.load()
        loads.append(held["catalog"])

    watcher = SnapshotWatcher(lambda: held["catalog"], reload, interval=0)
    assert watcher.check() is False and loads == []
    snap.write(snap.user_snapshot_path(), [FOO], symbols={}, symbol_of={})
    assert watcher.check() is True
    assert loads[0].lookup(39900001)[0].title == "Foo Exploded"
    assert watcher.check() is False  # the new catalog is the snapshot's: nothing to do until the next update
    (tmp_path / snap.SNAPSHOT_FILE).write_bytes(b"garbage")  # replaced by a broken file: reloaded, bundled answers
    assert watcher.check() is True and not loads[1].is_known(39900001)
    assert watcher.check() is False and len(loads) == 2


def test_the_thread_calls_back_and_a_failing_reload_keeps_watching(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("ERRCODE_CACHE", str(tmp_path))
    held = {"catalog": Catalog.load()}
    calls = []
    done = threading.Event()

    def reload():
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk went away")
        held["catalog"] = Catalog.load()
        done.set()

    watcher = SnapshotWatcher(lambda: held["catalog"], reload, interval=0.01).start()
    try:
        snap.write(snap.user_snapshot_path(), [FOO], symbols={}, symbol_of={})
        assert done.wait(20)
    finally:
        watcher.stop()
    assert held["catalog"].is_known(39900001) and len(calls) == 2
    assert "reloading the catalog failed; the one loaded before stays in use" in caplog.text


def test_zero_interval_starts_no_thread():
    before = threading.active_count()
    SnapshotWatcher(lambda: None, lambda: None, interval=0).start()
    assert threading.active_count() == before

"""The snapshot file (catalog/snapshot.py), the layers (bundled < snapshot < pages) and --docs compiled once."""

from __future__ import annotations

import os
import shutil

import pytest

from ohos_errcode.catalog import Catalog
from ohos_errcode.catalog import snapshot as snap
from ohos_errcode.catalog.layers import Layers, MemoryLayer
from ohos_errcode.catalog.model import Entry

A = Entry(code=2300028, kit="apis-network-kit", kit_name="Network Kit", title="Operation Timeout", origin="page")
A_ZH = Entry(code=2300028, kit="apis-network-kit", kit_name="Network Kit", title="操作超时", language="zh-cn", origin="page")
SDK = Entry(code=2300999, kit="apis-network-kit", kit_name="Network Kit", title="Internal error", origin="sdk")


def test_roundtrip_reads_the_index_first_and_entries_on_demand(tmp_path):
    path = str(tmp_path / "s.snapshot")
    snap.write(path, [A, A_ZH, SDK], symbols={"OH_HTTP_OPERATION_TIMEOUT": 2300028}, symbol_of={2300028: "OH_HTTP_OPERATION_TIMEOUT"},
               info={"sources": ["x"]})
    s = snap.Snapshot(path)
    assert sorted(s.codes) == [2300028, 2300999]
    assert s.kits == {"apis-network-kit": "Network Kit"} and s.info == {"sources": ["x"]}
    assert s.symbols == {"OH_HTTP_OPERATION_TIMEOUT": 2300028}
    assert s.entries_for(2300028) == (A, A_ZH)
    assert s.entries_for(1) == ()
    assert sorted(s.all_entries(), key=lambda e: (e.code, e.language)) == [A, A_ZH, SDK]


def test_a_table_by_code_is_read_one_code_at_a_time_and_a_corrupt_code_is_only_absent(tmp_path):
    path = tmp_path / "s.snapshot"
    throws = {2300000 + i: [f"http.HttpRequest.request{i} (@ohos.net.http, API 6)"] for i in range(100)}
    snap.write(str(path), [A], symbols={}, symbol_of={}, info={"throws": throws, "sources": ["x"]})
    data = path.read_bytes()
    bad = data.index(b"request17 ")
    path.write_bytes(data[:bad] + b"X" + data[bad + 1:])  # one code's list damaged
    s = snap.Snapshot(str(path))
    cat = Catalog(layers=Layers([s]))
    assert cat.thrown_by(2300028) == ["http.HttpRequest.request28 (@ohos.net.http, API 6)"]
    assert s.problem is None
    assert cat.thrown_by(2300017) == []
    assert s.problem == f"{path}: the snapshot's 'throws' of 2300017 is corrupt"
    assert cat.thrown_by(404) == []
    assert len(s.info["throws"]) == 99 and s.info["sources"] == ["x"]


@pytest.mark.skipif(not hasattr(os, "pread"), reason="without pread each read opens the path again")
def test_a_snapshot_replaced_while_open_is_still_read_from_the_file_it_opened(tmp_path):
    path = str(tmp_path / "s.snapshot")
    snap.write(path, [A, SDK], symbols={}, symbol_of={}, info={"sources": ["old"]})
    s = snap.Snapshot(path)
    other = Entry(code=2300028, kit="apis-network-kit", kit_name="Network Kit", title="Operation timed out at last",
                  description="x" * 500, origin="page")
    snap.write(path, [other], symbols={}, symbol_of={}, info={"sources": ["new"]})  # what `catalog update` does
    assert s.entries_for(2300028) == (A,) and s.entries_for(2300999) == (SDK,)
    assert s.info == {"sources": ["old"]} and s.problem is None
    assert snap.Snapshot(path).entries_for(2300028) == (other,)


def test_an_interrupted_write_leaves_the_old_file(tmp_path):
    path = str(tmp_path / "s.snapshot")
    snap.write(path, [A], symbols={}, symbol_of={})
    before = open(path, "rb").read()

    def boom(e):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        snap.write(path, [A, SDK], symbols={}, symbol_of={}, row=boom)
    assert open(path, "rb").read() == before
    assert os.listdir(tmp_path) == ["s.snapshot"]


@pytest.mark.parametrize("cut, message", [(10, "truncated (no header)"), (-5, "truncated or padded")])
def test_truncation_is_detected(tmp_path, cut, message):
    path = tmp_path / "s.snapshot"
    snap.write(str(path), [A], symbols={}, symbol_of={})
    path.write_bytes(path.read_bytes()[:cut])
    with pytest.raises(snap.SnapshotError, match=message.replace("(", r"\(").replace(")", r"\)")):
        snap.Snapshot(str(path))


def test_a_broken_user_snapshot_is_reported_once(tmp_path, monkeypatch):
    monkeypatch.setenv("ERRCODE_CACHE", str(tmp_path))
    (tmp_path / snap.SNAPSHOT_FILE).write_bytes(b"OHERRCAT" + b"\0" * 40)
    said = []
    assert snap.open_user_snapshot(warn=said.append) is None
    assert snap.open_user_snapshot(warn=said.append) is None
    assert said == [f"errcode: warning: ignoring the catalog snapshot {tmp_path / snap.SNAPSHOT_FILE}: "
                    f"format 0, this version reads format {snap.FORMAT}; run `errcode catalog update`"]


def test_layers_a_page_beats_the_sdk_and_a_later_layer_beats_an_earlier_one():
    old = Entry(code=2300028, kit="apis-network-kit", kit_name="Network Kit", title="Old Title", origin="page")
    builtin = Entry(code=2300028, kit="apis-network-kit", kit_name="Network Kit", title="Built in", origin="builtin")
    layers = Layers([MemoryLayer([old, SDK]), MemoryLayer([A_ZH, builtin]), MemoryLayer([A])])
    assert set(layers.entries_for(2300028)) == {A, A_ZH}
    assert layers.entries_for(2300999) == (SDK,)
    cat = Catalog(layers=layers)
    assert [e.title for e in cat.lookup(2300028, lang="zh-cn")] == ["操作超时"]
    assert [e.title for e in cat.lookup(2300028)] == ["Operation Timeout"]
    assert cat.is_known(2300999) and cat.suggest(2300999) == []
    assert [e.code for e in cat.suggest(2300029)] == [2300028]


def test_environment_overrides_the_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("ERRCODE_CACHE", str(tmp_path / "c"))
    assert snap.user_snapshot_path() == str(tmp_path / "c" / "catalog.snapshot")
    monkeypatch.delenv("ERRCODE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert snap.cache_dir() == str(tmp_path / "xdg" / "ohos-errcode")


def test_docs_pages_are_compiled_once_and_again_when_a_file_changes(shared_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("ERRCODE_CACHE", str(tmp_path / "cache"))
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("errorcode-net-http.md", "errorcode-camera.md"):
        shutil.copyfile(shared_dir / "ohos-docs" / "en" / name, pages / name)
    first = Catalog.load([pages])
    compiled = list((tmp_path / "cache" / "docs").iterdir())
    assert len(compiled) == 1
    again = Catalog.load([pages])
    assert list((tmp_path / "cache" / "docs").iterdir()) == compiled
    assert again.pages == first.pages and again.errors == first.errors == ()
    assert again.lookup(2300028)[0] == first.lookup(2300028)[0]
    assert again.lookup(2300028)[0].title == "Operation Timeout"
    assert sorted(again.entries, key=lambda e: (e.kit, e.code, e.language)) == \
        sorted(Catalog.load([pages], snapshot=False).entries, key=lambda e: (e.kit, e.code, e.language))
    page = pages / "errorcode-net-http.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## 2300028 Operation Timeout", "## 2300028 Timed Out"), encoding="utf-8")
    changed = Catalog.load([pages])
    assert changed.lookup(2300028)[0].title == "Timed Out"
    assert len(list((tmp_path / "cache" / "docs").iterdir())) == 2


def test_each_missing_docs_path_is_named_in_its_own_error(tmp_path, monkeypatch):
    # a compiled page set is keyed by the paths asked for too: two missing paths never share one
    monkeypatch.setenv("ERRCODE_CACHE", str(tmp_path / "cache"))
    first = Catalog.load([tmp_path / "no-such-dir"])
    second = Catalog.load([tmp_path / "other-missing"])
    assert [e.path for e in first.errors] == [str(tmp_path / "no-such-dir")]
    assert [e.path for e in second.errors] == [str(tmp_path / "other-missing")]


def test_a_face_can_tell_that_a_new_snapshot_was_written(tmp_path, monkeypatch):
    monkeypatch.setenv("ERRCODE_CACHE", str(tmp_path))
    cat = Catalog.load()
    assert not cat.snapshot_changed() and cat.lookup(2300028) == [] and cat.module_kits() == {}
    snap.write(snap.user_snapshot_path(), [A, A_ZH], symbols={}, symbol_of={},
               info={"modules": {"@ohos.net.http": "apis-network-kit"}})
    assert cat.snapshot_changed()
    fresh = Catalog.load()
    assert not fresh.snapshot_changed()
    assert [e.title for e in fresh.lookup(2300028)] == ["Operation Timeout"]
    assert fresh.module_kits() == {"@ohos.net.http": "apis-network-kit"}
    assert not Catalog.load(snapshot=False).snapshot_changed()


def test_info_parts_read_back_equal_with_each_repeated_string_once(tmp_path):
    path = str(tmp_path / "s.snapshot")
    table = {"apis": [["@ohos.net.http", "HttpRequest", m, "6", "", [[401, "Parameter error."]]] for m in ("a", "b")],
             "kits": {"apis-network-kit": ("@ohos.net.http",)}}
    snap.write(path, [A], symbols={}, symbol_of={}, info={"apis": table, "note": "Parameter error."})
    s = snap.Snapshot(path)
    got = s.info_part("apis")
    assert got == table and s.info_part("note") == "Parameter error."
    first, second = got["apis"]
    assert first[0] is second[0] and first[5][0][1] is second[5][0][1]  # one object per distinct string

"""`errcode catalog update` with an installed SDK (two API levels side by side), a corrupt snapshot,
and two updates at once."""

from __future__ import annotations

import shutil
import subprocess
import threading

import pytest
from update_fixtures import ERRCODE, errcode, update_env


@pytest.fixture(scope="module")
def installed_sdk(shared_dir, tmp_path_factory):
    """`<sdk>/11/` with the image declarations only, `<sdk>/12/` with everything (ets/ and native/)."""
    root = tmp_path_factory.mktemp("sdk") / "ohos-sdk"
    js = shared_dir / "ohos-sdk" / "interface_sdk-js"
    c = shared_dir / "ohos-sdk" / "interface_sdk_c"
    for level in ("11", "12"):
        ets = root / level / "ets"
        (ets / "api").mkdir(parents=True)
        shutil.copytree(js / "kits", ets / "kits")
        for f in (js / "api").glob("*.d.ts"):
            if level == "12" or "image" in f.name:
                shutil.copyfile(f, ets / "api" / f.name)
        inc = root / level / "native" / "sysroot" / "usr" / "include"
        shutil.copytree(c, inc, ignore=shutil.ignore_patterns("zh-cn") if level == "12" else
                        shutil.ignore_patterns("zh-cn", "network", "LocationKit"))
    (root / "toolchains").mkdir()
    return root


def test_installed_sdk_highest_level_from_ohos_sdk_home(installed_sdk, git_remotes, tmp_path):
    cache = tmp_path / "cache"
    r = errcode("catalog", "update", "--docs-repo", str(git_remotes["work"] / "docs"), cache=cache,
                OHOS_SDK_HOME=str(installed_sdk))
    assert r.returncode == 0, r.stderr
    assert f"  sdk: {installed_sdk} API 12 at folder:" in r.stdout
    assert "; C names: 413" in r.stdout
    assert errcode("explain", "204", cache=cache).returncode == 0  # only @ohos.account.osAccount (level 12) throws it


def test_installed_sdk_api_level_and_local_properties(installed_sdk, git_remotes, tmp_path):
    cache = tmp_path / "cache"
    project = tmp_path / "app" / "entry" / "src"
    project.mkdir(parents=True)
    (tmp_path / "app" / "local.properties").write_text(f"# DevEco\nsdk.dir={installed_sdk}\n")
    r = errcode("catalog", "update", "--docs-repo", str(git_remotes["work"] / "docs"), "--api-level", "11",
                cache=cache, cwd=project)
    assert r.returncode == 0, r.stderr
    assert f"  sdk: {installed_sdk} API 11 at folder:" in r.stdout
    assert errcode("explain", "204", cache=cache).returncode == 1
    r = errcode("catalog", "update", "--docs-repo", str(git_remotes["work"] / "docs"), "--sdk", str(installed_sdk),
                "--api-level", "9", cache=cache)
    assert r.returncode == 1
    assert r.stderr.splitlines()[0] == f"errcode: catalog update failed: sdk: no API level 9 in {installed_sdk} (found 11, 12)"


@pytest.mark.parametrize("damage", ["truncated", "flipped", "older-format", "garbage"])
def test_a_corrupt_snapshot_is_ignored_with_one_warning(updated_cache, tmp_path, damage):
    cache = tmp_path / "cache"
    cache.mkdir()
    data = bytearray((updated_cache[0] / "catalog.snapshot").read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "flipped":
        data[60] ^= 0xFF  # inside the index
    elif damage == "older-format":
        data[8] = 2  # the format number
    else:
        data = bytearray(b"not a snapshot at all")
    (cache / "catalog.snapshot").write_bytes(bytes(data))
    r = errcode("explain", "7700201", "401", cache=cache)
    assert r.returncode == 0 and r.stdout.startswith("7700201 Unsupported Memory Allocation Type\n")
    [warning] = r.stderr.splitlines()
    assert warning.startswith(f"errcode: warning: ignoring the catalog snapshot {cache / 'catalog.snapshot'}: ")
    assert warning.endswith("; run `errcode catalog update`")
    r = errcode("explain", "2300028", cache=cache)
    assert r.returncode == 1
    assert r.stderr.splitlines()[0] == warning


def test_a_corrupt_entry_block_is_reported_and_the_rest_answers(updated_cache, tmp_path):
    from ohos_errcode.catalog.snapshot import Snapshot

    cache = tmp_path / "cache"
    cache.mkdir()
    path = cache / "catalog.snapshot"
    shutil.copyfile(updated_cache[0] / "catalog.snapshot", path)
    snap = Snapshot(str(path))
    offset, length, _ = snap.codes[2300028]
    data = bytearray(path.read_bytes())
    data[snap.data_offset + offset + length // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    snap = Snapshot(str(path))
    assert snap.entries_for(2300028) == ()
    assert snap.problem == f"{path}: data of code 2300028 is corrupt"
    assert snap.entries_for(2300001)[0].title == "Protocol Not Supported"


def test_two_updates_at_once_the_second_waits_for_the_first(git_remotes, tmp_path):
    import os

    from ohos_errcode.cli import update

    cache = tmp_path / "cache"
    docs = str(git_remotes["work"] / "docs")
    held = update.lock(str(cache))  # this test is the first update
    try:
        proc = subprocess.Popen([ERRCODE, "catalog", "update", "--docs-repo", docs, "--no-sdk"],
                                env=update_env(cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = proc.stderr.readline()  # the event: the second update says it waits
        assert line == f"errcode: waiting for another `errcode catalog update` (pid {os.getpid()}) to finish\n"
        assert proc.poll() is None and not (cache / "catalog.snapshot").exists()
    finally:
        held.close()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert out.startswith(f"catalog snapshot updated: {cache / 'catalog.snapshot'}\n")


def test_two_updates_started_together_both_succeed_and_the_snapshot_is_whole(git_remotes, tmp_path):
    cache = tmp_path / "cache"
    d = git_remotes["daemon"]
    results = []

    def run():
        results.append(errcode("catalog", "update", "--docs-repo", d.url("docs"), "--sdk-c-repo", d.url("sdk-c"),
                               "--sdk-js-repo", d.url("sdk-js"), cache=cache))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    heads = sorted(r.stdout.splitlines()[0].split(":")[0] for r in results)
    assert heads == ["catalog snapshot unchanged (no source changed)", "catalog snapshot updated"]
    assert errcode("explain", "2300028", cache=cache).returncode == 0
    assert [p.name for p in cache.iterdir() if p.name.endswith(".tmp")] == []


def test_a_full_disk_leaves_the_previous_snapshot_and_a_killed_update_leaves_nothing_behind(git_remotes, previous_snapshot, tmp_path):
    import resource

    cache, before = previous_snapshot
    (cache / "catalog.snapshot.4242.tmp").write_bytes(b"half a snapshot from an update that was killed")
    w = git_remotes["work"]

    def small_disk():  # writes beyond 64 KB fail with EFBIG, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))

    r = subprocess.run([ERRCODE, "catalog", "update", "--docs-repo", str(w / "docs"), "--no-sdk"],
                       env=update_env(cache), capture_output=True, text=True, timeout=120, preexec_fn=small_disk)
    assert r.returncode == 1
    assert r.stderr.splitlines()[0] == "errcode: catalog update failed: File too large"
    assert r.stderr.splitlines()[1].startswith("errcode: the previous catalog snapshot (updated ")
    assert (cache / "catalog.snapshot").read_bytes() == before
    assert sorted(p.name for p in cache.iterdir() if p.is_file()) == ["catalog.snapshot", "update.lock"]


def test_an_update_killed_midway_leaves_the_previous_snapshot_and_the_next_one_works(git_remotes, previous_snapshot, tmp_path):
    import os
    import signal
    import time

    from update_fixtures import Daemon, stalling_env

    cache, before = previous_snapshot
    stalling = Daemon(git_remotes["base"], env=stalling_env(tmp_path))
    try:
        url = stalling.url("docs")
        proc = subprocess.Popen([ERRCODE, "catalog", "update", "--docs-repo", url, "--no-sdk"], env=update_env(cache),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 60
        while not list((cache / "sources").glob("docs-*.partial")):  # the event: the clone has begun
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        stalling.stop()
    assert (cache / "catalog.snapshot").read_bytes() == before
    assert errcode("explain", "2300028", cache=cache).returncode == 0
    r = errcode("catalog", "update", "--docs-repo", git_remotes["daemon"].url("docs"), "--no-sdk", cache=cache)
    assert r.returncode == 0, r.stderr
    assert not list((cache / "sources").glob("*.partial"))

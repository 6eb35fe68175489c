"""`errcode catalog update` over real git (git daemon on 127.0.0.1) from repositories built of ../shared,
and what every lookup knows afterwards."""

from __future__ import annotations

import json
import re

import pytest
from update_fixtures import errcode
from update_fixtures import Daemon, cut_short_env, error_pages

from ohos_errcode.catalog import Catalog
from ohos_errcode.catalog.parse import read_page

ERROR_ENUMS = ("Image_ErrorCode", "Camera_ErrorCode", "Http_ErrCode", "OH_AVErrCode", "Asset_ResultCode",
               "OH_Huks_ErrCode", "AbilityRuntime_ErrorCode", "ArkUI_ErrorCode", "OHNativeErrorCode",
               "Location_ResultCode", "Wifi_ResultCode", "Bluetooth_ResultCode", "OsAccount_ErrCode",
               "TimeService_ErrCode", "AVSession_ErrCode", "CloudDisk_ErrorCode", "HiDebug_ErrorCode")


@pytest.fixture()
def snapshot_catalog(updated_cache, monkeypatch):
    cache, _ = updated_cache
    monkeypatch.setenv("ERRCODE_CACHE", str(cache))
    return Catalog.load()


def test_summary_names_pages_entries_kits_sdk_codes_c_names_and_sources(updated_cache, git_remotes):
    _, r = updated_cache
    lines = r.stdout.splitlines()
    assert lines[0] == f"catalog snapshot updated: {updated_cache[0] / 'catalog.snapshot'}"
    assert lines[1] == "  en: 37 pages, 516 entries"
    assert lines[2] == "  zh-cn: 5 pages, 119 entries"
    assert re.fullmatch(r"  kits: \d+; codes: \d+; known only from the SDK: \d+; C names: 413", lines[3])
    url = git_remotes["daemon"].url("docs")
    assert re.fullmatch(rf"  docs: {re.escape(url)} at [0-9a-f]{{12}} \(\d{{4}}-\d\d-\d\dT[\d:]+[+-]\d\d:\d\d\)", lines[4])
    assert lines[5].startswith("  sdk-js: ") and lines[6].startswith("  sdk-c: ")
    assert re.fullmatch(r"  elapsed: \d+\.\d s", lines[-1])


def test_only_the_error_code_pages_are_checked_out(updated_cache):
    cache, _ = updated_cache
    [docs] = (cache / "sources").glob("docs-*[0-9a-f]")
    files = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and ".git" not in p.parts)
    assert files and all(re.fullmatch(r"(en|zh-cn)/application-dev/reference/(.*/)?err\w*code[\w-]*\.md", f) for f in files)
    assert "en/application-dev/reference/errorcode-universal.md" in files
    assert (docs / ".git" / "shallow").is_file()
    assert "blob:none" in (docs / ".git" / "config").read_text()


def test_every_entry_of_every_shared_page_explains_in_its_language(snapshot_catalog, shared_dir):
    checked = 0
    for src, dst in error_pages(shared_dir):
        entries, _ = read_page(src)
        for e in entries:
            got = [x for x in snapshot_catalog.lookup(e.code, lang=e.language) if x.kit == e.kit]
            assert got and got[0].language == e.language and got[0].origin == "page", (dst, e.code)
            assert got[0].title == e.title and got[0].message == e.message, (dst, e.code)
            checked += 1
    assert checked == 516 + 119


def test_every_throws_code_of_the_shared_sdk_explains(snapshot_catalog, shared_dir):
    codes = set()
    for f in (shared_dir / "ohos-sdk" / "interface_sdk-js" / "api").glob("*.d.ts"):
        codes |= {int(c) for c in re.findall(r"@throws\s*\{\s*BusinessError\s*\}\s*(\d+)", f.read_text(encoding="utf-8"))}
    assert len(codes) > 500
    unknown = sorted(c for c in codes if not snapshot_catalog.lookup(c))
    assert unknown == []


def test_a_code_only_the_sdk_knows_is_explained_from_the_sdk_and_says_so(git_remotes, updated_cache):
    cache, _ = updated_cache
    r = errcode("explain", "204", cache=cache)
    assert r.returncode == 0
    assert r.stdout.splitlines()[:2] == ["204 Access denied due to user access control policy", "[Basic Services Kit]  [API 7]"]
    assert ("  - Not in the loaded reference pages. Known from the SDK declarations (interface_sdk-js): thrown by "
            "osAccount.AccountManager.removeOsAccount (@ohos.account.osAccount, API 7),") in r.stdout


def test_explain_2300028_in_english_and_chinese(updated_cache):
    cache, _ = updated_cache
    r = errcode("explain", "2300028", cache=cache)
    assert r.returncode == 0 and r.stdout.splitlines()[:2] == ["2300028 Operation Timeout", "[Network Kit]"]
    assert "Names: OH_HTTP_OPERATION_TIMEOUT" in r.stdout
    r = errcode("--lang", "zh-cn", "explain", "2300028", cache=cache)
    assert r.returncode == 0 and r.stdout.splitlines()[0] == "2300028 操作超时"
    for code in ("7400201", "6600101", "12300001"):
        assert errcode("explain", code, cache=cache).returncode == 0, code


def test_every_member_of_the_shared_error_enums_resolves_by_name(snapshot_catalog, shared_dir):
    members = {}
    for h in (shared_dir / "ohos-sdk" / "interface_sdk_c").rglob("*.h"):
        text = re.sub(r"/\*.*?\*/|//[^\n]*", "", h.read_text(encoding="utf-8"), flags=re.S)
        for body, name in re.findall(r"typedef\s+enum\s*\w*\s*\{(.*?)\}\s*(\w+)\s*;", text, re.S):
            if name in ERROR_ENUMS:
                for m in re.findall(r"^\s*([A-Z][A-Z0-9_]+)\s*(?:=|,|$)", body, re.M):
                    members[m] = name
    assert set(members.values()) == set(ERROR_ENUMS)
    assert len(members) > 350
    assert sorted(m for m in members if snapshot_catalog.resolve_symbol(m) is None) == []
    assert snapshot_catalog.resolve_symbol("OH_HTTP_OPERATION_TIMEOUT") == 2300028
    assert snapshot_catalog.resolve_symbol("CAMERA_SERVICE_FATAL_ERROR") == 7400201
    assert snapshot_catalog.resolve_expression("OH_HTTP_NETSTACK_E_BASE + 28") == 2300028


def test_the_apis_that_throw_a_documented_code(snapshot_catalog):
    apis = snapshot_catalog.thrown_by(2300028)
    assert apis[0] == "http.HttpRequest.request (@ohos.net.http, API 6)"
    assert "http.HttpRequest.requestInStream (@ohos.net.http, API 10)" in apis
    assert len(apis) == len(set(apis))
    assert snapshot_catalog.module_kits()["@ohos.net.http"] == "apis-network-kit"


def test_a_c_function_whose_return_documents_a_code_is_listed_after_the_arkts_apis(snapshot_catalog, updated_cache):
    apis = snapshot_catalog.thrown_by(13000001)
    assert apis[:3] == ["systemDateTime.updateNtpTime (@ohos.systemDateTime, API 14)",
                        "systemDateTime.getAutoTimeStatus (@ohos.systemDateTime, API 21)",
                        "systemDateTime.setAutoTimeStatus (@ohos.systemDateTime, API 21)"]
    assert apis[-1] == "OH_TimeService_GetTimeZone (time_service.h, API 12)"
    out = errcode("explain", "13000001", cache=updated_cache[0]).stdout
    assert out.split("Thrown by:\n", 1)[1].splitlines()[-1] == "  OH_TimeService_GetTimeZone (time_service.h, API 12)"


def test_key_codes_are_not_error_codes(snapshot_catalog, shared_dir):
    text = (shared_dir / "ohos-sdk" / "interface_sdk_c" / "multimodalinput/kits/c/input/oh_key_code.h").read_text()
    keys = dict(re.findall(r"^\s*(KEYCODE_\w+)\s*=\s*(-?\d+)", text, re.M))
    assert len(keys) > 300
    assert [k for k in keys if snapshot_catalog.resolve_symbol(k) is not None] == []
    from_header = [e for e in snapshot_catalog.entries if any("oh_key_code" in s for s in e.known_from)]
    assert from_header == []


def test_second_update_with_nothing_changed_fetches_and_compiles_nothing(git_remotes, updated_cache):
    cache, first = updated_cache
    before = (cache / "catalog.snapshot").stat().st_mtime_ns
    d = git_remotes["daemon"]
    r = errcode("catalog", "update", "--docs-repo", d.url("docs"), "--sdk-js-repo", d.url("sdk-js"),
                "--sdk-c-repo", d.url("sdk-c"), cache=cache)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == f"catalog snapshot unchanged (no source changed): {cache / 'catalog.snapshot'}"
    assert r.stdout.splitlines()[1:7] == first.stdout.splitlines()[1:7]
    assert (cache / "catalog.snapshot").stat().st_mtime_ns == before


def test_catalog_info_json_shows_sources_commits_dates_and_counts(git_remotes, updated_cache):
    cache, _ = updated_cache
    r = errcode("catalog", "info", "--json", cache=cache)
    info = json.loads(r.stdout)["snapshot"]
    assert info["present"] and info["problem"] is None
    assert [s["name"] for s in info["sources"]] == ["docs", "sdk-js", "sdk-c"]
    assert info["sources"][0]["location"] == git_remotes["daemon"].url("docs")
    assert all(re.fullmatch(r"[0-9a-f]{40}", s["commit"]) and s["date"][:2] == "20" for s in info["sources"])
    assert info["summary"]["entries"] == {"en": 516, "zh-cn": 119}
    assert info["summary"]["c_names"] == 413
    r = errcode("catalog", "info", cache=cache)
    assert f"catalog snapshot {cache / 'catalog.snapshot'}, updated " in r.stdout
    assert "  zh-cn: 5 pages, 119 entries" in r.stdout.splitlines()


def test_a_later_update_fetches_a_new_commit(git_remotes, tmp_path):
    """A changed page on the remote is in the snapshot after the next update; the clone is reused."""
    from update_fixtures import git

    work = tmp_path / "docs"
    git("clone", "-q", str(git_remotes["repos"]["docs"]), str(work))
    cache = tmp_path / "cache"
    bare = tmp_path / "served"
    bare.mkdir()
    git("clone", "-q", "--bare", str(work), str(bare / "d.git"))
    git("config", "uploadpack.allowFilter", "true", cwd=bare / "d.git")
    daemon = Daemon(bare)
    try:
        assert errcode("catalog", "update", "--docs-repo", daemon.url("d"), "--no-sdk", cache=cache).returncode == 0
        page = work / "en/application-dev/reference/apis-network-kit/errorcode-net-http.md"
        page.write_text(page.read_text().replace("## 2300028 Operation Timeout", "## 2300028 Operation Timed Out"))
        git("commit", "-qam", "retitle", cwd=work)
        git("push", "-q", str(bare / "d.git"), "HEAD:master", cwd=work)
        r = errcode("catalog", "update", "--docs-repo", daemon.url("d"), "--no-sdk", cache=cache)
        assert r.returncode == 0, r.stderr
        assert r.stdout.splitlines()[0].startswith("catalog snapshot updated: ")
        assert errcode("explain", "2300028", cache=cache).stdout.splitlines()[0] == "2300028 Operation Timed Out"
        assert len(list((cache / "sources").iterdir())) == 1
    finally:
        daemon.stop()


def test_a_remote_refusing_partial_clone_stops_with_the_option_to_use(git_remotes, tmp_path):
    url = git_remotes["daemon"].url("docs-nofilter")
    r = errcode("catalog", "update", "--docs-repo", url, "--no-sdk", cache=tmp_path / "cache")
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        f"errcode: catalog update failed: the docs remote {url} does not allow partial clone (--filter=blob:none); "
        "nothing was downloaded. Use a mirror that allows it, a local checkout (--docs-repo PATH), "
        "or --full-clone to download the repository whole",
        "errcode: no catalog snapshot yet: the bundled catalog stays in use",
    ]
    assert not (tmp_path / "cache" / "catalog.snapshot").exists()
    r = errcode("catalog", "update", "--docs-repo", url, "--no-sdk", "--full-clone", cache=tmp_path / "cache")
    assert r.returncode == 0 and "  en: 37 pages, 516 entries" in r.stdout.splitlines()


def test_a_bad_ref_fails_and_the_previous_snapshot_stays(git_remotes, previous_snapshot, tmp_path):
    cache, before = previous_snapshot
    d = git_remotes["daemon"]
    r = errcode("catalog", "update", "--docs-repo", d.url("docs"), "--ref", "OpenHarmony-v0.0-Nope", "--no-sdk", cache=cache)
    assert r.returncode == 1
    assert r.stderr.splitlines()[0].startswith(
        f"errcode: catalog update failed: docs: no branch or tag 'OpenHarmony-v0.0-Nope' in {d.url('docs')} (")
    assert re.fullmatch(r"errcode: the previous catalog snapshot \(updated [\dT:Z-]+\) stays in use", r.stderr.splitlines()[1])
    assert (cache / "catalog.snapshot").read_bytes() == before
    assert errcode("explain", "2300028", cache=cache).returncode == 0
    r = errcode("catalog", "update", "--docs-repo", d.url("docs"), "--ref", "v1", "--no-sdk", cache=tmp_path / "c2")
    assert r.returncode == 0 and f"  docs: {d.url('docs')} v1 at " in r.stdout


def test_a_remote_that_stops_mid_transfer_leaves_the_previous_snapshot(git_remotes, previous_snapshot, tmp_path):
    cache, before = previous_snapshot
    broken = Daemon(git_remotes["base"], env=cut_short_env(tmp_path))
    try:
        r = errcode("catalog", "update", "--docs-repo", broken.url("docs"), "--no-sdk", cache=cache)
    finally:
        broken.stop()
    assert r.returncode == 1
    first = r.stderr.splitlines()[0]
    assert first.startswith(f"errcode: catalog update failed: docs: fetching {broken.url('docs')} failed: "), first
    assert r.stderr.splitlines()[1].startswith("errcode: the previous catalog snapshot (updated ")
    assert (cache / "catalog.snapshot").read_bytes() == before
    assert not [p for p in (cache / "sources").iterdir() if p.name.endswith(".partial")]


def test_an_unreachable_remote_fails_with_exit_1(tmp_path):
    from update_fixtures import free_port

    url = f"git://127.0.0.1:{free_port()}/docs.git"
    r = errcode("catalog", "update", "--docs-repo", url, "--no-sdk", cache=tmp_path / "cache")
    assert r.returncode == 1
    assert r.stderr.startswith(f"errcode: catalog update failed: docs: fetching {url} failed: ")


def test_offline_update_from_local_folders(git_remotes, tmp_path):
    w = git_remotes["work"]
    cache = tmp_path / "cache"
    r = errcode("catalog", "update", "--docs-repo", str(w / "docs"), "--sdk-js-repo", str(w / "sdk-js"),
                "--sdk-c-repo", str(w / "sdk-c"), cache=cache)
    assert r.returncode == 0, r.stderr
    assert "  en: 37 pages, 516 entries" in r.stdout.splitlines()
    assert f"  docs: {w / 'docs'} at " in r.stdout
    assert not (cache / "sources").exists()


def test_company_mirror_from_the_config_file(git_remotes, tmp_path):
    d = git_remotes["daemon"]
    cache = tmp_path / "cache"
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'[update]\ndocs_repo = "{d.url("docs")}"\nsdk_js_repo = "{d.url("sdk-js")}"\n'
                   f'sdk_c_repo = "{d.url("sdk-c")}"\nref = "v1"\n')
    r = errcode("catalog", "update", cache=cache, ERRCODE_CONFIG=str(cfg))
    assert r.returncode == 0, r.stderr
    assert f"  docs: {d.url('docs')} v1 at " in r.stdout and f"  sdk-c: {d.url('sdk-c')} v1 at " in r.stdout


def test_an_edited_local_checkout_is_compiled_again(git_remotes, tmp_path):
    from update_fixtures import git

    work = tmp_path / "docs"
    git("clone", "-q", str(git_remotes["repos"]["docs"]), str(work))
    cache = tmp_path / "cache"
    assert errcode("catalog", "update", "--docs-repo", str(work), "--no-sdk", cache=cache).returncode == 0
    r = errcode("catalog", "update", "--docs-repo", str(work), "--no-sdk", cache=cache)
    assert r.stdout.startswith("catalog snapshot unchanged (no source changed)")
    new = work / "en/application-dev/reference/apis-demo-kit/errorcode-demo.md"
    new.parent.mkdir()
    new.write_text("# Demo Error Codes\n\n## 9990001 Demo Failure\n\n**Error Message**\n\nDemo failed.\n")
    r = errcode("catalog", "update", "--docs-repo", str(work), "--no-sdk", cache=cache)
    assert r.stdout.startswith("catalog snapshot updated: ") and "  en: 38 pages, 517 entries" in r.stdout
    assert errcode("explain", "9990001", cache=cache).stdout.splitlines()[0] == "9990001 Demo Failure"

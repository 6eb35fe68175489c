"""Where a `code-not-thrown-here` finding links: a C function's entry in the native API reference
(its header's `capi-…-h.md` page, from the header's `@kit` tag), an ArkTS finding the SDK's
declarations; in every `errcode check` format that carries a link."""

from __future__ import annotations

import json

from ohos_errcode.catalog.analyze import analyze
from ohos_errcode.catalog.api.index import ApiIndex, api_index
from ohos_errcode.catalog.api.render import api_doc_url
from ohos_errcode.catalog.api.table import build_table
from ohos_errcode.cli.main import main

from test_api_throws import C_SAMPLE, SAMPLE

REF = "https://gitee.com/openharmony/docs/blob/master/en/application-dev/reference"
CREATE = f"{REF}/apis-image-kit/capi-image-source-native-h.md#oh_imagesourcenative_createpixelmap"
RELEASE = f"{REF}/apis-image-kit/capi-image-source-native-h.md#oh_imagesourcenative_release"
SDK_JS = "https://gitee.com/openharmony/interface_sdk-js"


def _links(text, lang, catalog):
    return [(f.range.start.line, f.url) for f in analyze(text, lang, catalog) if f.rule == "code-not-thrown-here"]


def test_a_c_finding_links_to_the_functions_entry_on_its_headers_reference_page(catalog):
    assert _links(C_SAMPLE, "c", catalog) == [(8, CREATE), (12, CREATE), (13, CREATE), (16, RELEASE)]


def test_an_arkts_finding_links_to_the_sdk_declarations(catalog):
    assert _links(SAMPLE, "arkts", catalog) == [(12, SDK_JS)]


def test_the_link_comes_from_the_headers_kit_tag_of_any_kit(shared_dir):
    table = build_table([], [shared_dir / "ohos-sdk" / "interface_sdk_c"], c_headers=("wifi/",))
    index = ApiIndex([table])
    assert api_doc_url(index.c["OH_Wifi_IsWifiEnabled"]) == (
        f"{REF}/apis-connectivity-kit/capi-oh-wifi-h.md#oh_wifi_iswifienabled")
    assert [row[4] for row in table["c"] if row[0] == "OH_Wifi_IsWifiEnabled"] == ["apis-connectivity-kit"]


def test_a_c_function_of_a_header_without_a_kit_links_to_interface_sdk_c():
    row = ["OH_Foo_Bar", "foo/foo.h", "12", [[401, "FOO_BAD"]]]  # a table written before rows had a kit
    index = ApiIndex([{"format": 1, "apis": [], "kits": {}, "c": [row]}])
    assert index.c["OH_Foo_Bar"].kit == ""
    assert api_doc_url(index.c["OH_Foo_Bar"]) == "https://gitee.com/openharmony/interface_sdk_c"


def test_the_bundled_c_functions_carry_their_kit(catalog):
    got = api_index(catalog).c["OH_ImageSourceNative_CreatePixelmap"]
    assert (got.module, got.kit) == ("multimedia/image_framework/include/image/image_source_native.h", "apis-image-kit")


def test_errcode_check_formats_carry_the_c_link(tmp_path, capsys, monkeypatch):
    (tmp_path / "decode.cpp").write_text(C_SAMPLE, encoding="utf-8")
    (tmp_path / "Decode.ets").write_text(SAMPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def report(fmt, name):
        main(["check", "--format", fmt, "--min-severity", "hint", name])
        return capsys.readouterr().out

    found = json.loads(report("json", "decode.cpp"))["findings"]
    assert [(f["range"]["start"]["line"], f["url"]) for f in found if f["rule"] == "code-not-thrown-here"] == [
        (9, CREATE), (13, CREATE), (14, CREATE), (17, RELEASE)]
    found = json.loads(report("json", "Decode.ets"))["findings"]
    assert [f["url"] for f in found if f["rule"] == "code-not-thrown-here"] == [SDK_JS]
    run = json.loads(report("sarif", "decode.cpp"))["runs"][0]
    assert [r["properties"]["documentation"] for r in run["results"] if r["ruleId"] == "code-not-thrown-here"] == [
        CREATE, CREATE, CREATE, RELEASE]
    [rule] = [r for r in run["tool"]["driver"]["rules"] if r["id"] == "code-not-thrown-here"]
    assert rule["helpUri"] == SDK_JS
    assert rule["help"]["markdown"].endswith(
        "Each finding links to where its codes are declared: for ArkTS the SDK's declarations (interface_sdk-js), "
        "for a C function its entry in the native API reference (the header's `capi-…-h.md` page).\n\n"
        f"[Documentation]({SDK_JS})")
    lines = [json.loads(x) for x in report("rdjsonl", "decode.cpp").splitlines()]
    assert [d["code"]["url"] for d in lines if d["code"]["value"] == "code-not-thrown-here"] == [
        CREATE, CREATE, CREATE, RELEASE]

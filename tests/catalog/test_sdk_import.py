"""The SDK importers: `@throws` facts and kits from ArkTS declarations, error enums from C headers."""

from __future__ import annotations

from pathlib import Path

from ohos_errcode.catalog import sdk, sdk_c

DTS = """\
/**
 * @file
 * @kit NetworkKit
 */
declare namespace http {
  /**
   * @throws { BusinessError } 401 - Parameter error.
   * @since 6
   */
  function createHttp(): HttpRequest;
  export interface HttpRequest {
    /**
     * Initiates a request.
     * @throws { BusinessError } 2300028 - Operation timeout.
     * @throws {BusinessError} 2300999 - Internal error. [since 24]
     * @syscap SystemCapability.Communication.NetStack
     * @since 6 dynamic
     * @since 23 static
     */
    request(url: string, callback: AsyncCallback<HttpResponse>): void;
    /**
     * @throws { BusinessError } 2300007 - Failed to connect to the server.
     * @since 10
     */
    requestInStream(url: string): Promise<number>;
  }
  class Other {
    /** @throws { BusinessError } 2300001 - Unsupported protocol. */
    static get(): void;
  }
}
export default http;
"""


def test_throws_with_module_container_member_and_since():
    got = [(t.code, t.text, t.kit, tuple(t.api)) for t in sdk.throws_in(DTS, "@ohos.net.http", "apis-network-kit")]
    assert got == [
        (401, "Parameter error.", "apis-network-kit", ("@ohos.net.http", "http", "createHttp", "6")),
        (2300028, "Operation timeout.", "apis-network-kit", ("@ohos.net.http", "http.HttpRequest", "request", "6")),
        (2300999, "Internal error.", "apis-network-kit", ("@ohos.net.http", "http.HttpRequest", "request", "6")),
        (2300007, "Failed to connect to the server.", "apis-network-kit",
         ("@ohos.net.http", "http.HttpRequest", "requestInStream", "10")),
        (2300001, "Unsupported protocol.", "apis-network-kit", ("@ohos.net.http", "http.Other", "get", "")),
    ]


def test_kit_tags_map_to_the_docs_kit_folders():
    assert sdk.kit_folder("NetworkKit") == "apis-network-kit"
    assert sdk.kit_folder("ImageKit") == "apis-image-kit"
    assert sdk.kit_folder("ArkUI") == "apis-arkui"
    # kits with no error-code page: the docs' own folder names (their C reference pages live there)
    assert sdk.kit_folder("AVCodecKit") == "apis-avcodec-kit"
    assert sdk.kit_folder("MindSporeLiteKit") == "apis-mindspore-lite-kit"
    assert sdk.kit_folder("DataLossPreventionKit") == "apis-data-loss-prevention-kit"
    assert sdk.kit_folder("ArkGraphics3D") == "apis-arkgraphics3d"
    assert sdk.file_kit(DTS) == "apis-network-kit"


def test_the_shared_kits_files_tie_modules_to_kits(shared_dir):
    mods = sdk.kit_modules(shared_dir / "ohos-sdk" / "interface_sdk-js" / "kits")
    assert mods["@ohos.net.http"] == "apis-network-kit"
    assert mods["@ohos.multimedia.image"] == "apis-image-kit"
    assert mods["@ohos.multimedia.camera"] == "apis-camera-kit"
    assert len(mods) > 300


HEADER = """\
/**
 * @kit ImageKit
 */
#define MY_BASE 1000
typedef enum {
    /** Success. */
    DEMO_OK = 0,
    /**
     * @error Invalid parameter.
     * @since 12
     */
    DEMO_BAD_PARAMETER = 401,
    DEMO_E_BASE = 62980096,
    DEMO_UNSUPPORTED = (DEMO_E_BASE + 1),  /**< Unsupported. */
    DEMO_NEXT,
    DEMO_HEX = 0x3C10000U,
    DEMO_SHIFT = (MY_BASE << 2),
    DEMO_NEG = -1,
} Demo_ErrorCode;

typedef enum Demo_KeyCode {
    KEYCODE_A = 2017,
} Demo_KeyCode;
"""


def test_c_error_enums_with_values_evaluated_and_doc_comments():
    got = [(c.name, c.value, c.doc, c.since, c.kit, c.enum_type) for c in sdk_c.read_header(HEADER, "demo.h")]
    assert got == [
        ("DEMO_OK", 0, "Success.", "", "apis-image-kit", "Demo_ErrorCode"),
        ("DEMO_BAD_PARAMETER", 401, "Invalid parameter.", "12", "apis-image-kit", "Demo_ErrorCode"),
        ("DEMO_E_BASE", 62980096, "", "", "apis-image-kit", "Demo_ErrorCode"),
        ("DEMO_UNSUPPORTED", 62980097, "Unsupported.", "", "apis-image-kit", "Demo_ErrorCode"),
        ("DEMO_NEXT", 62980098, "", "", "apis-image-kit", "Demo_ErrorCode"),
        ("DEMO_HEX", 0x3C10000, "", "", "apis-image-kit", "Demo_ErrorCode"),
        ("DEMO_SHIFT", 4000, "", "", "apis-image-kit", "Demo_ErrorCode"),
        ("DEMO_NEG", -1, "", "", "apis-image-kit", "Demo_ErrorCode"),
    ]


def test_which_enums_are_error_enums():
    yes = ["Image_ErrorCode", "Http_ErrCode", "OH_AVErrCode", "Location_ResultCode", "OHNativeErrorCode",
           "AVSession_ErrCode", "OH_Huks_ErrCode", "Asset_ResultCode"]
    no = ["Input_KeyCode", "Http_ResponseCode", "Camera_Status", "OH_Huks_KeyPurpose", "Location_UseScene", ""]
    assert [n for n in yes if not sdk_c.is_error_enum(n)] == []
    assert [n for n in no if sdk_c.is_error_enum(n)] == []


def test_shared_headers_http_and_image(shared_dir):
    names = {c.name: c for c in sdk_c.read_sdk_c([shared_dir / "ohos-sdk" / "interface_sdk_c"])}
    assert names["OH_HTTP_OPERATION_TIMEOUT"].value == 2300028
    assert names["OH_HTTP_OPERATION_TIMEOUT"].doc == "Operation timeout."
    assert names["OH_HTTP_OPERATION_TIMEOUT"].kit == "apis-network-kit"
    assert names["IMAGE_BAD_PARAMETER"].value == 401
    assert not [n for n in names if n.startswith("KEYCODE_")]
    assert {c.header for c in names.values()} >= {"network/netstack/net_http/net_http_type.h",
                                                 "multimedia/camera_framework/camera.h"}


def test_a_strange_file_gives_fewer_facts_not_an_error(tmp_path: Path):
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "@ohos.bad.d.ts").write_bytes(b"\xff\xfe /** @throws { BusinessError } 12 - x */ {{{{")
    (tmp_path / "bad.h").write_bytes(b"typedef enum { A_ERR = (1 +, B } X_ErrorCode;")
    throws, mods = sdk.read_sdk_js([tmp_path])
    assert [t.code for t in throws] == []
    assert [c.name for c in sdk_c.read_sdk_c([tmp_path])] == []


def test_the_snapshot_build_reads_each_sdk_file_once(shared_dir, tmp_path, monkeypatch):
    import builtins
    import io
    from collections import Counter

    from ohos_errcode.catalog import snapshot as snap
    from ohos_errcode.catalog.api.table import build_table
    from ohos_errcode.catalog.compile import compile_snapshot

    sdk = shared_dir / "ohos-sdk"
    opened: Counter = Counter()
    real = builtins.open

    def counting(file, *args, **kwargs):
        if str(sdk) in str(file):
            opened[str(file)] += 1
        return real(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting)
    monkeypatch.setattr(io, "open", counting)
    path = str(tmp_path / "catalog.snapshot")
    compile_snapshot(path, docs=[], sdk_js=[sdk / "interface_sdk-js"], sdk_c=[sdk / "interface_sdk_c"], info={})
    monkeypatch.undo()
    assert opened and set(opened.values()) == {1}
    # and what it compiled is what the importers make of the folders on their own
    table = build_table([sdk / "interface_sdk-js"], [sdk / "interface_sdk_c"])
    assert snap.Snapshot(path).info["apis"] == table
    assert len(table["c"]) == 167 and len(table["apis"]) > 1000

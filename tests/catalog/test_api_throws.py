"""Which call throws which code (catalog/api): the facts from the SDK importers, calls resolved in
ArkTS and C, handler regions, the rule `code-not-thrown-here`, and `errcode throws` / explain."""

from __future__ import annotations

from pathlib import Path

import pytest

from ohos_errcode.catalog import Catalog
from ohos_errcode.catalog.analyze import AnalyzeOptions, DocumentAnalysis, analyze
from ohos_errcode.catalog.api.index import ApiIndex, api_index, api_name
from ohos_errcode.catalog.api.rule import file_apis
from ohos_errcode.catalog.api.table import build_table, read_table
from ohos_errcode.catalog.model import Range, Severity
from ohos_errcode.cli.main import main

SAMPLE = """\
import { image } from '@kit.ImageKit';
import { BusinessError } from '@kit.BasicServicesKit';

async function decode(fd: number, surfaceId: string) {
  let src: image.ImageSource = image.createImageSource(fd);
  try {
    let pm = await image.createPixelMapFromSurface(surfaceId);
    let pic = await src.createPicture();
  } catch (e) {
    let err = e as BusinessError;
    if (err.code === 7700301) {
      console.error('decode failed');
    } else if (err.code === 62980096) {
      console.error('operation failed');
    }
  }
  try {
    helper(src);
    await src.createPicture();
  } catch (e) {
    if (e.code === 62980096) {}
  }
}
"""


def _apis(text: str, catalog, lang: str = "arkts"):
    return file_apis(text.split("\n"), lang, catalog)


def test_the_bundled_table_is_what_the_importer_makes_of_the_shared_sdk(shared_dir):
    sdk = shared_dir / "ohos-sdk"
    made = build_table([sdk / "interface_sdk-js"], [sdk / "interface_sdk_c"], modules={"@ohos.multimedia.image"},
                       c_headers=("multimedia/image_framework/",))
    assert made == read_table(), "catalog/data/image-api.json is stale: run scripts/import_api_facts.py"


def test_image_kit_facts_out_of_the_box(catalog):
    idx = api_index(catalog)
    [api] = idx.find("image.ImageSource.createPicture")
    assert (api.module, api.since, api.returns) == ("@ohos.multimedia.image", "13", "Picture")
    assert [c for c, _ in api.codes] == [401, 7700203, 7700301]
    assert [api_name(a) for a in idx.find("createPixelMap")] == ["image.createPixelMap", "image.ImageSource.createPixelMap"]
    assert idx.find("ImageSource.createPicture") == [api]
    [c] = idx.find("OH_ImageSourceNative_CreatePixelmap")
    assert (c.module, c.since, c.codes) == ("multimedia/image_framework/include/image/image_source_native.h", "12",
                                            ((401, "IMAGE_BAD_PARAMETER"), (7700203, "IMAGE_SOURCE_UNSUPPORTED_OPTIONS")))
    [c] = idx.find("OH_ImageSourceNative_CreatePictureAtIndex")  # its @return spells a name without an underscore
    assert c.codes == ((7700101, "IMAGE_BAD_SOURCE"), (7700102, "IMAGE_SOURCE_UNSUPPORTED_MIMETYPE"),
                       (7700103, "IMAGE_SOURCE_TOO_LARGE"), (7700203, "IMAGE_SOURCE_UNSUPPORTED_OPTIONS"),
                       (7700301, "IMAGE_DECODE_FAILED"))
    assert idx.module_for("@kit.ImageKit", "image") == "@ohos.multimedia.image"
    assert idx.module_for("@ohos.multimedia.image") == "@ohos.multimedia.image"


def test_calls_resolve_by_module_declared_type_factory_and_name(catalog):
    text = """\
import img from '@ohos.multimedia.image';
import { image as im } from '@kit.ImageKit';
let a: img.ImageSource = img.createImageSource(fd);
const b = im.createImageSource(uri);
a.createPicture();
b.getImagePropertySync(key);
pixels.readImageMetadata();
helper(a);
console.info('x');
"""
    apis = _apis(text, catalog)
    assert apis.bindings == {"img": "@ohos.multimedia.image", "im": "@ohos.multimedia.image"}
    assert apis.types == {"a": ("@ohos.multimedia.image", "image.ImageSource"),
                          "b": ("@ohos.multimedia.image", "image.ImageSource")}
    got = [(apis.position(c.start), c.name, c.kind, [api_name(x) for x in c.apis]) for c in apis.calls]
    assert got == [
        ((2, 29), "createImageSource", "exact", ["image.createImageSource"]),
        ((3, 13), "createImageSource", "exact", ["image.createImageSource"]),
        ((4, 2), "createPicture", "exact", ["image.ImageSource.createPicture"]),
        ((5, 2), "getImagePropertySync", "exact", ["image.ImageSource.getImagePropertySync"]),
        ((6, 7), "readImageMetadata", "guess", ["image.ImageSource.readImageMetadata"]),
        ((7, 0), "helper", "other", []),
        ((8, 8), "info", "builtin", []),
    ]


def test_handler_regions_try_promise_catch_and_error_first_callback(catalog):
    text = """\
import { image } from '@kit.ImageKit';
let src: image.ImageSource = image.createImageSource(fd);
try {
  src.createPicture();
} catch (e) {
  if (e.code === 7700301) {}
}
src.createPicture().then((p) => { use(p); }).catch((err: BusinessError) => {
  switch (err.code) { case 401: break; }
});
src.getImageProperties(keys, (err: BusinessError, data) => {
  if (err) { expect(err.code).assertEqual(62980096); }
});
"""
    apis = _apis(text, catalog)
    got = [(r.kind, [c.name for c in r.calls], r.err, [v for _, _, v in r.codes]) for r in apis.regions]
    assert got == [
        ("try", ["createPicture"], "e", [7700301]),
        ("promise", ["createPicture", "then"], "err", [401]),
        ("callback", ["getImageProperties"], "err", [62980096]),
    ]


def test_code_not_thrown_here_and_its_absence_when_a_call_is_unresolved(catalog):
    found = [f for f in analyze(SAMPLE, "arkts", catalog) if f.rule == "code-not-thrown-here"]
    assert [(f.range, f.severity, f.message, f.code) for f in found] == [(
        Range.of(12, 28, 36), Severity.HINT,
        "62980096 is not thrown by createPixelMapFromSurface or createPicture; they can throw 401, 7700203, 7700301, "
        "62980105, 62980115, 62980178", 62980096)]
    # the second try block calls helper(), which is not resolved: no finding at line 21
    assert DocumentAnalysis(SAMPLE, "arkts", catalog).findings == analyze(SAMPLE, "arkts", catalog)
    warn = analyze(SAMPLE, "arkts", catalog, AnalyzeOptions(not_thrown_severity=Severity.WARNING))
    assert [f.severity for f in warn if f.rule == "code-not-thrown-here"] == [Severity.WARNING]
    off = analyze(SAMPLE, "arkts", catalog, AnalyzeOptions(not_thrown_severity=None))
    assert [f for f in off if f.rule == "code-not-thrown-here"] == []


def test_an_api_that_declares_no_codes_is_not_resolved_for_the_rule(catalog):
    text = SAMPLE.replace("let pic = await src.createPicture();", "let info = await src.getImageInfo();")
    assert [f for f in analyze(text, "arkts", catalog) if f.rule == "code-not-thrown-here"] == []


def test_the_finding_follows_edits(catalog):
    doc = DocumentAnalysis(SAMPLE, "arkts", catalog)
    doc.apply_edit(Range.of(12, 28, 36), "62980178")  # a code createPixelMapFromSurface throws
    assert [f for f in doc.findings if f.rule == "code-not-thrown-here"] == []
    doc.apply_edit(Range.of(0, 0, 0), "\n")
    doc.apply_edit(Range.of(13, 28, 36), "7700999")
    [f] = [f for f in doc.findings if f.rule == "code-not-thrown-here"]
    assert f.range == Range.of(13, 28, 35) and f.message.startswith("7700999 is not thrown by ")


def test_c_calls_resolve_from_the_headers(catalog):
    text = "Image_ErrorCode ret = OH_ImageSourceNative_CreatePixelmap(source, opts, &pixelmap);\nOH_Unknown_Thing(x);\n"
    apis = _apis(text, catalog, "c")
    assert [(c.name, c.kind, [a.codes for a in c.apis]) for c in apis.calls] == [
        ("OH_ImageSourceNative_CreatePixelmap", "exact",
         [((401, "IMAGE_BAD_PARAMETER"), (7700203, "IMAGE_SOURCE_UNSUPPORTED_OPTIONS"))]),
        ("OH_Unknown_Thing", "other", []),
    ]


def test_bad_input_gives_no_calls(catalog):
    for text in ("", "try {", "} catch (e) {", "import { image } from '@kit.ImageKit';\ntry { x.(", "\x00" * 50):
        for lang in ("arkts", "c"):
            apis = _apis(text, catalog, lang)
            assert apis is None or isinstance(apis.calls, list)
        assert isinstance(analyze(text + " 62980096", "arkts", catalog), list)


def test_every_kit_from_the_snapshot(shared_dir, tmp_path):
    from ohos_errcode.catalog import snapshot as snap
    from ohos_errcode.catalog.bundled import bundled_layer
    from ohos_errcode.catalog.compile import compile_snapshot
    from ohos_errcode.catalog.layers import Layers

    sdk = shared_dir / "ohos-sdk"
    path = str(tmp_path / "catalog.snapshot")
    compile_snapshot(path, docs=[], sdk_js=[sdk / "interface_sdk-js"], sdk_c=[sdk / "interface_sdk_c"], info={})
    cat = Catalog(layers=Layers([bundled_layer(), snap.Snapshot(path)]))
    text = """\
import { http } from '@kit.NetworkKit';
const req = http.createHttp();
try {
  req.request(url);
} catch (e) {
  if (e.code === 2300028) {}
}
"""
    apis = _apis(text, cat)
    assert apis.types == {"req": ("@ohos.net.http", "http.HttpRequest")}
    [call] = [c for c in apis.calls if c.name == "request"]
    assert (call.kind, [api_name(a) for a in call.apis]) == ("exact", ["http.HttpRequest.request"])
    assert [f for f in analyze(text, "arkts", cat) if f.rule == "code-not-thrown-here"] == []  # request throws it
    [f] = [f for f in analyze(text.replace("2300028", "2301028"), "arkts", cat) if f.rule == "code-not-thrown-here"]
    assert f.message == "2301028 is not thrown by request; it can throw 201, 401, 2300001, 2300003, 2300005, 2300006, …"
    assert api_index(cat).find("createPicture")  # the bundled Image Kit rows stay


def test_errcode_throws_output(capsys):
    assert main(["throws", "image.ImageSource.createPicture"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("image.ImageSource.createPicture (@ohos.multimedia.image, API 13) can throw:\n"
                          "  401  Parameter Check Failed\n  7700203  Unsupported Options\n  7700301  Decoding Failure\n", "")
    assert main(["throws", "OH_ImageSourceNative_CreatePixelmap"]) == 0
    out, _ = capsys.readouterr()
    assert out == ("OH_ImageSourceNative_CreatePixelmap (image_source_native.h, API 12) can return:\n"
                   "  401  IMAGE_BAD_PARAMETER: Parameter Check Failed\n"
                   "  7700203  IMAGE_SOURCE_UNSUPPORTED_OPTIONS: Unsupported Options\n")
    assert main(["throws", "createPixelMap"]) == 0
    out, _ = capsys.readouterr()
    assert out == ("image.createPixelMap (@ohos.multimedia.image, API 10) declares no error codes.\n\n"
                   "image.ImageSource.createPixelMap (@ohos.multimedia.image, API 7) declares no error codes.\n")
    assert main(["throws", "noSuchApi"]) == 1
    _, err = capsys.readouterr()
    assert err == ("errcode: no API named 'noSuchApi' is known (the bundled catalog knows Image Kit; "
                   "`errcode catalog update` adds every kit)\n")


def test_explain_shows_thrown_by_first_ten_then_how_many_more(capsys):
    assert main(["explain", "401"]) == 0
    out, _ = capsys.readouterr()
    tail = out[out.index("Thrown by:"):].splitlines()
    assert len(tail) == 12 and tail[-1].startswith("and ") and tail[-1].endswith(" more")
    assert tail[1] == "  image.createAuxiliaryPicture (@ohos.multimedia.image, API 13)"
    assert main(["explain", "7700203"]) == 0
    out, _ = capsys.readouterr()
    assert out.endswith("Thrown by:\n  image.ImageSource.createPicture (@ohos.multimedia.image, API 13)\n"
                        "  image.ImageSource.createPictureAtIndex (@ohos.multimedia.image, API 20)\n"
                        "  image.ImageSource.createPixelMapUsingAllocator (@ohos.multimedia.image, API 15)\n"
                        "  image.ImageSource.createPixelMapUsingAllocatorSync (@ohos.multimedia.image, API 15)\n"
                        "  OH_ImageSourceNative_CreatePixelmap (image_source_native.h, API 12)\n"
                        "  OH_ImageSourceNative_CreatePictureAtIndex (image_source_native.h, API 20)\n")


def test_errcode_check_reports_it_with_min_severity_hint(tmp_path, capsys, monkeypatch):
    (tmp_path / "Decode.ets").write_text(SAMPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--min-severity", "hint", "Decode.ets"]) == 0
    out, _ = capsys.readouterr()
    assert ("Decode.ets:13:29: hint code-not-thrown-here 62980096 is not thrown by createPixelMapFromSurface or "
            "createPicture; they can throw 401, 7700203, 7700301, 62980105, 62980115, 62980178\n") in out
    assert main(["check", "--min-severity", "info", "Decode.ets"]) == 0
    out, _ = capsys.readouterr()
    assert "code-not-thrown-here" not in out and "known-error-code" in out


C_SAMPLE = """\
#include <multimedia/image_framework/image/image_source_native.h>

int Decode(OH_ImageSourceNative *source, OH_DecodingOptions *opts, OH_PixelmapNative **pm)
{
    Image_ErrorCode ret = OH_ImageSourceNative_CreatePixelmap(source, opts, pm);
    if (ret != IMAGE_SUCCESS && ret != IMAGE_BAD_PARAMETER) {
        switch (ret) {
            case IMAGE_SOURCE_UNSUPPORTED_OPTIONS:
            case Image_ErrorCode::IMAGE_DECODE_FAILED:
                break;
        }
    }
    EXPECT_EQ(ret, 7700301);
    if (IMAGE_ALLOC_FAILED == OH_ImageSourceNative_CreatePixelmap(source, opts, pm)) {}
    ASSERT_EQ(OH_ImageSourceNative_CreatePixelmap(source, opts, pm), 401);
    ret = OH_ImageSourceNative_Release(source);
    if (ret == IMAGE_DECODE_FAILED) {}
    ret = OH_Helper_Decode(source);
    if (ret == IMAGE_DECODE_FAILED) {}
    return ret == 7700203 ? 1 : 0;
}
"""
C_CAN = "it can return IMAGE_BAD_PARAMETER (401), IMAGE_SOURCE_UNSUPPORTED_OPTIONS (7700203)"


def _not_thrown(text, lang, catalog, options=None):
    return [(f.range, f.severity, f.message) for f in analyze(text, lang, catalog, options)
            if f.rule == "code-not-thrown-here"]


def test_c_code_not_returned_by_the_call_assigned_or_compared(catalog):
    assert _not_thrown(C_SAMPLE, "c", catalog) == [
        (Range.of(8, 34, 53), Severity.HINT,
         "IMAGE_DECODE_FAILED (7700301) is not returned by OH_ImageSourceNative_CreatePixelmap; " + C_CAN),
        (Range.of(12, 19, 26), Severity.HINT, "7700301 is not returned by OH_ImageSourceNative_CreatePixelmap; " + C_CAN),
        (Range.of(13, 8, 26), Severity.HINT,
         "IMAGE_ALLOC_FAILED (7600301) is not returned by OH_ImageSourceNative_CreatePixelmap; " + C_CAN),
        (Range.of(16, 15, 34), Severity.HINT,
         "IMAGE_DECODE_FAILED (7700301) is not returned by OH_ImageSourceNative_Release; "
         "it can return IMAGE_BAD_PARAMETER (401)"),
    ]  # not line 18 (OH_Helper_Decode is not declared) nor line 19 (its result, not CreatePixelmap's)
    assert DocumentAnalysis(C_SAMPLE, "c", catalog).findings == analyze(C_SAMPLE, "c", catalog)
    warn = _not_thrown(C_SAMPLE, "c", catalog, AnalyzeOptions(not_thrown_severity=Severity.WARNING))
    assert [s for _, s, _ in warn] == [Severity.WARNING] * 4


def test_c_regions_end_with_the_block_and_a_new_assignment(catalog):
    text = """\
void F(OH_ImageSourceNative *source, OH_PixelmapNative **pm, Image_ErrorCode *out)
{
    {
        Image_ErrorCode ret = OH_ImageSourceNative_CreatePixelmap(source, nullptr, pm);
    }
    if (ret == IMAGE_DECODE_FAILED) {}
    Image_ErrorCode err = OH_ImageSourceNative_CreatePixelmap(source, nullptr, pm);
    OH_Helper_Fill(&err);
    if (err == IMAGE_DECODE_FAILED) {}
    const char *s = "OH_ImageSourceNative_CreatePixelmap(x) == 7700301";  // OH_ImageSourceNative_Release(x) == 7700301
}
"""
    assert _not_thrown(text, "c", catalog) == []


def test_c_codes_from_a_header_of_another_kit(shared_dir, tmp_path):
    from ohos_errcode.catalog import snapshot as snap
    from ohos_errcode.catalog.bundled import bundled_layer
    from ohos_errcode.catalog.compile import compile_snapshot
    from ohos_errcode.catalog.layers import Layers

    sdk = shared_dir / "ohos-sdk"
    path = str(tmp_path / "catalog.snapshot")
    compile_snapshot(path, docs=[], sdk_js=[], sdk_c=[sdk / "interface_sdk_c"], info={})
    cat = Catalog(layers=Layers([bundled_layer(), snap.Snapshot(path)]))
    text = """\
#include "ConnectivityKit/wifi/oh_wifi.h"
bool on = false;
Wifi_ResultCode code = OH_Wifi_IsWifiEnabled(&on);
if (code == WIFI_PERMISSION_DENIED || code == WIFI_OPERATION_FAILED) {}
"""
    [(rng, _, msg)] = _not_thrown(text, "c", cat)
    assert rng == Range.of(3, 12, 34)
    assert msg == ("WIFI_PERMISSION_DENIED (201) is not returned by OH_Wifi_IsWifiEnabled; "
                   "it can return WIFI_INVALID_PARAM (401), WIFI_OPERATION_FAILED (2501000)")


def test_errcode_check_sets_the_rules_severity_by_option_or_config(tmp_path, capsys, monkeypatch):
    import json

    (tmp_path / "decode.cpp").write_text(C_SAMPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ERRCODE_CONFIG", str(tmp_path / "config.toml"))

    def reported(*argv):
        code = main(["check", *argv, "decode.cpp"])
        return code, capsys.readouterr()

    code, out = reported("--format", "json", "--code-not-thrown-severity", "warning")
    got = [(f["severity"], f["range"]["start"]["line"], f["text"]) for f in json.loads(out.out)["findings"]
           if f["rule"] == "code-not-thrown-here"]
    assert (code, got) == (1, [("warning", 9, "IMAGE_DECODE_FAILED"), ("warning", 13, "7700301"),
                               ("warning", 14, "IMAGE_ALLOC_FAILED"), ("warning", 17, "IMAGE_DECODE_FAILED")])
    code, out = reported("--format", "sarif", "--code-not-thrown-severity", "information")
    results = json.loads(out.out)["runs"][0]["results"]
    assert code == 0
    assert [r["level"] for r in results if r["ruleId"] == "code-not-thrown-here"] == ["note"] * 4
    code, out = reported("--format", "json")  # default: a hint, which the default --min-severity info leaves out
    assert [f for f in json.loads(out.out)["findings"] if f["rule"] == "code-not-thrown-here"] == []
    code, out = reported("--format", "json", "--min-severity", "hint")
    assert {f["severity"] for f in json.loads(out.out)["findings"] if f["rule"] == "code-not-thrown-here"} == {"hint"}
    (tmp_path / "config.toml").write_text('[check]\ncode_not_thrown_severity = "warning"\n', encoding="utf-8")
    code, out = reported("--format", "json")
    assert code == 1 and {f["severity"] for f in json.loads(out.out)["findings"]
                          if f["rule"] == "code-not-thrown-here"} == {"warning"}
    code, out = reported("--format", "json", "--code-not-thrown-severity", "off")  # the option wins
    assert code == 0 and [f for f in json.loads(out.out)["findings"] if f["rule"] == "code-not-thrown-here"] == []
    (tmp_path / "config.toml").write_text('[check]\ncode_not_thrown_severity = "loud"\n', encoding="utf-8")
    code, out = reported("--format", "json")
    assert out.err == ("errcode: config [check] code_not_thrown_severity should be off, hint, information or warning, "
                       "got 'loud'; using hint\n")


def test_c_findings_follow_edits_as_a_fresh_analysis_finds_them(catalog):
    text = "\n".join(C_SAMPLE.split("\n") * 30)  # several chunks of lines
    doc = DocumentAnalysis(text, "c", catalog)
    lines = text.split("\n")
    for i, (line, col, end, new) in enumerate([(4, 4, 4, "\n"), (8, 30, 30, " "), (200, 0, 0, "}\n"),
                                               (13, 8, 26, "IMAGE_BAD_PARAMETER"), (401, 4, 19, "Image_ErrorCode"),
                                               (5, 0, 0, "/* "), (9, 0, 0, " */"), (300, 15, 34, "7700203")]):
        doc.apply_edit(Range.of(line, col, end), new)
        lines[line] = lines[line][:col] + new + lines[line][end:]
        lines = "\n".join(lines).split("\n")
        assert doc.findings == analyze("\n".join(lines), "c", catalog), i
    assert len([f for f in doc.findings if f.rule == "code-not-thrown-here"]) > 90


def test_a_handler_put_in_a_comment_by_an_edit_is_no_longer_judged(catalog):
    doc = DocumentAnalysis(SAMPLE, "arkts", catalog)
    assert [f.range for f in doc.findings if f.rule == "code-not-thrown-here"] == [Range.of(12, 28, 36)]
    doc.apply_edit(Range.of(4, 0, 0), "/* ")
    assert [f for f in doc.findings if f.rule == "code-not-thrown-here"] == []
    doc.apply_edit(Range.of(4, 0, 3), "")
    assert [f.range for f in doc.findings if f.rule == "code-not-thrown-here"] == [Range.of(12, 28, 36)]

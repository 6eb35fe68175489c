"""Scanning source text for integer literals: forms, exact ranges, contexts, error contexts, names."""

from __future__ import annotations

import pytest

from ohos_errcode.catalog import Position, Range
from ohos_errcode.catalog.scan import IncrementalScanner, kit_hint, language_of, scan, scan_names


def lits(src: str, lang: str = "ets"):
    return [(l.range.start.line, l.range.start.character, l.range.end.character, l.text, l.value, l.context)
            for l in scan(src, lang)]


def one(src: str, lang: str = "ets"):
    found = scan(src, lang)
    assert len(found) == 1, found
    return found[0]


def ec(src: str, lang: str = "ets", value: int | None = None) -> bool:
    found = [l for l in scan(src, lang) if value is None or l.value == value]
    assert len(found) == 1, found
    return found[0].error_context


# ---------------------------------------------------------------- languages
@pytest.mark.parametrize("probe, expected", [
    ("entry/src/main/ets/pages/Index.ets", "arkts"), ("a.ts", "arkts"), ("a.js", "arkts"), ("x.mjs", "arkts"),
    ("x.cjs", "arkts"), ("ets", "arkts"), ("arkts", "arkts"), ("typescript", "arkts"), ("javascript", "arkts"),
    ("image.c", "c"), ("image_common.h", "c"), ("a.cc", "c"), ("b.cpp", "c"), ("c.cxx", "c"), ("d.hpp", "c"),
    ("e.hh", "c"), ("f.hxx", "c"), ("C:\\src\\napi.CPP", "c"), ("c", "c"), ("cpp", "c"), ("c++", "c"),
    ("README.md", None), ("python", None), ("", None), ("Makefile", None), ("a.ets.bak", None),
])
def test_language_of(probe, expected):
    assert language_of(probe) == expected


def test_language_of_rejects_non_strings():
    assert language_of(None) is None  # type: ignore[arg-type]
    assert language_of(42) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------- literal forms
def test_decimal_and_exact_range():
    assert lits("let x = 7700201;") == [(0, 8, 15, "7700201", 7700201, "code")]


def test_hex_is_reported_with_base_16():
    l = one("let c = 0x3C10000;")
    assert (l.value, l.base, l.text, l.range) == (0x3C10000, 16, "0x3C10000", Range.of(0, 8, 17))


def test_ts_numeric_separators():
    l = one("if (e.code === 62_980_096) {}")
    assert (l.value, l.text, l.range, l.error_context) == (62980096, "62_980_096", Range.of(0, 15, 25), True)


def test_cpp_digit_separators_and_suffixes():
    assert [(l.text, l.value, l.suffix) for l in scan("a = 7'700'201; b = 7700201L; c = 401u; d = 62980096ULL; e = 7LL;", "cpp")] == [
        ("7'700'201", 7700201, ""), ("7700201L", 7700201, "L"), ("401u", 401, "u"), ("62980096ULL", 62980096, "ULL"),
        ("7LL", 7, "LL"),
    ]


def test_cpp_separator_is_a_string_quote_in_arkts():
    # in ArkTS `'` starts a string, so 7'700'201 is 7, a string '700', and 201
    assert [(t, c) for _, _, _, t, _, c in lits("x = 7'700'201")] == [("7", "code"), ("700", "string"), ("201", "code")]


def test_unary_minus_is_folded_and_in_the_range():
    assert lits("const BASE = -62980096;") == [(0, 13, 22, "-62980096", -62980096, "code")]
    assert lits("f(-201)") == [(0, 2, 6, "-201", -201, "code")]


def test_binary_minus_is_not_folded():
    assert [(t, v) for *_, t, v, _ in lits("x = a-401; y = arr[1]-7700201; z = 5 - 401")] == [
        ("401", 401), ("1", 1), ("7700201", 7700201), ("5", 5), ("401", 401)]


def test_c_octal_and_ts_binary_octal():
    assert [(l.text, l.value, l.base) for l in scan("mode = 0755; z = 0;", "c")] == [("0755", 493, 8), ("0", 0, 10)]
    assert [(l.text, l.value, l.base) for l in scan("a = 0o755; b = 0b101; c = 0x1_F;", "ets")] == [
        ("0o755", 493, 8), ("0b101", 5, 2), ("0x1_F", 31, 16)]


def test_bigint_suffix():
    l = one("let b = 7700201n;")
    assert (l.text, l.value, l.suffix) == ("7700201n", 7700201, "n")


@pytest.mark.parametrize("src", [
    "const ERROR_CODE801 = x;", "BUNDLE_NAME401()", "let a = 1.5;", "let b = 5e-201;", "let c = 62980115.5;",
    "let f = .401;", "item401.width", "Multicastconnection201Test()", "x = 401abc;", "let g = 1.2e3;",
    "let h = 0.7608791;",
])
def test_never_a_literal_in_code(src):
    assert [l for l in scan(src, "ets") if l.digits >= 3] == []


@pytest.mark.parametrize("src", [
    "let v = '1.2.3';", "let d = '2024-01-15';", "let t = '202:01:25 05:51:34';", "let c = '#FF0201';",
    "let c2 = '#020101';", "let u = '550e8400-e29b-41d4-a716-446655440000';",
    "let s = 'testUsbSubmitTransfer801Err001';", "let x = 'XXX D7-201';", "let t2 = 'token=abc-401a-ff';",
    "let f = '1.1662980110489036';", "let w = '198x202';", "let p = 'a/401/b';",
    "// version 1.2.3 on 2024-01-15 at 12:02:01, colour #FF0201",
])
def test_glued_digits_in_text_never_count(src):
    assert [l for l in scan(src, "ets") if l.digits >= 3] == []


def test_long_numbers_containing_a_code_keep_their_own_value():
    # a GTIN, a phone number and a Bundle Manager code that contain Image Kit codes
    src = "let g = 'GTIN 07090062980115'; let p = '0762980110'; // @throws { BusinessError } 17700101"
    assert [l.value for l in scan(src, "ets")] == [7090062980115, 762980110, 17700101]


# ---------------------------------------------------------------- contexts
def test_line_and_block_comments():
    src = "a = 1; // code 401 here\n/* multi\n   62980115 line */ b = 7700201;"
    assert lits(src) == [
        (0, 4, 5, "1", 1, "code"), (0, 15, 18, "401", 401, "comment"), (2, 3, 11, "62980115", 62980115, "comment"),
        (2, 24, 31, "7700201", 7700201, "code")]


def test_numbers_inside_strings_are_reported_with_string_context():
    src = "log('Failed to apply color space. Error is 62980108. Check your device.')"
    assert lits(src) == [(0, 43, 51, "62980108", 62980108, "string")]


def test_chinese_comment_number():
    assert lits("// 抛出错误码401") == [(0, 8, 11, "401", 401, "comment")]
    # in code a number glued to a CJK identifier is part of the identifier
    assert lits("let 错误码401 = 7700201;") == [(0, 13, 20, "7700201", 7700201, "code")]
    assert lits("let x = '错误码401';") == [(0, 12, 15, "401", 401, "string")]


def test_escapes_do_not_end_strings():
    src = r"""s = 'it\'s 401'; t = "say \"7700201\" now"; u = 62980115;"""
    assert [(t, c) for *_, t, _, c in lits(src)] == [("401", "string"), ("7700201", "string"), ("62980115", "code")]


def test_template_string_with_nested_expressions():
    src = "let m = `code ${err.code === 401 ? `inner ${801}` : 202} tail 62980115`; let n = 7700201;"
    assert [(s, t, c) for _, s, _, t, _, c in lits(src)] == [
        (src.index("401"), "401", "code"), (src.index("801"), "801", "code"), (src.index("202"), "202", "code"),
        (src.index("62980115"), "62980115", "string"), (src.index("7700201"), "7700201", "code")]


def test_multiline_template_and_braces_in_expressions():
    src = "let m = `a ${ {x: 1}.x } 401\nstill string 801 ${ f({y: 7700201}) }\nend`; let k = 62980115;"
    assert [(li, t, c) for li, _, _, t, _, c in lits(src)] == [
        (0, "1", "code"), (0, "401", "string"), (1, "801", "string"), (1, "7700201", "code"), (2, "62980115", "code")]


def test_quote_right_after_a_glued_number_still_opens_a_string():
    assert [(t, c) for *_, t, _, c in lits("f(abc1'401', x2\"801\", 7700201)")] == [
        ("401", "string"), ("801", "string"), ("7700201", "code")]
    assert [(t, c) for *_, t, _, c in lits("f(abc1'401', 7700201)", "c")] == [("401", "string"), ("7700201", "code")]


def test_regex_literal_with_quote_does_not_open_a_string():
    src = "let re = /it's 401/g; let x = 7700201; let y = a / 2 / 3;"
    assert [(t, c) for *_, t, _, c in lits(src)] == [("7700201", "code"), ("2", "code"), ("3", "code")]


def test_c_preprocessor_lines_with_continuation():
    src = "#define IMAGE_RESULT_BASE 62980096\n#define X 401 \\\n   + 7600201\nint a = 401;\n#if API >= 12\n#endif"
    assert [(li, t, c) for li, _, _, t, _, c in lits(src, "c")] == [
        (0, "62980096", "preprocessor"), (1, "401", "preprocessor"), (2, "7600201", "preprocessor"),
        (3, "401", "code"), (4, "12", "preprocessor")]


def test_hash_is_not_a_preprocessor_line_in_arkts():
    assert lits("  #count = 401;")[0][5] == "code"


def test_c_raw_strings_and_char_literals():
    src = 'auto s = R"x(raw "401" )x"; char c = \'7\'; int a = 7700201;\nauto t = u8R"(\nline 62980115\n)"; int b = 801;'
    assert [(li, t, c) for li, _, _, t, _, c in lits(src, "cpp")] == [
        (0, "401", "string"), (0, "7", "string"), (0, "7700201", "code"), (2, "62980115", "string"), (3, "801", "code")]
    # not a raw string: an identifier ending in R before a quote
    assert [c for *_, c in lits('FOOR"401"; x = 401;', "cpp")] == ["string", "code"]


def test_unterminated_string_ends_at_line_end_in_arkts():
    src = "let s = 'oops\nlet x = 7700201;"
    assert lits(src)[-1] == (1, 8, 15, "7700201", 7700201, "code")


# ---------------------------------------------------------------- code-point columns
def test_emoji_and_cjk_before_a_literal_use_code_point_columns():
    src = "let s = '😀'; /* 图片错误 */ if (err.code === 7700201) {}\n// 😀😀 401\n"
    found = scan(src, "ets")
    assert [(l.text, l.range, l.context) for l in found] == [
        ("7700201", Range.of(0, 41, 48), "code"), ("401", Range.of(1, 6, 9), "comment")]
    assert src.splitlines()[0][41:48] == "7700201"


def test_crlf_and_cr_line_endings():
    src = "a = 1;\r\nb = 401;\rc = 7700201;"
    assert [(li, s, t) for li, s, _, t, _, _ in lits(src)] == [(0, 4, "1"), (1, 4, "401"), (2, 4, "7700201")]


# ---------------------------------------------------------------- error context
@pytest.mark.parametrize("src, lang", [
    ("if (err.code === 7700201) {}", "ets"),
    ("if (error.code != 401) {}", "ets"),
    ("expect(Number(error.code) == 62980173).assertTrue();", "ets"),
    ("if (201 === code) {}", "ets"),
    ("if ((err as BusinessError).code === 401) {}", "ets"),
    ("if (e?.code !== 801) {}", "ets"),
    ("if (error.code.toString() === '401') {}", "ets"),
    ("if ('401' == err.code.toString()) {}", "ets"),
    ("if ((err as BusinessError)?.code === 401) {}", "ets"),
    ("switch (Number(err?.code)) {\n  case 401:\n}", "ets"),
    ("switch (err.code) {\n  case 401:\n    break;\n}", "ets"),
    ("expect(e.code).assertEqual(401);", "ets"),
    ("expect(401).assertEqual(err.code);", "ets"),
    ("reject({ code: 401, message: 'Invalid parameter' });", "ets"),
    ("callback({ code: 401, message: 'x' } as BusinessError);", "ets"),
    ("const errInfo = {\n  code: 201,\n};", "ets"),
    ("throw new BusinessError(401, 'bad');", "ets"),
    ("throw { code: 801 };", "ets"),
    ("ret == 401", "c"),
    ("if (errCode === 401) {}", "ets"),
    ("if (this.errorCode == 401) {}", "ets"),
    ("const UNSUPPORTED_ALLOCATOR_TYPE = 7700201;", "ets"),
    ("const ERROR_CODE401 = 401;", "ets"),
    ("const PERMISSION_DENIED_CODE = 201;", "ets"),
    ("enum ErrorCode {\n  IMAGE_BAD_PARAMETER = 401,\n}", "ets"),
    ("#define MY_ERR 401", "c"),
    ("ASSERT_EQ(OH_PixelmapNative_Destroy(nullptr), 401);", "cpp"),
    ("EXPECT_EQ(401, OH_ImageSourceNative_Release(nullptr));", "cpp"),
    ("EXPECT_EQ(OH_PixelmapNative_SetColorSpaceNative(pixelmap, nullptr), 401);", "cpp"),
    ("napi_throw_error(env, nullptr, 401);", "cpp"),
    ("ImageNapiUtils::ThrowExceptionError(env, 401, \"bad\");", "cpp"),
    ("Image_ErrorCode ret = OH_Foo();\nif (ret != 401) {}", "c"),
    ("Image_ErrorCode Foo(int a)\n{\n    if (a) {\n        return 401;\n    }\n}", "c"),
    ("if (exception.code = 801) {}", "ets"),
    ("expect(err.code)\n  .assertEqual(401);", "ets"),
    ("expect(\n  401).assertEqual(err.code);", "ets"),
    ("ASSERT_EQ(OH_X(nullptr),\n    401);", "cpp"),
    ("if (err.code ===\n    401) {}", "ets"),
    ("throw new BusinessError(\n  401, 'x');", "ets"),
    ("reject({\n  code: 401,\n  message: 'x'\n});", "ets"),
    ("} else if(exception.code = 401) {", "ets"),
])
def test_error_contexts(src, lang):
    big = [l for l in scan(src, lang) if l.digits >= 3]
    assert len(big) == 1 and big[0].error_context, big


@pytest.mark.parametrize("src, lang", [
    ("if (response.status === 401) {}", "ets"),
    ("switch (error.response.status) { case 401: break; }", "ets"),
    ("this.responseCode = 401;", "ets"),
    ("if (res.responseCode == 401) {}", "ets"),
    ("Text('x').width(201)", "ets"),
    ("let task = { taskId: 201 };", "ets"),
    ("const bytes = new Uint8Array([71, 73, 70, 56, 57, 97, 198, 0, 202]);", "ets"),
    ("const opts = { size: { width: 198, height: 202 } };", "ets"),
    ("testPixelMapFlip(done, 801, 500);", "ets"),
    ("Utils.emitEvent(JSON.stringify(status), 401);", "ets"),
    ("const BUNDLE_MGR_SERVICE_SYS_ABILITY_ID = 401;", "ets"),
    ("const TEST_FILE_MULTI_FRAME_GIF_HEIGHT = 202;", "ets"),
    ("expect(pixelMap.getImageInfoSync().size.width).assertEqual(801);", "ets"),
    ("ASSERT_EQ(info.width, 401);", "cpp"),
    ("EXPECT_EQ(frameCount, 202);", "cpp"),
    ("switch (keyEvent.code) { case 2017: break; }", "ets"),
    ("int Foo()\n{\n    return 401;\n}", "c"),
    ("let detents = [400, 401];", "ets"),
    ("if (event.keyCode === 401) {}", "ets"),
    ("let code = { taskId: 1 }; let m = { code: 200 };", "ets"),
    ("callback({ code: 200, data: list });", "ets"),
    ("const terrain = { code: 401 };", "ets"),
])
def test_decoys_are_not_error_contexts(src, lang):
    assert not any(l.error_context for l in scan(src, lang) if l.digits >= 3), scan(src, lang)


def test_whole_number_strings_in_error_contexts():
    for src in ("expect(error.code).assertEqual('401');", "if (errorCode.includes(\"62980146\")) {}",
                "let ERROR_CODE1 = \"62980135\";", "napi_throw_error(env, \"401\", \"msg\");"):
        (l,) = [l for l in scan(src, "ets") if l.digits >= 3]
        assert l.quoted and l.context == "string" and l.error_context, src
    l = one("expect(err.code).assertEqual('62980115');")
    assert (l.text, l.range, l.quoted) == ("62980115", Range.of(0, 30, 38), True)


def test_string_number_outside_error_context():
    l = one("let s = '401';")
    assert (l.quoted, l.error_context) == (True, False)


def test_jsdoc_throws_in_comment_is_an_error_context():
    found = scan("/**\n * @throws { BusinessError } 62980115 - Invalid image parameter.\n */", "ets")
    assert [(l.context, l.error_context) for l in found] == [("comment", True)]


def test_switch_window_looks_back_past_other_lines():
    src = "switch (err.code) {\n" + "  // note\n" * 10 + "  case 7700201:\n  case 401:\n}"
    assert [l.error_context for l in scan(src, "ets")] == [True, True]


# ---------------------------------------------------------------- names and kit hint
def test_scan_names_symbols_expressions_and_local_definitions(catalog):
    src = (
        "#include <multimedia/image_framework/image/image_common.h>\n"
        "const int32_t ERR_X = IMAGE_RESULT_BASE + 7;\n"
        "#define MY_ERR 7700201\n"
        "if (r == IMAGE_ALLOC_FAILED || r == ERR_X || r == MY_ERR) {}\n"
        "int q = IMAGE_BASE + IMAGE_BASE_19;\n"
        "constexpr int32_t IMAGE_BASE = 62980096;\n"
        "const int32_t IMAGE_BASE_19 = 19;\n"
        "// IMAGE_ALLOC_FAILED in a comment is not a name reference\n"
    )
    got = [(n.name, n.text, n.value, n.range, n.defined_here) for n in scan_names(src, "cpp", catalog)]
    assert got == [
        ("ERR_X", "ERR_X", 62980103, Range.of(1, 14, 19), True),
        ("IMAGE_RESULT_BASE", "IMAGE_RESULT_BASE + 7", 62980103, Range.of(1, 22, 43), False),
        ("MY_ERR", "MY_ERR", 7700201, Range.of(2, 8, 14), True),
        ("IMAGE_ALLOC_FAILED", "IMAGE_ALLOC_FAILED", 7600301, Range.of(3, 9, 27), False),
        ("ERR_X", "ERR_X", 62980103, Range.of(3, 36, 41), False),
        ("MY_ERR", "MY_ERR", 7700201, Range.of(3, 50, 56), False),
        ("IMAGE_BASE", "IMAGE_BASE + IMAGE_BASE_19", 62980115, Range.of(4, 8, 34), False),
        ("IMAGE_BASE", "IMAGE_BASE", 62980096, Range.of(5, 18, 28), True),
    ]


def test_local_constants_with_short_values_need_an_error_name(catalog):
    src = ("const ERROR_CODE401 = 401;\nconst BUNDLE_MGR_SERVICE_SYS_ABILITY_ID = 401;\nconst TIMEOUT = 7700201;\n"
           "f(ERROR_CODE401, BUNDLE_MGR_SERVICE_SYS_ABILITY_ID, TIMEOUT);")
    got = [(n.name, n.value, n.range.start.line) for n in scan_names(src, "ets", catalog)]
    assert got == [("ERROR_CODE401", 401, 0), ("TIMEOUT", 7700201, 2), ("ERROR_CODE401", 401, 3), ("TIMEOUT", 7700201, 3)]


def test_scan_names_arkts_const(catalog):
    src = "const PARA_ERROR_CODE = 7700204;\nif (e.code == PARA_ERROR_CODE) {}\nlet w = WIDTH;"
    got = [(n.name, n.value, n.range.start.line, n.defined_here) for n in scan_names(src, "ets", catalog)]
    assert got == [("PARA_ERROR_CODE", 7700204, 0, True), ("PARA_ERROR_CODE", 7700204, 1, False)]


@pytest.mark.parametrize("text, expected", [
    ("import image from '@ohos.multimedia.image';", "apis-image-kit"),
    ("import { image } from '@kit.ImageKit';", "apis-image-kit"),
    ('#include "image_source_native.h"', "apis-image-kit"),
    ("#include <multimedia/image_framework/image/pixelmap_native.h>", "apis-image-kit"),
    ("import http from '@ohos.net.http';", None),
    ("// the image_source.h header", None),
    ("", None),
])
def test_kit_hint(text, expected, catalog):
    from ohos_errcode.catalog.scan.names import resolve_kit_hint

    assert resolve_kit_hint(kit_hint(text), catalog) == expected


# ---------------------------------------------------------------- incremental
def test_incremental_edit_updates_literals_and_positions():
    doc = IncrementalScanner("a\nif (err.code === 401) {}\nlet s = '7700201';", "ets")
    doc.apply_edit(Range(Position(0, 0), Position(0, 1)), "x\n\n")  # two lines inserted above
    assert [(l.text, l.range.start.line, l.error_context) for l in doc.literals] == [("401", 3, True), ("7700201", 4, False)]
    doc.apply_edit(Range.of(3, 4, 4), "/* ")  # opens a block comment up to the end
    assert [l.context for l in doc.literals] == ["comment", "comment"]
    doc.apply_edit(Range.of(3, 4, 7), "")
    assert [l.context for l in doc.literals] == ["code", "string"]
    assert doc.text == "x\n\n\nif (err.code === 401) {}\nlet s = '7700201';"


def test_out_of_range_edit_positions_are_clamped():
    doc = IncrementalScanner("let a = 1;", "ets")
    doc.apply_edit(Range(Position(5, 99), Position(9, 0)), "\nlet b = 401;")
    assert doc.text == "let a = 1;\nlet b = 401;"
    doc.apply_edit(Range(Position(-3, -1), Position(0, 4)), None)  # type: ignore[arg-type]
    assert doc.text == "a = 1;\nlet b = 401;"
    doc.apply_edit(Range(Position(1, 8), Position(0, 4)), "")  # reversed range
    assert doc.text == "a = 401;"
    doc.apply_edit(None, "x = 7700201;")  # whole document
    assert [l.value for l in doc.literals] == [7700201]


def test_bad_input_never_raises():
    assert scan(None, "ets") == []  # type: ignore[arg-type]
    assert scan("let a = 401;", "klingon")[0].value == 401  # unknown language ids scan as ArkTS
    assert scan("\x00\x01\ufffd 401 \udcff", "c")[0].value == 401
    long_line = "x = [" + ", ".join(["401"] * 10_000) + "];"
    assert scan(long_line, "ets") == []  # lines beyond 20,000 characters report nothing
    assert scan("9" * 500, "ets") == []


# one example per row of the error-context table (`scan.rules.RULES`): the reason and the verdict
RULE_EXAMPLES = [
    ("ets", "if (401 === err.code) {}", "compare", True),
    ("ets", "if (err.code === 401) {}", "compare", True),
    ("ets", "if (res.status === 401) {}", "compare", False),
    ("ets", "if (code == 401) {}", "compare-weak", True),
    ("ets", "if (err.code = 401) {}", "assign-in-condition", True),
    ("ets", "const ERR_NO_PERMISSION = 401;", "definition", True),
    ("ets", "const HTTP_STATUS = 401;", "definition", False),
    ("ets", "if ([401, 801].includes(err.code)) {}", "membership", True),
    ("ets", "const ERROR_MESSAGES = new Map([[401, 'bad']]);", "table", True),
    ("ets", "expect(err.code).assertEqual(401);", "expect", True),
    ("ets", "expect(\n  401).assertEqual(err.code);", "expect", True),
    ("cpp", "EXPECT_EQ(OH_ImageSource_Create(src), 401);", "gtest", True),
    ("cpp", "EXPECT_EQ(401, OH_ImageSource_Create(src));", "gtest", True),
    ("cpp", "EXPECT_EQ(width, 401);", "gtest", False),
    ("ets", "throw new BusinessError(401, 'bad');", "throw", True),
    ("ets", "if (err.message.includes(401)) {}", "includes", True),
    ("ets", "reject({ errCode: 401 });", "code-key", True),
    ("ets", "switch (err.code) {\n  case 401:\n}", "case", True),
    ("cpp", "Image_ErrorCode Decode(int x) {\n  return 401;\n}", "return", True),
    ("cpp", "#define ERR_BAD_PARAM 401", "definition", True),
    ("ets", "/** @throws { BusinessError } 401 */", "throws", True),
    ("cpp", "{ 401, ErrCode::ERR_INVALID_ARGS },", "pair", True),
    ("cpp", "{E_NOT_SUPPORTED, 401},", "pair", True),
    ("cpp", "{7400401, 401},", "pair", True),
    ("cpp", '{401, "Parameter error"},', "pair-weak", True),
    ("cpp", "{401, HttpStatus::UNAUTHORIZED},", "", False),
    ("cpp", 'libnMock->VerifyAndClearErr(401, "bad");', "error-call", True),
    ("cpp", "SetResponseError(401);", "error-call", False),
    ("ets", "if (result == 401) {}", "compare-weak", True),
    ("cpp", "EXPECT_EQ((int32_t)(*(data + 2)), 401);", "gtest", False),
    ("ets", "expect(401).assertEqual(http.ResponseCode.CLIENT_TIMEOUT);", "expect", False),
]


@pytest.mark.parametrize("lang,text,reason,verdict", RULE_EXAMPLES, ids=[f"{r}-{i}" for i, (_, _, r, _) in enumerate(RULE_EXAMPLES)])
def test_each_error_context_rule(lang, text, reason, verdict):
    lit = next(l for l in scan(text, lang) if l.value == 401)
    assert (lit.reason, lit.error_context) == (reason, verdict)


def test_every_rule_of_the_table_has_an_example():
    from ohos_errcode.catalog.scan.rules import RULES

    reasons = {r.reason for r in RULES if r.reason} | {"compare-weak", "pair-weak", "throws", ""}
    assert reasons == {reason for _, _, reason, _ in RULE_EXAMPLES}


@pytest.mark.parametrize(
    "text, lines, ends",
    [
        ("", [""], [""]),
        ("a\nb\n", ["a", "b", ""], ["\n", "\n", ""]),
        ("a\r\nb\rc\n\rd", ["a", "b", "c", "", "d"], ["\r\n", "\r", "\n", "\r", ""]),
        # the other breaks str.splitlines knows are not line ends (LSP: \n, \r\n, \r only)
        ("x\u2028y\x0bz\x85\nq", ["x\u2028y\x0bz\x85", "q"], ["\n", ""]),
        ("\r", ["", ""], ["\r", ""]),
        # `\r\n` throughout (split by str.split), and next to a lone `\r` or `\n` (by the regex)
        ("a\r\nb\r\n\r\nc\x85\r\n", ["a", "b", "", "c\x85", ""], ["\r\n", "\r\n", "\r\n", "\r\n", ""]),
        ("a\r\nb\nc\r\n", ["a", "b", "c", ""], ["\r\n", "\n", "\r\n", ""]),
        ("a\r\nb\rc\r\n", ["a", "b", "c", ""], ["\r\n", "\r", "\r\n", ""]),
        ("\n\r", ["", "", ""], ["\n", "\r", ""]),
    ],
)
def test_split_lines_cuts_at_lsp_line_ends_only(text, lines, ends):
    from ohos_errcode.catalog.scan import split_lines

    assert split_lines(text) == (lines, ends)

"""End to end: what a call can throw, in the real server (hover on a call, hover on a code inside
a catch, completion inside a catch, the code-not-thrown-here diagnostic)."""

from __future__ import annotations

import pytest
from lsprotocol import types as T

from lsp_helpers import at, col, open_doc, span

pytestmark = pytest.mark.asyncio(loop_scope="module")

LINES = [
    "import { image } from '@kit.ImageKit';",                               # 0
    "import { BusinessError } from '@kit.BasicServicesKit';",               # 1
    "",                                                                     # 2
    "async function decode(fd: number, surfaceId: string) {",               # 3
    "  let src: image.ImageSource = image.createImageSource(fd);",          # 4
    "  try {",                                                              # 5
    "    let pm = await image.createPixelMapFromSurface(surfaceId);",       # 6
    "    let pic = await src.createPicture();  // 图片 😀",                  # 7
    "  } catch (e) {",                                                      # 8
    "    let err = e as BusinessError;",                                    # 9
    "    if (err.code === 7700301) {",                                      # 10
    "      console.error('decode failed');",                                # 11
    "    } else if (err.code === 62980096) {",                              # 12
    "    }",                                                                # 13
    "    if (err.code === ",                                                # 14
    "  }",                                                                  # 15
    "}",                                                                    # 16
]
TEXT = "\n".join(LINES)
URL = "https://gitee.com/openharmony/docs/blob/master/en/application-dev/reference"

HOVER_CREATE_PICTURE = (
    "**image.ImageSource.createPicture** (@ohos.multimedia.image, API 13) can throw:\n\n"
    f"- [`401`]({URL}/errorcode-universal.md#401-parameter-check-failed) Parameter Check Failed\n"
    f"- [`7700203`]({URL}/apis-image-kit/errorcode-image.md#7700203-unsupported-options) Unsupported Options\n"
    f"- [`7700301`]({URL}/apis-image-kit/errorcode-image.md#7700301-decoding-failure) Decoding Failure")


def doc(uri: str) -> T.TextDocumentIdentifier:
    return T.TextDocumentIdentifier(uri=uri)


async def test_hover_on_a_call_lists_its_codes_with_titles(client):
    uri = "file:///project/ApiHover.ets"
    await open_doc(client, uri, TEXT)
    enc = client.encoding
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(7, LINES[7], "createPicture", enc, 3)))
    assert h is not None and h.contents.kind == T.MarkupKind.Markdown
    assert h.contents.value == HOVER_CREATE_PICTURE
    assert h.range == span(7, LINES[7], "createPicture", enc)


async def test_hover_on_a_code_in_a_catch_names_the_calls_that_throw_it(client):
    uri = "file:///project/ApiHoverCatch.ets"
    await open_doc(client, uri, TEXT)
    enc = client.encoding
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(10, LINES[10], "7700301", enc)))
    assert h.contents.value.startswith("### **7700301** Decoding Failure · Image Kit")
    assert h.contents.value.endswith("\n\nIn this catch: thrown by `createPicture`.")
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(12, LINES[12], "62980096", enc)))
    assert h.contents.value.endswith("\n\nIn this catch: not thrown by `createPixelMapFromSurface`, `createPicture`.")


async def test_completion_in_a_catch_offers_the_try_blocks_codes_first(client):
    uri = "file:///project/ApiCompletion.ets"
    await open_doc(client, uri, TEXT)
    res = await client.text_document_completion_async(T.CompletionParams(
        doc(uri), T.Position(line=14, character=col(LINES[14], client.encoding))))
    labels = [i.label for i in res.items]
    assert labels[:6] == ["7700203", "7700301", "62980105", "62980115", "62980178", "401"]  # kit first, as elsewhere
    assert len(labels) > 100  # then the rest, as everywhere
    first = {i.label: i.label_details.description for i in res.items[:6]}
    assert first["401"] == "createPixelMapFromSurface, createPicture · Parameter Check Failed"
    assert first["7700301"] == "createPicture · Decoding Failure"
    assert first["62980178"] == "createPixelMapFromSurface · Failure in Creating a PixelMap"
    assert res.items[6].label_details.description == res.items[6].detail.rsplit(" (", 1)[0]


async def test_code_not_thrown_here_is_a_hint_diagnostic(client):
    uri = "file:///project/ApiDiagnostic.ets"
    diags = await open_doc(client, uri, TEXT)
    got = [d for d in diags if d.code == "code-not-thrown-here"]
    assert [(d.range, d.severity, d.message, d.code_description.href) for d in got] == [(
        span(12, LINES[12], "62980096", client.encoding), T.DiagnosticSeverity.Hint,
        "62980096 is not thrown by createPixelMapFromSurface or createPicture; they can throw 401, 7700203, "
        "7700301, 62980105, 62980115, 62980178", "https://gitee.com/openharmony/interface_sdk-js")]



C_LINES = [
    "#include <multimedia/image_framework/image/image_source_native.h>",                   # 0
    "",                                                                                    # 1
    "int Decode(OH_ImageSourceNative *source, OH_DecodingOptions *opts)",                  # 2
    "{",                                                                                   # 3
    "    OH_PixelmapNative *pixelmap = nullptr;  // 图片 😀",                               # 4
    "    Image_ErrorCode ret = OH_ImageSourceNative_CreatePixelmap(source, opts, &pixelmap);",  # 5
    "    if (ret == IMAGE_BAD_PARAMETER) {",                                               # 6
    "        return -1;",                                                                  # 7
    "    } else if (ret == IMAGE_DECODE_FAILED) {",                                        # 8
    "        return -2;",                                                                  # 9
    "    }",                                                                               # 10
    "    if (OH_ImageSourceNative_CreatePixelmap(source, opts, &pixelmap) == 7600301) {}",  # 11
    "    if (ret == ",                                                                     # 12
    "    return 0;",                                                                       # 13
    "}",                                                                                   # 14
]
C_TEXT = "\n".join(C_LINES)
C_CAN_RETURN = "it can return IMAGE_BAD_PARAMETER (401), IMAGE_SOURCE_UNSUPPORTED_OPTIONS (7700203)"
C_REFERENCE = f"{URL}/apis-image-kit/capi-image-source-native-h.md#oh_imagesourcenative_createpixelmap"


async def test_hover_on_a_c_call_lists_its_return_codes(client):
    uri = "file:///project/c_hover.cpp"
    await open_doc(client, uri, C_TEXT, "cpp")
    enc = client.encoding
    h = await client.text_document_hover_async(T.HoverParams(
        doc(uri), at(5, C_LINES[5], "OH_ImageSourceNative_CreatePixelmap", enc, 5)))
    assert h.contents.value == (
        "**OH_ImageSourceNative_CreatePixelmap** (image_source_native.h, API 12) can return:\n\n"
        f"- [`401`]({URL}/errorcode-universal.md#401-parameter-check-failed) IMAGE_BAD_PARAMETER: Parameter Check Failed\n"
        f"- [`7700203`]({URL}/apis-image-kit/errorcode-image.md#7700203-unsupported-options) "
        "IMAGE_SOURCE_UNSUPPORTED_OPTIONS: Unsupported Options")
    assert h.range == span(5, C_LINES[5], "OH_ImageSourceNative_CreatePixelmap", enc)


async def test_hover_on_a_code_compared_with_a_c_calls_result_names_the_call(client):
    uri = "file:///project/c_hover_code.cpp"
    await open_doc(client, uri, C_TEXT, "cpp")
    enc = client.encoding
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(6, C_LINES[6], "IMAGE_BAD_PARAMETER", enc, 2)))
    assert h.range == span(6, C_LINES[6], "IMAGE_BAD_PARAMETER", enc)
    assert h.contents.value.endswith("\n\nReturned here by `OH_ImageSourceNative_CreatePixelmap`.")
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(8, C_LINES[8], "IMAGE_DECODE_FAILED", enc)))
    assert h.contents.value.endswith("\n\nNot returned by `OH_ImageSourceNative_CreatePixelmap` "
                                     "(not among the codes its `@return` documents).")
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(11, C_LINES[11], "7600301", enc)))
    assert h.contents.value.startswith("### **7600301** Memory Allocation Failure · Image Kit")
    assert h.contents.value.endswith("\n\nNot returned by `OH_ImageSourceNative_CreatePixelmap` "
                                     "(not among the codes its `@return` documents).")


async def test_code_not_thrown_here_in_c_is_a_hint_on_the_compared_code(client):
    uri = "file:///project/c_diagnostic.cpp"
    diags = await open_doc(client, uri, C_TEXT, "cpp")
    got = [(d.range, d.severity, d.message, d.code_description.href) for d in diags if d.code == "code-not-thrown-here"]
    enc = client.encoding
    assert got == [
        (span(8, C_LINES[8], "IMAGE_DECODE_FAILED", enc), T.DiagnosticSeverity.Hint,
         "IMAGE_DECODE_FAILED (7700301) is not returned by OH_ImageSourceNative_CreatePixelmap; " + C_CAN_RETURN,
         C_REFERENCE),
        (span(11, C_LINES[11], "7600301", enc), T.DiagnosticSeverity.Hint,
         "7600301 is not returned by OH_ImageSourceNative_CreatePixelmap; " + C_CAN_RETURN, C_REFERENCE),
    ]


async def test_completion_after_a_c_calls_result_offers_its_codes_first(client):
    uri = "file:///project/c_completion.cpp"
    await open_doc(client, uri, C_TEXT, "cpp")
    res = await client.text_document_completion_async(T.CompletionParams(
        doc(uri), T.Position(line=12, character=col(C_LINES[12], client.encoding))))
    labels = [i.label for i in res.items]
    # the kit's code first, as elsewhere; inserted as the names the call's @return documents
    assert labels[:2] == ["IMAGE_SOURCE_UNSUPPORTED_OPTIONS", "IMAGE_BAD_PARAMETER"]
    assert len(labels) > 100
    first = {i.label: (i.label_details.detail, i.label_details.description, i.text_edit.new_text) for i in res.items[:2]}
    assert first == {
        "IMAGE_BAD_PARAMETER": (" = 401", "OH_ImageSourceNative_CreatePixelmap · Parameter Check Failed", "IMAGE_BAD_PARAMETER"),
        "IMAGE_SOURCE_UNSUPPORTED_OPTIONS": (" = 7700203", "OH_ImageSourceNative_CreatePixelmap · Unsupported Options",
                                             "IMAGE_SOURCE_UNSUPPORTED_OPTIONS")}

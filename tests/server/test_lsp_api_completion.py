"""End to end: completion where a code is compared, with the codes of the call it comes from first.
C/C++: any variable assigned from a resolved `OH_*` call (its header's `@return` codes: the
bundled Image Kit facts, from the shared SDK headers), and nothing after a variable that holds no
call's code; ArkTS: the forms a catch compares its error in."""

from __future__ import annotations

import pytest
from lsprotocol import types as T

from lsp_helpers import at, open_doc

pytestmark = pytest.mark.asyncio(loop_scope="module")

CREATE = "OH_ImageSourceNative_CreatePixelmap"
RELEASE = "OH_ImageSourceNative_Release"

C_LINES = [
    "#include <multimedia/image_framework/image/image_source_native.h>",                  # 0
    "",                                                                                   # 1
    "int Decode(OH_ImageSourceNative *source, OH_DecodingOptions *opts, OH_PixelmapNative **pm)",  # 2
    "{",                                                                                  # 3
    "    Image_ErrorCode rc = OH_ImageSourceNative_CreatePixelmap(source, opts, pm);  // 图片 😀",  # 4
    "    if (rc != IMAGE_SUCCESS) {",                                                     # 5
    "        switch (rc) {",                                                              # 6
    "            case IMAGE_BAD_PARAMETER:",                                              # 7
    "                break;",                                                             # 8
    "        }",                                                                          # 9
    "    }",                                                                              # 10
    "    EXPECT_EQ(rc, IMAGE_SUCCESS);",                                                  # 11
    "    Image_ErrorCode errCode = OH_ImageSourceNative_Release(source);",                # 12
    "    if (errCode == 40 || width == 7) {}",                                             # 13
    "    int other = Compute();",                                                         # 14
    "    if (other == 5) {}",                                                             # 15
    "    switch (other) { case 1: break; }",                                              # 16
    "    if (status == 5) {}",                                                            # 17
    "    switch (OH_ImageSourceNative_Release(source)) {",                                # 18
    "        case IMAGE_BAD_PARAMETER: break;",                                           # 19
    "    }",                                                                              # 20
    "    const char *s = \"rc == \";",                                                    # 21
    "    return errCode;",                                                                # 22
    "}",                                                                                  # 23
]
C_TEXT = "\n".join(C_LINES)
CREATE_FIRST = [("IMAGE_SOURCE_UNSUPPORTED_OPTIONS", f"{CREATE} · Unsupported Options"),
                ("IMAGE_BAD_PARAMETER", f"{CREATE} · Parameter Check Failed")]


def doc(uri: str) -> T.TextDocumentIdentifier:
    return T.TextDocumentIdentifier(uri=uri)


async def complete(client, uri, lines, line, after):
    """Completion with the cursor just after `after` on the line."""
    return await client.text_document_completion_async(T.CompletionParams(
        doc(uri), at(line, lines[line], after, client.encoding, len(after))))


def first(res, n):
    return [(i.label, i.label_details.description) for i in res.items[:n]]


def labelled(res):
    return [i.label for i in res.items if " · " in (i.label_details.description or "")]


async def open_c(client, name):
    uri = f"file:///project/{name}.cpp"
    await open_doc(client, uri, C_TEXT, "cpp")
    return uri


async def test_any_variable_holding_a_c_calls_code_is_a_completion_context(client):
    c_uri = await open_c(client, "any_variable_holding")
    for line, after in ((5, "rc != "), (7, "case "), (11, "EXPECT_EQ(rc, ")):
        res = await complete(client, c_uri, C_LINES, line, after)
        assert first(res, 3)[:2] == CREATE_FIRST, (line, after)
        assert labelled(res) == ["IMAGE_SOURCE_UNSUPPORTED_OPTIONS", "IMAGE_BAD_PARAMETER"]  # then the rest, unlabelled
        assert len(res.items) > 100
        assert all(i.label.isdigit() for i in res.items[2:])  # codes the call does not return: numbers
    res = await complete(client, c_uri, C_LINES, 13, "errCode == 40")
    assert first(res, 1) == [("IMAGE_BAD_PARAMETER", f"{RELEASE} · Parameter Check Failed")]
    top = res.items[0]
    assert (top.label_details.detail, top.kind, top.filter_text) == (
        " = 401", T.CompletionItemKind.EnumMember, "401 IMAGE_BAD_PARAMETER")  # the "40" typed still matches
    assert top.text_edit.new_text == "IMAGE_BAD_PARAMETER" and top.text_edit.range.end.character - \
        top.text_edit.range.start.character == 2  # replaces the "40" typed
    assert all(i.label.startswith("40") for i in res.items[1:]) and "401" not in [i.label for i in res.items]


async def test_a_switch_on_the_call_itself_offers_its_codes_at_case(client):
    c_uri = await open_c(client, "a_switch_on_the_call")
    res = await complete(client, c_uri, C_LINES, 19, "case ")
    assert first(res, 1) == [("IMAGE_BAD_PARAMETER", f"{RELEASE} · Parameter Check Failed")]
    assert labelled(res) == ["IMAGE_BAD_PARAMETER"]


async def test_no_completion_after_a_variable_that_holds_no_calls_code(client):
    c_uri = await open_c(client, "no_completion_after_")
    assert await complete(client, c_uri, C_LINES, 13, "width == ") is None  # inside errCode's region
    assert await complete(client, c_uri, C_LINES, 15, "other == ") is None
    assert await complete(client, c_uri, C_LINES, 21, '"rc == ') is None  # in a string


async def test_generic_names_and_case_stay_contexts_without_the_calls_codes(client):
    c_uri = await open_c(client, "generic_names_and_ca")
    res = await complete(client, c_uri, C_LINES, 17, "status == ")  # a name every language completes after
    assert len(res.items) > 100 and labelled(res) == []
    res = await complete(client, c_uri, C_LINES, 16, "case ")  # a switch on another variable
    assert len(res.items) > 100 and labelled(res) == []


TS_LINES = [
    "import { image } from '@kit.ImageKit';",                         # 0
    "import { BusinessError } from '@kit.BasicServicesKit';",         # 1
    "",                                                               # 2
    "async function decode(src: image.ImageSource) {",                # 3
    "  try {",                                                        # 4
    "    let pic = await src.createPicture();",                       # 5
    "  } catch (e) {",                                                # 6
    "    if ((e as BusinessError).code === 401) {}",                  # 7
    "    if (e.code == 401) {}",                                      # 8
    "    switch ((e as BusinessError).code) {",                       # 9
    "      case 401: break;",                                         # 10
    "    }",                                                          # 11
    "  }",                                                            # 12
    "}",                                                              # 13
]
PICTURE_FIRST = [("7700203", "createPicture · Unsupported Options"), ("7700301", "createPicture · Decoding Failure"),
                 ("401", "createPicture · Parameter Check Failed")]


async def test_arkts_catch_forms_offer_the_try_blocks_codes_first(client):
    uri = "file:///project/TsForms.ets"
    await open_doc(client, uri, "\n".join(TS_LINES))
    for line, after in ((7, ").code === "), (8, "e.code == "), (10, "case ")):
        res = await complete(client, uri, TS_LINES, line, after)
        assert first(res, 3) == PICTURE_FIRST, (line, after)
        assert labelled(res) == ["7700203", "7700301", "401"]


async def test_resolve_of_an_item_the_server_did_not_make_returns_it_unchanged(client):
    item = T.CompletionItem(label="x", data={"code": "401"})
    assert await client.completion_item_resolve_async(item) == item
    item = T.CompletionItem(label="9", data=[9, None])  # no such code
    assert (await client.completion_item_resolve_async(item)).documentation is None

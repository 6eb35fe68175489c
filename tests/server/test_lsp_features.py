"""End to end: the real server process, driven like VS Code (UTF-16) and Neovim 0.11 (UTF-8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as T
from pygls.uris import to_fs_path

from lsp_helpers import at, col, diagnostics_of, open_doc, span

pytestmark = pytest.mark.asyncio(loop_scope="module")

ETS = [
    "import image from '@ohos.multimedia.image';",                    # 0
    "import { BusinessError } from '@kit.BasicServicesKit';",         # 1
    "",                                                               # 2
    "function onDecodeError(err: BusinessError): void {",             # 3
    "  // 😀 解码失败: 7700201 means the allocator type is wrong",      # 4  comment
    "  /* 🚀 中文 */ if (err.code === 62980999) {",                     # 5  unknown code, typo
    "    console.error('图片 62980099');",                              # 6  string
    "  } else if (err.code === 7700201) {",                           # 7  known code
    "    const width: number = 360;",                                 # 8  not a code
    "  }",                                                            # 9
    "  if (err.code = 801) {",                                        # 10 assignment
    "  }",                                                            # 11
    "}",                                                              # 12
    "",
]
ETS_TEXT = "\n".join(ETS)

HOVER_7700201 = """\
### **7700201** Unsupported Memory Allocation Type · Image Kit · API 15

**Error message**: Unsupported allocator type, e.g., use share memory to decode a HDR image as only DMA supported hdr metadata.

**Possible causes**

- No memory allocation type is specified, or an incorrect memory allocation type is specified. For example, an error occurs when an HDR image is decoded in shared memory mode, because only the DMA mode supports HDR metadata.

**Solution**

- Use a correct memory allocation type.

Names: `IMAGE_SOURCE_UNSUPPORTED_ALLOCATOR_TYPE`

[Documentation](https://gitee.com/openharmony/docs/blob/master/en/application-dev/reference/apis-image-kit/errorcode-image.md#7700201-unsupported-memory-allocation-type)"""

UNKNOWN_MESSAGE = "Unknown error code 62980999 — did you mean 62980099 (Data Error in the Shared Memory)?"
BUNDLED_PAGE = Path(__file__).resolve().parents[2] / "catalog" / "data" / "errorcode-image.md"


def doc(uri: str) -> T.TextDocumentIdentifier:
    return T.TextDocumentIdentifier(uri=uri)


async def test_initialize_negotiates_encoding_and_capabilities(client):
    expected = {"visual-studio-code": "utf-16", "neovim@v0.11.0": "utf-8"}[client.kind]
    assert client.encoding == expected


async def test_hover_on_literal_in_comment_after_emoji_and_cjk(client):
    uri = "file:///project/entry/src/main/ets/pages/Hover.ets"
    await open_doc(client, uri, ETS_TEXT)
    enc = client.encoding
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(4, ETS[4], "7700201", enc, 3)))
    assert h is not None
    assert h.contents.kind == T.MarkupKind.Markdown
    assert h.contents.value == HOVER_7700201
    assert h.range == span(4, ETS[4], "7700201", enc)
    if enc == "utf-16":  # the numbers, spelled out: 2 spaces, //, space, emoji (2 units), space, 4 CJK, ": "
        assert (h.range.start.character, h.range.end.character) == (14, 21)
    else:  # UTF-8: the emoji is 4 bytes, each CJK character 3
        assert (h.range.start.character, h.range.end.character) == (24, 31)


async def test_hover_in_string_and_in_code(client):
    uri = "file:///project/HoverMore.ets"
    await open_doc(client, uri, ETS_TEXT)
    enc = client.encoding
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(6, ETS[6], "62980099", enc)))
    assert h is not None and h.contents.value.startswith(
        "### **62980099** Data Error in the Shared Memory · Image Kit · API 10\n\n")
    assert h.range == span(6, ETS[6], "62980099", enc)
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(7, ETS[7], "7700201", enc, 6)))
    assert h is not None and h.contents.value == HOVER_7700201
    assert h.range == span(7, ETS[7], "7700201", enc)


async def test_hover_on_unknown_code_offers_the_near_miss(client):
    uri = "file:///project/HoverUnknown.ets"
    await open_doc(client, uri, ETS_TEXT)
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(5, ETS[5], "62980999", client.encoding)))
    assert h is not None and h.contents.value == UNKNOWN_MESSAGE


async def test_hover_is_null_elsewhere(client):
    uri = "file:///project/HoverNull.ets"
    await open_doc(client, uri, ETS_TEXT)
    enc = client.encoding
    for pos in [
        at(8, ETS[8], "360", enc),  # a dimension, not a code
        at(3, ETS[3], "function", enc),  # a keyword
        T.Position(line=2, character=0),  # an empty line
        T.Position(line=7, character=500),  # past the end of a line
        T.Position(line=5000, character=3),  # past the end of the document
    ]:
        assert await client.text_document_hover_async(T.HoverParams(doc(uri), pos)) is None, pos
    # a document that was never opened
    assert await client.text_document_hover_async(
        T.HoverParams(doc("file:///nowhere/Closed.ets"), T.Position(line=0, character=0))) is None


C_LINES = [
    '#include "multimedia/image_framework/image/image_common.h"',   # 0
    "",                                                             # 1
    "static const int32_t ERR_DATA = IMAGE_RESULT_BASE + 5;",       # 2
    "Image_ErrorCode Decode(void) {",                               # 3
    "    int32_t ret = Load();",                                    # 4
    "    if (ret == 7600301) { /* 内存 😀 */ return IMAGE_ALLOC_FAILED; }",  # 5
    "    if (ret = 401) { return ret; }",                           # 6
    "    return IMAGE_SUCCESS;",                                    # 7
    "    if (ret == ERR_DATA) { return ret; }",                     # 8  a name this file defines
    "}",
    "",
]
C_TEXT = "\n".join(C_LINES)


async def test_hover_on_symbolic_expression_and_name(client):
    uri = "file:///project/entry/src/main/cpp/decode.cpp"
    await open_doc(client, uri, C_TEXT, "cpp")
    enc = client.encoding
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(2, C_LINES[2], "IMAGE_RESULT_BASE", enc, 2)))
    assert h is not None
    assert h.contents.value.startswith(
        "`IMAGE_RESULT_BASE + 5` = 62980101\n\n### **62980101** Incorrect Input Image Data · Image Kit · API 10\n\n"
    )
    assert h.range == span(2, C_LINES[2], "IMAGE_RESULT_BASE + 5", enc)
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(5, C_LINES[5], "IMAGE_ALLOC_FAILED", enc)))
    assert h is not None
    assert h.contents.value.startswith("`IMAGE_ALLOC_FAILED` = 7600301\n\n### **7600301** Memory Allocation Failure")
    assert h.range == span(5, C_LINES[5], "IMAGE_ALLOC_FAILED", enc)
    h = await client.text_document_hover_async(T.HoverParams(doc(uri), at(8, C_LINES[8], "ERR_DATA", enc, 4)))
    assert h is not None
    assert h.contents.value.startswith("`ERR_DATA` = 62980101\n\n### **62980101** Incorrect Input Image Data")
    assert h.range == span(8, C_LINES[8], "ERR_DATA", enc)


async def test_diagnostics(client):
    uri = "file:///project/Diagnostics.ets"
    diags = await open_doc(client, uri, ETS_TEXT)
    enc = client.encoding
    by_rule = {}
    for d in diags:
        by_rule.setdefault(d.code, []).append(d)
        assert d.source == "errcode"
    unknown = by_rule["unknown-error-code"]
    assert [d.message for d in unknown] == [UNKNOWN_MESSAGE]
    assert unknown[0].range == span(5, ETS[5], "62980999", enc)
    assert unknown[0].severity == T.DiagnosticSeverity.Warning
    assert unknown[0].data["fixes"] == [{
        "title": "Replace with 62980099 (Data Error in the Shared Memory)",
        "range": _json(span(5, ETS[5], "62980999", enc)),
        "newText": "62980099",
        "preferred": True,
    }]
    known = by_rule["known-error-code"]
    ranges = [d.range for d in known]
    assert span(7, ETS[7], "7700201", enc) in ranges
    k = next(d for d in known if d.range == span(7, ETS[7], "7700201", enc))
    assert k.severity == T.DiagnosticSeverity.Information
    assert "Unsupported Memory Allocation Type" in k.message
    assert k.code_description.href.endswith("errorcode-image.md#7700201-unsupported-memory-allocation-type")
    assert k.data == {"code": 7700201}  # no fixes: no `fixes` key (the rule id is `code` already)
    assign = by_rule["assignment-in-condition"]
    assert [d.range for d in assign] == [span(10, ETS[10], "err.code = 801", enc)]
    assert assign[0].severity == T.DiagnosticSeverity.Warning
    assert assign[0].message == "Assignment in a condition: did you mean `===`?"
    assert assign[0].data["fixes"] == [{"title": "Replace `=` with `===`", "range": _json(_assign_range(enc)),
                                        "newText": "===", "preferred": True}]
    # comments and strings carry no diagnostics
    assert not [d for d in diags if d.range.start.line in (4, 6)]


def _assign_range(enc: str) -> T.Range:
    line = ETS[10]
    i = line.index("code = ") + len("code ")
    return T.Range(start=T.Position(line=10, character=col(line[:i], enc)),
                   end=T.Position(line=10, character=col(line[: i + 1], enc)))


def _json(r: T.Range) -> dict:
    return {"start": {"line": r.start.line, "character": r.start.character},
            "end": {"line": r.end.line, "character": r.end.character}}


def _actions(actions) -> list[T.CodeAction]:
    return [a for a in actions or [] if isinstance(a, T.CodeAction)]


def _show_commands(actions) -> list[tuple[str, str, list]]:
    """(title, command, arguments) of command-only actions.  lsprotocol (the test client) reads any code
    action with a "command" key as a Command (its Command | CodeAction hook), so the command object
    arrives as the repr of a dict in Command.command; editors check its type and are not affected."""
    import ast

    out = []
    for a in actions or []:
        cmd = a.command
        if isinstance(cmd, str) and cmd.startswith("{"):
            cmd = ast.literal_eval(cmd)
        if isinstance(cmd, dict):
            out.append((a.title, cmd["command"], cmd.get("arguments")))
        elif isinstance(cmd, T.Command):
            out.append((a.title, cmd.command, cmd.arguments))
    return out


def _edits(action: T.CodeAction, uri: str) -> list[tuple[T.Range, str]]:
    return [(e.range, e.new_text) for e in action.edit.changes[uri]]


async def test_quick_fixes_arkts(client):
    uri = "file:///project/Fixes.ets"
    await open_doc(client, uri, ETS_TEXT)
    enc = client.encoding
    typo = span(5, ETS[5], "62980999", enc)
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        doc(uri), typo, T.CodeActionContext(diagnostics=[])))
    fixes = [a for a in _actions(actions) if a.edit]
    assert [(a.title, a.kind, a.is_preferred) for a in fixes] == [
        ("Replace with 62980099 (Data Error in the Shared Memory)", "quickfix", True)]
    assert _edits(fixes[0], uri) == [(typo, "62980099")]
    rng = _assign_range(enc)
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        doc(uri), rng, T.CodeActionContext(diagnostics=[])))
    fixes = [a for a in _actions(actions) if a.edit]
    assert len(fixes) == 1 and fixes[0].is_preferred
    assert _edits(fixes[0], uri) == [(rng, "===")]


async def test_quick_fixes_c_and_show_explanation(client):
    uri = "file:///project/cpp/fixes.cpp"
    await open_doc(client, uri, C_TEXT, "cpp")
    enc = client.encoding
    lit = span(5, C_LINES[5], "7600301", enc)
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        doc(uri), lit, T.CodeActionContext(diagnostics=[])))
    named = [a for a in _actions(actions) if a.title == "Replace with IMAGE_ALLOC_FAILED"]
    assert len(named) == 1 and not named[0].is_preferred
    assert _edits(named[0], uri) == [(lit, "IMAGE_ALLOC_FAILED")]
    show = _show_commands(actions)
    assert [(title, cmd) for title, cmd, _ in show] == [("Show explanation of 7600301", "errcode.explain")]
    result = await client.workspace_execute_command_async(T.ExecuteCommandParams(
        command=show[0][1], arguments=show[0][2]))
    assert result["found"] is True
    assert result["markdown"].startswith("### **7600301** Memory Allocation Failure")
    assert client.messages[-1].message.startswith("7600301 Memory Allocation Failure\n[Image Kit]")
    line = C_LINES[6]
    i = line.index("ret = ") + 4
    rng = T.Range(start=T.Position(line=6, character=i), end=T.Position(line=6, character=i + 1))
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        doc(uri), rng, T.CodeActionContext(diagnostics=[])))
    assert [_edits(a, uri) for a in _actions(actions) if a.edit] == [[(rng, "==")]]


async def test_explain_and_search_commands(client):
    r = await client.workspace_execute_command_async(T.ExecuteCommandParams(command="errcode.explain",
                                                                            arguments=["IMAGE_RESULT_BASE + 5"]))
    assert r["answers"][0]["code"] == 62980101
    assert r["answers"][0]["entries"][0]["title"] == "Incorrect Input Image Data"
    r = await client.workspace_execute_command_async(T.ExecuteCommandParams(command="errcode.search",
                                                                            arguments=["shared memory"]))
    # the ranking is the core's; both shared-memory codes lead
    assert sorted(map(tuple, (d.items() for d in r[:2]))) == sorted(map(tuple, (d.items() for d in [
        {"code": 62980098, "kit": "apis-image-kit", "kitName": "Image Kit", "title": "Shared Memory Error"},
        {"code": 62980099, "kit": "apis-image-kit", "kitName": "Image Kit", "title": "Data Error in the Shared Memory"},
    ])))
    r = await client.workspace_execute_command_async(T.ExecuteCommandParams(command="errcode.explain",
                                                                            arguments=["shared memory"]))
    assert r["answers"][0]["kind"] == "text"
    assert "\n\n---\n\n### **62980099** Data Error in the Shared Memory · Image Kit" in r["markdown"] or \
        r["markdown"].startswith("### **62980099** Data Error in the Shared Memory · Image Kit")
    assert "meanings" not in r["markdown"]
    with pytest.raises(Exception):
        await client.workspace_execute_command_async(T.ExecuteCommandParams(command="errcode.explain",
                                                                            arguments=[{"not": "a code"}]))


async def test_inlay_hints(client):
    uri = "file:///project/Inlay.ets"
    await open_doc(client, uri, ETS_TEXT)
    enc = client.encoding
    hints = await client.text_document_inlay_hint_async(T.InlayHintParams(
        doc(uri), T.Range(start=T.Position(line=0, character=0), end=T.Position(line=13, character=0))))
    got = [(h.position, h.label) for h in hints]
    assert (span(7, ETS[7], "7700201", enc).end, "Unsupported Memory Allocation Type") in got
    assert all(p.line not in (4, 6, 8) for p, _ in got)  # comment, string, dimension: no hint


async def test_completion_after_error_code_comparison(client):
    uri = "file:///project/Complete.ets"
    lines = ["import image from '@ohos.multimedia.image';", "if (err.code === 77002", "let width = 3"]
    await open_doc(client, uri, "\n".join(lines))
    enc = client.encoding
    res = await client.text_document_completion_async(T.CompletionParams(
        doc(uri), T.Position(line=1, character=col(lines[1], enc))))
    labels = [i.label for i in res.items]
    assert labels[0] == "7700201"
    assert set(labels) <= {str(c) for c in range(7700200, 7700300)}
    first = res.items[0]
    assert first.detail == "Unsupported Memory Allocation Type (Image Kit)"
    assert first.documentation is None  # the client resolves the item it shows (resolveSupport)
    shown = await client.completion_item_resolve_async(first)
    assert shown.documentation.value.startswith("### **7700201** Unsupported Memory Allocation Type")
    assert (shown.label, shown.detail, shown.text_edit) == (first.label, first.detail, first.text_edit)
    assert first.text_edit.range == T.Range(start=T.Position(line=1, character=17),
                                            end=T.Position(line=1, character=22))
    res = await client.text_document_completion_async(T.CompletionParams(
        doc(uri), T.Position(line=2, character=col(lines[2], enc))))
    assert res is None or res.items == []


async def test_workspace_symbols(client):
    res = await client.workspace_symbol_async(T.WorkspaceSymbolParams(query="IMAGE_ALLOC_FAILED"))
    names = [s.name for s in res]
    assert names[0].startswith("7600301 Memory Allocation Failure")
    loc = res[0].location
    assert Path(to_fs_path(loc.uri)).resolve() == BUNDLED_PAGE.resolve()
    assert BUNDLED_PAGE.read_text(encoding="utf-8").splitlines()[loc.range.start.line].startswith("## 7600301")
    res = await client.workspace_symbol_async(T.WorkspaceSymbolParams(query="shared memory"))
    assert {s.name.split(" (")[0] for s in res[:2]} == {"62980098 Shared Memory Error",
                                                        "62980099 Data Error in the Shared Memory"}


async def test_definition_goes_to_the_heading(client):
    uri = "file:///project/Definition.ets"
    await open_doc(client, uri, ETS_TEXT)
    res = await client.text_document_definition_async(T.DefinitionParams(
        doc(uri), at(7, ETS[7], "7700201", client.encoding)))
    assert len(res) == 1
    assert Path(to_fs_path(res[0].uri)).resolve() == BUNDLED_PAGE.resolve()
    heading = BUNDLED_PAGE.read_text(encoding="utf-8").splitlines()[res[0].range.start.line]
    assert heading == "## 7700201 Unsupported Memory Allocation Type"
    assert await client.text_document_definition_async(T.DefinitionParams(
        doc(uri), at(8, ETS[8], "360", client.encoding))) is None


async def test_close_clears_diagnostics(client):
    uri = "file:///project/Close.ets"
    diags = await open_doc(client, uri, ETS_TEXT)
    assert diags
    client.diagnostics.pop(uri, None)
    client.text_document_did_close(T.DidCloseTextDocumentParams(doc(uri)))
    assert await diagnostics_of(client, uri) == []

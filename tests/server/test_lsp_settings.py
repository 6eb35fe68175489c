"""End to end: settings from initializationOptions and workspace/didChangeConfiguration, other clients."""

from __future__ import annotations

from lsp_helpers import at, diagnostics_of, open_doc, span
from lsprotocol import types as T
from pytest_lsp import client_capabilities

from ohos_errcode.catalog import Catalog
from ohos_errcode.catalog import render as core_render

LINES = [
    "import image from '@ohos.multimedia.image';",
    "function check(err: BusinessError): void {",
    "  if (err.code === 7700201) { /* 😀 */ }",
    "  switch (err.code) {",
    "    case 401: break;",
    "  }",
    "}",
    "",
]
TEXT = "\n".join(LINES)


async def init(client, options=None, caps: str = "visual-studio-code", capabilities=None):
    await client.initialize_session(T.InitializeParams(
        capabilities=capabilities or client_capabilities(caps), initialization_options=options))


def rules(diags) -> list[tuple[str, int, int]]:
    return sorted((d.code, d.range.start.line, d.severity) for d in diags)


async def test_invalid_settings_are_reported_and_defaults_used(fresh):
    await init(fresh, {"ohosErrcode": {"knownCodeSeverity": "loud", "language": 5, "docsPaths": "x", "inlayHints": 1}})
    assert [m.message for m in fresh.messages] == [
        'errcode: ohosErrcode.language should be "en" or "zh-cn", got 5; using "en"',
        'errcode: ohosErrcode.knownCodeSeverity should be "off", "hint" or "information", got "loud"; '
        'using "information"',
        "errcode: ohosErrcode.inlayHints should be true or false, got 1; using true",
        "errcode: some documentation could not be read: x: no such file or folder",
    ]
    assert all(m.type == T.MessageType.Warning for m in fresh.messages)
    diags = await open_doc(fresh, "file:///s/Invalid.ets", TEXT)
    assert rules(diags) == [("known-error-code", 2, 3), ("known-error-code", 4, 3)]


async def test_known_code_severity_change_republishes(fresh):
    await init(fresh)
    uri = "file:///s/Severity.ets"
    assert rules(await open_doc(fresh, uri, TEXT)) == [("known-error-code", 2, 3), ("known-error-code", 4, 3)]
    fresh.diagnostics.pop(uri)
    fresh.workspace_did_change_configuration(T.DidChangeConfigurationParams(
        settings={"ohosErrcode": {"knownCodeSeverity": "off"}}))
    assert await diagnostics_of(fresh, uri) == []
    fresh.diagnostics.pop(uri)
    fresh.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={"knownCodeSeverity": "hint"}))
    assert rules(await diagnostics_of(fresh, uri)) == [("known-error-code", 2, 4), ("known-error-code", 4, 4)]
    # settings pulled with workspace/configuration when the notification carries none
    fresh.set_configuration({"knownCodeSeverity": "information"}, section="ohosErrcode")
    fresh.diagnostics.pop(uri)
    fresh.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings=None))
    assert rules(await diagnostics_of(fresh, uri)) == [("known-error-code", 2, 3), ("known-error-code", 4, 3)]
    assert fresh.messages == []


async def test_inlay_hints_can_be_switched_off(fresh):
    await init(fresh, {"inlayHints": False})
    uri = "file:///s/NoHints.ets"
    await open_doc(fresh, uri, TEXT)
    whole = T.Range(start=T.Position(line=0, character=0), end=T.Position(line=8, character=0))
    assert not await fresh.text_document_inlay_hint_async(T.InlayHintParams(T.TextDocumentIdentifier(uri), whole))
    fresh.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={"inlayHints": True}))
    await diagnostics_of(fresh, uri)
    hints = await fresh.text_document_inlay_hint_async(T.InlayHintParams(T.TextDocumentIdentifier(uri), whole))
    assert [(h.position.line, h.label) for h in hints] == [(2, "Unsupported Memory Allocation Type"),
                                                          (4, "Parameter Check Failed")]


async def test_plain_text_hover_for_a_client_without_markdown(fresh):
    caps = client_capabilities("visual-studio-code")
    caps.text_document.hover.content_format = [T.MarkupKind.PlainText]
    await init(fresh, capabilities=caps)
    uri = "file:///s/Plain.ets"
    await open_doc(fresh, uri, TEXT)
    h = await fresh.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri),
                                                            at(2, LINES[2], "7700201", "utf-16")))
    assert h.contents.kind == T.MarkupKind.PlainText
    assert h.contents.value == core_render.entry_text(Catalog.load().lookup(7700201)[0])
    assert h.contents.value.startswith("7700201 Unsupported Memory Allocation Type\n[Image Kit]  [API 15]\n")


async def test_emacs_negotiates_utf32(fresh):
    await init(fresh, caps="emacs")
    uri = "file:///s/Emacs.ets"
    await open_doc(fresh, uri, TEXT)
    line = "  if (err.code === 7700201) { /* 😀 */ }"
    h = await fresh.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri),
                                                            at(2, line, "7700201", "utf-32")))
    assert h.range == span(2, line, "7700201", "utf-32")


async def test_language_and_docs_change_reloads_the_catalog(fresh, shared_docs):
    await init(fresh)
    uri = "file:///s/Lang.ets"
    await open_doc(fresh, uri, TEXT)
    pos = at(2, LINES[2], "7700201", "utf-16")
    h = await fresh.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), pos))
    assert h.contents.value.startswith("### **7700201** Unsupported Memory Allocation Type · Image Kit · API 15\n")
    fresh.diagnostics.pop(uri)
    fresh.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings={"ohosErrcode": {
        "language": "zh-cn", "docsPaths": [str(shared_docs / "zh-cn" / "errorcode-image.md")]}}))
    diags = await diagnostics_of(fresh, uri)  # republished after the reload
    assert [d.message for d in diags if d.range.start.line == 2] == ["7700201: 不支持的内存分配类型 (Image Kit)"]
    h = await fresh.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), pos))
    assert h.contents.value.startswith("### **7700201** 不支持的内存分配类型 · Image Kit · API 15\n\n**错误信息**")
    assert fresh.messages == []


async def test_colliding_kits_show_every_meaning(fresh, shared_docs):
    await init(fresh, {"ohosErrcode": {"docsPaths": [str(shared_docs / "en" / "errorcode-ads.md")]}})
    uri = "file:///s/Ads.ets"
    await open_doc(fresh, uri, TEXT)
    h = await fresh.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri),
                                                            at(4, LINES[4], "401", "utf-16")))
    value = h.contents.value
    assert value.startswith("401 has 2 meanings:\n\n### **401** Parameter Check Failed · Universal")
    assert "\n\n---\n\n### **401** Incorrect Ads Request Parameter · Ads Kit" in value

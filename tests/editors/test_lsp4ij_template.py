"""`editors/lsp4ij/`: LSP4IJ's custom-template files; the template's command starts the real
language server, and its settings schema says what server/settings.py accepts."""

from __future__ import annotations

import asyncio
import json
import os
import shlex
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from ohos_errcode.catalog.scan import language_of

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = ROOT / "editors" / "lsp4ij"


def load(name: str):
    return json.loads((TEMPLATE_DIR / name).read_text(encoding="utf-8"))


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def test_the_folder_holds_lsp4ij_template_files_with_its_keys():
    # LSP4IJ reads these names (LanguageServerTemplate: template.json, settings.json,
    # settings.schema.json, initializationOptions.json) and these keys (ServerTemplateJsonDeserializer).
    assert sorted(p.name for p in TEMPLATE_DIR.iterdir()) == [
        "README.md", "initializationOptions.json", "settings.json", "settings.schema.json", "template.json"]
    template = load("template.json")
    assert set(template) == {"id", "name", "programArgs", "fileTypeMappings"}
    assert set(template["programArgs"]) == {"default", "windows"}
    mapped = {}
    for m in template["fileTypeMappings"]:
        assert set(m) == {"fileType", "languageId"} and set(m["fileType"]) == {"patterns"}
        for pattern in m["fileType"]["patterns"]:
            mapped[pattern] = m["languageId"]
    assert {p: mapped[p] for p in ("*.ets", "*.c", "*.cpp", "*.h")} == {
        "*.ets": "arkts", "*.c": "c", "*.cpp": "cpp", "*.h": "c"}
    # every mapping's languageId and pattern is one the server reads, as the same language
    for pattern, language_id in mapped.items():
        assert language_of(language_id) == language_of("x" + pattern[1:]) is not None
    assert load("initializationOptions.json") == {}


def test_settings_schema_matches_the_settings_the_server_accepts():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    from ohos_errcode.server.settings import (KNOWN_SEVERITIES, LANGUAGES, NOT_THROWN_SEVERITIES, SECTION, Settings,
                                              parse_settings)

    schema = load("settings.schema.json")
    jsonschema.Draft7Validator.check_schema(schema)
    section = schema["properties"][SECTION]
    defaults = Settings()
    assert set(section["properties"]) == {camel(f.name) for f in fields(Settings)}
    for f in fields(Settings):
        prop = section["properties"][camel(f.name)]
        default = getattr(defaults, f.name)
        assert prop["default"] == (list(default) if isinstance(default, tuple) else default), f.name
    assert section["properties"]["language"]["enum"] == list(LANGUAGES)
    assert section["properties"]["knownCodeSeverity"]["enum"] == list(KNOWN_SEVERITIES)
    assert section["properties"]["codeNotThrownSeverity"]["enum"] == list(NOT_THROWN_SEVERITIES)

    settings = load("settings.json")
    jsonschema.validate(settings, schema)
    parsed = parse_settings(settings)
    assert (parsed.settings, parsed.problems) == (defaults, [])
    good = {"docsPaths": ["docs/zh-cn"], "language": "zh-cn", "knownCodeSeverity": "hint", "inlayHints": False}
    jsonschema.validate({SECTION: good}, schema)
    assert parse_settings({SECTION: good}) .problems == []
    # a value the schema refuses is one the server reports and replaces by its default
    for key, bad in {"docsPaths": [1], "language": "fr", "knownCodeSeverity": "error", "inlayHints": "yes",
                     "codeNotThrownSeverity": "error"}.items():
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({SECTION: {key: bad}}, schema)
        assert len(parse_settings({SECTION: {key: bad}}).problems) == 1, key
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({SECTION: {"noSuchKey": 1}}, schema)


async def test_the_template_command_starts_the_server_which_answers_initialize(tmp_path):
    from lsprotocol import types as T
    from pygls.lsp.client import LanguageClient

    template = load("template.json")
    argv = shlex.split(template["programArgs"]["default"])
    env = {k: v for k, v in os.environ.items() if k not in ("ERRCODE_DOCS", "ERRCODE_LANG")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # where pip put `errcode`
    env["ERRCODE_CONFIG"] = str(tmp_path / "no-config.toml")
    client = LanguageClient("lsp4ij-template-test", "1")
    published: asyncio.Queue = asyncio.Queue()
    client.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(lambda params: published.put_nowait(params))
    client.feature(T.WINDOW_LOG_MESSAGE)(lambda params: None)
    await client.start_io(argv[0], *argv[1:], env=env)
    try:
        result = await asyncio.wait_for(client.initialize_async(T.InitializeParams(
            capabilities=T.ClientCapabilities(), initialization_options=load("initializationOptions.json"))), 60)
        assert result.server_info.name == "ohos-errcode"
        assert result.capabilities.hover_provider
        client.initialized(T.InitializedParams())
        # what LSP4IJ sends once the server has started: the settings.json object
        client.workspace_did_change_configuration(T.DidChangeConfigurationParams(settings=load("settings.json")))
        uri = (tmp_path / "Decode.ets").as_uri()
        language_id = next(m["languageId"] for m in template["fileTypeMappings"] if "*.ets" in m["fileType"]["patterns"])
        client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(
            uri=uri, language_id=language_id, version=1,
            text="try { f(); } catch (err) {\n  if (err.code === 7700211) {}\n}\n")))
        params = await asyncio.wait_for(published.get(), 60)
        while not params.diagnostics:
            params = await asyncio.wait_for(published.get(), 60)
        assert [(d.range.start.line, d.range.start.character, d.code) for d in params.diagnostics] == [
            (1, 19, "unknown-error-code")]
        await asyncio.wait_for(client.shutdown_async(None), 30)
    finally:
        client.exit(None)  # the server exits on `exit`, so stop() has a process end to wait for
        await asyncio.wait_for(client.stop(), 30)

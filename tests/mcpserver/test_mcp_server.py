"""`errcode mcp` end to end: the SDK's own client against the real process, over stdio and HTTP."""

from __future__ import annotations

import os

DOC = "https://gitee.com/openharmony/docs/blob/master/en/application-dev/reference/apis-image-kit/errorcode-image.md"
EXPLAIN_7700201 = (
    "### **7700201** Unsupported Memory Allocation Type · Image Kit · API 15\n\n"
    "**Error message**: Unsupported allocator type, e.g., use share memory to decode a HDR image as only DMA "
    "supported hdr metadata.\n\n"
    "**Possible causes**\n\n"
    "- No memory allocation type is specified, or an incorrect memory allocation type is specified. For example, "
    "an error occurs when an HDR image is decoded in shared memory mode, because only the DMA mode supports HDR "
    "metadata.\n\n"
    "**Solution**\n\n"
    "- Use a correct memory allocation type.\n\n"
    "Names: `IMAGE_SOURCE_UNSUPPORTED_ALLOCATOR_TYPE`\n\n"
    f"[Documentation]({DOC}#7700201-unsupported-memory-allocation-type)"
)
MEANING_7700201 = {
    "code": 7700201, "kit": "apis-image-kit", "kit_name": "Image Kit", "title": "Unsupported Memory Allocation Type",
    "message": "Unsupported allocator type, e.g., use share memory to decode a HDR image as only DMA supported hdr metadata.",
    "description": "",
    "causes": ["No memory allocation type is specified, or an incorrect memory allocation type is specified. For "
               "example, an error occurs when an HDR image is decoded in shared memory mode, because only the DMA "
               "mode supports HDR metadata."],
    "solutions": ["Use a correct memory allocation type."], "notes": [],
    "url": f"{DOC}#7700201-unsupported-memory-allocation-type",
    "symbols": ["IMAGE_SOURCE_UNSUPPORTED_ALLOCATOR_TYPE"], "language": "en", "since": "15",
    "system_only": False, "deprecated": False,
}
TYPO_SNIPPET = "try {\n  decode();\n} catch (err) {\n  if (err.code === 7700211) {\n    console.error('unsupported');\n  }\n}\n"
TYPO_FINDING = {
    "rule": "unknown-error-code", "severity": "warning",
    "message": "Unknown error code 7700211 — did you mean 7700201 (Unsupported Memory Allocation Type)?",
    "range": {"line": 4, "column": 20, "end_line": 4, "end_column": 27}, "code": 7700211,
    "url": f"{DOC}#7700201-unsupported-memory-allocation-type",
    "fixes": [{"title": "Replace with 7700201 (Unsupported Memory Allocation Type)", "new_text": "7700201",
               "range": {"line": 4, "column": 20, "end_line": 4, "end_column": 27}, "preferred": True}],
}
TYPO_TEXT = (
    "{path}:4:20: warning unknown-error-code Unknown error code 7700211 — did you mean 7700201 "
    "(Unsupported Memory Allocation Type)?\n"
    "    fix (--fix): Replace with 7700201 (Unsupported Memory Allocation Type)\n"
    "1 finding"
)


def text_of(result) -> str:
    assert len(result.content) == 1 and result.content[0].type == "text"
    return result.content[0].text


async def test_tool_list_with_input_and_output_schemas(connect):
    async with connect() as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
    assert sorted(tools) == ["check_source", "codes_thrown_by", "explain_error_code", "search_error_codes"]
    inputs = {name: (sorted(t.input_schema["properties"]), t.input_schema.get("required")) for name, t in tools.items()}
    assert inputs == {
        "check_source": (["language", "path_or_text"], ["path_or_text"]),
        "codes_thrown_by": (["api"], ["api"]),
        "explain_error_code": (["lang", "query"], ["query"]),
        "search_error_codes": (["kit", "limit", "text"], ["text"]),
    }
    assert tools["explain_error_code"].input_schema["properties"]["lang"]["anyOf"][0]["enum"] == ["en", "zh-cn"]
    limit = tools["search_error_codes"].input_schema["properties"]["limit"]
    assert (limit["type"], limit["minimum"], limit["maximum"], limit["default"]) == ("integer", 1, 100, 10)
    outputs = {name: sorted(t.output_schema["properties"]) for name, t in tools.items()}
    assert outputs == {
        "check_source": ["findings", "language", "path", "source"],
        "codes_thrown_by": ["apis", "name"],
        "explain_error_code": ["answers"],
        "search_error_codes": ["hits", "kit", "text"],
    }
    assert sorted(tools["check_source"].output_schema["$defs"]["FindingOut"]["properties"]) == [
        "code", "fixes", "message", "range", "rule", "severity", "url"]
    assert all(t.annotations.read_only_hint for t in tools.values())


async def test_explain_7700201_an_expression_and_words(connect):
    async with connect() as client:
        code = await client.call_tool("explain_error_code", {"query": "7700201"})
        expr = await client.call_tool("explain_error_code", {"query": "IMAGE_RESULT_BASE + 5"})
        words = await client.call_tool("explain_error_code", {"query": "shared memory"})
    assert not code.is_error
    assert text_of(code) == EXPLAIN_7700201
    assert code.structured_content == {"answers": [{
        "query": "7700201", "kind": "code", "code": 7700201, "found": True, "meanings": [MEANING_7700201],
        "suggestions": [], "hits": []}]}

    assert text_of(expr).startswith(
        "`IMAGE_RESULT_BASE + 5` = 62980101\n\n### **62980101** Incorrect Input Image Data · Image Kit · API 10\n\n"
        "**Error message**: The image data is abnormal.\n\n")
    assert text_of(expr).endswith(f"[Documentation]({DOC}#62980101-incorrect-input-image-data)")
    (answer,) = expr.structured_content["answers"]
    assert (answer["kind"], answer["code"], [m["title"] for m in answer["meanings"]]) == (
        "expression", 62980101, ["Incorrect Input Image Data"])
    assert answer["meanings"][0]["symbols"] == ["IMAGE_RESULT_DATA_ABNORMAL", "ERR_IMAGE_DATA_ABNORMAL"]

    assert text_of(words).splitlines()[:4] == [
        "| score | code | kit | title |", "|---|---|---|---|",
        "| 100 | 62980098 | Image Kit | Shared Memory Error |",
        "| 100 | 62980099 | Image Kit | Data Error in the Shared Memory |",
    ]
    (answer,) = words.structured_content["answers"]
    assert (answer["kind"], answer["code"], answer["meanings"]) == ("text", None, [])
    assert [(h["code"], h["score"]) for h in answer["hits"][:2]] == [(62980098, 100.0), (62980099, 100.0)]
    assert answer["hits"][0]["url"] == f"{DOC}#62980098-shared-memory-error"


async def test_search_with_kit_and_limit_and_an_unknown_kit(connect):
    async with connect() as client:
        found = await client.call_tool("search_error_codes", {"text": "shared memory", "kit": "image", "limit": 2})
        unknown = await client.call_tool("search_error_codes", {"text": "shared memory", "kit": "no-such-kit"})
    assert found.structured_content["kit"] == "apis-image-kit"
    assert [h["code"] for h in found.structured_content["hits"]] == [62980098, 62980099]
    assert unknown.is_error
    assert text_of(unknown).startswith("Refused: unknown kit 'no-such-kit'; kits: ")


async def test_check_source_snippet_with_a_typo_code_returns_its_fix(connect):
    async with connect() as client:
        result = await client.call_tool("check_source", {"path_or_text": TYPO_SNIPPET})
        clean = await client.call_tool("check_source", {"path_or_text": "int f(void) { return 0; }", "language": "c"})
    assert not result.is_error
    assert result.structured_content == {"source": "text", "path": None, "language": "arkts", "findings": [TYPO_FINDING]}
    assert text_of(result) == TYPO_TEXT.format(path="<source>")
    assert clean.structured_content == {"source": "text", "path": None, "language": "c", "findings": []}
    assert text_of(clean) == "No error-code findings."


async def test_check_source_reads_files_under_the_roots_only(connect, tmp_path):
    """Both handshakes: the 2026-07-28 one (roots asked through input_required) and the
    2025-11-25 one that today's editors use (roots/list sent to the client mid-call)."""
    root, outside = tmp_path / "project", tmp_path / "elsewhere"
    (root / "entry").mkdir(parents=True)
    outside.mkdir()
    (root / "entry" / "Decode.ets").write_text(TYPO_SNIPPET, encoding="utf-8")
    (outside / "Secret.ets").write_text(TYPO_SNIPPET, encoding="utf-8")
    (root / "entry" / "link.ets").symlink_to(outside / "Secret.ets")
    os.mkfifo(root / "entry" / "pipe.ets")
    real_root = os.path.realpath(root)
    decode = os.path.join(real_root, "entry", "Decode.ets")
    expected_refusals = {
        "absolute": f"Refused: {outside / 'Secret.ets'} is outside the roots the client declared ({real_root}); it was not read.",
        "dotdot": f"Refused: ../elsewhere/Secret.ets is outside the roots the client declared ({real_root}); it was not read.",
        "symlink": f"Refused: entry/link.ets is outside the roots the client declared ({real_root}); it was not read.",
        "fifo": f"Refused: {os.path.join(real_root, 'entry', 'pipe.ets')} is not a regular file (FIFO, device or socket); it was not read.",
        "folder": f"Refused: {os.path.join(real_root, 'entry')} is a folder; name one source file (or run `errcode check` on the folder).",
    }
    for mode in ("auto", "legacy"):
        async with connect(roots=[root], mode=mode) as client:
            version = client.protocol_version
            inside = await client.call_tool("check_source", {"path_or_text": "entry/Decode.ets"})
            by_uri = await client.call_tool("check_source", {"path_or_text": (root / "entry" / "Decode.ets").as_uri()})
            refused = {
                name: await client.call_tool("check_source", {"path_or_text": arg})
                for name, arg in [
                    ("absolute", str(outside / "Secret.ets")),
                    ("dotdot", "../elsewhere/Secret.ets"),
                    ("symlink", "entry/link.ets"),
                    ("fifo", "entry/pipe.ets"),
                    ("folder", "entry/"),
                ]
            }
        assert version == {"auto": "2026-07-28", "legacy": "2025-11-25"}[mode]
        assert inside.structured_content == {"source": "file", "path": decode, "language": "arkts",
                                             "findings": [TYPO_FINDING]}
        assert text_of(inside) == TYPO_TEXT.format(path=decode)
        assert by_uri.structured_content == inside.structured_content
        assert {name: (r.is_error, r.structured_content) for name, r in refused.items()} == {
            name: (True, None) for name in refused}
        assert {name: text_of(r) for name, r in refused.items()} == expected_refusals


async def test_a_path_without_declared_roots_is_refused(connect):
    async with connect() as client:
        result = await client.call_tool("check_source", {"path_or_text": "/etc/hosts.ets"})
    assert result.is_error
    assert text_of(result) == ("Refused: the client declared no folder roots, so no file can be read; "
                               "paste the source text instead.")


async def test_one_megabyte_input_is_refused_cleanly_and_the_server_goes_on(connect, tmp_path):
    big = "7700201 " * (1024 * 1024 // 8)
    async with connect(roots=[tmp_path]) as client:
        explain = await client.call_tool("explain_error_code", {"query": big})
        check = await client.call_tool("check_source", {"path_or_text": big})
        search = await client.call_tool("search_error_codes", {"text": big})
        after = await client.call_tool("explain_error_code", {"query": "7700201"})
    assert (explain.is_error, text_of(explain)) == (
        True, "Refused: the query is 1,048,576 characters long; the limit is 40,000.")
    assert (check.is_error, text_of(check)) == (
        True, "Refused: the input is 1,048,576 characters long; the limit is 40,000.")
    assert (search.is_error, text_of(search)) == (
        True, "Refused: the text is 1,048,576 characters long; the limit is 40,000.")
    assert text_of(after) == EXPLAIN_7700201


async def test_code_and_kit_resources_in_markdown(connect):
    async with connect() as client:
        templates = sorted(t.uri_template for t in (await client.list_resource_templates()).resource_templates)
        code = (await client.read_resource("errcode://code/7700201")).contents[0]
        kit = (await client.read_resource("errcode://kit/image")).contents[0]
    assert templates == ["errcode://code/{code}", "errcode://kit/{kit}"]
    assert (code.mime_type, code.text) == ("text/markdown", EXPLAIN_7700201)
    assert kit.mime_type == "text/markdown"
    assert kit.text.startswith("# Image Kit error codes\n\n")
    assert f"| 7700201 | [Unsupported Memory Allocation Type]({DOC}#7700201-unsupported-memory-allocation-type) |\n" in kit.text


def test_readme_configuration_snippets_start_errcode_mcp(repo_root):
    """The README's snippets for Claude/Cursor (`mcpServers`) and VS Code (`servers`) are valid JSON
    naming the command and arguments that the tests above start."""
    import json
    import re

    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## AI assistants: `errcode mcp`"):readme.index("## Chat: the Slack bot")]
    blocks = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", section, re.S)]
    assert blocks == [
        {"mcpServers": {"errcode": {"command": "errcode", "args": ["mcp"]}}},
        {"servers": {"errcode": {"type": "stdio", "command": "errcode", "args": ["mcp"]}}},
    ]


async def test_every_meaning_when_kits_collide(connect_stdio, shared_dir):
    """2300007 means different things in Core File Kit, Network Kit and Notification Kit."""
    async with connect_stdio(args=["--docs", str(shared_dir / "ohos-docs" / "en")]) as client:
        result = await client.call_tool("explain_error_code", {"query": "2300007"})
    (answer,) = result.structured_content["answers"]
    assert [(m["kit_name"], m["title"]) for m in answer["meanings"]] == [
        ("Core File Kit", "Network Access Failure"), ("Network Kit", "Failed to Connect to the Server"),
        ("Notification Kit", "Network Access Failure")]
    assert [m["url"].rsplit("/", 2)[-2:] for m in answer["meanings"]] == [
        ["apis-core-file-kit", "errorcode-filemanagement.md#2300007-network-access-failure"],
        ["apis-network-kit", "errorcode-net-http.md#2300007-failed-to-connect-to-the-server"],
        ["apis-notification-kit", "errorcode-notification.md#2300007-network-access-failure"]]
    text = text_of(result)
    assert text.startswith("2300007 has 3 meanings:\n\n### **2300007** Network Access Failure · Core File Kit\n\n")
    assert text.count("### **2300007** ") == 3


async def test_codes_thrown_by_an_arkts_method_and_a_c_function(connect):
    async with connect() as client:
        method = await client.call_tool("codes_thrown_by", {"api": "image.ImageSource.createPixelMapList"})
        c_func = await client.call_tool("codes_thrown_by", {"api": "OH_ImageSourceNative_CreatePixelmap"})
        unknown = await client.call_tool("codes_thrown_by", {"api": "noSuchMethod"})
    assert not method.is_error
    text = text_of(method)
    assert text.startswith("**image.ImageSource.createPixelMapList** (@ohos.multimedia.image, API 10) can throw:\n\n"
                           f"- [`62980096`]({DOC}#62980096-operation-failed) Operation Failed\n")
    [api] = method.structured_content["apis"]
    assert (api["api"], api["module"], api["since"]) == ("image.ImageSource.createPixelMapList", "@ohos.multimedia.image", "10")
    assert api["codes"][0] == {"code": 62980096, "title": "Operation Failed", "url": f"{DOC}#62980096-operation-failed",
                               "name": None}
    assert [c["code"] for c in api["codes"]][:3] == [62980096, 62980099, 62980101]
    [capi] = c_func.structured_content["apis"]
    assert [(c["code"], c["name"]) for c in capi["codes"]] == [
        (401, "IMAGE_BAD_PARAMETER"), (7700203, "IMAGE_SOURCE_UNSUPPORTED_OPTIONS")]
    assert unknown.structured_content == {"name": "noSuchMethod", "apis": []}
    assert text_of(unknown) == ("No API named `noSuchMethod` is known (the bundled catalog knows Image Kit; "
                                "`errcode catalog update` adds every kit).")

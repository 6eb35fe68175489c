"""`errcode check` output formats: exact columns with emoji and Chinese before a literal, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ohos_errcode.catalog.model import Finding, Fix, Range, Severity
from ohos_errcode.cli import check, formats
from ohos_errcode.cli.walk import Note, SourceFile

# line 3: two spaces, a comment holding two CJK characters and an emoji, then the literal.
#   code points before 62980999: 29  -> text column 30
#   UTF-16 units before it:      30  -> SARIF/json/github column 31 (the emoji is a surrogate pair)
#   UTF-8 bytes before it:       36  -> rdjson column 37 (CJK 3 bytes each, emoji 4)
ETS = (
    'import { image } from "@kit.ImageKit";\n'
    "try { decode(); } catch (err) {\n"
    '  /* 图像😀 */ if (err.code === 62980999) { log("解码失败 🎉"); }\n'
    "}\n"
)
# C++ with CRLF line ends: 7600301 after "    /* 内存😀 */ return " (21 code points, 22 UTF-16 units, 28 bytes)
CPP = (
    "#include <multimedia/image_framework/image/image_common.h>\r\n"
    "Image_ErrorCode f() {\r\n"
    "    /* 内存😀 */ return 7600301;\r\n"
    "}\r\n"
)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # the repository root for relative paths
    src = tmp_path / "entry" / "src"
    src.mkdir(parents=True)
    (src / "a.ets").write_bytes(ETS.encode("utf-8"))
    (src / "b.cpp").write_bytes(CPP.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = check.main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_text_columns_are_code_points(tree, capsys):
    rc, out, _ = run(capsys, "entry", "--no-color")
    assert rc == 1  # a warning, default --fail-on warning
    lines = out.splitlines()
    assert lines[0] == (
        "entry/src/a.ets:3:30: warning unknown-error-code Unknown error code 62980999 — did you mean "
        "62980099 (Data Error in the Shared Memory)?"
    )
    assert lines[1] == "    fix (--fix): Replace with 62980099 (Data Error in the Shared Memory)"
    assert lines[2] == "entry/src/b.cpp:3:22: info known-error-code 7600301: Memory Allocation Failure (Image Kit)"
    assert lines[3] == "    fix: Replace with IMAGE_ALLOC_FAILED"
    assert lines[-1] == "2 findings (1 warning, 1 info) in 2 files"


def test_json_columns_utf16_and_bytes(tree, capsys):
    rc, out, _ = run(capsys, "--format", "json")
    doc = json.loads(out)
    a, b = doc["findings"]
    assert a["path"] == "entry/src/a.ets" and a["text"] == "62980999"
    assert a["range"] == {"start": {"line": 3, "column": 31, "byte": 37}, "end": {"line": 3, "column": 39, "byte": 45}}
    assert a["fixes"] == [
        {
            "title": "Replace with 62980099 (Data Error in the Shared Memory)",
            "preferred": True,
            "range": a["range"],
            "newText": "62980099",
        }
    ]
    assert b["path"] == "entry/src/b.cpp" and b["severity"] == "info" and b["code"] == 7600301
    assert b["range"] == {"start": {"line": 3, "column": 23, "byte": 29}, "end": {"line": 3, "column": 30, "byte": 36}}
    assert b["fixes"][0]["newText"] == "IMAGE_ALLOC_FAILED" and b["fixes"][0]["preferred"] is False


def test_sarif_structure_and_utf16_columns(tree, capsys):
    rc, out, _ = run(capsys, "--format", "sarif")
    doc = json.loads(out)
    assert doc["version"] == "2.1.0"
    run0 = doc["runs"][0]
    assert run0["columnKind"] == "utf16CodeUnits"
    assert run0["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tree.resolve().as_uri() + "/"
    rules = run0["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["assignment-in-condition", "code-not-thrown-here", "known-error-code",
                                       "unknown-error-code"]
    for r in rules:
        assert r["helpUri"].startswith("https://") and r["help"]["text"] and r["help"]["markdown"]
    first, second = run0["results"]
    assert first["ruleId"] == "unknown-error-code" and rules[first["ruleIndex"]]["id"] == "unknown-error-code"
    assert first["level"] == "warning"
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "entry/src/a.ets"
    assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert {k: loc["region"][k] for k in ("startLine", "startColumn", "endLine", "endColumn")} == {
        "startLine": 3, "startColumn": 31, "endLine": 3, "endColumn": 39,
    }
    assert loc["region"]["snippet"]["text"] == "62980999"
    (fix,) = first["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "entry/src/a.ets"
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 3, "startColumn": 31, "endLine": 3, "endColumn": 39},
            "insertedContent": {"text": "62980099"},
        }
    ]
    assert second["level"] == "note"
    reg = second["locations"][0]["physicalLocation"]["region"]
    assert (reg["startColumn"], reg["endColumn"]) == (23, 30)
    fp1 = first["partialFingerprints"]["errcodeFinding/v1"]
    assert len(fp1) == 32 and fp1 != second["partialFingerprints"]["errcodeFinding/v1"]


def test_sarif_fingerprint_survives_edits_elsewhere(tree, capsys):
    _, out, _ = run(capsys, "--format", "sarif")
    before = json.loads(out)["runs"][0]["results"][0]
    p = tree / "entry" / "src" / "a.ets"
    p.write_text("// a new first line\n" + ETS, encoding="utf-8")
    _, out, _ = run(capsys, "--format", "sarif")
    after = json.loads(out)["runs"][0]["results"][0]
    assert after["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert after["partialFingerprints"] == before["partialFingerprints"]


def test_rdjsonl_byte_columns_source_code_url_and_suggestions(tree, capsys):
    _, out, _ = run(capsys, "--format", "rdjsonl")
    a, b = (json.loads(line) for line in out.splitlines())
    assert a["location"] == {
        "path": "entry/src/a.ets",
        "range": {"start": {"line": 3, "column": 37}, "end": {"line": 3, "column": 45}},
    }
    assert a["severity"] == "WARNING"
    assert a["source"] == {"name": "errcode"}
    assert a["code"]["value"] == "unknown-error-code"
    assert a["code"]["url"].endswith("errorcode-image.md#62980099-data-error-in-the-shared-memory")
    assert a["suggestions"] == [{"range": a["location"]["range"], "text": "62980099"}]
    assert b["severity"] == "INFO"
    assert b["location"]["range"] == {"start": {"line": 3, "column": 29}, "end": {"line": 3, "column": 36}}


def test_rdjson_document(tree, capsys):
    _, out, _ = run(capsys, "--format", "rdjson")
    doc = json.loads(out)
    assert doc["source"] == {"name": "errcode"}
    assert [d["location"]["range"]["start"]["column"] for d in doc["diagnostics"]] == [37, 29]


def test_github_commands_and_step_summary(tree, capsys, monkeypatch):
    summary = tree / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    rc, out, _ = run(capsys, "--format", "github")
    assert rc == 1
    assert out.splitlines() == [
        "::warning file=entry/src/a.ets,line=3,endLine=3,col=31,endColumn=39,title=errcode unknown-error-code::"
        "Unknown error code 62980999 — did you mean 62980099 (Data Error in the Shared Memory)?"
        "%0AFix: Replace with 62980099 (Data Error in the Shared Memory)",
        "::notice file=entry/src/b.cpp,line=3,endLine=3,col=23,endColumn=30,title=errcode known-error-code::"
        "7600301: Memory Allocation Failure (Image Kit)%0AFix: Replace with IMAGE_ALLOC_FAILED",
    ]
    md = summary.read_text(encoding="utf-8")
    assert md.startswith("## errcode check\n\n**2 findings** (1 warning, 1 info) in 2 files.")
    assert "| `entry/src/a.ets:3` | warning | `unknown-error-code` |" in md


def _report(path: str, line_text: str, finding: Finding) -> formats.Report:
    sf = SourceFile(path, path, "arkts")
    res = formats.FileResult(sf, [finding], {0: line_text})
    return formats.Report([res], [Note("bad.ts", "bad.ts", "undecodable", "skipped: not valid UTF-8")], Path("/r"), files_checked=1)


def test_github_escaping_of_data_and_properties(capsys):
    f = Finding("unknown-error-code", Range.of(0, 0, 3), Severity.ERROR, "100% wrong\r\nline two")
    formats.write_github(_report("dir,a:b%.ts", "401", f), __import__("sys").stdout)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "::error file=dir%2Ca%3Ab%25.ts,line=1,endLine=1,col=1,endColumn=4,title=errcode unknown-error-code::"
        "100%25 wrong%0D%0Aline two"
    )
    assert out[1] == "::notice file=bad.ts,title=errcode skipped a file::skipped: not valid UTF-8"


def test_step_summary_escapes_table_cells():
    f = Finding("known-error-code", Range.of(0, 0, 3), Severity.INFORMATION, "a | b <tag>")
    md = formats.step_summary(_report("x.ts", "401", f))
    assert "| `x.ts:1` | info | `known-error-code` | a \\| b &lt;tag> |  |" in md
    assert "- `bad.ts`: skipped: not valid UTF-8" in md


def test_multiline_range_and_astral_columns():
    # A finding spanning two lines; the end column is counted on the end line.
    f = Finding(
        "assignment-in-condition",
        Range.of(0, 2, 0),
        Severity.WARNING,
        "m",
        fixes=(Fix("t", Range.of(1, 1, 2), "==", True),),
    )
    f = Finding(f.rule, Range(f.range.start, Range.of(1, 0, 2).end), f.severity, f.message, fixes=f.fixes)
    lines = {0: "😀😀x", 1: "é😀="}
    assert formats.span16(lines, f.range) == {"startLine": 1, "startColumn": 5, "endLine": 2, "endColumn": 4}
    assert formats.span8(lines, f.range) == {"start": {"line": 1, "column": 9}, "end": {"line": 2, "column": 7}}
    assert formats.range_text(lines, f.range) == "x\né😀"


def test_min_severity_filters_and_fail_on(tree, capsys):
    rc, out, _ = run(capsys, "--format", "json", "--min-severity", "warning")
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["unknown-error-code"]
    assert rc == 1
    rc, _, _ = run(capsys, "--fail-on", "error", "--no-color")
    assert rc == 0
    rc, _, _ = run(capsys, "--fail-on", "never", "--no-color")
    assert rc == 0
    (tree / "entry" / "src" / "a.ets").write_text("let x = 1;\n", encoding="utf-8")
    rc, _, _ = run(capsys, "--fail-on", "info", "--no-color")
    assert rc == 1  # the info finding in b.cpp
    rc, _, _ = run(capsys, "--no-color")
    assert rc == 0  # default: warnings fail, info does not


def test_output_file(tree, capsys):
    rc, out, _ = run(capsys, "-f", "sarif", "-o", "out.sarif")
    assert out == ""
    assert json.loads((tree / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"][0]["ruleId"] == "unknown-error-code"



def test_output_dash_is_standard_output(tree, capsys):
    rc, out, _ = run(capsys, "-f", "sarif", "-o", "-")
    assert json.loads(out)["runs"][0]["results"][0]["ruleId"] == "unknown-error-code"
    assert not (tree / "-").exists()


def test_colour_on_request_same_text(tree, capsys, monkeypatch):
    import re

    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, coloured, _ = run(capsys, "entry")
    assert "\x1b[" in coloured
    _, plain, _ = run(capsys, "entry", "--no-color")
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_errcode_command_dispatches_check_with_global_options(tree, capsys):
    from ohos_errcode.cli.main import main as errcode

    rc = errcode(["--lang", "en", "check", "entry", "--format", "rdjsonl", "--min-severity", "warning"])
    out = capsys.readouterr().out
    assert rc == 1
    assert [json.loads(line)["code"]["value"] for line in out.splitlines()] == ["unknown-error-code"]


def test_bad_options_are_usage_errors(tree, capsys):
    with pytest.raises(SystemExit) as exc:
        check.main(["--format", "xml"])
    assert exc.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err

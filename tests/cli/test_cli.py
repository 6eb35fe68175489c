"""The `errcode` command: explain, search, list, catalog; output modes; exit statuses; settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ohos_errcode.cli.main import main

EXPLAIN_7700201 = """\
7700201 Unsupported Memory Allocation Type
[Image Kit]  [API 15]

Error message:
  Unsupported allocator type, e.g., use share memory to decode a HDR image as only DMA supported hdr metadata.

Possible causes:
  - No memory allocation type is specified, or an incorrect memory allocation type is specified. For example, an error occurs when an HDR image is decoded in shared memory mode, because only the DMA mode supports HDR metadata.

Solution:
  - Use a correct memory allocation type.

Names: IMAGE_SOURCE_UNSUPPORTED_ALLOCATOR_TYPE
Documentation: https://gitee.com/openharmony/docs/blob/master/en/application-dev/reference/apis-image-kit/errorcode-image.md#7700201-unsupported-memory-allocation-type

Thrown by:
  image.ImageSource.createPixelMapUsingAllocator (@ohos.multimedia.image, API 15)
  image.ImageSource.createPixelMapUsingAllocatorSync (@ohos.multimedia.image, API 15)
"""


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_explain_plain_text_exactly(capsys):
    code, out, err = run(capsys, "explain", "7700201")
    assert (code, err) == (0, "")
    assert out == EXPLAIN_7700201


def test_explain_expression_names_the_value(capsys):
    code, out, _ = run(capsys, "explain", "IMAGE_RESULT_BASE + 5")
    assert code == 0
    assert out.splitlines()[:2] == ["IMAGE_RESULT_BASE + 5 = 62980101", "62980101 Incorrect Input Image Data"]


def test_explain_unknown_code_suggests_on_stderr_and_exits_1(capsys):
    code, out, err = run(capsys, "explain", "62980999")
    assert code == 1
    assert out == ""
    assert err == "errcode: Unknown error code 62980999 — did you mean 62980099 (Data Error in the Shared Memory)?\n"


def test_explain_several_codes_in_one_sentence(capsys):
    code, out, _ = run(capsys, "explain", "what is 7700201 and 62980097?")
    assert code == 0
    heads = [line for line in out.splitlines() if line[:1].isdigit()]
    assert heads == ["7700201 Unsupported Memory Allocation Type", "62980097 PixelMap Serialization Failed"]


def test_explain_json(capsys):
    code, out, _ = run(capsys, "explain", "--json", "0x3C10000")
    assert code == 0
    [answer] = json.loads(out)
    assert answer["code"] == 62980096 and answer["kind"] == "code"
    assert answer["entries"][0]["title"] == "Operation Failed"
    assert answer["entries"][0]["kit"] == "apis-image-kit"


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["explain"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["--lang", "fr", "explain", "401"])
    assert exc.value.code == 2


def test_search_table(capsys):
    code, out, _ = run(capsys, "search", "shared", "memory")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["score", "code", "kit", "title"]
    assert {lines[1].split()[1], lines[2].split()[1]} == {"62980098", "62980099"}


def test_search_nothing_found_exits_1(capsys):
    code, out, err = run(capsys, "search", "zzqqxxjj")
    assert code == 1 and "nothing matches" in err


def test_list_kit(capsys):
    code, out, _ = run(capsys, "list", "--kit", "universal")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["201", "202", "203", "401", "801"]
    code, _, err = run(capsys, "list", "--kit", "nope")
    assert code == 2 and "unknown kit 'nope'" in err


def test_catalog_info_json(capsys):
    code, out, _ = run(capsys, "catalog", "info", "--json")
    info = json.loads(out)
    assert code == 0
    assert info["entries"] == 65 + 94 + 5 and info["pages"][0].endswith("errorcode-image.md")
    kits = {k["kit"]: k for k in info["kits"]}
    assert kits["apis-image-kit"]["origins"] == {"page": 65, "known-codes": 94}
    assert kits["reference"]["origins"] == {"builtin": 5}


def test_catalog_validate_reports_broken_pages(capsys, tmp_path):
    (tmp_path / "errorcode-bad.md").write_bytes(b"\xff\xfe\x00garbage")
    code, out, _ = run(capsys, "catalog", "validate", "--docs", str(tmp_path))
    assert code == 1
    assert "errorcode-bad.md" in out
    assert out.strip().endswith("problems")


def test_docs_and_lang_from_environment_and_config(capsys, monkeypatch, tmp_path, shared_dir):
    zh = shared_dir / "ohos-docs/zh-cn/errorcode-image.md"
    monkeypatch.setenv("ERRCODE_DOCS", str(zh))
    monkeypatch.setenv("ERRCODE_LANG", "zh-cn")
    code, out, _ = run(capsys, "explain", "62980113")
    assert code == 0 and out.startswith("62980113 图片未知格式。\n")
    monkeypatch.delenv("ERRCODE_DOCS")
    monkeypatch.delenv("ERRCODE_LANG")
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'docs = ["{zh}"]\nlang = "zh-cn"\n', encoding="utf-8")
    monkeypatch.setenv("ERRCODE_CONFIG", str(cfg))
    code, out, _ = run(capsys, "explain", "62980113")
    assert out.startswith("62980113 图片未知格式。\n")
    code, out, _ = run(capsys, "--lang", "en", "explain", "62980113")  # the command line wins
    assert out.startswith("62980113 Unknown Image Format\n")


def _subprocess(*argv, **env):
    e = dict(os.environ, NO_COLOR="1", **env)
    return subprocess.run([sys.executable, "-m", "ohos_errcode", *argv], capture_output=True, text=True, env=e)


def test_explain_imports_no_face_libraries():
    code = (
        "import sys, runpy; sys.argv=['errcode','explain','7700201'];\n"
        "from ohos_errcode.cli.main import main; rc = main(['explain','7700201'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls','lsprotocol','slack_bolt','slack_sdk','rich','markdown_it','rapidfuzz','typing','json'))\n"
        "print('LOADED', bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
    assert out.stdout.strip().endswith("LOADED []"), out.stdout + out.stderr


def test_colour_on_a_terminal_only_when_allowed(tmp_path):
    forced = _subprocess("explain", "401", FORCE_COLOR="1")
    assert forced.returncode == 0
    # NO_COLOR wins over FORCE_COLOR: plain text, no escape codes.
    assert "\x1b[" not in forced.stdout
    coloured = subprocess.run(
        [sys.executable, "-m", "ohos_errcode", "explain", "401"],
        capture_output=True, text=True, env={k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"FORCE_COLOR": "1"},
    )
    assert "\x1b[" in coloured.stdout and "Parameter Check Failed" in coloured.stdout


def test_faces_are_dispatched_with_global_options(monkeypatch):
    import types

    seen = {}
    fake = types.ModuleType("fake_face")
    fake.main = lambda argv: seen.setdefault("argv", argv) and 0
    monkeypatch.setitem(sys.modules, "ohos_errcode.cli.check", fake)
    assert main(["--docs", "x", "check", "src", "--format", "sarif"]) == 0
    assert seen["argv"] == ["--docs", "x", "src", "--format", "sarif"]


@pytest.mark.parametrize("argv", [["explain", "7700201"], ["explain", "7700201", "-62980096", "what is 401?"]])
def test_fast_explain_path_builds_the_namespace_argparse_would(argv):
    from ohos_errcode.cli.main import fast_explain_args, build_parser

    assert vars(fast_explain_args(argv)) == vars(build_parser().parse_args(argv))


def test_fast_explain_path_leaves_options_to_argparse():
    from ohos_errcode.cli.main import fast_explain_args

    assert fast_explain_args(["explain", "--json", "401"]) is None
    assert fast_explain_args(["explain"]) is None
    assert fast_explain_args(["search", "401"]) is None

"""`errcode check --fix`: applies only the unambiguous fixes, prints them, keeps every other byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ohos_errcode.catalog.model import Finding, Fix, Range, Severity
from ohos_errcode.cli import check
from ohos_errcode.cli.fix import apply_fixes

# CRLF line ends, a BOM, Chinese and emoji before the literals, and a mistake of each fixable kind.
ETS = (
    "\ufeff// 图像解码 😀\r\n"
    "try { decode(); } catch (err) {\r\n"
    "  /* 错误😀 */ if (err.code === 62980999) { log('共享内存'); }\r\n"
    "  if (err.code = 401) { retry(); }\r\n"
    "}\r\n"
)
ETS_FIXED = ETS.replace("62980999", "62980099").replace("err.code = 401", "err.code === 401")
CPP = "Image_ErrorCode f() {\n    /* 内存 */ return 7600301;\n}\n"  # known code: its fix is not preferred


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.ets").write_bytes(ETS.encode("utf-8"))  # BOM written as EF BB BF
    (tmp_path / "b.cpp").write_bytes(CPP.encode("utf-8"))
    (tmp_path / "latin1.ets").write_bytes(b"// caf\xe9\nif (err.code === 62980999) {}\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fix_round_trip_keeps_bytes_bom_and_line_endings(tree, capsys):
    latin1_before = (tree / "latin1.ets").read_bytes()
    rc = check.main(["--fix", "--no-color"])
    out, err = capsys.readouterr()
    assert (tree / "a.ets").read_bytes() == ETS_FIXED.encode("utf-8")
    assert (tree / "a.ets").read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in (tree / "a.ets").read_bytes()
    assert (tree / "b.cpp").read_bytes() == CPP.encode("utf-8")  # a non-preferred fix is never applied
    assert (tree / "latin1.ets").read_bytes() == latin1_before  # undecodable: untouched
    assert "a.ets:3:30: fixed: 62980999 -> 62980099" in out.splitlines()
    assert "a.ets:4:16: fixed: = -> ===" in out.splitlines()
    assert out.splitlines()[-1] == "3 findings (3 info) in 2 files; 2 fixed"
    assert "latin1.ets: skipped: not valid UTF-8" in err
    assert rc == 0  # what is left is information only

    # after --fix, check reports no fixable finding
    check.main(["--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert [f for f in doc["findings"] if any(x["preferred"] for x in f["fixes"])] == []
    assert sorted(f["code"] for f in doc["findings"]) == [401, 7600301, 62980099]


def test_fix_with_machine_format_reports_changes_on_stderr(tree, capsys):
    check.main(["--fix", "--format", "rdjsonl"])
    out, err = capsys.readouterr()
    assert "errcode: fixed a.ets:3:30: 62980999 -> 62980099" in err.splitlines()
    assert all(json.loads(line)["severity"] == "INFO" for line in out.splitlines())


def _f(line: int, a: int, b: int, new: str, preferred: bool = True, extra: tuple[Fix, ...] = ()) -> Finding:
    fx = Fix(f"Replace with {new}", Range.of(line, a, b), new, preferred)
    return Finding("unknown-error-code", Range.of(line, a, b), Severity.WARNING, "m", fixes=(fx, *extra))


def test_apply_fixes_skips_ambiguous_overlapping_and_out_of_range():
    text = "a 111 b\r\n😀 222\r333"
    two_preferred = _f(0, 2, 5, "X", extra=(Fix("other", Range.of(0, 2, 5), "Y", True),))
    new, applied = apply_fixes(
        text,
        [
            two_preferred,  # ambiguous: two preferred fixes
            _f(1, 2, 5, "2222"),  # after an emoji (code points)
            _f(1, 3, 4, "9"),  # overlaps the one before
            _f(2, 0, 3, "3"),  # after a lone CR line end
            _f(7, 0, 1, "z"),  # no such line
            _f(0, 6, 7, "B", preferred=False),
        ],
    )
    assert new == "a 111 b\r\n😀 2222\r3"
    assert [(fx.new_text, old) for fx, old in applied] == [("2222", "222"), ("3", "333")]

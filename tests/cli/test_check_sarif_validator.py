"""The SARIF that `errcode check --format sarif` writes passes Microsoft's validator with 0 errors, 0 warnings.

The validator is `@microsoft/sarif-multitool`, pinned in tools/sarif/package.json and installed by
tools/sarif/setup.sh (`make setup-node`); it runs offline once installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ohos_errcode.cli import check

TOOLS = Path(__file__).resolve().parents[2] / "tools" / "sarif"
BIN = TOOLS / "node_modules" / ".bin" / "sarif-multitool"

pytestmark = [
    pytest.mark.skipif(shutil.which("npx") is None, reason="npx (Node.js) is not installed"),
    pytest.mark.skipif(
        not BIN.exists(), reason="SARIF validator not installed: run `bash tools/sarif/setup.sh` (or `make setup-node`)"
    ),
]


def validate(sarif: Path, tmp_path: Path) -> list[tuple[str, str, str]]:
    """(level, rule id, message) for every error and warning the validator reports."""
    out = tmp_path / "validation.sarif"
    proc = subprocess.run(
        ["npx", "--no-install", "sarif-multitool", "validate", str(sarif), "--output", str(out), "--log", "ForceOverwrite"],
        cwd=TOOLS,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8-sig"))
    problems = []
    for run in doc["runs"]:
        for r in run.get("results", []):
            if r.get("level", "warning") in ("error", "warning"):
                problems.append((r.get("level", "warning"), r.get("ruleId", ""), json.dumps(r.get("message"))))
        for inv in run.get("invocations", []):
            for n in inv.get("toolExecutionNotifications", []) + inv.get("toolConfigurationNotifications", []):
                if n.get("level", "warning") in ("error", "warning"):
                    problems.append((n.get("level", "warning"), "notification", json.dumps(n.get("message"))))
    return problems


def test_sarif_passes_microsoft_validator(tmp_path, monkeypatch, capsys):
    (tmp_path / ".git").mkdir()
    src = tmp_path / "entry" / "src 源"
    src.mkdir(parents=True)
    (src / "a.ets").write_text(
        "try { f(); } catch (err) {\n"
        "  /* 图像😀 */ if (err.code === 62980999) {}\n"
        "  if (err.code = 401) {}\n"
        "}\n",
        encoding="utf-8",
    )
    (src / "b.cpp").write_bytes("Image_ErrorCode f() {\r\n  /* 内存 */ return 7600301;\r\n}\r\n".encode("utf-8"))
    (src / "latin1.ets").write_bytes(b"// caf\xe9\n")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out.sarif"
    check.main(["--format", "sarif", "--output", str(out)])
    capsys.readouterr()
    doc = json.loads(out.read_text(encoding="utf-8"))
    results = doc["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"unknown-error-code", "assignment-in-condition", "known-error-code"}
    assert any("fixes" in r for r in results)
    assert doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert validate(out, tmp_path) == []


def test_empty_sarif_passes_microsoft_validator(tmp_path, monkeypatch, capsys):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "empty.sarif"
    assert check.main(["--format", "sarif", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"] == []
    assert validate(out, tmp_path) == []


def test_sarif_of_a_hostile_tree_passes_microsoft_validator(tmp_path, monkeypatch, capsys):
    """Issue 13: a name that is not UTF-8 (percent-encoded URI), a FIFO, a link to /dev/zero and a
    long line (notifications) still make valid SARIF."""
    (tmp_path / ".git").mkdir()
    bad = "if (err.code === 62980999) {}\n"
    with open(os.path.join(os.fsencode(tmp_path), b"latin1_\xe9.ets"), "w") as fh:
        fh.write(bad)
    os.mkfifo(tmp_path / "pipe.ets")
    (tmp_path / "zero.ets").symlink_to("/dev/zero")
    (tmp_path / "min.ets").write_text("x" * 20001 + "\n" + bad)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "hostile.sarif"
    assert check.main(["--format", "sarif", "-o", str(out)]) == 1
    capsys.readouterr()
    run = json.loads(out.read_text(encoding="utf-8"))["runs"][0]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["latin1_%E9.ets", "min.ets"]
    assert sorted(n["descriptor"]["id"] for n in run["invocations"][0]["toolExecutionNotifications"]) == [
        "skipped-long-lines", "skipped-special", "skipped-special"]
    assert validate(out, tmp_path) == []

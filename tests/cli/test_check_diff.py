"""`errcode check --diff [REV]`: only findings on lines added or changed since REV."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ohos_errcode.cli import check
from ohos_errcode.cli.diff import parse_diff

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OLD = "if (err.code === 62980999) {}\nlet a = 1;\nlet b = 2;\n"


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=root, check=True, capture_output=True, text=True,
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "old.ets").write_text(OLD, encoding="utf-8")
    (tmp_path / "src" / "same.ets").write_text(OLD, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "one")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(capsys, *argv: str) -> list[tuple[str, int, int]]:
    check.main(["--format", "json", *argv])
    doc = json.loads(capsys.readouterr().out)
    return [(f["path"], f["range"]["start"]["line"], f["code"]) for f in doc["findings"]]


def test_diff_working_tree_against_head(repo, capsys):
    p = repo / "src" / "old.ets"
    p.write_text(OLD.replace("let b = 2;", "if (err.code === 7700210) {}"), encoding="utf-8")
    (repo / "src" / "new file.ets").write_text("if (e.code === 401) {}\n", encoding="utf-8")  # untracked
    assert findings(capsys) == [
        ("src/new file.ets", 1, 401),
        ("src/old.ets", 1, 62980999),
        ("src/old.ets", 3, 7700210),
        ("src/same.ets", 1, 62980999),
    ]
    assert findings(capsys, "--diff") == [("src/new file.ets", 1, 401), ("src/old.ets", 3, 7700210)]
    # `--diff PATH`: a path that is no revision is taken as a path, the diff is against HEAD
    assert findings(capsys, "--diff", "src/old.ets") == [("src/old.ets", 3, 7700210)]


def test_diff_against_a_revision_includes_committed_changes(repo, capsys):
    (repo / "src" / "old.ets").write_text("// 新的 😀\n" + OLD, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "two")
    assert findings(capsys, "--diff") == []
    assert findings(capsys, "--diff", "HEAD~1") == []  # only a comment line was added
    (repo / "src" / "old.ets").write_text("// 新的 😀\n" + OLD.replace("let a = 1;", "if (err.code === 62980888) {}"), encoding="utf-8")
    assert findings(capsys, "--diff=HEAD~1") == [("src/old.ets", 3, 62980888)]


def test_diff_with_unknown_revision_is_a_clear_error(repo, capsys):
    rc = check.main(["--diff", "no-such-branch"])
    err = capsys.readouterr().err
    assert rc == 2
    assert err.startswith("errcode check: --diff no-such-branch: ")
    assert "no-such-branch" in err.splitlines()[0][len("errcode check: --diff no-such-branch: "):]


def test_parse_diff_context_quoted_names_and_deletions():
    text = (
        "diff --git a/x.ets b/x.ets\n--- a/x.ets\n+++ b/x.ets\n"
        "@@ -1,3 +1,4 @@\n keep\n-old\n+new\n+more\n keep\n"
        '--- a/"t\\303\\251st\\tx.ets"\n+++ "b/t\\303\\251st\\tx.ets"\n@@ -0,0 +1 @@\n+one\n'
        "--- a/gone.ets\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n"
        "--- a/y.c\n+++ b/y.c\n@@ -5 +5,0 @@\n-removed only\n@@ -9,2 +9,2 @@\n-a\n-b\n+c\n+d\n"
    )
    assert parse_diff(text) == {"x.ets": {2, 3}, "tést\tx.ets": {1}, "y.c": {9, 10}}


def test_fix_with_diff_fixes_only_changed_lines(repo, capsys):
    p = repo / "src" / "old.ets"
    p.write_text(OLD.replace("let b = 2;", "if (err.code === 62980999) {}"), encoding="utf-8")
    check.main(["--diff", "--fix", "--no-color"])
    out = capsys.readouterr().out
    assert p.read_text(encoding="utf-8") == OLD.replace("let b = 2;", "if (err.code === 62980099) {}")
    assert "src/old.ets:3:18: fixed: 62980999 -> 62980099" in out.splitlines()
    assert (repo / "src" / "same.ets").read_text(encoding="utf-8") == OLD  # unchanged file: not touched

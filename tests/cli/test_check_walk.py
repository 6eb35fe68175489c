"""`errcode check` walking: .gitignore, --exclude, languages, binary/oversized/undecodable files, BOM."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ohos_errcode.cli import check, check_run
from ohos_errcode.cli.source import decode
from ohos_errcode.cli.walk import walk

BAD = "if (err.code === 62980999) {}\n"  # an unknown code in an error context: one warning


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def put(root: Path, rel: str, data: str | bytes) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def rels(result) -> list[str]:
    return [f.rel for f in result.files]


def test_gitignore_nested_negation_info_exclude_and_languages(repo):
    put(repo, ".gitignore", "build/\n*.gen.ets\n")
    put(repo, ".git/info/exclude", "secret/\n")
    put(repo, "entry/.gitignore", "!keep.gen.ets\n")
    for rel in [
        "entry/a.ets", "entry/b.ts", "entry/c.js", "entry/d.cpp", "entry/e.h", "entry/f.c",
        "entry/x.gen.ets", "entry/keep.gen.ets", "build/out.ets", "secret/s.ets",
        "README.md", "entry/data.json", "entry/build/inner.ets", ".git/hooks/h.js",
    ]:
        put(repo, rel, "let x = 1;\n")
    assert rels(walk(["."], cwd=repo)) == [
        "entry/a.ets", "entry/b.ts", "entry/c.js", "entry/d.cpp", "entry/e.h", "entry/f.c", "entry/keep.gen.ets",
    ]
    assert "build/out.ets" in rels(walk(["."], cwd=repo, gitignore=False))


def test_gitignore_chain_applies_from_the_root_when_walking_a_subfolder(repo, tmp_path_factory):
    put(repo, ".gitignore", "*.gen.ets\n")
    put(repo, "a/.gitignore", "!*.gen.ets\n")
    put(repo, "a/b/.gitignore", "x.gen.ets\nlocal/\n")
    for rel in ["a/b/x.gen.ets", "a/b/y.gen.ets", "a/b/local/l.ets", "a/b/c/x.gen.ets", "a/b/c/k.ets", "c/z.gen.ets"]:
        put(repo, rel, "")
    (repo / "a" / "b" / "link").symlink_to(repo / "c", target_is_directory=True)
    outside = tmp_path_factory.mktemp("outside")  # another path on the command line, not below the root
    put(outside, "o.ets", "")
    put(outside, "skip.gen.ets", "")
    result = walk(["a/b", str(outside)], cwd=repo, exclude=["skip*"])
    assert [(f.path, f.rel) for f in result.files] == [
        ("a/b/y.gen.ets", "a/b/y.gen.ets"), ("a/b/c/k.ets", "a/b/c/k.ets"),
        (str(outside / "o.ets"), (outside / "o.ets").as_posix()),
    ]
    assert rels(walk(["."], cwd=repo / "a" / "b", root=repo)) == ["a/b/y.gen.ets", "a/b/c/k.ets"]
    assert [f.path for f in walk(["."], cwd=repo / "a" / "b", root=repo).files] == ["y.gen.ets", "c/k.ets"]


def test_exclude_patterns_apply_to_folders_and_named_files(repo):
    put(repo, "entry/a.ets", "")
    put(repo, "entry/test/t.ets", "")
    put(repo, "third_party/z.c", "")
    assert rels(walk(["."], exclude=["third_party/", "test"], cwd=repo)) == ["entry/a.ets"]
    # a file named on the command line (as pre-commit does) still honours --exclude
    assert rels(walk(["third_party/z.c", "entry/a.ets"], exclude=["third_party/"], cwd=repo)) == ["entry/a.ets"]


def test_named_files_ignored_by_git_are_still_read_but_unknown_languages_are_noted(repo):
    put(repo, ".gitignore", "gen/\n")
    put(repo, "gen/g.ets", "")
    put(repo, "notes.txt", "")
    result = walk(["gen/g.ets", "notes.txt", "missing.ets"], cwd=repo)
    assert rels(result) == ["gen/g.ets"]
    assert [(n.path, n.kind, n.message) for n in result.notes] == [
        ("notes.txt", "unsupported", "skipped: not an ArkTS/TS/JS or C/C++ file"),
        ("missing.ets", "missing", "no such file or folder"),
    ]


def test_paths_are_relative_to_repo_root_when_run_below_it(repo, monkeypatch):
    put(repo, "entry/src/a.ets", "")
    monkeypatch.chdir(repo / "entry")
    (sf,) = walk(["src"], cwd=repo / "entry").files
    assert (sf.path, sf.rel, sf.language) == ("src/a.ets", "entry/src/a.ets", "arkts")


def test_decode_bom_binary_and_undecodable():
    d, kind, _ = decode(b"\xef\xbb\xbflet a = 1;\r\n")
    assert (d.text, d.bom, kind) == ("let a = 1;\r\n", True, None)
    assert decode(b"abc\x00def")[1:] == ("binary", "skipped: binary file")
    assert decode(b"ok\n// caf\xe9\n") == (None, "undecodable", "skipped: not valid UTF-8 (byte 0xe9 at offset 9, line 2)")


def test_check_notes_skipped_files_and_still_checks_the_rest(repo, capsys):
    put(repo, "a.ets", BAD)
    put(repo, "latin1.ets", b"// caf\xe9\n" + BAD.encode())
    put(repo, "blob.ets", b"\x00\x01\x02" + BAD.encode())
    put(repo, "big.ets", "// " + "x" * 2000 + "\n" + BAD)
    put(repo, "bom.ets", b"\xef\xbb\xbf" + BAD.encode())
    rc = check.main(["--format", "json", "--max-size", "1000"])
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert rc == 1
    assert [(f["path"], f["range"]["start"]["column"]) for f in doc["findings"]] == [("a.ets", 18), ("bom.ets", 18)]
    assert doc["filesChecked"] == 2
    assert sorted((n["path"], n["kind"]) for n in doc["notes"]) == [
        ("big.ets", "oversized"), ("blob.ets", "binary"), ("latin1.ets", "undecodable"),
    ]
    assert "errcode: note: latin1.ets: skipped: not valid UTF-8 (byte 0xe9 at offset 6, line 1)" in err.splitlines()
    assert "errcode: note: big.ets: skipped: 2034 bytes is more than the 1000-byte limit (--max-size)" in err.splitlines()


def test_sarif_reports_skipped_files_as_notifications(repo, capsys):
    put(repo, "latin1.ets", b"// caf\xe9\n")
    check.main(["--format", "sarif"])
    doc = json.loads(capsys.readouterr().out)
    (note,) = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert note["message"]["text"] == "latin1.ets: skipped: not valid UTF-8 (byte 0xe9 at offset 6, line 1)."
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "latin1.ets"


def test_parallel_run_matches_serial(repo, capsys, monkeypatch):
    for i in range(12):
        put(repo, f"m{i:02d}/a.ets", "// 注释 😀\n" * i + BAD)
    check.main(["--format", "json", "--jobs", "1"])
    serial = json.loads(capsys.readouterr().out)["findings"]
    monkeypatch.setattr(check_run, "SERIAL_BYTES", 0)
    monkeypatch.setattr(check_run, "CHUNK_FILES", 3)
    check.main(["--format", "json", "--jobs", "2"])
    parallel = json.loads(capsys.readouterr().out)["findings"]
    assert len(serial) == 12
    assert parallel == serial
    assert [f["range"]["start"]["line"] for f in parallel] == list(range(1, 13))


def test_no_files_is_clean(repo, capsys):
    assert check.main(["--no-color"]) == 0
    assert capsys.readouterr().out == "0 findings in 0 files\n"


def test_missing_path_is_a_usage_error_but_the_rest_is_checked(repo, capsys):
    put(repo, "a.ets", BAD)
    rc = check.main(["a.ets", "nope/", "--no-color"])
    out, err = capsys.readouterr()
    assert rc == 2
    assert out.splitlines()[0].startswith("a.ets:1:18: warning unknown-error-code Unknown error code 62980999")
    assert "errcode: note: nope/: no such file or folder" in err.splitlines()


def test_iter_checks_with_progress_bar_yields_in_file_order(repo, capsys, monkeypatch):
    from ohos_errcode.catalog import Catalog

    for i in range(6):
        put(repo, f"p{i}.ets", "\n" * i + BAD)
    monkeypatch.setattr(check_run, "SERIAL_BYTES", 0)
    monkeypatch.setattr(check_run, "CHUNK_FILES", 1)
    files = walk(["."], cwd=repo).files
    out = list(check_run.iter_checks(files, catalog=Catalog.load(), docs=[], lang="en", jobs=2, progress=True))
    assert [r.file.rel for r, _ in out] == [f"p{i}.ets" for i in range(6)]
    assert [r.findings[0].range.start.line for r, _ in out] == list(range(6))

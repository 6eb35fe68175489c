"""Issue 13, `errcode check` and the command line: special files, odd names, links, unreadable and
too-deep folders, UTF-16, long lines, `--diff` outside git, huge numbers; each through a real
`errcode` process under a memory limit and a timeout (`cli_process.errcode`)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from cli_process import BAD, FIXED, errcode, put

NOTHING_CHECKED = 3


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    (root / ".git").mkdir(parents=True)  # the repository root: paths in reports are relative to it
    return root


def lines(b: bytes) -> list[str]:
    return b.decode("utf-8", "replace").splitlines()


# --- special files -------------------------------------------------------------------------------

def test_fifo_in_the_tree_is_skipped_with_a_note_not_waited_for(tree):
    put(tree, "good.ets", BAD)
    os.mkfifo(tree / "pipe.ets")
    p = errcode(["check", "."], tree)
    assert lines(p.stdout) == [
        "good.ets:1:18: warning unknown-error-code Unknown error code 62980999 — did you mean 62980099 (Data Error in the Shared Memory)?",
        "    fix (--fix): Replace with 62980099 (Data Error in the Shared Memory)",
        "1 finding (1 warning) in 1 file",
    ]
    assert lines(p.stderr) == ["errcode: note: pipe.ets: skipped: not a regular file (a FIFO)"]
    assert p.returncode == 1


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_symlink_to_a_device_is_not_read(tree, device):
    put(tree, "good.ets", BAD)
    (tree / "dev.ets").symlink_to(device)
    for extra in ([], ["--max-size", "1000"]):
        p = errcode(["check", ".", "--format", "json", *extra], tree)
        doc = json.loads(p.stdout)
        assert [f["path"] for f in doc["findings"]] == ["good.ets"]
        assert doc["notes"] == [{"path": "dev.ets", "kind": "special", "message": "skipped: not a regular file (a character device)"}]
        assert p.returncode == 1


def test_device_named_on_the_command_line_is_a_note(tree):
    (tree / "z.ets").symlink_to("/dev/zero")
    p = errcode(["check", "z.ets"], tree)
    assert lines(p.stderr) == [
        "errcode: note: z.ets: skipped: not a regular file (a character device)",
        "errcode check: nothing could be checked (see the notes above)",
    ]
    assert lines(p.stdout) == ["0 findings in 0 files"]
    assert p.returncode == NOTHING_CHECKED


def test_gitignore_that_is_a_fifo_or_a_link_to_dev_zero_is_not_read(tree):
    put(tree, "a/bad.ets", BAD)
    put(tree, "b/bad.ets", BAD)
    os.mkfifo(tree / "a" / ".gitignore")
    (tree / "b" / ".gitignore").symlink_to("/dev/zero")
    p = errcode(["check", "."], tree)
    assert sorted(lines(p.stderr)) == [
        "errcode: note: a/.gitignore: patterns ignored: not a regular file (a FIFO)",
        "errcode: note: b/.gitignore: patterns ignored: not a regular file (a character device)",
    ]
    assert lines(p.stdout)[-1] == "2 findings (2 warning) in 2 files"
    assert p.returncode == 1


def test_gitignore_larger_than_the_cap_is_not_read_whole(tree):
    put(tree, ".gitignore", "#" * (2 * 1024 * 1024) + "\nbad.ets\n")
    put(tree, "bad.ets", BAD)
    p = errcode(["check", "."], tree)
    assert lines(p.stderr) == ["errcode: note: .gitignore: patterns ignored: more than 1048576 bytes"]
    assert lines(p.stdout)[-1] == "1 finding (1 warning) in 1 file"


# --- file names ----------------------------------------------------------------------------------

LATIN1 = b"latin1_\xe9.ets"


@pytest.mark.parametrize("fmt", ["json", "sarif", "rdjson", "rdjsonl", "github", "text"])
def test_file_name_that_is_not_utf8_in_every_format(tree, fmt):
    put(tree, LATIN1, BAD)
    p = errcode(["check", ".", "--format", fmt], tree)
    assert p.returncode == 1, p.stderr
    out = p.stdout.decode("utf-8")  # every format is valid UTF-8
    name = os.fsdecode(LATIN1)  # 'latin1_\udce9.ets': JSON writes the \udce9 escape, which gives the bytes back
    if fmt == "json":
        assert [f["path"] for f in json.loads(out)["findings"]] == [name]
        assert '"path":"latin1_\\udce9.ets"' in out
    elif fmt == "sarif":
        run = json.loads(out)["runs"][0]
        loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        assert loc == {"uri": "latin1_%E9.ets", "uriBaseId": "%SRCROOT%", "index": 0}
        assert run["artifacts"][0]["location"] == {"uri": "latin1_%E9.ets", "uriBaseId": "%SRCROOT%"}
    elif fmt == "rdjson":
        assert [d["location"]["path"] for d in json.loads(out)["diagnostics"]] == [name]
    elif fmt == "rdjsonl":
        assert [json.loads(line)["location"]["path"] for line in out.splitlines()] == [name]
    elif fmt == "github":
        assert out.startswith("::warning file=latin1_\\xe9.ets,line=1,endLine=1,col=18,endColumn=26,title=errcode unknown-error-code::")
    else:
        assert out.splitlines()[0].startswith("latin1_\\xe9.ets:1:18: warning unknown-error-code ")


def test_ansi_escape_in_a_file_name_is_escaped_in_text_output(tree):
    put(tree, "\x1b[31mred\x1b[0m.ets", BAD)
    p = errcode(["check", "."], tree)
    out = p.stdout.decode("utf-8")
    assert "\x1b" not in out
    assert out.splitlines()[0].startswith("\\x1b[31mred\\x1b[0m.ets:1:18: warning unknown-error-code ")


def test_fix_with_a_sarif_report_writes_the_whole_report(tree):
    put(tree, LATIN1, BAD)
    put(tree, "second.ets", BAD)
    (tree / "report.sarif").write_text("old report, longer than nothing\n")
    p = errcode(["check", ".", "--fix", "--format", "sarif", "-o", "report.sarif"], tree)
    assert p.returncode == 0, p.stderr  # the fixes leave only known codes (information)
    assert (tree / os.fsdecode(LATIN1)).read_text() == FIXED
    assert (tree / "second.ets").read_text() == FIXED
    run = json.loads((tree / "report.sarif").read_text(encoding="utf-8"))["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["known-error-code", "known-error-code"]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["latin1_%E9.ets", "second.ets"]
    assert [name for name in os.listdir(tree) if name.startswith(".report")] == []  # no temporary left


def test_report_into_dev_null_or_a_fifo_is_written_not_replaced(tree):
    put(tree, "a.ets", BAD)
    p = errcode(["check", ".", "--format", "json", "-o", "/dev/null"], tree)
    assert p.returncode == 1 and stat.S_ISCHR(os.stat("/dev/null").st_mode)


# --- --fix and links -----------------------------------------------------------------------------

def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(tree):
    target = put(tree, "real/target.ets", BAD)
    (tree / "link.ets").symlink_to("real/target.ets")
    p = errcode(["check", "link.ets", "--fix"], tree)
    assert p.returncode == 0, p.stderr
    assert (tree / "link.ets").is_symlink() and os.readlink(tree / "link.ets") == "real/target.ets"
    assert target.read_text() == FIXED


def test_fix_refuses_a_read_only_file_with_a_note(tree):
    ro = put(tree, "ro.ets", BAD)
    ro.chmod(0o444)
    p = errcode(["check", ".", "--fix"], tree)
    assert ro.read_text() == BAD and stat.S_IMODE(ro.stat().st_mode) == 0o444
    assert lines(p.stderr) == ["errcode: note: ro.ets: not fixed: the file is read-only (-r--r--r--)"]
    assert lines(p.stdout)[0].startswith("ro.ets:1:18: warning unknown-error-code ")
    assert lines(p.stdout)[-1] == "1 finding (1 warning) in 1 file"
    assert p.returncode == 1


def test_fix_keeps_hard_links_and_permissions(tree):
    a = put(tree, "a.ets", BAD)
    a.chmod(0o640)
    os.link(a, tree / "b.cpp.bak")  # (a name errcode does not read)
    p = errcode(["check", "a.ets", "--fix"], tree)
    assert p.returncode == 0, p.stderr
    assert a.stat().st_nlink == 2 and os.path.samefile(a, tree / "b.cpp.bak")
    assert (tree / "b.cpp.bak").read_text() == FIXED
    assert stat.S_IMODE(a.stat().st_mode) == 0o640
    assert sorted(os.listdir(tree)) == [".git", "a.ets", "b.cpp.bak"]


def test_fix_of_a_utf16_file_keeps_its_encoding(tree):
    for name, enc, bom in (("le.ets", "utf-16-le", b"\xff\xfe"), ("be.ets", "utf-16-be", b"\xfe\xff")):
        put(tree, name, bom + ("// 注释 😀\n" + BAD).encode(enc))
    p = errcode(["check", ".", "--format", "json"], tree)
    doc = json.loads(p.stdout)
    assert [(f["path"], f["range"]["start"]["line"], f["range"]["start"]["column"], f["code"]) for f in doc["findings"]] == [
        ("be.ets", 2, 18, 62980999), ("le.ets", 2, 18, 62980999)]
    assert doc["notes"] == []
    p = errcode(["check", ".", "--fix"], tree)
    assert p.returncode == 0, p.stderr
    assert (tree / "le.ets").read_bytes() == b"\xff\xfe" + ("// 注释 😀\n" + FIXED).encode("utf-16-le")
    assert (tree / "be.ets").read_bytes() == b"\xfe\xff" + ("// 注释 😀\n" + FIXED).encode("utf-16-be")


# --- folders that cannot be read, nothing checked --------------------------------------------------

def test_unreadable_folder_is_noted_and_alone_it_means_nothing_checked(tree):
    put(tree, "locked/bad.ets", BAD)
    (tree / "locked").chmod(0o000)
    p = errcode(["check", "."], tree, obey_permissions=True)
    if p.returncode == 125:
        pytest.skip("running as root without the right to drop CAP_DAC_OVERRIDE (no CAP_SETPCAP): every folder is readable")
    assert lines(p.stderr) == [
        "errcode: note: locked: folder not checked: Permission denied",
        "errcode check: nothing could be checked (see the notes above)",
    ]
    assert lines(p.stdout) == ["0 findings in 0 files"]
    assert p.returncode == NOTHING_CHECKED
    # --fail-on never: reports only, never fails on what it found or could not read
    assert errcode(["check", ".", "--fail-on", "never"], tree, obey_permissions=True).returncode == 0
    # with something readable beside it: the note, and the status of what was found
    put(tree, "ok.ets", "let x = 1;\n")
    p = errcode(["check", "."], tree, obey_permissions=True)
    assert lines(p.stderr) == ["errcode: note: locked: folder not checked: Permission denied"]
    assert lines(p.stdout) == ["0 findings in 1 file"]
    assert p.returncode == 0


def test_a_path_too_long_for_the_system_is_a_note_and_nothing_checked(tree):
    fd = os.open(tree, os.O_RDONLY)
    name = "d" * 45  # 200 levels of 46 characters and a 16-character file name: a 9,216-character path
    try:
        for _ in range(200):
            os.mkdir(name, dir_fd=fd)
            nfd = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nfd
        wfd = os.open("deepest_file.ets", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(wfd, BAD.encode())
        os.close(wfd)
    finally:
        os.close(fd)
    assert len("/".join([name] * 200) + "/deepest_file.ets") == 9216
    p = errcode(["check", "."], tree)
    err = lines(p.stderr)
    assert len(err) == 2 and err[0].startswith(f"errcode: note: {name}/{name}/") and err[0].endswith(": folder not checked: File name too long")
    assert err[1] == "errcode check: nothing could be checked (see the notes above)"
    assert lines(p.stdout) == ["0 findings in 0 files"]
    assert p.returncode == NOTHING_CHECKED
    p = errcode(["check", ".", "--format", "json"], tree)
    assert [n["kind"] for n in json.loads(p.stdout)["notes"]] == ["unreadable-folder"]


def test_an_empty_tree_is_not_nothing_checked(tree):
    p = errcode(["check", "."], tree)
    assert (p.returncode, lines(p.stdout), p.stderr) == (0, ["0 findings in 0 files"], b"")


# --- smaller -------------------------------------------------------------------------------------

def test_diff_outside_a_git_repository_is_one_clear_line(tmp_path):
    put(tmp_path, "a.ets", BAD)
    p = errcode(["check", "--diff"], tmp_path)
    assert lines(p.stderr) == [f"errcode check: --diff HEAD: {tmp_path} is not inside a git work tree"]
    assert p.stdout == b"" and p.returncode == 2


def test_lines_over_20000_characters_are_noted(tree):
    long_line = "const table = [" + ", ".join(["62980999"] * 2500) + "];"
    assert len(long_line) > 20000
    put(tree, "min.ets", long_line + "\n" + BAD + long_line + "\r\n")
    p = errcode(["check", "."], tree)
    assert lines(p.stderr) == ["errcode: note: min.ets: line 1 (and 1 more): longer than 20000 characters, not checked"]
    assert lines(p.stdout)[0].startswith("min.ets:2:18: warning unknown-error-code ")
    assert lines(p.stdout)[-1] == "1 finding (1 warning) in 1 file"
    assert p.returncode == 1
    p = errcode(["check", ".", "--format", "json"], tree)
    assert json.loads(p.stdout)["notes"] == [
        {"path": "min.ets", "kind": "long-lines", "message": "line 1 (and 1 more): longer than 20000 characters, not checked"}]


# --- errcode explain and huge numbers ------------------------------------------------------------

@pytest.mark.parametrize("query", ["9" * 5000, "IMAGE_RESULT_BASE + " + "1" * 5000, "0x" + "f" * 5000])
def test_explain_a_number_past_the_int_limit_is_unknown_and_the_other_answers_kept(tmp_path, query):
    p = errcode(["explain", "7700201", query, "401"], tmp_path)
    out, err = p.stdout.decode(), p.stderr.decode()
    assert out.startswith("7700201 Unsupported Memory Allocation Type\n")
    assert "\n401 " in out
    assert err == f"errcode: Unknown error code {query}\n"
    assert "4300" not in out + err and "Traceback" not in err
    assert p.returncode == 1
    p = errcode(["explain", "--json", "7700201", query], tmp_path)
    answers = json.loads(p.stdout)
    assert [(a["query"], a["found"], a["code"]) for a in answers] == [("7700201", True, 7700201), (query, False, None)]


def test_a_bad_errcode_lang_warns_once(tmp_path):
    put(tmp_path, "a.ets", "let x = 1;\n")
    for args in (["check", "a.ets"], ["catalog", "info"]):
        p = errcode(args, tmp_path, extra_env={"ERRCODE_LANG": "xx"})
        assert lines(p.stderr).count("errcode: unknown language 'xx' (use en or zh-cn); using en") == 1, args

"""`errcode check` in parallel: workers render the stateless formats (text, json, rdjsonl, rdjson,
github) and send strings; the output must be byte for byte that of the serial run (which renders
the findings in the parent), filters, counts, summary and exit status included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ohos_errcode.catalog.model import Severity
from ohos_errcode.cli import check, check_run, formats

ETS = (
    'import { image } from "@kit.ImageKit";\n'
    "try { decode(); } catch (err) {\n"
    '  /* 图像😀 */ if (err.code === 62980999) { log("解码失败 🎉"); }\n'
    '  /* 图像😀 */ if (err.code = 7600301) { log("%:,\\r"); }\n'
    "  switch (err.code) { case 7700101: case 7700109: break; }\n"
    '  const codes = [7600101, 7600299, "62980096"];\n'
    "  if (err.code ===\n     401) {}\n"
    "}\n"
)
CPP = (
    "#include <multimedia/image_framework/image/image_common.h>\r\n"
    "Image_ErrorCode f() {\r\n"
    "    /* 内存😀 */ return 7600301;\r\n"
    "    if (ret = 7600201) { return IMAGE_BAD_PARAMETER; }\r\n"
    "    EXPECT_EQ(ret, 62980999); /* é */ EXPECT_EQ(ret, 7700301);\r\n"
    "}\r\n"
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    for i in range(8):
        d = tmp_path / f"m{i}"
        d.mkdir()
        (d / "a.ets").write_bytes(("// 注释 😀\n" * i + ETS).encode("utf-8"))
        (d / "b.cpp").write_bytes(CPP.encode("utf-8"))
        (d / "c.ets").write_bytes(b"const width = 640;\n")  # no finding
    (tmp_path / "m3" / "bad.ets").write_bytes(b"// caf\xe9 401\n")  # a note
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, monkeypatch, parallel: bool, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr(check_run, "SERIAL_BYTES", 0 if parallel else 1 << 40)
    monkeypatch.setattr(check_run, "CHUNK_FILES", 2)
    rc = check.main(["--no-color", "--jobs", "2", *argv])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("fmt", ["text", "json", "rdjsonl", "rdjson", "github"])
@pytest.mark.parametrize("extra", [[], ["--min-severity", "warning"], ["--min-severity", "error"]])
def test_parallel_rendering_is_byte_identical(repo, capsys, monkeypatch, fmt, extra):
    serial = run(capsys, monkeypatch, False, "--format", fmt, *extra)
    parallel = run(capsys, monkeypatch, True, "--format", fmt, *extra)
    assert parallel == serial
    assert serial[1] or fmt == "rdjsonl"  # (nothing is an error: rdjsonl writes nothing at all)
    if fmt in ("json", "rdjson"):
        json.loads(serial[1])


def test_parallel_github_step_summary(repo, capsys, monkeypatch):
    monkeypatch.setattr(formats.github, "SUMMARY_ROWS", 5)  # (the github module of the formats package)
    summaries = []
    for parallel in (False, True):
        path = repo / f"summary-{parallel}.md"
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(path))
        out = run(capsys, monkeypatch, parallel, "--format", "github")
        summaries.append((out, path.read_text(encoding="utf-8")))
    assert summaries[0] == summaries[1]
    assert summaries[0][1].count("\n| `m") == 5


def test_rendered_results_carry_counts_not_findings(repo):
    from ohos_errcode.catalog import Catalog
    from ohos_errcode.cli.walk import walk

    files = walk(["m1"], cwd=repo).files
    check_run.STATE["catalog"] = Catalog.load()
    results = check_run.check_chunk_in_worker(files, False, 10**6, None, ("json", int(Severity.HINT)))
    by_name = {r.file.rel.rsplit("/", 1)[-1]: r for r, _ in results}
    a = by_name["a.ets"]
    assert a.findings == [] and a.lines == {}
    assert sum(n for _, n in a.counts) == a.rendered.count("\n") + 1
    assert by_name["c.ets"].counts == () and by_name["c.ets"].rendered == ""

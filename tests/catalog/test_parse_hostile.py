"""Issue 13, catalog pages: `--docs` naming a FIFO, a device or a huge file is refused with a clear
problem instead of waiting or eating memory, and a large page is read in time proportional to its
size.  Each case runs a real `errcode` process under a memory limit and a timeout."""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ohos_errcode.catalog.parse import MAX_PAGE_BYTES, parse_page

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 2 * 2**30  # address space of the errcode process: the 1 MB page needs ~250 MB
TIMEOUT = 120  # a hang fails the test instead of stopping the suite


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("parse_scale", ROOT / "benchmarks" / "parse_scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


big_page = _load_benchmark().page  # the benchmark's page of N short, well-formed entries


def errcode(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    env = {k: v for k, v in os.environ.items() if not k.startswith("ERRCODE_") and k != "FORCE_COLOR"}
    env.update(ERRCODE_CONFIG=str(cwd / "no-config.toml"), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "ohos_errcode.cli.main", *args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=TIMEOUT, preexec_fn=limits, stdin=subprocess.DEVNULL)


def test_validate_docs_naming_a_fifo_says_so_without_waiting(tmp_path):
    fifo = tmp_path / "errorcode-pipe.md"
    os.mkfifo(fifo)
    p = errcode(["catalog", "validate", "--docs", str(fifo)], tmp_path)
    problem = f"{fifo}: cannot read file: not a regular file (a FIFO)"
    assert p.stdout.splitlines() == [problem, "2 pages checked, 1 problems"]
    assert p.stderr.splitlines() == [f"errcode: warning: {problem}"]
    assert p.returncode == 1


def test_validate_docs_naming_dev_zero_says_so_without_reading_it(tmp_path):
    p = errcode(["catalog", "validate", "--docs", "/dev/zero", "--json"], tmp_path)
    assert json.loads(p.stdout) == {"pages": 2, "problems": ["/dev/zero: cannot read file: not a regular file (a character device)"]}
    assert p.returncode == 1


def test_explain_docs_naming_a_link_to_dev_zero_still_explains_from_the_rest(tmp_path):
    link = tmp_path / "errorcode-zero.md"
    link.symlink_to("/dev/zero")
    p = errcode(["explain", "--docs", str(link), "7700201"], tmp_path)
    assert p.stdout.splitlines()[0] == "7700201 Unsupported Memory Allocation Type"
    assert p.stderr.splitlines() == [f"errcode: warning: {link}: cannot read file: not a regular file (a character device)"]
    assert p.returncode == 0


def test_a_page_over_the_size_cap_is_refused_unread(tmp_path):
    huge = tmp_path / "errorcode-huge.md"
    with open(huge, "wb") as f:
        f.truncate(MAX_PAGE_BYTES + 1)  # sparse: nothing to write, and nothing would be read
    p = errcode(["catalog", "validate", "--docs", str(huge)], tmp_path)
    assert p.stdout.splitlines() == [
        f"{huge}: cannot read file: larger than 4 MiB ({MAX_PAGE_BYTES + 1} bytes); an error-code page is far smaller",
        "2 pages checked, 1 problems",
    ]
    assert p.returncode == 1


def test_explain_from_a_1_mb_page_of_10000_entries(tmp_path):
    page = tmp_path / "errorcode-big.md"
    page.write_text(big_page(10_000), encoding="utf-8")
    assert 1_000_000 < page.stat().st_size < MAX_PAGE_BYTES
    p = errcode(["explain", "--docs", str(page), "10009999"], tmp_path)
    assert (p.returncode, p.stderr) == (0, "")
    assert p.stdout.splitlines() == [
        "10009999 Failure 9999",
        "[Big]",
        "",
        "Error message:",
        "  Failed 9999.",
        "",
        "Possible causes:",
        "  - Bad input.",
        "",
        "Solution:",
        "  - Retry.",
        f"Documentation: {page.parent.as_uri()}/errorcode-big.md#10009999-failure-9999",
    ]


def _best_time(text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        entries, errors = parse_page(text, "big/errorcode-big.md")
        best = min(best, time.perf_counter() - start)
    assert errors == []
    return best


def test_parsing_time_grows_in_proportion_to_the_page():
    """Four times the entries take about four times as long (a quadratic part would take 16×); the
    two sizes are measured side by side, the best of three runs each."""
    small, large = big_page(400), big_page(1_600)
    _best_time(small, 1)  # warm up
    ratio = _best_time(large, 3) / _best_time(small, 3)
    print(f"4× the entries: {ratio:.1f}× the time")
    assert ratio < 8


@pytest.mark.parametrize("was_enabled", [True, False])
def test_parsing_leaves_the_cyclic_collector_as_it_found_it(was_enabled):
    import gc

    (gc.enable if was_enabled else gc.disable)()
    try:
        parse_page(big_page(3), "x/errorcode-x.md")
        assert gc.isenabled() is was_enabled
    finally:
        gc.enable()

"""Fuzz `errcode check` (issue 13): random trees with special files (FIFOs, links to devices, dangling
and looping links), odd names (not UTF-8, control characters, spaces) and random bytes (binary,
UTF-16, long lines, NULs), checked in a random format with random options, by a real `errcode`
process under a memory limit and a timeout.  It must never crash, hang or lose output: the exit
status is 0, 1 or 3, nothing is written as a traceback, the report is whole (it parses), and every
source file is either checked or named in a note.

Seeded random, bounded in time: ERRCODE_FUZZ_SECONDS (default 4) of trees from ERRCODE_FUZZ_SEED
(default 13).  Longer locally: `ERRCODE_FUZZ_SECONDS=300 pytest tests/cli/test_check_fuzz.py`
(docs/code-review.md)."""

from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path

from cli_process import BAD, errcode

SECONDS = float(os.environ.get("ERRCODE_FUZZ_SECONDS", "4"))
SEED = int(os.environ.get("ERRCODE_FUZZ_SEED", "13"))
EXTS = [".ets", ".ts", ".js", ".cpp", ".c", ".h"]
FORMATS = ["text", "json", "sarif", "rdjson", "rdjsonl", "github"]
SKIP_KINDS = {"special", "unreadable", "binary", "oversized", "undecodable"}
SNIPPETS = [BAD, "if (err.code === 7700201) {}\n", "switch (e.code) { case 401: break; }\n", "let x = 62980096;\n",
            "// 注释 😀 62980999\n", "expect(e.code).assertEqual(7600301);\n", "/* unterminated 401", "'\\", "`${", "\r"]


def name(rng: random.Random, ext: str) -> bytes:
    parts = [b"f", str(rng.randrange(10**6)).encode()]
    for _ in range(rng.randrange(3)):
        parts.append(rng.choice([b"\xe9", b"\xff\xfe", b" ", b"\x1b[31m", b"\t", "名字".encode(), b"%", b"\\", b"'", b"\n"]))
    return b"".join(parts) + ext.encode()


def content(rng: random.Random) -> bytes:
    kind = rng.randrange(7)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(2000)))
    text = "".join(rng.choice(SNIPPETS) for _ in range(rng.randrange(1, 30)))
    if kind == 1:
        return b"\xff\xfe" + text.encode("utf-16-le")
    if kind == 2:
        return ("x" * rng.randrange(19990, 20010) + " 62980999\n" + text).encode()
    if kind == 3:
        data = bytearray(text.encode())
        for _ in range(rng.randrange(1, 4)):
            data.insert(rng.randrange(len(data) + 1), rng.randrange(256))
        return bytes(data)
    return text.encode()


def make_tree(rng: random.Random, root: Path) -> int:
    """A random tree under `root`; returns how many entries with a source-file name it holds."""
    r = os.fsencode(root)
    dirs = [r]
    for _ in range(rng.randrange(4)):
        d = os.path.join(rng.choice(dirs), name(rng, "").rstrip(b"."))
        os.makedirs(d, exist_ok=True)
        dirs.append(d)
    sources = 0
    for _ in range(rng.randrange(1, 12)):
        d = rng.choice(dirs)
        path = os.path.join(d, name(rng, rng.choice(EXTS)))
        if os.path.lexists(path):
            continue
        kind = rng.randrange(10)
        if kind == 0:
            os.mkfifo(path)
        elif kind == 1:
            os.symlink(rng.choice(["/dev/zero", "/dev/urandom", "/dev/null"]), path)
        elif kind == 2:
            os.symlink(rng.choice([b"missing.ets", os.path.basename(path)]), path)  # dangling, or a loop
        else:
            with open(path, "wb") as fh:
                fh.write(content(rng))
        sources += 1
    if rng.random() < 0.3:
        gi = os.path.join(rng.choice(dirs), b".gitignore")
        if not os.path.lexists(gi):
            if rng.random() < 0.5:
                os.mkfifo(gi)
            else:
                os.symlink("/dev/zero", gi)
    return sources


def check_one(rng: random.Random, root: Path, label: str) -> None:
    sources = make_tree(rng, root)
    fmt = rng.choice(FORMATS)
    args = ["check", ".", "--format", fmt, "--no-progress", "--jobs", str(rng.choice([1, 2]))]
    if rng.random() < 0.3:
        args.append("--fix")
    if rng.random() < 0.3:
        args += ["--max-size", str(rng.randrange(1, 50000))]
    report = None
    if rng.random() < 0.4:
        report = root / "report.out"
        args += ["-o", "report.out"]
    p = errcode(args, root)
    err = p.stderr.decode("utf-8", "replace")
    assert p.returncode in (0, 1, 3), f"{label}: exit {p.returncode}\n{err}"
    assert "Traceback" not in err and "internal error" not in err, f"{label}: {err}"
    out = report.read_bytes() if report is not None else p.stdout
    text = out.decode("utf-8")  # every format is valid UTF-8
    if fmt in ("json", "sarif", "rdjson"):
        doc = json.loads(text)
        if fmt == "json":
            skipped = [n for n in doc["notes"] if n["kind"] in SKIP_KINDS]
            assert doc["filesChecked"] + len(skipped) == sources, f"{label}: {doc['filesChecked']} + {skipped} != {sources}"
            assert p.returncode != 3 or doc["filesChecked"] == 0
    elif fmt == "rdjsonl":
        for line in text.splitlines():
            json.loads(line)
    elif fmt == "text":
        assert re.fullmatch(r"\d+ findings?( \(.*\))? in \d+ files?(; \d+ fixed)?", text.splitlines()[-1]), f"{label}: {text[-300:]}"
    else:
        assert all(line.startswith("::") for line in text.splitlines()), f"{label}: {text[:300]}"


def test_check_on_random_trees_with_special_files_never_crashes_hangs_or_loses_output(tmp_path):
    rng = random.Random(SEED)
    deadline = time.monotonic() + SECONDS
    n = 0
    while n < 2 or time.monotonic() < deadline:
        root = tmp_path / f"t{n}"
        (root / ".git").mkdir(parents=True)
        check_one(rng, root, f"seed {SEED}, tree {n} ({root})")
        n += 1

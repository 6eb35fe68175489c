"""Throughput of `errcode check` against ripgrep on two trees of ArkTS and C++.

    python benchmarks/check_throughput.py [--size-mb 50] [--jobs N] [--keep DIR] [--runs 3]
                                          [--corpus generated|real|both] [--compare PYTHON] [--pure]

The trees:
- generated (deterministically, seed 6): realistic OpenHarmony sources: ArkTS pages and
  abilities with try/catch on `err.code`, promise `.catch`, switches on codes, `expect(...).assertEqual`,
  Chinese and emoji comments, UI code full of numbers that are not codes; C++ with
  `Image_ErrorCode` functions, `switch` on results, GTest assertions, `#define`s and tables;
- real: the files of ../shared/real-code/files (real OpenHarmony code) copied into as many folders
  as it takes to reach the same size (skipped with a note when ../shared is absent).

For each, with a warm page cache, the best of `--runs`:

    rg -c '\\b[0-9]{3,9}\\b' TREE
    errcode check TREE --format json --fail-on never --no-progress -o /dev/null

and reports MB/s for both, the ratio (target: errcode >= 25% of ripgrep), the peak resident
memory of each (the sum over the process and its workers, sampled every 20 ms from /proc) and the
CPU time of each (the process and its workers; on a machine shared with other work it varies
less than the elapsed time).

`--compare PYTHON`: also time `PYTHON -m ohos_errcode.cli.main check` (another checkout's
environment, e.g. the commit before a change: `git worktree add /tmp/base REV && make -C /tmp/base
setup`, then `--compare /tmp/base/.venv/bin/python`) in the same run, each round timing every
command once in turn, and print both ratios and their quotient.

`--pure`: also time this checkout with `ERRCODE_PURE_PYTHON=1` (the scanner's Python modules, not
their compiled build: docs/architecture.md "The compiled scanner").  Each errcode's scanner is
printed before the trees are timed.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

IMAGE_CODES = [
    401, 201, 202, 801, 7600101, 7600102, 7600201, 7600202, 7600203, 7600204, 7600206, 7600301, 7600302,
    7700101, 7700102, 7700103, 7700201, 7700203, 7700301, 7700302, 7800201, 7800301, 62980096, 62980099,
    62980103, 62980106, 62980110, 62980115, 62980118, 62980123, 62980133, 62980137, 62980149, 62980172,
]
TYPOS = [7700210, 62980999, 7600310, 7700031, 62908096]
CN = ["图像解码失败时重试", "共享内存不足", "参数校验", "处理错误码", "内存申请失败", "不支持的格式", "编码器初始化"]
EMOJI = ["😀", "🎉", "🚀", "✅", "🖼️"]


def ets_file(rng: random.Random, n_funcs: int) -> str:
    out = [
        "import { image } from '@kit.ImageKit';",
        "import { BusinessError } from '@kit.BasicServicesKit';",
        "import hilog from '@ohos.hilog';",
        "",
        f"// {rng.choice(CN)} {rng.choice(EMOJI)}",
        "@Entry",
        "@Component",
        f"struct Page{rng.randrange(10**6)} {{",
        "  @State message: string = 'Hello World';",
        f"  private width: number = {rng.randrange(100, 1080)};",
        "",
    ]
    for i in range(n_funcs):
        code = rng.choice(IMAGE_CODES if rng.random() > 0.02 else TYPOS)
        kind = rng.randrange(5)
        out.append(f"  /** {rng.choice(CN)}：第 {i} 步 {rng.choice(EMOJI)} */")
        if kind == 0:
            out += [
                f"  async decode{i}(buf: ArrayBuffer): Promise<void> {{",
                "    try {",
                "      const source = image.createImageSource(buf);",
                f"      const pixelMap = await source.createPixelMap({{ desiredSize: {{ width: {rng.randrange(64, 4096)}, height: {rng.randrange(64, 4096)} }} }});",
                f"      hilog.info(0x{rng.randrange(0x10000):04X}, 'testTag', 'decoded %{{public}}d bytes', {rng.randrange(1000, 99999999)});",
                "    } catch (error) {",
                "      const err = error as BusinessError;",
                f"      if (err.code === {code}) {{",
                f"        hilog.error(0x0000, 'testTag', `decode failed: ${{err.code}} ${{err.message}}`); // {rng.choice(CN)}",
                "      }",
                "    }",
                "  }",
            ]
        elif kind == 1:
            out += [
                f"  pack{i}(pixelMap: image.PixelMap): void {{",
                "    const packer = image.createImagePacker();",
                f"    packer.packToData(pixelMap, {{ format: 'image/jpeg', quality: {rng.randrange(1, 100)} }})",
                "      .then((data: ArrayBuffer) => { this.message = `packed ${data.byteLength}`; })",
                "      .catch((e: BusinessError) => {",
                "        switch (e.code) {",
                f"          case {code}:",
                f"            hilog.warn(0x0000, 'tag', 'retry {rng.randrange(3, 30)} times');",
                "            break;",
                f"          case {rng.choice(IMAGE_CODES)}:",
                "            break;",
                "          default:",
                "            break;",
                "        }",
                "      });",
                "  }",
            ]
        elif kind == 2:
            out += [
                f"  build{i}() {{",
                "    Column() {",
                "      Text(this.message)",
                f"        .fontSize({rng.randrange(10, 60)})",
                f"        .fontColor('#{rng.randrange(0x1000000):06X}')",
                f"        .margin({{ top: {rng.randrange(0, 200)}, left: {rng.randrange(0, 200)} }})",
                f"      Image($r('app.media.icon')).width({rng.randrange(100, 1000)}).height({rng.randrange(100, 1000)})",
                "    }",
                f"    .width('{rng.randrange(10, 100)}%')",
                "  }",
            ]
        elif kind == 3:
            out += [
                f"  it('decode_error_{i}', 0, async (done: Function) => {{",
                "    try {",
                f"      await image.createImageSource(new ArrayBuffer({rng.randrange(1, 65536)})).getImageInfo();",
                "    } catch (e) {",
                f"      expect(e.code).assertEqual({code});",
                "    }",
                "    done();",
                "  })",
            ]
        else:
            out += [
                f"  private readonly TIMEOUT_{i} = {rng.randrange(100, 100000)}; // ms",
                f"  private readonly SIZES_{i}: number[] = [{', '.join(str(rng.randrange(16, 8192)) for _ in range(8))}];",
                f"  check{i}(code: number): boolean {{",
                f"    return code === {code} || code === {rng.choice(IMAGE_CODES)};",
                "  }",
            ]
        out.append("")
    out.append("}")
    return "\n".join(out) + "\n"


def cpp_file(rng: random.Random, n_funcs: int) -> str:
    out = [
        "#include <multimedia/image_framework/image/image_common.h>",
        "#include <multimedia/image_framework/image/image_source_native.h>",
        "#include <hilog/log.h>",
        "",
        f"// {rng.choice(CN)} {rng.choice(EMOJI)}",
        f"#define BUFFER_SIZE {rng.randrange(1024, 1 << 20)}",
        f"#define LOG_DOMAIN 0x{rng.randrange(0x10000):04X}",
        "",
        "namespace {",
    ]
    for i in range(n_funcs):
        code = rng.choice(IMAGE_CODES[4:] if rng.random() > 0.02 else TYPOS)
        kind = rng.randrange(4)
        out.append(f"/* {rng.choice(CN)} {rng.choice(EMOJI)} */")
        if kind == 0:
            out += [
                f"Image_ErrorCode Decode{i}(OH_ImageSourceNative *source, OH_PixelmapNative **pixelmap)",
                "{",
                "    OH_DecodingOptions *opts = nullptr;",
                "    Image_ErrorCode ret = OH_DecodingOptions_Create(&opts);",
                "    if (ret != IMAGE_SUCCESS) {",
                f"        OH_LOG_ERROR(LOG_APP, \"create options failed: %{{public}}d\", ret);",
                "        return ret;",
                "    }",
                f"    uint32_t width = {rng.randrange(1, 8192)}u;",
                f"    if (width > {rng.randrange(4096, 16384)}) {{",
                f"        return static_cast<Image_ErrorCode>({code});",
                "    }",
                "    return OH_ImageSourceNative_CreatePixelmap(source, opts, pixelmap);",
                "}",
            ]
        elif kind == 1:
            out += [
                f"const char *Describe{i}(int32_t code)",
                "{",
                "    switch (code) {",
                f"        case {code}:",
                "            return \"bad parameter\";",
                f"        case {rng.choice(IMAGE_CODES[4:])}:",
                "            return \"unsupported\";",
                "        default:",
                "            return \"unknown\";",
                "    }",
                "}",
            ]
        elif kind == 2:
            out += [
                f"static const uint8_t TABLE_{i}[] = {{ {', '.join(str(rng.randrange(256)) for _ in range(16))} }};",
                f"static constexpr int64_t LIMIT_{i} = {rng.randrange(10**5, 10**9)}LL;",
                f"static constexpr double SCALE_{i} = {rng.random():.6f};",
            ]
        else:
            out += [
                f"HWTEST_F(ImageSourceTest, Decode{i}, TestSize.Level1)",
                "{",
                f"    OH_ImageSourceNative *src = CreateFromBuffer({rng.randrange(1, 1 << 16)});",
                f"    EXPECT_EQ(OH_ImageSourceNative_GetImageInfo(src, {rng.randrange(0, 8)}, nullptr), {code});",
                "}",
            ]
        out.append("")
    out.append("}  // namespace")
    return "\n".join(out) + "\n"


def generate(root: Path, size_mb: float, seed: int = 6) -> tuple[int, int]:
    rng = random.Random(seed)
    target = int(size_mb * 1024 * 1024)
    total = files = 0
    while total < target:
        module = root / f"module{files // 200:03d}" / "src" / "main"
        if rng.random() < 0.55:
            path = module / "ets" / "pages" / f"Page{files:05d}.ets"
            text = ets_file(rng, rng.randrange(20, 120))
        else:
            path = module / "cpp" / f"image_{files:05d}.cpp"
            text = cpp_file(rng, rng.randrange(20, 140))
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
        files += 1
    return total, files


def _tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().rsplit(b")", 1)[1].split()
            ppid = int(stat[1])
            with open(f"/proc/{entry}/statm", "rb") as fh:
                rss[int(entry)] = int(fh.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack += children.get(p, [])
    return total


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def measure(cmd: list[str]) -> tuple[float, float, int, int]:
    """(seconds, CPU seconds of the process and its workers, peak RSS bytes of the process tree, exit code)."""
    peak = 0
    cpu0 = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.02)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu0  # (workers are reaped by errcode, so they count too)
    done.set()
    t.join()
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode("utf-8", "replace"))
    return elapsed, cpu, peak, proc.returncode


def scanner(python: list[str]) -> str:
    """Which scanner `python` runs (catalog/scan/native.py `status`)."""
    code = "from ohos_errcode.catalog.scan import native; print(native.status)"
    out = subprocess.run([*python, "-c", code], capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else "pure Python (a checkout without a compiled build)"


REAL_CODE = Path(__file__).resolve().parents[2] / "shared" / "real-code" / "files"


def replicate(src: Path, root: Path, size_mb: float) -> tuple[int, int]:
    """Copies of the files of `src` in rep000/, rep001/ … under `root` until they reach `size_mb`."""
    files = sorted(p for p in src.iterdir() if p.is_file())
    datas = [(p.name, p.read_bytes()) for p in files]
    target = int(size_mb * 1024 * 1024)
    total = n = copies = 0
    while total < target and datas:
        d = root / f"rep{copies:03d}"
        d.mkdir(parents=True, exist_ok=True)
        for name, data in datas:
            (d / name).write_bytes(data)
            total += len(data)
            n += 1
        copies += 1
    return total, n


def prepare(kind: str, root: Path, size_mb: float) -> bool:
    if any(root.glob("module*")) or any(root.glob("rep*")):
        return True
    root.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if kind == "generated":
        total, files = generate(root, size_mb)
    else:
        if not REAL_CODE.is_dir():
            print(f"real: skipped, {REAL_CODE} is absent")
            return False
        total, files = replicate(REAL_CODE, root, size_mb)
    print(f"{kind}: made {files} files, {total / 2**20:.1f} MiB in {time.perf_counter() - t0:.1f}s ({root})")
    return True


def bench(kind: str, root: Path, commands: list[tuple[str, list[str]]], runs: int) -> list[tuple] | None:
    """Best time (and best CPU time) of each command over `runs` rounds (each round runs every command
    once, in turn): rows of (name, seconds, MiB/s, peak RSS, CPU seconds)."""
    sizes = [p.stat().st_size for p in root.rglob("*") if p.is_file() and SOURCE.search(p.name)]
    total, files = sum(sizes), len(sizes)
    mib = total / 2**20
    print(f"\n{kind} tree: {files} files, {mib:.1f} MiB; cpus: {os.cpu_count()}; best of {runs} runs, warm cache")
    best = {name: float("inf") for name, _ in commands}
    best_cpu = dict(best)
    peak = {name: 0 for name, _ in commands}
    for name, cmd in commands:
        measure(cmd)  # warm-up: page cache, imports
    for _ in range(runs):
        for name, cmd in commands:
            secs, cpu, rss, rc = measure(cmd)
            if rc not in (0, 1):
                print(f"{name} failed with exit status {rc}", file=sys.stderr)
                return None
            best[name], peak[name] = min(best[name], secs), max(peak[name], rss)
            best_cpu[name] = min(best_cpu[name], cpu)
    rows = [(name, best[name], mib / best[name], peak[name], best_cpu[name]) for name, _ in commands]
    print(f"{'tool':<24} {'seconds':>8} {'MiB/s':>8} {'peak RSS MiB':>13} {'of ripgrep':>11} {'CPU s':>7}")
    for name, secs, rate, rss, cpu in rows:
        print(f"{name:<24} {secs:>8.2f} {rate:>8.1f} {rss / 2**20:>13.1f} {rate / rows[0][2]:>11.1%} {cpu:>7.2f}")
    return rows


SOURCE = __import__("re").compile(r"\.(ets|ts|js|mjs|cjs|c|cc|cpp|cxx|h|hh|hpp|hxx)$")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-mb", type=float, default=50.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=0, help="errcode check --jobs (default: all CPUs)")
    ap.add_argument("--keep", metavar="DIR", help="make the trees in DIR/generated and DIR/real and keep them (reused)")
    ap.add_argument("--corpus", choices=("generated", "real", "both"), default="both")
    ap.add_argument("--compare", metavar="PYTHON", help="also time errcode check run by this interpreter (another checkout)")
    ap.add_argument("--pure", action="store_true", help="also time this checkout with ERRCODE_PURE_PYTHON=1")
    args = ap.parse_args(argv)

    rg = shutil.which("rg")
    if rg is None:
        print("ripgrep (rg) is not installed: apt-get install -y ripgrep", file=sys.stderr)
        return 2
    others = []  # (label, the command that runs Python)
    if args.compare:
        others.append(("compare", [args.compare]))
    if args.pure:
        others.append(("pure", ["env", "ERRCODE_PURE_PYTHON=1", sys.executable]))
    checkers = [("errcode check", [sys.executable])] + [(f"errcode check ({label})", py) for label, py in others]
    for name, python in checkers:
        print(f"{name}: scanner {scanner(python)}")

    tmp = None
    if args.keep:
        base = Path(args.keep)
    else:
        tmp = tempfile.mkdtemp(prefix="errcode-bench-")
        base = Path(tmp)
    kinds = ("generated", "real") if args.corpus == "both" else (args.corpus,)
    try:
        summary = []
        for kind in kinds:
            root = base / kind
            if not prepare(kind, root, args.size_mb):
                continue
            commands = [("ripgrep", [rg, "-c", r"\b[0-9]{3,9}\b", str(root)])]
            for name, python in checkers:
                commands.append((name, [*python, "-m", "ohos_errcode.cli.main", "check", str(root), "--format", "json",
                                        "--fail-on", "never", "--no-progress", "-o", os.devnull]
                                 + (["--jobs", str(args.jobs)] if args.jobs else [])))
            rows = bench(kind, root, commands, args.runs)
            if rows is None:
                return 1
            ratios = [row[2] / rows[0][2] for row in rows[1:]]
            line = f"{kind}: errcode check throughput = {ratios[0]:.0%} of ripgrep's (target >= 25%)"
            for (label, _), ratio, row in zip(others, ratios[1:], rows[2:]):
                line += (f"; {label}: {ratio:.0%}; this / {label} = {ratios[0] / ratio:.3f} by time, "
                         f"{row[4] / rows[1][4]:.3f} by CPU time ({label}'s / this one's)")
            summary.append(line)
        print()
        print("\n".join(summary))
        return 0
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

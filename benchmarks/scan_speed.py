"""Scan speed: full analysis and one-character edits on a generated 20,000-line ArkTS file.

Prints the median (and p90) of a from-scratch `analyze` of the whole file, and of
`DocumentAnalysis.apply_edit` + `.findings` after a one-character edit at random places
(the language server's path after a keystroke; target <= 30 ms), by kind of edit: typing, brackets
and quotes, opening a template or block comment, a line break; median and p99.

    .venv/bin/python benchmarks/scan_speed.py [--lines 20000] [--runs 7] [--edits 400]
    .venv/bin/python benchmarks/scan_speed.py --against /tmp/base-worktree   # side by side, ratios
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ohos_errcode.catalog import Catalog, Position, Range  # noqa: E402
from ohos_errcode.catalog.analyze import DocumentAnalysis, analyze  # noqa: E402

BLOCKS = [
    """  it('testCreatePixelMap{n}', 0, async (done: Function) => {{
    // @tc.desc : createPixelMap returns 62980115 on a bad size, 错误码401
    const opts: image.InitializationOptions = {{ size: {{ height: 202, width: 198 }}, pixelFormat: 3 }};
    try {{
      let pixelMap = await image.createPixelMap(color, opts);
      expect(pixelMap.getPixelBytesNumber()).assertEqual(160000);
    }} catch (error) {{
      console.error(`testCreatePixelMap{n} failed, code ${{error.code}}, message ${{error.message}}`);
      expect(error.code == 62980115).assertTrue();
      expect(Number(error.code)).assertEqual(401);
    }}
    done();
  }});
""",
    """  async checkDecode{n}(source: image.ImageSource): Promise<void> {{
    try {{
      await source.createPixelMap({{ desiredSize: {{ width: 801, height: 500 }} }});
    }} catch (err) {{
      const e = err as BusinessError;
      switch (e.code) {{
        case 7700201:
          hilog.error(0x0000, TAG, 'Unsupported allocator %{{public}}d', e.code);
          break;
        case 401:
          this.retry = 3;
          break;
        default:
          this.status = 'Error is 62980108. Check your device.';
      }}
    }}
  }}
""",
    """  build{n}() {{
    Column() {{
      Text(this.message).fontSize(50).width(201).height('100%')
      Image(this.pixelMap).objectFit(ImageFit.Contain).margin({{ top: 12, left: 16 }})
    }}.width('100%').padding(24)
  }}
  private bytes{n}: Uint8Array = new Uint8Array([71, 73, 70, 56, 57, 97, 198, 0, 202, 0, 247, 255]);
  private taskId{n}: number = 201;
  private version{n}: string = '1.2.3';
""",
    """  async fetch{n}(): Promise<void> {{
    const response = await httpRequest.request(this.url);
    if (response.responseCode === 401) {{
      this.login();
    }} else if (response.responseCode === 200) {{
      this.data = JSON.parse(response.result as string);
    }}
    const PARA_ERROR_CODE = 7700204;
    if (this.errCode === PARA_ERROR_CODE || this.errCode === 62980096) {{
      throw new BusinessError(401, 'bad parameter');
    }}
  }}
""",
]


def generate(lines: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    out = [
        "import image from '@ohos.multimedia.image';",
        "import { BusinessError } from '@ohos.base';",
        "import hilog from '@ohos.hilog';",
        "",
        "const TAG = 'ImageTest';",
        "",
        "export default class ImageSuite {",
    ]
    n = 0
    while len(out) < lines - 1:
        out.extend(rnd.choice(BLOCKS).format(n=n).splitlines())
        n += 1
    out = out[: lines - 1]
    out.append("}")
    return "\n".join(out) + "\n"


def measure(lines_count: int, runs: int, edits_count: int) -> dict[str, float]:
    """Milliseconds: full analysis (median), and per edit kind the median and p99 of
    `apply_edit` + `.findings` after typing it at random places."""
    catalog = Catalog.load()
    text = generate(lines_count)
    full = []
    for _ in range(runs):
        t0 = time.perf_counter()
        findings = analyze(text, "ets", catalog)
        full.append((time.perf_counter() - t0) * 1000)
    doc = DocumentAnalysis(text, "ets", catalog)
    doc.findings
    rnd = random.Random(2)
    lines = text.split("\n")
    kinds = {"typing": ["0", "1", "7", "9", " ", "a", "b"], "brackets/quotes": ["(", ")", "{", "}", "'", '"'],
             "template/comment": ["`", "/*"], "line break": ["\n"]}
    by_kind: dict[str, list[float]] = {k: [] for k in kinds}
    for k in range(edits_count):
        kind = list(kinds)[k % len(kinds)]
        ch = rnd.choice(kinds[kind])
        li = rnd.randrange(len(lines) - 1)
        col = rnd.randrange(len(doc.lines[li]) + 1)
        t0 = time.perf_counter()
        doc.apply_edit(Range.of(li, col, col), ch)  # type it
        doc.findings
        by_kind[kind].append((time.perf_counter() - t0) * 1000)
        end = Position(li + 1, 0) if ch == "\n" else Position(li, col + len(ch))
        doc.apply_edit(Range(Position(li, col), end), "")  # and delete it again (not timed)
        doc.findings
    out = {"lines": lines_count, "findings": len(findings), "full scan ms (median)": statistics.median(full)}
    for kind, values in by_kind.items():
        values.sort()
        out[f"{kind} ms (median)"] = statistics.median(values)
        out[f"{kind} ms (p99)"] = values[min(len(values) - 1, int(len(values) * 0.99))]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--edits", type=int, default=400)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON (for --against)")
    ap.add_argument("--against", metavar="WORKTREE",
                    help="also measure another checkout (its .venv) with this script, alternating, and print ratios")
    args = ap.parse_args(argv)
    size = ["--lines", str(args.lines), "--runs", str(args.runs), "--edits", str(args.edits)]
    if args.json:
        print(json.dumps(measure(args.lines, args.runs, args.edits)))
        return 0
    if not args.against:
        for name, value in measure(args.lines, args.runs, args.edits).items():
            print(f"{name}: {value:.2f}" if isinstance(value, float) else f"{name}: {value}")
        return 0
    other = Path(args.against) / ".venv" / "bin" / "python"
    mine, theirs = [], []
    for _ in range(2):  # alternating, so that both see the same load
        theirs.append(json.loads(subprocess.run([str(other), __file__, "--json", *size], check=True,
                                                capture_output=True, text=True).stdout))
        mine.append(json.loads(subprocess.run([sys.executable, __file__, "--json", *size], check=True,
                                              capture_output=True, text=True).stdout))
    print(f"{'':34} {'this':>10} {'other':>10} {'this/other':>10}")
    for name in mine[0]:
        a = min(m[name] for m in mine)
        b = min(m[name] for m in theirs)
        ratio = f"{a / b:10.2f}" if isinstance(a, float) and b else ""
        print(f"{name:34} {a:10.2f} {b:10.2f} {ratio}" if isinstance(a, float) else f"{name:34} {a:>10} {b:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

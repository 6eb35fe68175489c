"""Scan speed: full analysis and one-character edits on a generated 20,000-line ArkTS file.

Prints the median (and p90) of a from-scratch `analyze` of the whole file, and of
`DocumentAnalysis.apply_edit` + `.findings` after a one-character edit at random places
(the language server's path after a keystroke; target <= 30 ms).

    .venv/bin/python benchmarks/scan_speed.py [--lines 20000] [--runs 7] [--edits 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ohos_errcode.catalog import Catalog, Range  # noqa: E402
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--edits", type=int, default=200)
    args = ap.parse_args(argv)
    catalog = Catalog.load()
    text = generate(args.lines)
    full = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        findings = analyze(text, "ets", catalog)
        full.append((time.perf_counter() - t0) * 1000)
    doc = DocumentAnalysis(text, "ets", catalog)
    doc.findings
    rnd = random.Random(2)
    lines = text.split("\n")
    edits = []
    by_kind: dict[str, list[float]] = {"typing (digits, letters, space)": [], "brackets and quotes ' \" ( ) { }": [],
                                       "opening a template or a block comment (` /*)": []}
    for k in range(args.edits):
        li = rnd.randrange(len(lines) - 1)
        col = rnd.randrange(len(doc.lines[li]) + 1)
        ch = rnd.choice(["0", "1", "7", "9", " ", "a", "b", "(", ")", "{", "}", "'", '"', "`", "/*"])
        t0 = time.perf_counter()
        doc.apply_edit(Range.of(li, col, col), ch)  # type one character
        doc.findings
        ms = (time.perf_counter() - t0) * 1000
        edits.append(ms)
        kind = 0 if ch.isalnum() or ch == " " else 2 if ch in ("`", "/*") else 1
        by_kind[list(by_kind)[kind]].append(ms)
        doc.apply_edit(Range.of(li, col, col + len(ch)), "")  # and delete it again (not timed)
        doc.findings
    q = statistics.quantiles(edits, n=10)
    print(f"file: {args.lines} lines, {len(text) / 1024:.0f} KiB, {len(findings)} findings")
    print(f"full scan + analysis: median {statistics.median(full):.1f} ms over {args.runs} runs")
    print(f"one-character edit -> findings: median {statistics.median(edits):.2f} ms, p90 {q[-1]:.2f} ms, "
          f"max {max(edits):.1f} ms over {args.edits} edits (target <= 30 ms)")
    for kind, values in by_kind.items():
        if values:
            print(f"  {kind}: median {statistics.median(values):.2f} ms, max {max(values):.1f} ms ({len(values)} edits)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

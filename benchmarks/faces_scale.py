#!/usr/bin/env python3
"""The language server and the Slack bot with a large snapshot vs the bundled catalog, side by side.

    python benchmarks/faces_scale.py --cache DIR [--rounds 5]

`--cache`: an ERRCODE_CACHE holding a snapshot (e.g. the synthetic 11,000-code one that
`benchmarks/scan_scale.py --keep DIR` leaves in DIR/cache).  For each catalog, alternately, ROUNDS times:

- the language server: time from starting the process to the first hover's answer (initialize,
  didOpen of a small ArkTS file, hover on a code), then its resident memory (VmRSS) after it;
- the Slack bot (`python -m ohos_errcode.slackbot --http`, against slack_load.py's fake Web API):
  resident memory once `/healthz` answers (it loads its catalog at start).

Prints the medians and the ratios snapshot / bundled (targets: first hover <= 2x, memory <= 1.5x).
The hover latency ratio vs a bare pygls server is benchmarks/lsp_latency.py's (run it with
`--server snap="env ERRCODE_CACHE=DIR python -m ohos_errcode.server"`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lsp_latency as ll  # noqa: E402
import slack_load as sl  # noqa: E402
from lsprotocol import types as T  # noqa: E402


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def first_hover(env: dict) -> tuple[float, float]:
    t = time.perf_counter()
    client = ll.LanguageClient("bench", "1")
    client.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(lambda params: None)
    client.feature(T.WINDOW_LOG_MESSAGE)(lambda params: None)
    await client.start_io(sys.executable, "-m", "ohos_errcode.server", "--debounce-ms", "0", env=env)
    await client.initialize_async(T.InitializeParams(capabilities=T.ClientCapabilities()))
    client.initialized(T.InitializedParams())
    uri = "file:///bench/Decode.ets"
    client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, "arkts", 1, ll.SMALL_DOC)))
    got = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), ll.HOVER_AT))
    took = (time.perf_counter() - t) * 1000
    assert got is not None and "7700201" in got.contents.value, got
    mem = rss_mb(client._server.pid)
    await ll.stop(client)
    return took, mem


def bot_rss(env: dict, api_url: str, tmp: str) -> float:
    """The bot's resident memory once it answers /healthz (it loads its catalog at start)."""
    old = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        bot = sl.Replica(api_url, None, tmp)
    finally:
        os.environ.clear()
        os.environ.update(old)
    try:
        return rss_mb(bot.proc.pid)
    finally:
        bot.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="errcode-faces-")
    base = {k: v for k, v in os.environ.items() if k not in ("ERRCODE_DOCS", "OHOS_SDK_HOME", "DEVECO_SDK_HOME")}
    base["ERRCODE_CONFIG"] = os.path.join(tmp, "none.toml")
    envs = {"bundled": dict(base, ERRCODE_CACHE=os.path.join(tmp, "empty")),
            "snapshot": dict(base, ERRCODE_CACHE=str(args.cache))}
    hover: dict = {k: [] for k in envs}
    mem: dict = {k: [] for k in envs}
    bot: dict = {k: [] for k in envs}
    api = sl.FakeWebAPI()
    api_url = f"http://127.0.0.1:{api.port}/api/"
    for _ in range(args.rounds):
        for name, env in envs.items():
            h, m = asyncio.run(first_hover(env))
            hover[name].append(h)
            mem[name].append(m)
            bot[name].append(bot_rss(env, api_url, tmp))
    api.close()
    med = {k: {n: statistics.median(v[n]) for n in envs} for k, v in (("hover", hover), ("mem", mem), ("bot", bot))}
    print(f"first hover after start: bundled {med['hover']['bundled']:.0f} ms, snapshot {med['hover']['snapshot']:.0f} ms, "
          f"ratio {med['hover']['snapshot'] / med['hover']['bundled']:.2f} (target <= 2)")
    print(f"language server RSS: bundled {med['mem']['bundled']:.1f} MiB, snapshot {med['mem']['snapshot']:.1f} MiB, "
          f"ratio {med['mem']['snapshot'] / med['mem']['bundled']:.2f} (target <= 1.5)")
    print(f"Slack bot RSS: bundled {med['bot']['bundled']:.1f} MiB, snapshot {med['bot']['snapshot']:.1f} MiB, "
          f"ratio {med['bot']['snapshot'] / med['bot']['bundled']:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

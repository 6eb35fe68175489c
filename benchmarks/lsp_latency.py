#!/usr/bin/env python3
"""Language-server latency.

1. Hover round trip of `python -m ohos_errcode.server` against a minimal pygls server that
   answers every hover with a constant, measured alternately in one run over stdio (same
   client, same document): median and p99 of each, and the ratio of medians (target <= 1.3).
2. Diagnostics after a one-character edit in a 20,000-line ArkTS file: the server-side time
   from receiving the didChange (before its params are read) to having written the whole
   publishDiagnostics message to the pipe (debounce set to 0, and in any case not counted;
   reported by the server's `errcode.serverStats` command), median and p99 over the edits
   (target <= 30 ms, both); the client-observed round trip is printed beside it, and the CPU time
   the server's event-loop thread used in that span (the rest is waiting for a CPU: on a busy
   machine the wall-clock figures say more about the machine than the server).  Two kinds of
   one-character edit, EDITS of each, spread over the file: a space typed and deleted at the
   start of a line with a diagnostic (the line is re-judged), and a line break typed and
   deleted (every diagnostic after it moves).
3. Hover and completion inside a catch of the same 20,000-line file, right after the edits (the
   API analysis of the edited text is made for the first of them): round trips, median and p99
   (target <= 30 ms, both).

The client declares what VS Code declares (`CAPABILITIES`): UTF-16 positions, Markdown, and
completion items resolved for their documentation (a server that supports it sends the list
without each item's documentation).  The client's own garbage collection is paused while it times
requests (`client_gc_paused`).

Several servers can be measured side by side in one run (hovers and edits interleaved, so a
busy machine slows each alike), e.g. this checkout against an older one:

    python benchmarks/lsp_latency.py --server new="python -m ohos_errcode.server" \
        --server base="/tmp/base/.venv/bin/python -m ohos_errcode.server"

`--debounce-ms 0` is appended to every command.  Without --server: this checkout's server.

Usage: python benchmarks/lsp_latency.py [--server LABEL=COMMAND ...]  [env HOVERS=400 EDITS=200]
"""

from __future__ import annotations

import asyncio
import argparse
import contextlib
import gc
import os
import shlex
import statistics
import sys
import tempfile
import time

from lsprotocol import types as T
from pygls.lsp.client import LanguageClient

HOVERS = int(os.environ.get("HOVERS", "400"))
EDITS = int(os.environ.get("EDITS", "200"))
CATCH_REQUESTS = int(os.environ.get("CATCH_REQUESTS", "50"))
LINES = 20_000

CONSTANT_SERVER = '''
from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
server = LanguageServer("constant-hover", "1")
@server.feature(T.TEXT_DOCUMENT_HOVER)
def hover(params):
    return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value="**7700201** constant"))
server.start_io()
'''

SMALL_DOC = """import image from '@ohos.multimedia.image';
import { BusinessError } from '@kit.BasicServicesKit';

async function decode(source: image.ImageSource): Promise<void> {
  try {
    await source.createPixelMap({ desiredPixelFormat: 3 });
  } catch (e) {
    const err = e as BusinessError;
    if (err.code === 7700201) { // 😀 不支持的内存类型
      console.error(`unsupported memory type ${err.message}`);
    } else if (err.code === 62980096) {
      console.error('decode failed');
    }
  }
}
"""
HOVER_AT = T.Position(line=8, character=23)  # on 7700201


def big_arkts(lines: int) -> str:
    """A realistic-looking ArkTS file: components, layout numbers, and an error check every 40 lines."""
    block = [
        "@Component",
        "struct Row{n} {{",
        "  @State width: number = 360;",
        "  @State count: number = {n};",
        "  build() {{",
        "    Column() {{",
        "      Text('item {n}').fontSize(16).margin({{ top: 8, bottom: 8 }})",
        "      Image($r('app.media.icon')).width(48).height(48)",
        "    }}.padding(12)",
        "  }}",
        "",
        "  async load(source: image.ImageSource): Promise<void> {{",
        "    try {{",
        "      const pm = await source.createPixelMap({{ desiredPixelFormat: 3 }});",
        "      console.info(`loaded ${{pm.getPixelBytesNumber()}} bytes`);",
        "    }} catch (e) {{",
        "      const err = e as BusinessError;",
        "      if (err.code === 62980096) {{ // 解码失败",
        "        console.error('decode failed');",
        "      }} else if (err.code === 7700201) {{",
        "        console.error('unsupported memory type');",
        "      }} else if (err.code === 401) {{",
        "        console.error('bad parameter');",
        "      }}",
        "    }}",
        "  }}",
        "",
        "  private timestamp: number = 1700000000;",
        "  private color: string = '#FF00AA';",
        "  private version: string = '5.0.1';",
        "  private ratio: number = 0.75;",
        "  private sizes: number[] = [12, 14, 16, 20, 24];",
        "  private handler(): void {{",
        "    setTimeout(() => this.count++, 250);",
        "  }}",
        "",
        "  private more(): number {{ return this.width * 2 + 1024; }}",
        "}}",
        "",
        "",
    ]
    out = ["import image from '@ohos.multimedia.image';", "import { BusinessError } from '@kit.BasicServicesKit';", ""]
    n = 0
    while len(out) < lines:
        out.extend(line.format(n=n) for line in block)
        n += 1
    return "\n".join(out[:lines]) + "\n"


# What VS Code declares of what the measured requests depend on: UTF-16 positions, Markdown, and
# completion items whose documentation it resolves for the item shown (`completionItem/resolve`).
CAPABILITIES = T.ClientCapabilities(
    general=T.GeneralClientCapabilities(position_encodings=[T.PositionEncodingKind.Utf16]),
    text_document=T.TextDocumentClientCapabilities(
        hover=T.HoverClientCapabilities(content_format=[T.MarkupKind.Markdown, T.MarkupKind.PlainText]),
        completion=T.CompletionClientCapabilities(completion_item=T.ClientCompletionItemOptions(
            documentation_format=[T.MarkupKind.Markdown, T.MarkupKind.PlainText],
            resolve_support=T.ClientCompletionItemResolveOptions(properties=["documentation", "detail", "additionalTextEdits"]))),
    ),
)


@contextlib.contextmanager
def client_gc_paused():
    """No cyclic collection in this (client) process while requests are timed: its pauses, tens of
    ms once it holds thousands of parsed diagnostics, are the client's, not the server's latency
    (an editor's client is not this process).  Garbage is still freed by reference counting."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


async def start(cmd: list[str], on_diagnostics=None) -> LanguageClient:
    client = LanguageClient("bench", "1")
    client.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(on_diagnostics or (lambda params: None))
    client.feature(T.WINDOW_LOG_MESSAGE)(lambda params: None)
    await client.start_io(*cmd)
    await client.initialize_async(T.InitializeParams(capabilities=CAPABILITIES))
    client.initialized(T.InitializedParams())
    return client


async def stop(client: LanguageClient) -> None:
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


async def hover_latency(servers: dict[str, list[str]]) -> dict[str, list[float]]:
    """Hover round trips of each server and of the constant pygls server, interleaved."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(CONSTANT_SERVER)
        const_path = f.name
    clients = {label: await start([*cmd, "--debounce-ms", "0"]) for label, cmd in servers.items()}
    clients[CONSTANT] = await start([sys.executable, const_path])
    uri = "file:///bench/Decode.ets"
    for c in clients.values():
        c.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(uri=uri, language_id="arkts", version=1, text=SMALL_DOC)))
    params = T.HoverParams(T.TextDocumentIdentifier(uri), HOVER_AT)
    for label in servers:
        got = await clients[label].text_document_hover_async(params)
        assert got is not None and "7700201" in got.contents.value, (label, got)
    for _ in range(30):  # warm up all
        for c in clients.values():
            await c.text_document_hover_async(params)
    times: dict[str, list[float]] = {label: [] for label in clients}
    order = list(clients)
    with client_gc_paused():
        for i in range(HOVERS):
            for label in order[i % len(order):] + order[:i % len(order)]:  # rotate who goes first
                t = time.perf_counter()
                await clients[label].text_document_hover_async(params)
                times[label].append((time.perf_counter() - t) * 1000)
    for c in clients.values():
        await stop(c)
    os.unlink(const_path)
    return times


class _Edited:
    """One server under the diagnostics benchmark: its client and the diagnostics it publishes."""

    def __init__(self, client: LanguageClient, got: asyncio.Queue):
        self.client, self.got = client, got
        self.series: dict[str, tuple[list[float], list[float], list[float], list[float]]] = {}
        self.requests: dict[str, list[float]] = {}  # hover / completion in a catch: round trips


async def diagnostics_latency(servers: dict[str, list[str]]) -> tuple[dict[str, _Edited], int]:
    text = big_arkts(LINES)
    uri = "file:///bench/Big.ets"
    runs: dict[str, _Edited] = {}
    counts = set()
    for label, cmd in servers.items():
        got: asyncio.Queue = asyncio.Queue()

        def on_diags(params: T.PublishDiagnosticsParams, got=got) -> None:
            got.put_nowait((time.perf_counter(), params))

        client = await start([*cmd, "--debounce-ms", "0"], on_diags)
        client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(uri=uri, language_id="arkts", version=1, text=text)))
        _, first = await asyncio.wait_for(got.get(), 60)
        counts.add(len(first.diagnostics))
        runs[label] = _Edited(client, got)
    assert len(counts) == 1, counts
    count = counts.pop()
    version = 1
    line = 3 + 17  # `if (err.code === 62980096) {` of the first block
    order = list(runs)
    for kind, typed in (("space", " "), ("line break", "\n")):
        for run in runs.values():
            run.series[kind] = ([], [], [], [])
        with client_gc_paused():
            for i in range(EDITS):
                pos = T.Position(line=line + 40 * ((i // 2 * 7) % 500), character=0)  # pairs spread over the file
                if i % 2 == 0:
                    change = T.TextDocumentContentChangePartial(range=T.Range(start=pos, end=pos), text=typed)
                else:  # delete what the edit before typed
                    end = T.Position(line=pos.line + 1, character=0) if typed == "\n" else T.Position(line=pos.line, character=1)
                    change = T.TextDocumentContentChangePartial(range=T.Range(start=pos, end=end), text="")
                version += 1
                for label in order[i % len(order):] + order[:i % len(order)]:
                    run = runs[label]
                    server_ms, client_ms, write_ms, cpu_ms = run.series[kind]
                    t = time.perf_counter()
                    run.client.text_document_did_change(T.DidChangeTextDocumentParams(
                        T.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]))
                    while True:
                        when, params = await asyncio.wait_for(run.got.get(), 60)
                        if params.version == version:
                            break
                    assert len(params.diagnostics) == count, (label, kind, i, len(params.diagnostics))
                    client_ms.append((when - t) * 1000)
                    stats = await run.client.workspace_execute_command_async(T.ExecuteCommandParams("errcode.serverStats", []))
                    server_ms.append(stats["lastDiagnosticsMs"])
                    write_ms.append(stats["lastPublishMs"])
                    if stats.get("lastDiagnosticsCpuMs") is not None:  # an older server does not say
                        cpu_ms.append(stats["lastDiagnosticsCpuMs"])
    catch_line = line + 40 * 250  # a catch in the middle of the file: `if (err.code === 62980096) {`
    hover = T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(line=catch_line, character=25))
    complete = T.CompletionParams(T.TextDocumentIdentifier(uri), T.Position(line=catch_line, character=23))
    with client_gc_paused():
        for i in range(CATCH_REQUESTS):
            for label in order[i % len(order):] + order[:i % len(order)]:
                run = runs[label]
                for kind, send, params in (("hover", run.client.text_document_hover_async, hover),
                                           ("completion", run.client.text_document_completion_async, complete)):
                    t = time.perf_counter()
                    got = await send(params)
                    run.requests.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
                    assert got, (label, kind)
    for run in runs.values():
        await stop(run.client)
    return runs, count


CONSTANT = "constant pygls server"


def parse_servers(argv: list[str] | None) -> dict[str, list[str]]:
    p = argparse.ArgumentParser(description="Language-server latency, side by side.")
    p.add_argument("--server", action="append", default=[], metavar="LABEL=COMMAND",
                   help="a server to measure (repeatable); COMMAND is split like a shell would")
    args = p.parse_args(argv)
    servers: dict[str, list[str]] = {}
    for spec in args.server:
        label, sep, cmd = spec.partition("=")
        if not sep or not cmd.strip():
            p.error(f"--server wants LABEL=COMMAND, got {spec!r}")
        servers[label] = shlex.split(cmd)
    return servers or {"errcode": [sys.executable, "-m", "ohos_errcode.server"]}


def main(argv: list[str] | None = None) -> int:
    servers = parse_servers(argv)
    times = asyncio.run(hover_latency(servers))
    t_const = times[CONSTANT]
    m_c = statistics.median(t_const)
    print(f"hover round trip over stdio, {HOVERS} interleaved requests each:")
    for label in servers:
        t = times[label]
        print(f"  {label:22s} median {statistics.median(t):.3f} ms   p99 {pct(t, 99):.3f} ms")
    print(f"  {CONSTANT:22s} median {m_c:.3f} ms   p99 {pct(t_const, 99):.3f} ms")
    for label in servers:
        ratio = statistics.median(times[label]) / m_c
        print(f"  {label}: ratio of medians {ratio:.2f}  (target <= 1.3)  {'OK' if ratio <= 1.3 else 'OVER'}")
    runs, count = asyncio.run(diagnostics_latency(servers))
    print(f"diagnostics after a one-character edit, {LINES}-line ArkTS file ({count} diagnostics), "
          f"{EDITS} edits of each kind, interleaved:")
    for kind in ("space", "line break"):
        print(f"  {kind}:")
        for label, run in runs.items():
            server_ms, client_ms, write_ms, cpu_ms = run.series[kind]
            ms, p99 = statistics.median(server_ms), pct(server_ms, 99)
            print(f"    {label:18s} server side      median {ms:5.1f} ms   p99 {p99:5.1f} ms  (target <= 30 ms)  "
                  f"{'OK' if ms <= 30 and p99 <= 30 else 'OVER'}")
            print(f"    {'':18s} of which writing median {statistics.median(write_ms):5.1f} ms   "
                  f"p99 {pct(write_ms, 99):5.1f} ms  (serialising, and the pipe waiting for the client to read)")
            print(f"    {'':18s} client observed  median {statistics.median(client_ms):5.1f} ms   "
                  f"p99 {pct(client_ms, 99):5.1f} ms")
            if cpu_ms:
                print(f"    {'':18s} server CPU       median {statistics.median(cpu_ms):5.1f} ms   "
                      f"p99 {pct(cpu_ms, 99):5.1f} ms  (of the server side: the thread running, not waiting)")
        if len(runs) > 1:
            labels = list(runs)
            first = runs[labels[0]].series[kind][0]
            for other in labels[1:]:
                o = runs[other].series[kind][0]
                print(f"    p99 {labels[0]} / {other}: {pct(first, 99) / pct(o, 99):.2f}   "
                      f"median {labels[0]} / {other}: {statistics.median(first) / statistics.median(o):.2f}")
    print(f"hover and completion inside a catch of the {LINES}-line file, {CATCH_REQUESTS} each, round trip:")
    for kind in ("hover", "completion"):
        for label, run in runs.items():
            t = run.requests[kind]
            ms, p99 = statistics.median(t), pct(t, 99)
            print(f"  {kind:10s} {label:18s} median {ms:5.1f} ms   p99 {p99:5.1f} ms  (target <= 30 ms)  "
                  f"{'OK' if ms <= 30 and p99 <= 30 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""MCP latency: `explain_error_code` round trips of `errcode mcp` against minimal MCP servers (the
same SDK) whose `explain_error_code` returns a constant, all over stdio, driven by the SDK's own
client and measured alternately in one run: median and p99 of each, and the ratios of medians
(target <= 1.3).

Two constant servers:
- "constant, same schema": declares the same output schema and returns one fixed answer (the real
  answer for 7700201, text and structured content), so the client validates the same kind of
  result; the ratio against it is what errcode's lookup and rendering add (the target).
- "constant string": returns a fixed string (the SDK's smallest tool); shown for reference, the
  difference is mostly the client's jsonschema validation of a richer result.

The queries cycle through a code, a C name, `NAME + n`, a log line with two codes and words.

Usage: python benchmarks/mcp_latency.py  [env CALLS=300]
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile

from mcp import Client, StdioServerParameters

CALLS = int(os.environ.get("CALLS", "300"))
QUERIES = ["7700201", "IMAGE_ALLOC_FAILED", "IMAGE_RESULT_BASE + 5", "decode failed: code 62980096, then 401",
           "shared memory"]

SAME_SCHEMA_SERVER = '''
import json, sys
from mcp.server.mcpserver import MCPServer
from mcp_types import CallToolResult, TextContent
from ohos_errcode.mcpserver.results import ExplainResult
TEXT, STRUCTURED = json.load(open(sys.argv[1], encoding="utf-8"))
server = MCPServer("constant", log_level="WARNING")
@server.tool()
async def explain_error_code(query: str, lang: str | None = None) -> ExplainResult:
    """Always the same answer."""
    return CallToolResult(content=[TextContent(type="text", text=TEXT)], structured_content=STRUCTURED)
server.run("stdio")
'''

STRING_SERVER = '''
from mcp.server.mcpserver import MCPServer
server = MCPServer("constant", log_level="WARNING")
@server.tool()
async def explain_error_code(query: str, lang: str | None = None) -> str:
    """Always the same answer."""
    return "7700201 Unsupported Memory Allocation Type"
server.run("stdio")
'''


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * p / 100))]


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, source in (("same", SAME_SCHEMA_SERVER), ("string", STRING_SERVER)):
            paths[name] = os.path.join(tmp, f"{name}_server.py")
            with open(paths[name], "w", encoding="utf-8") as fh:
                fh.write(source)
        ours = Client(StdioServerParameters(command=sys.executable, args=["-m", "ohos_errcode.cli.main", "mcp"]))
        async with ours as c_ours:
            answer = await c_ours.call_tool("explain_error_code", {"query": "7700201"})
            constant = os.path.join(tmp, "answer.json")
            with open(constant, "w", encoding="utf-8") as fh:
                json.dump([answer.content[0].text, answer.structured_content], fh)
            servers = {
                "errcode mcp": c_ours,
                "constant, same schema": Client(StdioServerParameters(command=sys.executable, args=[paths["same"], constant])),
                "constant string": Client(StdioServerParameters(command=sys.executable, args=[paths["string"]])),
            }
            async with servers["constant, same schema"] as c_same, servers["constant string"] as c_str:
                clients = {"errcode mcp": c_ours, "constant, same schema": c_same, "constant string": c_str}
                loop = asyncio.get_running_loop()
                for q in QUERIES:  # warm up (first-call imports, schema caches)
                    for client in clients.values():
                        await client.call_tool("explain_error_code", {"query": q})
                times: dict[str, list[float]] = {name: [] for name in clients}
                order = list(clients)
                for i in range(CALLS):
                    q = QUERIES[i % len(QUERIES)]
                    for name in order[i % 3:] + order[: i % 3]:  # rotate who goes first
                        t0 = loop.time()
                        result = await clients[name].call_tool("explain_error_code", {"query": q})
                        times[name].append((loop.time() - t0) * 1000)
                        assert not result.is_error, result
    print(f"explain_error_code round trip over stdio, {CALLS} calls each, interleaved, one run")
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, t in times.items():
        print(f"  {name:22s} median {medians[name]:.3f} ms   p99 {pct(t, 99):.3f} ms")
    ratio = medians["errcode mcp"] / medians["constant, same schema"]
    print(f"  ratio of medians vs constant, same schema {ratio:.2f}  (target <= 1.3)  {'OK' if ratio <= 1.3 else 'OVER'}")
    print(f"  ratio of medians vs constant string       {medians['errcode mcp'] / medians['constant string']:.2f}  (reference)")


if __name__ == "__main__":
    asyncio.run(main())

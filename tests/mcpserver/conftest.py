"""A real `errcode mcp` process driven by the MCP SDK's own client, over stdio and over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

pytest.importorskip("mcp", reason="the MCP SDK is not installed (pip install 'ohos-errcode[mcp]')")

from isolation import isolated_env  # noqa: E402
from mcp import Client, StdioServerParameters  # noqa: E402
from mcp_types import ListRootsResult, Root  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-m", "ohos_errcode.cli.main", "mcp"]


def server_env(tmp: Path) -> dict[str, str]:
    """Settings come from the test, not from the machine running it."""
    return isolated_env(XDG_CACHE_HOME=str(tmp / "cache"), ERRCODE_CACHE=str(tmp / "cache" / "ohos-errcode"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def http_server(tmp_path_factory):
    """`errcode mcp --http 127.0.0.1:PORT`, up once the port accepts connections."""
    tmp = tmp_path_factory.mktemp("mcp-http")
    port = free_port()
    proc = subprocess.Popen([*COMMAND, "--http", f"127.0.0.1:{port}"], env=server_env(tmp),
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            pytest.fail(f"errcode mcp --http exited {proc.returncode}: {proc.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail("errcode mcp --http did not listen within 60 s")
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/mcp"
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def opener(transport: str, request, tmp_path: Path):
    """`async with open_client(roots=[...], mode=..., args=[...]) as client:` over `transport`
    (`args`: extra command-line arguments, stdio only)."""

    @asynccontextmanager
    async def open_client(roots: list[Path] | None = None, mode: str = "auto", args: list[str] = ()):
        callback = None
        if roots is not None:
            async def callback(_ctx):
                return ListRootsResult(roots=[Root(uri=p.as_uri(), name=p.name) for p in roots])
        if transport == "stdio":
            target = StdioServerParameters(command=COMMAND[0], args=[*COMMAND[1:], *args], env=server_env(tmp_path))
        else:
            assert not args, "the HTTP server is shared by the session: no per-test arguments"
            target = request.getfixturevalue("http_server")
        async with Client(target, list_roots_callback=callback, mode=mode, read_timeout_seconds=60) as client:
            yield client

    open_client.transport = transport
    return open_client


@pytest.fixture(params=["stdio", "http"])
def connect(request, tmp_path):
    return opener(request.param, request, tmp_path)


@pytest.fixture
def connect_stdio(request, tmp_path):
    return opener("stdio", request, tmp_path)

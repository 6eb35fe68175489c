"""End-to-end fixtures: the real server process (`python -m ohos_errcode.server`) driven by pytest-lsp
with the recorded client capabilities of VS Code and Neovim."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as T
import isolation
from lsp_helpers import server_env
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(isolation.SHARED)

# Short debounce so tests are quick; the default (150 ms) is exercised by the stale-version test.
SERVER = [sys.executable, "-m", "ohos_errcode.server", "--debounce-ms", "20"]
CONFIG = ClientServerConfig(server_command=SERVER, server_env=None)

# VS Code offers no positionEncodings (UTF-16); Neovim 0.11 prefers UTF-8.
CLIENTS = {"visual-studio-code": "utf-16", "neovim@v0.11.0": "utf-8"}


CONFIG.server_env = server_env()


@pytest_lsp.fixture(config=CONFIG, params=list(CLIENTS), scope="module")
async def client(lsp_client: LanguageClient, request):
    """One server per module and client kind; tests use distinct document URIs."""
    params = T.InitializeParams(capabilities=client_capabilities(request.param))
    result = await lsp_client.initialize_session(params)
    lsp_client.encoding = str(result.capabilities.position_encoding or "utf-16")
    lsp_client.kind = request.param
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def fresh(lsp_client: LanguageClient):
    """A client with its own server (for settings changes); each test sends its own initialize."""
    yield
    await lsp_client.shutdown_session()


@pytest.fixture(scope="session")
def shared_docs() -> Path:
    if not isolation.shared_present():
        pytest.skip(isolation.SHARED_REASON)
    return SHARED / "ohos-docs"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "ohos_errcode.server"],
                                              server_env=server_env()))
async def default_debounce(lsp_client: LanguageClient):
    """A client whose server runs with the default debounce (150 ms); the test sends initialize."""
    yield
    await lsp_client.shutdown_session()

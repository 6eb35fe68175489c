"""The code-not-thrown-here severity is a setting (hint by default, up to warning)."""

from __future__ import annotations

from lsprotocol import types as T
from pytest_lsp import client_capabilities

from lsp_helpers import open_doc
from test_lsp_api import TEXT


async def test_code_not_thrown_here_severity_is_configurable_up_to_warning(fresh):
    await fresh.initialize_session(T.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        initialization_options={"ohosErrcode": {"codeNotThrownSeverity": "warning"}}))
    uri = "file:///project/ApiWarning.ets"
    diags = await open_doc(fresh, uri, TEXT)
    assert [d.severity for d in diags if d.code == "code-not-thrown-here"] == [T.DiagnosticSeverity.Warning]

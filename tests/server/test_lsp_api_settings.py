"""Per client and settings: the code-not-thrown-here severity (hint by default, up to warning),
and completion documentation in the list for a client that does not resolve items."""

from __future__ import annotations

from lsprotocol import types as T
from pytest_lsp import client_capabilities

from lsp_helpers import open_doc
from test_lsp_api import TEXT
from test_lsp_api_completion import TS_LINES, complete


async def test_code_not_thrown_here_severity_is_configurable_up_to_warning(fresh):
    await fresh.initialize_session(T.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        initialization_options={"ohosErrcode": {"codeNotThrownSeverity": "warning"}}))
    uri = "file:///project/ApiWarning.ets"
    diags = await open_doc(fresh, uri, TEXT)
    assert [d.severity for d in diags if d.code == "code-not-thrown-here"] == [T.DiagnosticSeverity.Warning]


async def test_a_client_that_does_not_resolve_gets_the_documentation_in_the_list(fresh):
    caps = client_capabilities("visual-studio-code")
    caps.text_document.completion.completion_item.resolve_support = None
    await fresh.initialize_session(T.InitializeParams(capabilities=caps))
    fresh.encoding = "utf-16"
    uri = "file:///project/NoResolve.ets"
    await open_doc(fresh, uri, "\n".join(TS_LINES))
    res = await complete(fresh, uri, TS_LINES, 8, "e.code == ")
    assert res.items[0].documentation.value.startswith("### **7700203** Unsupported Options · Image Kit")
    assert res.items[0].data is None


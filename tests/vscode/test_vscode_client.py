"""The VS Code extension (vscode-client/): its TypeScript unit tests, the packaged .vsix, and the
end-to-end run in a real VS Code (code-server 4.99.4 + headless Chromium via playwright-core).

Setup (what `make test` runs through scripts/setup-node.sh): `bash vscode-client/scripts/setup-e2e.sh`.
Without it these tests skip and say so. ERRCODE_SKIP_E2E=1 skips only the end-to-end run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "vscode-client"
SETUP = "bash vscode-client/scripts/setup-e2e.sh"
CODE_SERVER = CLIENT / ".cache" / "code-server-4.99.4" / "node_modules" / "code-server" / "out" / "node" / "entry.js"
VSIX = CLIENT / "dist" / "ohos-errcode.vsix"


def _node_ready() -> None:
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("node and npm are not installed; the VS Code extension tests need them")
    if not (CLIENT / "node_modules" / ".bin" / "tsc").exists():
        pytest.skip(f"the extension's npm dependencies are not installed; run `{SETUP}`")


def _python() -> Path:
    """The interpreter with ohos_errcode: the repository's .venv, else the one running pytest."""
    venv_python = ROOT / ".venv" / "bin" / "python"
    return venv_python if venv_python.exists() else Path(sys.executable)


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=CLIENT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0", "ERRCODE_PYTHON": str(_python())})


@pytest.fixture(scope="module")
def vsix() -> Path:
    """Builds the .vsix once (esbuild bundle + vsce package), as `npm run package` does."""
    _node_ready()
    proc = _run(["npm", "run", "--silent", "package"], timeout=180)
    assert proc.returncode == 0, f"npm run package failed:\n{proc.stdout}\n{proc.stderr}"
    assert VSIX.is_file()
    return VSIX


def test_typescript_unit_tests_pass():
    _node_ready()
    proc = _run(["node", "node_modules/.bin/tsc", "-p", "."], timeout=180)
    assert proc.returncode == 0, f"tsc failed:\n{proc.stdout}\n{proc.stderr}"
    proc = _run(["node", "node_modules/.bin/mocha"], timeout=120)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"mocha failed:\n{out}"
    m = re.search(r"(\d+) passing", out)
    assert m and int(m.group(1)) >= 28, out
    assert "failing" not in out and "pending" not in out, out


def test_vsix_contents(vsix: Path):
    with zipfile.ZipFile(vsix) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("extension/package.json"))
        bundle = z.read("extension/dist/extension.js").decode("utf-8")
        readme = z.read("extension/readme.md").decode("utf-8")
    for wanted in ("extension/dist/extension.js", "extension/readme.md", "extension/changelog.md",
                   "extension/LICENSE.txt", "extension/images/icon.png", "extension/images/hover.png"):
        assert wanted in names, sorted(names)
    # nothing else: no sources, tests, node_modules or caches in the package
    assert not [n for n in names if n.startswith(("extension/src/", "extension/node_modules/", "extension/.cache/",
                                                   "extension/e2e/", "extension/test/"))]
    assert manifest["engines"]["vscode"] == "^1.82.0"  # runs in code-server 4.99 (VS Code 1.99)
    assert manifest["main"] == "./dist/extension.js"
    contributes = manifest["contributes"]
    assert "languages" not in contributes and "grammars" not in contributes
    assert manifest["activationEvents"] == [
        "onLanguage:ets", "onLanguage:arkts", "onLanguage:c", "onLanguage:cpp", "workspaceContains:**/*.ets"]
    assert {c["command"]: c["title"] for c in contributes["commands"]} == {
        "ohosErrcode.explain": "Explain Error Code…",
        "ohosErrcode.restartServer": "Restart Server",
        "ohosErrcode.showOutput": "Show Output",
        "ohosErrcode.updateCatalog": "Update Error Catalog",
    }
    assert {c["category"] for c in contributes["commands"]} == {"OpenHarmony"}  # one group in the palette
    props = contributes["configuration"]["properties"]
    assert sorted(props) == sorted([
        "ohosErrcode.server.command", "ohosErrcode.server.python", "ohosErrcode.docsPaths",
        "ohosErrcode.language", "ohosErrcode.knownCodeSeverity", "ohosErrcode.inlayHints",
        "ohosErrcode.codeNotThrownSeverity", "ohosErrcode.trace.server"])
    assert props["ohosErrcode.knownCodeSeverity"]["enum"] == ["off", "hint", "information"]
    assert props["ohosErrcode.codeNotThrownSeverity"]["enum"] == ["off", "hint", "information", "warning"]
    # the marketplace page shows the e2e's hover screenshot from inside the package, and the settings table
    assert "![Hover on an Image Kit error code in an .ets file](images/hover.png)" in readme
    for key in props:
        assert f"| `{key}` |" in readme, key
    # the language client is bundled in; only `vscode` is left to the host
    assert 'require("vscode-languageclient' not in bundle
    assert 'require("vscode")' in bundle


@pytest.mark.timeout(330)
def test_end_to_end_in_code_server(vsix: Path, tmp_path: Path):
    if os.environ.get("ERRCODE_SKIP_E2E") == "1":
        pytest.skip("ERRCODE_SKIP_E2E=1")
    if not CODE_SERVER.is_file():
        pytest.skip(f"code-server 4.99.4 is not installed in vscode-client/.cache; run `{SETUP}`")
    if not (shutil.which("chromium") or os.environ.get("CHROMIUM_PATH")):
        pytest.skip(f"Debian's chromium is not installed; run `{SETUP}` as root")
    python = _python()
    out_dir = CLIENT / "test-results" / "e2e"
    if out_dir.exists():
        shutil.rmtree(out_dir)
    proc = _run(["node", "e2e/run.mjs", "--vsix", str(vsix), "--python", str(python), "--out", str(out_dir)],
                timeout=320)
    out = proc.stdout + proc.stderr
    print(out)
    assert proc.returncode == 0, out
    for check in (
        "PASS extension activates and the server runs (status bar)",
        "PASS hover on a literal after an emoji on the same line",
        "PASS diagnostics in the Problems panel",
        "PASS quick fix applied through the lightbulb menu",
        "PASS \"Explain Error Code…\" command: fuzzy search and explanation",
        "PASS \"Restart Server\" and \"Show Output\" commands, with the LSP trace",
        "PASS settings apply live",
        "PASS a server that cannot start: one notification with the fix, no restart loop",
        "PASS a Python without ohos-errcode",
        "PASS \"Update Error Catalog\" command: the update runs, the server reloads",
    ):
        assert check in out, out
    assert "e2e: 10 passed, 0 failed" in out
    assert (out_dir / "hover.png").stat().st_size > 10_000

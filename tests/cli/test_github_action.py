"""`action.yml`: a composite action whose `run:` steps are run here as the runner runs them
(bash -eo pipefail, inputs in `INPUT_*` and `${{ inputs.x }}` substituted, GITHUB_OUTPUT/GITHUB_ENV
files read back after each step) in a temporary git repository; `uses:` steps are skipped."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML is not installed")
ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
TYPO = "try { f(); } catch (err) {\n  if (err.code === 7700211) {}\n}\n"
CLEAN = "export const width = 7700;\n"


class Runner:
    """The part of the GitHub runner a composite action's `run:` steps see."""

    def __init__(self, workspace: Path, tmp: Path, inputs: dict[str, str], event: str = "push"):
        self.workspace = workspace
        self.event = event
        self.tmp = tmp
        self.inputs = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
        self.inputs["github-token"] = "test-token"  # the default is ${{ github.token }}
        unknown = set(inputs) - set(self.inputs)
        assert not unknown, f"not inputs of action.yml: {unknown}"
        self.inputs.update(inputs)
        (tmp / "runner").mkdir()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("ERRCODE_", "GITHUB_", "INPUT_"))}
        self.env.update({
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_WORKSPACE": str(workspace), "RUNNER_TEMP": str(tmp / "runner"),
            "GITHUB_STEP_SUMMARY": str(tmp / "summary.md"), "RUNNER_OS": "Linux",
            "ERRCODE_CONFIG": str(tmp / "no-config.toml"), "XDG_CACHE_HOME": str(tmp / "xdg-cache"),
            "NO_COLOR": "1",
            # the action pip-installs the package when `errcode --version` differs from pyproject's:
            # here that would replace the test environment's editable install, so pip only says what it would do
            "PIP_DRY_RUN": "1",
        })
        # what the runner exports for an action's inputs
        self.env.update({f"INPUT_{k.replace(' ', '_').upper()}": v for k, v in self.inputs.items()})
        self.outputs: dict[str, dict[str, str]] = {}
        self.ran: list[tuple[str, int]] = []
        self.stdout = ""

    def value(self, expr: str) -> str:
        if expr.startswith("inputs."):
            return self.inputs[expr[len("inputs."):]]
        m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        if m:
            return self.outputs.get(m[1], {}).get(m[2], "")
        if expr == "runner.os":
            return "Linux"
        if expr == "github.event_name":
            return self.event
        raise AssertionError(f"expression the test runner does not know: {expr}")

    def substitute(self, text: str) -> str:
        return EXPR.sub(lambda m: self.value(m[1]), text)

    def condition(self, cond: str) -> bool:
        """`inputs.x == 'true' && github.event_name == 'pull_request'`, `inputs.x != ''` (the forms action.yml uses)."""
        verdicts = []
        for term in cond.split("&&"):
            m = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", term)
            assert m, f"condition the test runner does not know: {cond}"
            equal = self.value(m[1]) == m[3]
            verdicts.append(equal if m[2] == "==" else not equal)
        return all(verdicts)

    def run(self) -> int:
        for i, step in enumerate(ACTION["runs"]["steps"]):
            name = step.get("name") or step.get("uses")
            if "if" in step and not self.condition(step["if"]):
                continue
            if "uses" in step:
                self.ran.append((f"uses {step['uses']}", -1))
                continue
            assert step["shell"] == "bash"
            out_file, env_file = self.tmp / f"output-{i}", self.tmp / f"env-{i}"
            out_file.write_text("")
            env_file.write_text("")
            env = dict(self.env, GITHUB_OUTPUT=str(out_file), GITHUB_ENV=str(env_file))
            env.update({k: self.substitute(str(v)) for k, v in step.get("env", {}).items()})
            script = self.tmp / f"step-{i}.sh"
            script.write_text(self.substitute(step["run"]))
            proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=self.workspace,
                                  env=env, capture_output=True, text=True, timeout=240)
            self.stdout += proc.stdout
            self.ran.append((name, proc.returncode))
            if "id" in step:
                self.outputs[step["id"]] = dict(line.split("=", 1) for line in out_file.read_text().splitlines() if line)
            self.env.update(dict(line.split("=", 1) for line in env_file.read_text().splitlines() if line))
            if proc.returncode != 0:
                self.stderr = proc.stderr
                return proc.returncode
        return 0


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    r = tmp_path / "repo"
    (r / "entry" / "src").mkdir(parents=True)
    (r / "entry" / "src" / "Old.ets").write_text(TYPO, encoding="utf-8")
    (r / "entry" / "src" / "Clean.ets").write_text(CLEAN, encoding="utf-8")
    git(r, "init", "-q", "-b", "main")
    git(r, "add", "-A")
    git(r, "commit", "-qm", "base")
    (r / "entry" / "src" / "New.ets").write_text(TYPO, encoding="utf-8")
    git(r, "add", "-A")
    git(r, "commit", "-qm", "change")
    return r


def test_inputs_and_composite_steps():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "diff-base", "fail-on", "format", "upload-sarif", "reviewdog",
                                     "reviewdog-reporter", "catalog-update", "python-version", "package", "github-token"}
    uses = [s["uses"].split("@")[0] for s in ACTION["runs"]["steps"] if "uses" in s]
    assert uses == ["actions/setup-python", "actions/cache", "github/codeql-action/upload-sarif", "reviewdog/action-setup"]
    upload = next(s for s in ACTION["runs"]["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "${{ steps.sarif.outputs.sarif-file }}"
    assert ACTION["outputs"]["sarif-file"]["value"] == "${{ steps.sarif.outputs.sarif-file }}"


def test_sarif_written_for_code_scanning_and_the_job_fails_on_the_warning(repo, tmp_path):
    runner = Runner(repo, tmp_path, {"upload-sarif": "true"})
    assert runner.run() == 1
    assert runner.ran == [
        ("uses actions/setup-python@v5", -1), ("Install ohos-errcode", 0), ("errcode check (SARIF for code scanning)", 0),
        ("uses github/codeql-action/upload-sarif@v3", -1), ("errcode check", 1)]
    assert "errcode 0.1.0 is already installed" in runner.stdout
    sarif_file = runner.outputs["sarif"]["sarif-file"]
    assert sarif_file == str(tmp_path / "runner" / "errcode.sarif")
    (run,) = json.loads(Path(sarif_file).read_text(encoding="utf-8"))["runs"]
    found = sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                    r["locations"][0]["physicalLocation"]["region"]["startLine"],
                    r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"])
                   for r in run["results"])
    assert found == [("unknown-error-code", "entry/src/New.ets", 2, "7700201"),
                     ("unknown-error-code", "entry/src/Old.ets", 2, "7700201")]
    annotations = [line for line in runner.stdout.splitlines() if line.startswith("::warning ")]
    assert [a.split(",")[0] for a in annotations] == ["::warning file=entry/src/New.ets", "::warning file=entry/src/Old.ets"]
    assert "7700211" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_fail_on_never_passes_and_writes_no_sarif_nor_reviewdog_comments_on_a_push(repo, tmp_path):
    runner = Runner(repo, tmp_path, {"fail-on": "never", "format": "text", "reviewdog": "true"}, event="push")
    assert runner.run() == 0
    assert [name for name, _ in runner.ran] == ["uses actions/setup-python@v5", "Install ohos-errcode", "errcode check"]
    assert not (tmp_path / "runner" / "errcode.sarif").exists()
    findings = [line.split(": ")[0] for line in runner.stdout.splitlines() if "unknown-error-code" in line]
    assert findings == ["entry/src/New.ets:2:20", "entry/src/Old.ets:2:20"]


def test_diff_base_and_paths_limit_what_is_reported(repo, tmp_path):
    runner = Runner(repo, tmp_path, {"diff-base": "HEAD~1", "format": "text", "fail-on": "error",
                                     "paths": "entry/src/New.ets\n  entry/src/Clean.ets entry/src/Old.ets\n",
                                     "python-version": ""})
    assert runner.run() == 0
    assert runner.ran[0] == ("Install ohos-errcode", 0)
    findings = [line.split(": ")[0] for line in runner.stdout.splitlines() if "unknown-error-code" in line]
    assert findings == ["entry/src/New.ets:2:20"]


def test_catalog_update_uses_one_cache_folder_for_the_cache_and_the_command(repo, tmp_path):
    """The cache step saves the folder `errcode catalog update` writes (ERRCODE_CACHE, exported to the
    later steps); the update step itself needs the network, so it is not run here."""
    steps = ACTION["runs"]["steps"]
    update = next(s for s in steps if s.get("name") == "errcode catalog update")
    assert "errcode catalog update" in update["run"]
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "${{ steps.cache-dir.outputs.dir }}"
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
    locate = next(s for s in steps if s.get("id") == "cache-dir")
    ACTION["runs"]["steps"] = [locate]
    try:
        runner = Runner(repo, tmp_path, {"catalog-update": "true"})
        assert runner.run() == 0
    finally:
        ACTION["runs"]["steps"] = steps
    assert runner.outputs["cache-dir"]["dir"] == str(tmp_path / "xdg-cache" / "ohos-errcode")
    assert runner.env["ERRCODE_CACHE"] == str(tmp_path / "xdg-cache" / "ohos-errcode")
    assert re.fullmatch(r"\d{4}-\d{2}", runner.outputs["cache-dir"]["week"])
    assert all(s.get("if") == "inputs.catalog-update == 'true'" for s in steps
               if s is update or s is cache or s is locate)


def test_reviewdog_step_feeds_rdjsonl_on_the_changed_lines():
    from ohos_errcode.cli.check import build_parser

    step = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "errcode check (reviewdog suggestions)")
    assert step["if"] == "inputs.reviewdog == 'true' && github.event_name == 'pull_request'"
    line = next(ln for ln in step["run"].replace("\\\n", " ").splitlines() if "errcode check" in ln)
    check, reviewdog = line.split("|")
    argv = shlex.split(check.replace('"${diff[@]}"', "--diff origin/main").replace('"${paths[@]}"', "src"))
    args = build_parser().parse_args(argv[2:])
    assert (args.format, args.fail_on, args.diff, args.paths) == ("rdjsonl", "never", "origin/main", ["src"])
    assert shlex.split(reviewdog)[:3] == ["reviewdog", "-f=rdjsonl", "-name=errcode"]
    assert step["env"]["REVIEWDOG_GITHUB_API_TOKEN"] == "${{ inputs.github-token }}"

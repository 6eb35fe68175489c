"""`.pre-commit-hooks.yaml`: two hooks whose `files:` regex selects exactly what `errcode check` reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ohos_errcode.catalog.scan import language_of

yaml = pytest.importorskip("yaml", reason="PyYAML is not installed")
HOOKS = Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml"

NAMES = [
    "a.ets", "b.ts", "c.mts", "d.cts", "e.js", "f.mjs", "g.cjs", "h.c", "i.h", "j.cc", "k.cpp", "l.cxx",
    "m.hpp", "n.hh", "o.hxx", "p.c++", "q.h++", "r.inl", "s.ipp",
    "README.md", "x.json", "y.py", "z.json5", "hvigorfile.ts.bak", "w.tsx.txt", "v.cs", "u.hs",
]


def test_two_hooks_with_files_regex_matching_the_checked_languages():
    hooks = {h["id"]: h for h in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    assert set(hooks) == {"errcode-check", "errcode-fix"}
    assert hooks["errcode-check"]["entry"].split()[:2] == ["errcode", "check"]
    assert "--fix" in hooks["errcode-fix"]["entry"].split()
    for hook in hooks.values():
        assert hook["language"] == "python"
        rx = re.compile(hook["files"])
        assert [n for n in NAMES if rx.search(n)] == [n for n in NAMES if language_of(n) is not None]
        assert len([n for n in NAMES if rx.search(n)]) == 19


def test_readme_github_actions_workflow_runs_valid_check_commands():
    """The workflow in the README: valid YAML, SARIF uploaded from the file `errcode check` writes,
    reviewdog fed rdjsonl, and every `errcode check` line parses with the real option parser."""
    import shlex

    from ohos_errcode.cli.check import build_parser

    readme = (HOOKS.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### GitHub Actions"):]
    block = section[section.index("```yaml") + len("```yaml"): section.index("```", section.index("```yaml") + 7)]
    flow = yaml.safe_load(block)
    steps = flow["jobs"]["errcode"]["steps"]
    runs = [s["run"] for s in steps if "run" in s and "errcode check" in s["run"]]
    assert len(runs) == 3
    parser = build_parser()
    formats = []
    for run in runs:
        cmd = run.replace("\\\n", " ").split("|")[0]
        cmd = cmd.replace('"origin/${{ github.base_ref }}"', "origin/main")
        argv = shlex.split(cmd)
        assert argv[:2] == ["errcode", "check"]
        args = parser.parse_args(argv[2:])
        formats.append((args.format, args.output, args.diff))
    assert formats == [("sarif", "errcode.sarif", None), ("rdjsonl", None, "origin/main"), ("github", None, None)]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "errcode.sarif"
    assert "reviewdog -f=rdjsonl" in runs[1]
    assert flow["permissions"]["security-events"] == "write"

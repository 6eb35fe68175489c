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


def test_readme_github_actions_workflow_uses_the_action_with_valid_inputs():
    """The workflow in the README: valid YAML, the checkout then this repository's action, with
    inputs the action declares and values it accepts; the permissions its uploads need."""
    readme = (HOOKS.parent / "README.md").read_text(encoding="utf-8")
    action = yaml.safe_load((HOOKS.parent / "action.yml").read_text(encoding="utf-8"))
    section = readme[readme.index("### GitHub Actions"):]
    block = section[section.index("```yaml") + len("```yaml"): section.index("```", section.index("```yaml") + 7)]
    flow = yaml.safe_load(block)
    steps = flow["jobs"]["errcode"]["steps"]
    assert [s["uses"].split("@")[0] for s in steps] == ["actions/checkout", "<owner>/ohos-errcode"]
    assert steps[1]["with"] == {"upload-sarif": True, "reviewdog": True}
    assert set(steps[1]["with"]) <= set(action["inputs"])
    assert all(str(v).lower() in ("true", "false") for k, v in steps[1]["with"].items()
               if action["inputs"][k]["default"] in ("true", "false"))
    lines = block[block.index("- uses: <owner>/ohos-errcode"):].strip().splitlines()
    assert len(lines) == 4
    assert flow["permissions"] == {"contents": "read", "security-events": "write", "pull-requests": "write"}

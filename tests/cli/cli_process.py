"""Running a real `errcode` process for the hostile-input tests: bounded in time and in memory
(RLIMIT_AS in the child), so that a regression fails the test instead of eating the machine."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from isolation import isolated_env

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the errcode process (and each of its workers)
TIMEOUT = 60
BAD = "if (err.code === 62980999) {}\n"  # an unknown code with one preferred fix (→ 62980099)
FIXED = "if (err.code === 62980099) {}\n"
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2
PR_CAPBSET_DROP = 24


def env(tmp: Path) -> dict[str, str]:
    e = {k: v for k, v in isolated_env().items() if not k.startswith("GITHUB_")}
    e.update(ERRCODE_CONFIG=str(tmp / "no-config.toml"), NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1")
    return e


def errcode(args: list, cwd: Path, *, obey_permissions: bool = False, extra_env: dict | None = None,
            timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """`errcode ARGS` in `cwd`; stdout and stderr as bytes.  `obey_permissions`: when the tests run as
    root (who reads folders whatever their permissions), the process runs without the capabilities
    that let root ignore them (dropped from its bounding set before exec)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True) if obey_permissions and os.geteuid() == 0 else None

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if libc is not None:
            for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
                if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                    os._exit(125)  # (the test sees 125 and says why)

    e = env(cwd)
    if extra_env:
        e.update(extra_env)
    return subprocess.run(
        [sys.executable, "-m", "ohos_errcode.cli.main", *args],
        cwd=cwd, env=e, capture_output=True, timeout=timeout, preexec_fn=limits, stdin=subprocess.DEVNULL,
    )


def put(root: Path | bytes, rel: str | bytes, data: str | bytes) -> Path | bytes:
    p = os.path.join(os.fsencode(root), os.fsencode(rel))
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(os.fsdecode(p))

"""The server's settings: a typed object read from initializationOptions and
workspace/didChangeConfiguration.

Accepted shapes: `{"ohosErrcode": {...}}` (what the VS Code extension sends) or the flat
object `{...}`.  Keys: docsPaths (list of str), language ("en" | "zh-cn"),
knownCodeSeverity ("off" | "hint" | "information"), inlayHints (bool).
Anything invalid is reported back as a problem sentence and the default is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..catalog.model import Severity

SECTION = "ohosErrcode"
LANGUAGES = ("en", "zh-cn")
KNOWN_SEVERITIES = {"off": None, "hint": Severity.HINT, "information": Severity.INFORMATION}
NOT_THROWN_SEVERITIES = {**KNOWN_SEVERITIES, "warning": Severity.WARNING}  # code-not-thrown-here: up to warning


@dataclass(frozen=True)
class Settings:
    docs_paths: tuple[str, ...] = ()
    language: str = "en"
    known_code_severity: str = "information"  # "off" | "hint" | "information"
    inlay_hints: bool = True
    code_not_thrown_severity: str = "hint"  # "off" | "hint" | "information" | "warning"

    @property
    def known_severity(self) -> Severity | None:
        return KNOWN_SEVERITIES[self.known_code_severity]

    @property
    def not_thrown_severity(self) -> Severity | None:
        return NOT_THROWN_SEVERITIES[self.code_not_thrown_severity]

    def catalog_key(self) -> tuple:
        """Settings that need a new catalog when they change."""
        return (self.docs_paths, self.language)


@dataclass
class Parsed:
    settings: Settings
    problems: list[str] = field(default_factory=list)


def parse_settings(raw: Any, base: Settings | None = None) -> Parsed:
    """Settings from a client's JSON value.  Keys that are absent keep `base`'s value
    (the defaults when `base` is None); invalid values are reported and the default is used.
    """
    defaults = Settings()
    base = base or defaults
    problems: list[str] = []
    if raw is None:
        return Parsed(base)
    if not isinstance(raw, dict):
        return Parsed(base, [f"ignoring settings: expected an object, got {_kind(raw)}"])
    if SECTION in raw:
        raw = raw[SECTION]
        if raw is None:
            return Parsed(base)
        if not isinstance(raw, dict):
            return Parsed(base, [f"ignoring settings: {SECTION} should be an object, got {_kind(raw)}"])

    values: dict[str, Any] = {}
    if "docsPaths" in raw:
        v = raw["docsPaths"]
        if isinstance(v, str):
            v = [v]
        if isinstance(v, list) and all(isinstance(p, str) for p in v):
            values["docs_paths"] = tuple(p for p in v if p.strip())
        else:
            problems.append(f"{SECTION}.docsPaths should be a list of paths, got {_show(v)}; using []")
            values["docs_paths"] = defaults.docs_paths
    if "language" in raw:
        v = raw["language"]
        norm = v.strip().lower().replace("_", "-") if isinstance(v, str) else v
        if norm in ("zh", "zh-hans", "zh-cn"):
            norm = "zh-cn"
        if norm in LANGUAGES:
            values["language"] = norm
        else:
            problems.append(f"{SECTION}.language should be \"en\" or \"zh-cn\", got {_show(v)}; using \"en\"")
            values["language"] = defaults.language
    if "knownCodeSeverity" in raw:
        v = raw["knownCodeSeverity"]
        norm = v.strip().lower() if isinstance(v, str) else v
        if norm == "info":
            norm = "information"
        if norm in KNOWN_SEVERITIES:
            values["known_code_severity"] = norm
        else:
            problems.append(
                f"{SECTION}.knownCodeSeverity should be \"off\", \"hint\" or \"information\", got {_show(v)}; "
                "using \"information\""
            )
            values["known_code_severity"] = defaults.known_code_severity
    if "codeNotThrownSeverity" in raw:
        v = raw["codeNotThrownSeverity"]
        norm = v.strip().lower() if isinstance(v, str) else v
        norm = "information" if norm == "info" else norm
        if norm in NOT_THROWN_SEVERITIES:
            values["code_not_thrown_severity"] = norm
        else:
            problems.append(f"{SECTION}.codeNotThrownSeverity should be \"off\", \"hint\", \"information\" or "
                            f"\"warning\", got {_show(v)}; using \"hint\"")
            values["code_not_thrown_severity"] = defaults.code_not_thrown_severity
    if "inlayHints" in raw:
        v = raw["inlayHints"]
        if isinstance(v, bool):
            values["inlay_hints"] = v
        else:
            problems.append(f"{SECTION}.inlayHints should be true or false, got {_show(v)}; using true")
            values["inlay_hints"] = defaults.inlay_hints
    from dataclasses import replace

    return Parsed(replace(base, **values), problems)


def _kind(v: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}.get(
        type(v), type(v).__name__
    )


def _show(v: Any) -> str:
    import json

    try:
        text = json.dumps(v, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."

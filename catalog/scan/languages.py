"""Which language a file is in, and the limits every step of the scanner shares.

Two lexers exist: "arkts" (ArkTS/TS/JS) and "c" (C/C++).  Positions are (0-based line, code-point
column); lines end at `\r\n`, `\r` or `\n` as in LSP.
"""

from __future__ import annotations

ARKTS = "arkts"
C = "c"

_ARKTS_EXT = {".ets", ".ts", ".js", ".mjs", ".cjs", ".mts", ".cts"}
_C_EXT = {".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx", ".c++", ".h++", ".inl", ".ipp"}
_ARKTS_IDS = {"ets", "arkts", "typescript", "javascript", "ts", "js", "typescriptreact", "javascriptreact"}
_C_IDS = {"c", "cpp", "c++", "objective-c", "objective-cpp", "cuda-cpp"}

CONTEXT_BEFORE = 200  # lines back that the error context of a literal may look at (switch, function head)
CONTEXT_AFTER = 1  # lines forward
MAX_LINE = 20_000  # longer lines (minified code, data) are lexed for state only, no literals reported


def language_of(path_or_id: str) -> str | None:
    """`"a/b.ets"` / `"typescript"` -> "arkts"; `"x.cpp"` / `"c++"` -> "c"; anything else -> None."""
    if not isinstance(path_or_id, str) or not path_or_id:
        return None
    s = path_or_id.strip()
    low = s.lower()
    if low in _ARKTS_IDS:
        return ARKTS
    if low in _C_IDS:
        return C
    name = low.replace("\\", "/").rsplit("/", 1)[-1]
    if "." in name:
        ext = "." + name.rsplit(".", 1)[-1]
        if ext in _ARKTS_EXT:
            return ARKTS
        if ext in _C_EXT:
            return C
    return None


def norm_lang(language: str | None) -> str:
    if language in (ARKTS, C):
        return language  # type: ignore[return-value]
    return language_of(language or "") or ARKTS



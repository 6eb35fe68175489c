"""The C SDK headers as facts: the members of every error enum, their values and doc comments.

interface_sdk_c (`<subsystem>/.../*.h`) or an installed SDK's `native/sysroot/usr/include/`.
An enum is an error enum when its type name says so (`Image_ErrorCode`, `Http_ErrCode`,
`OH_AVErrCode`, `Location_ResultCode`, `OHNativeErrorCode`); `Input_KeyCode` (key codes),
`Http_ResponseCode` (HTTP statuses) and `Camera_Status` are not.  Values written as literals,
as `BASE + n`, in parentheses, with shifts or with earlier members and `#define`s are evaluated;
a member without a value is the previous one plus one.
"""

from __future__ import annotations

import ast
import re
from collections import namedtuple
from collections.abc import Iterable
from pathlib import Path

# One member of an error enum.
CName = namedtuple("CName", "name value enum_type header doc since kit")

MAX_HEADER_BYTES = 4 * 1024 * 1024
_ERROR_ENUM = re.compile(r"(?:Err(?:or)?(?:Code|Codes|s)?|ErrNo|ResultCode|ReturnCode|RetCode)$")
_ENUM = re.compile(r"(?:typedef\s+)?enum\s+(?:class\s+)?([A-Za-z_]\w*)?\s*(?::\s*[\w\s]+)?\{(.*?)\}\s*([A-Za-z_]\w*)?\s*;",
                   re.S)
_DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_]\w*)\s+(\(?\s*-?(?:0[xX][0-9A-Fa-f]+|\d+)[uUlL]*\s*\)?)\s*$", re.M)
_DOC = re.compile(r"/\*\*<?(.*?)\*/|//[/!]<?(.*)$", re.S | re.M)
_KIT_TAG = re.compile(r"@kit\s+([A-Za-z0-9_]+)")
_NUM_SUFFIX = re.compile(r"(?<=[0-9A-Fa-f])[uUlL]+\b")


def is_error_enum(type_name: str) -> bool:
    """`Image_ErrorCode`, `Http_ErrCode`, `Wifi_ResultCode`: yes; `Input_KeyCode`, `Http_ResponseCode`: no."""
    return bool(type_name) and bool(_ERROR_ENUM.search(type_name))


def header_files(root: Path) -> list[Path]:
    try:
        return sorted((p for p in root.rglob("*.h") if p.is_file()), key=lambda p: p.as_posix())
    except OSError:
        return []


def evaluate(expr: str, names: dict[str, int]) -> int | None:
    """`(OH_HTTP_NETSTACK_E_BASE + 1)` with the base known -> its value; None when not a constant."""
    expr = _NUM_SUFFIX.sub("", expr.strip())
    if not expr or len(expr) > 200:
        return None
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError:
        return None
    return _eval(tree.body, names)


_BINOPS = {ast.Add: int.__add__, ast.Sub: int.__sub__, ast.Mult: int.__mul__, ast.LShift: int.__lshift__,
           ast.RShift: int.__rshift__, ast.BitOr: int.__or__, ast.BitAnd: int.__and__}


def _eval(node: ast.AST, names: dict[str, int]) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd, ast.Invert)):
        v = _eval(node.operand, names)
        if v is None:
            return None
        return -v if isinstance(node.op, ast.USub) else ~v if isinstance(node.op, ast.Invert) else v
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        a, b = _eval(node.left, names), _eval(node.right, names)
        if a is None or b is None or (isinstance(node.op, ast.LShift) and not 0 <= b <= 64):
            return None
        return _BINOPS[type(node.op)](a, b)
    return None


def _doc_text(comment: str) -> tuple[str, str]:
    """A member's doc comment -> (its first sentence, its @since)."""
    since = ""
    lines = []
    for line in comment.splitlines():
        line = line.strip().lstrip("*").strip()
        if line.startswith("@since"):
            since = since or line[len("@since"):].strip().split()[0] if line[len("@since"):].strip() else since
            continue
        for tag in ("@brief", "@error"):
            if line.startswith(tag):
                line = line[len(tag):].strip()
        if line.startswith("@") or not line:
            if lines:
                break
            continue
        lines.append(line)
    return " ".join(lines).strip(), since


def _strip_comments_keep(body: str) -> list[tuple[str, str]]:
    """An enum body -> [(member text, doc comment)] in order; the doc is the comment before it
    (`/** … */`) or after it on its line (`/**< … */`, `///<`)."""
    out: list[tuple[str, str]] = []
    pending = ""
    pos = 0
    for m in _DOC.finditer(body):
        text = body[pos:m.start()]
        pos = m.end()
        comment = m.group(1) if m.group(1) is not None else m.group(2) or ""
        trailing = m.group(0).startswith(("/**<", "//!<", "///<"))
        parts = re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S).split(",")
        for part in parts[:-1] if text.rstrip().endswith(",") or len(parts) > 1 else []:
            if part.strip():
                out.append((part.strip(), pending))
                pending = ""
        last = parts[-1].strip()
        if last:
            out.append((last, pending))
            pending = ""
        if trailing and out:
            name, doc = out[-1]
            out[-1] = (name, doc or comment)
        else:
            pending = comment
    rest = re.sub(r"/\*.*?\*/|//[^\n]*", "", body[pos:], flags=re.S)
    for part in rest.split(","):
        if part.strip():
            out.append((part.strip(), pending))
            pending = ""
    return out


def header_kit(text: str) -> str:
    """The docs' kit folder of a header (`@kit ImageKit` -> `apis-image-kit`), or ""."""
    m = _KIT_TAG.search(text)
    if not m:
        return ""
    from .sdk import kit_folder

    return kit_folder(m.group(1))


def read_header(text: str, header: str, kit: str = "") -> list[CName]:
    """The members of every error enum in one header's text."""
    kit = kit or header_kit(text)
    names: dict[str, int] = {}
    for d in _DEFINE.finditer(text):
        v = evaluate(d.group(2), names)
        if v is not None:
            names[d.group(1)] = v
    out: list[CName] = []
    for e in _ENUM.finditer(text):
        type_name = e.group(3) or e.group(1) or ""
        error = is_error_enum(type_name)
        value: int | None = -1  # None after a value that could not be evaluated: the next ones are unknown too
        for member, comment in _strip_comments_keep(e.group(2)):
            name, eq, expr = member.partition("=")
            name = name.strip()
            if not re.fullmatch(r"[A-Za-z_]\w*", name):
                continue
            v = evaluate(expr, names) if eq else None if value is None else value + 1
            value = v
            if v is None:
                continue
            names[name] = v
            if error:
                doc, since = _doc_text(comment)
                out.append(CName(name, v, type_name, header, doc, since, kit))
    return out


def header_texts(roots: Iterable[Path]):
    """(path relative to its root, text) of every header below the given folders; Chinese copies
    under a `zh-cn/` folder are skipped (they repeat the English names and values)."""
    for root in roots:
        root = Path(root)
        for path in header_files(root):
            rel = path.relative_to(root).as_posix()
            if rel.startswith("zh-cn/") or "/zh-cn/" in rel:
                continue
            try:
                with open(path, "rb") as f:
                    text = f.read(MAX_HEADER_BYTES).decode("utf-8", "replace")
            except OSError:
                continue
            yield rel, text


def read_sdk_c(roots: Iterable[Path]) -> list[CName]:
    """Every error-enum member of every header below the given folders (not the `zh-cn/` copies)."""
    return [c for cnames, _ in scan_sdk_c(roots) for c in cnames]


# One `OH_*` function of a header: its name, header, `@since`, the names its `@return` documents,
# and the header's kit folder (`@kit ImageKit` -> `apis-image-kit`, "" when it names none).
CFunc = namedtuple("CFunc", "name header since returns kit", defaults=("",))

_FUNC_DOC = re.compile(r"/\*\*((?:(?!\*/).)*)\*/\s*(?:[A-Za-z_][\w\s\*]*?\s\**)(OH_\w+)\s*\(", re.S)
_RETURN_NAMES = re.compile(r"\{@link\s+([A-Z][A-Z0-9_]+)\s*\}|\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+){2,})\b")


def functions_in(text: str, header: str, kit: str | None = None) -> list[CFunc]:
    """Every `OH_*` function declared in one header whose doc comment's `@return` names error codes
    (`@return {@link IMAGE_SUCCESS} ... {@link IMAGE_BAD_PARAMETER} ...`): the names, in order;
    `kit`: the header's kit folder when the caller read it already."""
    out: list[CFunc] = []
    kit = header_kit(text) if kit is None else kit
    for m in _FUNC_DOC.finditer(text):
        doc = m.group(1)
        ret = doc.find("@return")
        if ret < 0:
            continue
        tail = doc[ret + len("@return"):]
        stop = re.search(r"\n\s*\*\s*@(?!link)", tail)
        tail = tail[: stop.start()] if stop else tail
        names = tuple(dict.fromkeys(a or b for a, b in _RETURN_NAMES.findall(tail)))
        s = re.search(r"@since\s+(\d[\d.]*)", doc)
        if names:
            out.append(CFunc(m.group(2), header, s.group(1) if s else "", names, kit))
    return out


def read_c_functions(roots: Iterable[Path]) -> list[CFunc]:
    """`functions_in` of every header below the given folders (not the `zh-cn/` copies)."""
    return [f for _, funcs in scan_sdk_c(roots) for f in funcs]


def scan_sdk_c(roots: Iterable[Path], wanted=None) -> list[tuple[list[CName], list[CFunc]]]:
    """Per folder: its error-enum members (`read_header`) and its `OH_*` functions with documented
    returns (`functions_in`), each header read once; `wanted(rel)`: keep only these headers."""
    out = []
    for root in roots:
        cnames: list[CName] = []
        funcs: list[CFunc] = []
        for rel, text in header_texts([root]):
            if wanted is not None and not wanted(rel):
                continue
            kit = header_kit(text)
            if "enum" in text:
                cnames.extend(read_header(text, rel, kit))
            if "OH_" in text and "@return" in text:
                funcs.extend(functions_in(text, rel, kit))
        out.append((cnames, funcs))
    return out

"""The ArkTS/JS SDK declarations as facts: which APIs throw which codes, and which module is in which kit.

Reads interface_sdk-js (`api/`, `kits/`, `arkts/`, `.d.ts` and `.d.ets`) or an installed SDK's
`ets/` folder.  Facts found:

- every `@throws { BusinessError } CODE - text` line of a JSDoc block, with the API the block
  documents (module, class/interface/namespace, method) and the block's `@since`;
- `kits/@kit.X.d.ts`: the modules kit X re-exports (`import http from '@ohos.net.http'`), and a
  file's own `@kit X` tag: the kit a module belongs to.

Kits are given as the docs' kit folders (`NetworkKit` -> `apis-network-kit`), so SDK facts and
reference pages share one key.  Nothing here raises on a strange file: it yields fewer facts.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Iterable, Iterator
from pathlib import Path

# One API that throws a code.
Thrower = namedtuple("Thrower", "module container member since")
# One `@throws` fact: the code, its one-line text, the kit folder, and the API.
Throw = namedtuple("Throw", "code text kit api")
# One declared function or method: where, since, its return type's name, and its `@throws` (code, text).
Decl = namedtuple("Decl", "module container member since returns throws")

DECL_SUFFIXES = (".d.ts", ".d.ets")
MAX_FILE_BYTES = 8 * 1024 * 1024

_THROWS = re.compile(r"@throws\s*\{\s*BusinessError\s*\}\s*(-?\d+)\s*(?:-\s*)?(.*)")
_SINCE = re.compile(r"@since\s+([\d.]+)")
_KIT_TAG = re.compile(r"@kit\s+([A-Za-z0-9_.]+)")
_IMPORT = re.compile(r"""import\s+(?:type\s+)?(?:\{[^}]*\}|[\w$]+)(?:\s*,\s*\{[^}]*\})?\s+from\s+['"]([^'"]+)['"]""")
_IMPORT_DEFAULT = re.compile(r"""^import\s+(?:type\s+)?([\w$]+)\s+from\s+['"]([^'"]+)['"]""", re.M)
_CONTAINER = re.compile(r"^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?"
                        r"(namespace|class|interface|enum|struct)\s+([A-Za-z_$][\w$.]*)")
_MEMBER = re.compile(r"^\s*(?:export\s+)?(?:declare\s+)?(?:(?:public|private|protected|static|readonly|async|"
                     r"overload|function|get|set)\s+)*([A-Za-z_$][\w$]*)\s*[?]?\s*[(<:=]")
_SINCE_SUFFIX = re.compile(r"\s*\[since [^\]]*\]\s*$")


def kit_folder(tag: str) -> str:
    """`NetworkKit` -> `apis-network-kit`: the docs' kit folder for an SDK kit name."""
    from .parse import infer_kit

    return infer_kit("", tag.strip())


def module_name(path: Path) -> str:
    """`api/@ohos.net.http.d.ts` -> `@ohos.net.http`; `arkts/@arkts.lang.d.ets` -> `@arkts.lang`."""
    name = path.name
    for suffix in DECL_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def declaration_files(root: Path) -> list[Path]:
    """Every declaration file below `root`, sorted (a missing folder gives none)."""
    try:
        files = [p for p in root.rglob("*") if p.name.endswith(DECL_SUFFIXES) and p.is_file()]
    except OSError:
        return []
    return sorted(files, key=lambda p: p.as_posix())


def _read(path: Path) -> str:
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES)
    except OSError:
        return ""
    return raw.decode("utf-8", "replace")


def read_kits(kits_dir: Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(`kit_modules`, `kit_exports`) of one `kits/` folder, each file read once."""
    modules: dict[str, str] = {}
    exports: dict[str, dict[str, str]] = {}
    for path in declaration_files(kits_dir):
        name = module_name(path)
        if not name.startswith("@kit."):
            continue
        tag = name[len("@kit."):].split(".")[0]  # "@kit.ArkUI.static" -> "ArkUI"
        text = _read(path)
        m = _KIT_TAG.search(text)
        kit = kit_folder(m.group(1) if m else tag)
        for mod in _IMPORT.findall(text):
            mod = mod.rsplit("/", 1)[-1] if mod.startswith(".") else mod
            modules.setdefault(mod, kit)
        if "." not in name[len("@kit."):]:
            names: dict[str, str] = {}
            for local, mod in _IMPORT_DEFAULT.findall(text):
                names.setdefault(local, mod)
            if names:
                exports[name] = names
    return modules, exports


def kit_modules(kits_dir: Path) -> dict[str, str]:
    """Module -> kit folder, from `kits/@kit.*.d.ts` (`@ohos.net.http` -> `apis-network-kit`)."""
    return read_kits(kits_dir)[0]


def kit_exports(kits_dir: Path) -> dict[str, dict[str, str]]:
    """`@kit.ImageKit` -> {`image`: `@ohos.multimedia.image`, ...}: the names each kit file exports."""
    return read_kits(kits_dir)[1]


def file_kit(text: str) -> str | None:
    """The kit of a declaration file from its `@kit` tag in the header comment, or None."""
    m = _KIT_TAG.search(text[:4000])
    return kit_folder(m.group(1)) if m else None


def _one_line(text: str) -> str:
    text = _SINCE_SUFFIX.sub("", text.strip())
    text = re.sub(r"\s*Possible causes:?\s*$", "", text)
    text = text.rstrip(" .;:,")
    return text + "." if text and text[-1] not in "!?。" else text


def throws_in(text: str, module: str, kit: str) -> Iterator[Throw]:
    """Every `@throws { BusinessError }` fact of one declaration file's text."""
    return throws_of(declarations_in(text, module), kit)


def throws_of(decls: Iterable[Decl], kit: str) -> Iterator[Throw]:
    """The `@throws` facts of declarations (of one file, in kit `kit`)."""
    for d in decls:
        api = Thrower(d.module, d.container, d.member, d.since)
        for code, text_ in d.throws:
            yield Throw(code, text_, kit, api)


def _returns(line: str) -> str:
    """`createImageSource(fd: int): ImageSource | undefined;` -> `ImageSource`; `Promise<PixelMap>` -> `PixelMap`."""
    close = line.rfind("):")
    if close < 0:
        return ""
    ret = line[close + 2:].split(";")[0].strip()
    m = re.match(r"Promise\s*<\s*([\w$.]+)", ret)
    if m:
        return m.group(1)
    m = re.match(r"([A-Za-z_$][\w$.]*)", ret)
    return m.group(1) if m and m.group(1) not in ("void", "undefined", "null") else ""


def declarations_in(text: str, module: str) -> Iterator[Decl]:
    """Every declared function or method of one declaration file (with its `@throws`, `@since` and
    return type), and every other declaration a `@throws` block documents."""
    stack: list[tuple[str, int]] = []  # (container name, brace depth inside it)
    depth = 0
    pending: list[tuple[int, str]] | None = None  # @throws of the last JSDoc block, waiting for its declaration
    since = ""
    in_doc = False
    doc: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if in_doc:
            end = line.find("*/")
            doc.append(line if end < 0 else line[:end])
            if end >= 0:
                in_doc = False
                pending, since = _block_facts(doc)
            continue
        if line.startswith("/**"):
            rest = line[3:]
            if "*/" in rest:
                pending, since = _block_facts([rest[: rest.find("*/")]])
            else:
                in_doc, doc = True, [rest]
            continue
        if not line or line.startswith(("//", "/*", "*", "@", "import ")):
            continue
        m = _CONTAINER.match(line)
        container = ".".join(name for name, _ in stack)
        if pending:
            member = m.group(2) if m else None
            if member is None:
                mm = _MEMBER.match(line)
                member = mm.group(1) if mm else line.split("(")[0].split()[-1] if "(" in line else ""
            yield Decl(module, container, member, since, _returns(line), tuple(pending))
        elif m is None and stack:
            mm = _MEMBER.match(line)
            if mm and line[mm.end() - 1] in "(<" and mm.group(1) not in ("constructor", "new"):
                yield Decl(module, container, mm.group(1), since if pending is not None else "", _returns(line), ())
        pending = None
        opens, closes = _braces(line)
        if m and opens > closes:
            stack.append((m.group(2), depth + 1))
        depth += opens - closes
        while stack and depth < stack[-1][1]:
            stack.pop()


def _braces(line: str) -> tuple[int, int]:
    line = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "", line.split("//", 1)[0])
    return line.count("{"), line.count("}")


def _block_facts(doc: list[str]) -> tuple[list[tuple[int, str]], str]:
    throws: list[tuple[int, str]] = []
    since = ""
    for line in doc:
        line = line.lstrip("* ").strip()
        m = _THROWS.search(line)
        if m:
            throws.append((int(m.group(1)), _one_line(m.group(2))))
            continue
        s = _SINCE.search(line)
        if s and not since:
            since = s.group(1)
    return throws, since


# What one pass over SDK folders gives: the `@throws` facts, module -> kit, every declaration
# (`Decl`, for the API table: catalog/api/table.py) and each kit's exported names.
SdkJs = namedtuple("SdkJs", "throws modules decls kits")


def scan_sdk_js(roots: Iterable[Path], only: set[str] | None = None) -> SdkJs:
    """Every declaration file below the given SDK folders, each read and parsed once.

    `roots` are interface_sdk-js checkouts or an installed SDK's `ets/` folder: each may hold
    `api/`, `kits/` and `arkts/`.  A module's kit: its own `@kit` tag, else the kits' exports.
    `only`: read only these modules (and the kits' names for them).
    """
    roots = [Path(r) for r in roots]
    modules: dict[str, str] = {}
    kits: dict[str, dict[str, str]] = {}
    for root in roots:
        mods, exports = read_kits(root / "kits")
        for mod, kit in mods.items():
            modules.setdefault(mod, kit)
        for kit, names in exports.items():
            names = {n: m for n, m in names.items() if only is None or m in only}
            if names:
                kits.setdefault(kit, {}).update(names)
    throws: list[Throw] = []
    decls: list[Decl] = []
    for root in roots:
        for sub in ("api", "arkts"):
            for path in declaration_files(root / sub):
                mod = module_name(path)
                if only is not None and mod not in only:
                    continue
                text = _read(path)
                found = list(declarations_in(text, mod))
                decls.extend(found)
                if "@throws" not in text:
                    kit = file_kit(text)
                    if kit:
                        modules.setdefault(mod, kit)
                    continue
                kit = file_kit(text) or modules.get(mod) or ""
                if kit:
                    modules.setdefault(mod, kit)
                throws.extend(throws_of(found, kit))
    return SdkJs(throws, modules, decls, kits)


def read_sdk_js(roots: Iterable[Path]) -> tuple[list[Throw], dict[str, str]]:
    """All `@throws` facts and the module -> kit map below the given SDK folders (`scan_sdk_js`)."""
    got = scan_sdk_js(roots)
    return got.throws, got.modules


def describe_api(api: Thrower) -> str:
    """`@ohos.net.http` / `http.HttpRequest` / `request` -> `http.HttpRequest.request (@ohos.net.http, API 6)`."""
    where = ".".join(p for p in (api.container, api.member) if p) or api.module
    since = f", API {api.since}" if api.since else ""
    return f"{where} ({api.module}{since})"

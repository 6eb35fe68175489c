"""Compiling sources into snapshot files: the user's snapshot (reference pages + SDK facts) and
the pages named with `--docs` / `ERRCODE_DOCS` (compiled once, reused until a file changes).

The entries of pages are exactly what `Catalog.build` makes of them (parse.read_page, merged
with the Image Kit facts); the SDK adds, for codes no page documents, entries explained from
the SDK facts (catalog/sdk.py, catalog/sdk_c.py) that say where they come from.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from . import snapshot as snap
from .layers import MemoryLayer
from .model import Entry, LoadError

MAX_APIS_NAMED = 8  # in the note of an entry known only from the SDK
MAX_APIS_KEPT = 50  # per code, for Catalog.thrown_by
C_CODE_MIN = 1000  # smaller C enum values (0, 1, 2, 401, ...) resolve by name but are not entries of their own


def kit_display(kit: str, known: dict[str, str]) -> str:
    """The kit's name as the pages spell it, else from its folder (`apis-network-kit` -> "Network Kit")."""
    if kit in known:
        return known[kit]
    words = kit.removeprefix("apis-").split("-")
    return " ".join(w if w.isupper() else w.capitalize() for w in words if w) or kit


def page_entries(docs: Iterable[str | os.PathLike[str]]) -> tuple[list[Entry], list[str], list[LoadError], dict, dict]:
    """(entries of the pages, the pages, load errors, names -> values, values -> names)."""
    from .catalog import Catalog

    full = Catalog.build(list(docs), bundled=False)
    pages = list(full.pages)
    names = set(pages)
    entries = [e for e in full.entries if e.origin == "page" and e.source in names]
    symbols: dict[str, int] = {}
    for e in entries:
        for s in e.symbols:
            symbols.setdefault(s, e.code)
    return entries, pages, list(full.errors), symbols, {}


# ----------------------------------------------------------------------------- --docs pages
def _stamp(docs: list, pages: list[Path]) -> str:
    """What the compiled page set depends on: the paths asked for (a missing one gives its own
    error, so it is part of the key), and each page found with its modification time and size."""
    h = hashlib.sha256(f"{snap.FORMAT}".encode())
    from .bundled import snapshot_fingerprint

    h.update(snapshot_fingerprint().encode())
    for doc in docs:
        h.update(f"doc\0{os.path.abspath(doc)}\n".encode())
    for p in pages:
        try:
            st = p.stat()
        except OSError:
            h.update(f"{p}\0missing\n".encode())
            continue
        h.update(f"{p.resolve()}\0{st.st_mtime_ns}\0{st.st_size}\n".encode())
    return h.hexdigest()[:24]


def docs_layer(docs: list) -> tuple[object, list[str], list[LoadError]]:
    """The pages the user names as a layer, compiled into the cache once and reused while
    every file keeps its path, modification time and size."""
    from .parse import find_pages

    found: list[Path] = []
    for doc in docs:
        p = Path(doc)
        found.extend(find_pages(p) if p.is_dir() else [p])
    path = os.path.join(snap.cache_dir(), "docs", f"{_stamp(docs, found)}.snapshot")
    try:
        layer = snap.Snapshot(path)
        return layer, list(layer.info.get("pages", ())), [LoadError(*e) for e in layer.info.get("errors", ())]
    except snap.SnapshotError:
        pass
    entries, pages, errors, symbols, symbol_of = page_entries(docs)
    info = {"pages": pages, "errors": [(e.path, e.line, e.message) for e in errors]}
    try:
        snap.write(path, entries, symbols=symbols, symbol_of=symbol_of, info=info)
        _prune(os.path.dirname(path))
    except OSError:
        pass  # a read-only cache: the pages still load, just not faster next time
    return MemoryLayer(entries, symbols, symbol_of), pages, errors


def _prune(folder: str, keep: int = 8) -> None:
    """Keep the most recently written compiled page sets only."""
    files = sorted((os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".snapshot")),
                   key=lambda f: os.stat(f).st_mtime_ns, reverse=True)
    for f in files[keep:]:
        os.unlink(f)


# ----------------------------------------------------------------------------- the snapshot
def thrown_by(throws: list) -> dict[int, list[str]]:
    """Code -> the APIs that throw it, described once each (overloads and re-declarations fold),
    the earliest first."""
    from .sdk import describe_api

    per_code: dict[int, dict[tuple, object]] = {}
    for t in sorted(throws, key=lambda t: _version(t.api.since or "999")):
        per_code.setdefault(t.code, {}).setdefault((t.api.module, t.api.container, t.api.member), t.api)
    return {code: [describe_api(a) for a in apis.values()] for code, apis in per_code.items()}


def throws_by_code(apis_of: dict[int, list[str]], api_table: dict | None) -> dict[int, list[str]]:
    """What `Catalog.thrown_by` answers, per code: the ArkTS APIs whose `@throws` name it (earliest
    first), then the C functions whose `@return` documents it, at most MAX_APIS_KEPT."""
    from .api.table import Api
    from .api.render import describe

    c_of: dict[int, list[str]] = {}
    for name, header, since, codes, *_ in (api_table or {}).get("c", ()):
        text = describe(Api(header, "", name, since, "", (), "c"))
        for c in dict.fromkeys(int(c) for c, _ in codes):
            c_of.setdefault(c, []).append(text)
    return {c: (apis_of.get(c, []) + c_of.get(c, []))[:MAX_APIS_KEPT] for c in {**apis_of, **c_of}}


def sdk_entries(page_codes: set[int], kit_names: dict[str, str], throws: list, cnames: list,
                apis_of: dict[int, list[str]]) -> list[Entry]:
    """Entries for the codes only the SDK knows: from `@throws` lines, then from C error enums."""
    by_code: dict[int, list] = {}
    for t in throws:
        if t.code not in page_codes:
            by_code.setdefault(t.code, []).append(t)
    out: list[Entry] = []
    for code, ts in sorted(by_code.items()):
        kit = Counter(t.kit for t in ts if t.kit).most_common(1)
        kit = kit[0][0] if kit else "sdk"
        title = Counter(t.text for t in ts if t.kit == kit or kit == "sdk").most_common(1)[0][0]
        apis = apis_of[code]
        named = ", ".join(apis[:MAX_APIS_NAMED]) + (f" and {len(apis) - MAX_APIS_NAMED} more" if len(apis) > MAX_APIS_NAMED else "")
        sinces = sorted({t.api.since for t in ts if t.api.since}, key=_version)
        out.append(Entry(
            code=code, kit=kit, kit_name=kit_display(kit, kit_names), title=title.rstrip("."),
            message=title,
            notes=(f"Not in the loaded reference pages. Known from the SDK declarations (interface_sdk-js): thrown by {named}.",),
            language="en", origin="sdk", known_from=("sdk-js",), since=sinces[0] if sinces else "",
        ))
    known = page_codes | set(by_code)
    c_by_code: dict[int, list] = {}
    for c in cnames:
        if abs(c.value) >= C_CODE_MIN and c.value not in known and not is_base(c):
            c_by_code.setdefault(c.value, []).append(c)
    for code, cs in sorted(c_by_code.items()):
        c = cs[0]
        kit = c.kit or "sdk"
        title = (c.doc or c.name).rstrip(".")
        names = " / ".join(dict.fromkeys(x.name for x in cs))
        out.append(Entry(
            code=code, kit=kit, kit_name=kit_display(kit, kit_names), title=title, message=c.doc,
            notes=(f"Not in the loaded reference pages. Known from the C header {c.header} as {names} ({c.enum_type}).",),
            language="en", symbols=tuple(dict.fromkeys(x.name for x in cs)), origin="sdk",
            known_from=(f"header:{c.header}",), since=c.since,
        ))
    return out


def is_base(c) -> bool:
    """`OH_HTTP_NETSTACK_E_BASE = 2300000`, `IMAGE_RESULT_BASE`: the start of a family, not an error."""
    return bool(re.search(r"(?:^|_)BASE(?:_|$)", c.name)) or bool(re.match(r"(?i)\s*(?:the\s+)?(?:error\s+code\s+)?base\b", c.doc or ""))


def _version(v: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in v.split("."))


def attach_c_names(entries: list[Entry], cnames: list) -> list[Entry]:
    """Give page entries the C names of their kit whose value is their code."""
    names: dict[tuple[str, int], list[str]] = {}
    for c in cnames:
        if c.kit and abs(c.value) >= C_CODE_MIN:
            names.setdefault((c.kit, c.value), []).append(c.name)
    out = []
    for e in entries:
        extra = names.get((e.kit, e.code))
        if extra:
            e = replace(e, symbols=tuple(dict.fromkeys(e.symbols + tuple(extra))))
        out.append(e)
    return out


def compile_snapshot(path: str, *, docs: list[Path], sdk_js: list[Path], sdk_c: list[Path], info: dict) -> dict:
    """Compile pages and SDK folders into the snapshot at `path` (atomically); the summary."""
    from .sdk import scan_sdk_js
    from .sdk_c import scan_sdk_c

    entries, pages, errors, symbols, symbol_of = page_entries(docs) if docs else ([], [], [], {}, {})
    js = scan_sdk_js(sdk_js) if sdk_js else None  # each declaration file and header read once, for both uses
    c_scan = scan_sdk_c(sdk_c) if sdk_c else []
    throws, modules = (js.throws, js.modules) if js is not None else ([], {})
    cnames = [x for names, _ in c_scan for x in names]
    kit_names = {e.kit: e.kit_name for e in entries}
    page_codes = {e.code for e in entries}
    from .facts import builtin_universal

    page_codes |= {e.code for e in builtin_universal()}
    entries = attach_c_names(entries, cnames)
    apis_of = thrown_by(throws)
    extra = sdk_entries(page_codes, kit_names, throws, cnames, apis_of)
    for c in cnames:
        symbols.setdefault(c.name, c.value)
        if abs(c.value) >= C_CODE_MIN:
            symbol_of.setdefault(c.value, c.name)
    for e in entries + extra:
        for s in e.symbols:
            symbols.setdefault(s, e.code)
    per_lang = Counter(e.language for e in entries)
    pages_per_lang = Counter("zh-cn" if "/zh-cn/" in Path(p).as_posix() else "en" for p in pages)
    summary = {
        "pages": dict(pages_per_lang), "entries": dict(per_lang),
        "kits": len({e.kit for e in entries + extra}), "sdk_only_codes": len(extra),
        "c_names": len({c.name for c in cnames}), "throws": len(throws), "modules": len(modules),
        "codes": len({e.code for e in entries + extra}), "errors": [str(e) for e in errors],
    }
    from .api.table import table_of

    api_table = table_of(js, c_scan) if (sdk_js or sdk_c) else None  # which API throws which code, every kit
    snap.write(path, entries + extra, symbols=symbols, symbol_of=symbol_of,
               info=dict(info, summary=summary, modules=modules, **({"apis": api_table} if api_table else {}),
                         throws=throws_by_code(apis_of, api_table)))
    return summary

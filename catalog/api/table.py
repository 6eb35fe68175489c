"""Which API throws which code: the table made from the SDK importers, and its index.

The table is plain data (lists and dicts of str/int), so it fits the project's data file
(catalog/data/image-api.json, made by scripts/import_api_facts.py for Image Kit) and the user's
snapshot (`info["apis"]`, written by `errcode catalog update` for every kit):

    {"format": 1,
     "apis": [[module, container, member, since, returns, [[code, text], ...]], ...],
     "kits": {"@kit.ImageKit": {"image": "@ohos.multimedia.image"}},
     "c": [[name, header, since, [[code, name], ...], kit], ...]}

(`kit`: the docs' kit folder of the header's `@kit` tag, `apis-image-kit`; a table written before
it was kept has rows of four.)

An API declared several times (overloads, dynamic/static copies) is one row with every code.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable
from pathlib import Path

FORMAT = 1
DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "image-api.json"

# One API (ArkTS/TS function or method, or a C function) and the codes it can throw, in order.
Api = namedtuple("Api", "module container member since returns codes lang kit", defaults=("",))
# codes: tuple of (code, text); for C the text is the enum member's name; kit: a C function's kit
# folder (where its header's page is in the docs), "" when not known.


def build_table(sdk_js: Iterable[Path] = (), sdk_c: Iterable[Path] = (), *, modules: set[str] | None = None,
                c_headers: tuple[str, ...] | None = None) -> dict:
    """The table from interface_sdk-js / installed `ets/` folders and C header folders, with
    the same importers as the catalog (catalog/sdk.py, catalog/sdk_c.py).  `modules`: keep only
    these ArkTS modules; `c_headers`: keep only headers whose path contains one of these."""
    from ..sdk import scan_sdk_js
    from ..sdk_c import scan_sdk_c

    wanted = None if c_headers is None else (lambda rel: any(h in rel for h in c_headers))
    return table_of(scan_sdk_js(list(map(Path, sdk_js)), modules), scan_sdk_c(list(map(Path, sdk_c)), wanted))


def table_of(js, c: list) -> dict:
    """The table from what one pass over the SDK folders read: `js` (catalog/sdk.py `scan_sdk_js`)
    and `c` (catalog/sdk_c.py `scan_sdk_c`, per folder)."""
    rows: dict[tuple[str, str, str], list] = {}
    for d in js.decls if js is not None else ():
        row = rows.setdefault((d.module, d.container, d.member), [d.module, d.container, d.member, d.since, d.returns, {}])
        if d.since and (not row[3] or _version(d.since) < _version(row[3])):
            row[3] = d.since
        row[4] = row[4] or d.returns
        for code, text_ in d.throws:
            row[5].setdefault(code, text_)
    c_rows = []
    for cnames, funcs in c:
        values: dict[str, int] = {}
        for cn in cnames:
            values.setdefault(cn.name, cn.value)
        loose: dict[str, set[int]] = {}  # a name as `@return` may misspell it: underscores left out
        for name, v in values.items():
            loose.setdefault(name.replace("_", ""), set()).add(v)
        for f in funcs:
            codes = []
            for n in f.returns:
                v = values.get(n)
                if v is None and len(loose.get(n.replace("_", ""), ())) == 1:
                    [v] = loose[n.replace("_", "")]  # `IMAGE_SOURCE_UNSUPPORTED_MIMETYPE`: the enum's `…_MIME_TYPE`
                if v is not None and v != 0:
                    codes.append([v, n])
            c_rows.append([f.name, f.header, f.since, codes, f.kit])
    apis = [[m, c_, n, s, r, sorted([code, t] for code, t in codes.items())] for (m, c_, n), (_, _, _, s, r, codes) in sorted(rows.items())]
    return {"format": FORMAT, "apis": apis, "kits": js.kits if js is not None else {}, "c": c_rows}


def _version(v: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in v.split("."))


def write_table(path: Path, table: dict) -> None:
    import json  # here, not at the top: `errcode explain` imports this module and never reads the table

    path.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def read_table(path: Path = DATA_FILE) -> dict:
    """The table in `path`; an empty one when it is missing or not a table."""
    try:
        import json

        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return table if isinstance(table, dict) and table.get("format") == FORMAT else {}

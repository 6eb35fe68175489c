"""The API facts of a catalog, indexed: by module, container and member, by C name, by code.

`api_index(catalog)` merges the bundled Image Kit table (catalog/data/image-api.json) with the
user's snapshot (`info["apis"]`, every kit; a module the snapshot has replaces the bundled rows
of that module) once per catalog; nothing is read until a face asks.
"""

from __future__ import annotations

from collections import Counter
from weakref import WeakKeyDictionary

from .table import Api, read_table

_INDEXES: WeakKeyDictionary = WeakKeyDictionary()
_BUNDLED: dict | None = None


def bundled_table() -> dict:
    global _BUNDLED
    if _BUNDLED is None:
        _BUNDLED = read_table()
    return _BUNDLED


def snapshot_tables(catalog) -> list[dict]:
    """The API tables the catalog's layers carry (the user's snapshot), lowest first."""
    parts = getattr(catalog, "info_parts", None)
    return [t for t in (parts("apis") if parts is not None else ()) if isinstance(t, dict)]


def api_index(catalog) -> "ApiIndex":
    """The index for `catalog` (made once; a catalog that cannot be weakly referenced gets a new one)."""
    try:
        got = _INDEXES.get(catalog)
    except TypeError:
        return ApiIndex([bundled_table()] if has_bundled(catalog) else [])
    if got is None:
        got = _INDEXES[catalog] = ApiIndex([bundled_table()] * has_bundled(catalog) + snapshot_tables(catalog))
    return got


def has_bundled(catalog) -> bool:
    """True for a catalog that holds the bundled Image Kit page (what `Catalog.load` gives): the
    bundled API facts belong with it; a catalog made of other entries gets only its snapshot's."""
    from ..seed import bundled_page_path

    bundled = str(bundled_page_path())
    return any(str(p) == bundled for p in getattr(catalog, "pages", ()))


class ApiIndex:
    """Every API of the tables, each once; lookups by name and by code."""

    def __init__(self, tables: list[dict]) -> None:
        rows: dict[str, list] = {}  # module -> its rows (a later table replaces a module)
        c_rows: dict[str, list] = {}
        self.kits: dict[str, dict[str, str]] = {}
        for t in tables:
            by_mod: dict[str, list] = {}
            for row in t.get("apis", ()):
                by_mod.setdefault(row[0], []).append(row)
            rows.update(by_mod)
            for row in t.get("c", ()):
                c_rows[row[0]] = row
            for kit, names in t.get("kits", {}).items():
                self.kits.setdefault(kit, {}).update(names)
        self.apis: list[Api] = []
        self.by_member: dict[str, list[Api]] = {}
        self.by_container: dict[tuple[str, str], dict[str, Api]] = {}  # (module, container) -> member -> Api
        self.c: dict[str, Api] = {}
        self.root_of: dict[str, str] = {}  # module -> its namespace (`@ohos.multimedia.image` -> `image`)
        roots: dict[str, Counter] = {}
        for mod_rows in rows.values():
            for m, cont, member, since, returns, codes in mod_rows:
                api = Api(m, cont, member, since, returns, tuple((int(c), t) for c, t in codes), "arkts")
                self.apis.append(api)
                self.by_member.setdefault(member, []).append(api)
                self.by_container.setdefault((m, cont), {})[member] = api
                if cont:
                    roots.setdefault(m, Counter())[cont.split(".")[0]] += 1
        for m, counts in roots.items():
            self.root_of[m] = counts.most_common(1)[0][0]
        for name, header, since, codes, *kit in c_rows.values():
            api = Api(header, "", name, since, "", tuple((int(c), n) for c, n in codes), "c", kit[0] if kit else "")
            self.apis.append(api)
            self.c[name] = api
        self.modules = set(self.root_of)
        self._by_code: dict[int, list[Api]] | None = None

    def module_for(self, source: str, name: str | None = None) -> str | None:
        """The module an import names: `@ohos.multimedia.image` itself, or the module kit
        `@kit.ImageKit` exports as `name` (else the module whose namespace is `name`)."""
        if source in self.modules:
            return source
        if source.startswith("@kit.") and name:
            got = self.kits.get(source, {}).get(name)
            if got in self.modules:
                return got
            for mod, root in self.root_of.items():
                if root == name:
                    return mod
        return None

    def member(self, module: str, container: str, member: str) -> Api | None:
        return self.by_container.get((module, container), {}).get(member)

    def container_of_type(self, module: str, type_name: str) -> str | None:
        """`ImageSource` / `image.ImageSource` in module -> its container (`image.ImageSource`)."""
        root = self.root_of.get(module, "")
        for cont in (type_name, f"{root}.{type_name}", f"{root}.{type_name.split('.', 1)[-1]}"):
            if (module, cont) in self.by_container:
                return cont
        return None

    def by_code(self, code: int) -> list[Api]:
        """The APIs that throw `code`, in table order (ArkTS by module and name, then C)."""
        if self._by_code is None:
            idx: dict[int, list[Api]] = {}
            for api in self.apis:
                for c, _ in api.codes:
                    idx.setdefault(c, []).append(api)
            self._by_code = idx
        return self._by_code.get(code, [])

    def find(self, name: str) -> list[Api]:
        """`createPixelMap`, `ImageSource.createPixelMap`, `image.ImageSource.createPixelMap`,
        `@ohos.multimedia.image:image.createPixelMap`, `OH_ImageSourceNative_CreatePixelmap`."""
        name = name.strip().rstrip("()")
        if name in self.c:
            return [self.c[name]]
        module = None
        if ":" in name:
            module, name = name.rsplit(":", 1)
        head, _, member = name.rpartition(".")
        out = []
        for api in self.by_member.get(member, ()):
            if module and api.module != module:
                continue
            if head and api.container != head and not api.container.endswith("." + head):
                continue
            out.append(api)
        return out


def api_name(api: Api) -> str:
    """`image.ImageSource.createPixelMap`, `OH_ImageSourceNative_CreatePixelmap`."""
    return ".".join(p for p in (api.container, api.member) if p)

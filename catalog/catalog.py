"""The Catalog: every entry loaded, and the one query function every face uses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from os import PathLike
from pathlib import Path

from . import facts
from .facts import UNIVERSAL_KIT
from .layers import Layers, MemoryLayer
from .model import Answer, Entry, LoadError, SearchHit
from .numbers import near_misses
from .query import answer, resolve_expression
from .search import TextIndex, kit_order
from .seed import attach_symbols, bundled_entries, bundled_info, bundled_page_path, merge_facts


class Catalog:
    """All entries keyed by (kit, code); lookups return every meaning, best first.

    Build with `Catalog.load(...)`.  Immutable once built.
    """

    def __init__(self, entries: Iterable[Entry] = (), errors: Iterable[LoadError] = (), *, lang: str = "en",
                 pages: Iterable[str] = (), symbol_maps: tuple[dict[str, int], dict[int, str]] | None = None,
                 layers: Layers | None = None, info: dict | None = None) -> None:
        self.lang = lang
        self.errors: tuple[LoadError, ...] = tuple(errors)
        self.pages: tuple[str, ...] = tuple(pages)
        if layers is not None:  # bundled < snapshot < pages, read on demand (catalog/layers.py)
            self._layers = layers
            self._symbols, self._symbol_of = layers.symbol_maps()
        else:
            entries = tuple(entries)
            self._layers = Layers([MemoryLayer(entries, info=info)])
            if symbol_maps is not None:
                self._symbols, self._symbol_of = symbol_maps
            else:
                self._symbols = {}
                self._symbol_of = {}
                for sym in sorted(facts.symbols(), key=facts.symbol_rank):
                    self._symbols.setdefault(sym.name, sym.value)
                    self._symbol_of.setdefault(sym.value, sym.name)
                for e in entries:
                    for s in e.symbols:
                        self._symbols.setdefault(s, e.code)
        self._codes_str: set[str] | None = None
        self._lookups: dict[tuple, tuple[Entry, ...]] = {}  # (code, kit hint, lang) -> `lookup`'s answer
        self._text = TextIndex(lambda: self.entries)
        self.snapshot_stamp: tuple[int, int] | None | bool = False  # False: built without the user's snapshot

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry of every layer (read in full on first use: lookups do not need it)."""
        return self._layers.all_entries()

    @cached_property
    def entry_counts(self) -> dict[str, int]:
        """How many entries `entries` holds per language, counted in one pass that keeps no entry
        not read before: a face that reports the catalog's size (the Slack bot's gauge, its
        languages) without holding every entry."""
        counts: dict[str, int] = {}
        for _, got in self._layers.iter_entries():
            for e in got:
                counts[e.language] = counts.get(e.language, 0) + 1
        return dict(sorted(counts.items()))

    # ------------------------------------------------------------------ build
    @classmethod
    def load(
        cls,
        docs: Iterable[str | PathLike[str]] = (),
        *,
        lang: str = "en",
        bundled: bool = True,
        snapshot: bool = True,
    ) -> "Catalog":
        """Bundled Image Kit page + known-codes facts + universal codes, then the user's snapshot
        (`errcode catalog update`), then `docs` (files or folders): later layers win.

        Pages the user names override the bundled page for the same (kit, code, language); among
        the user's pages, a later one overrides an earlier one.  A page that cannot be read is
        recorded in `errors` (file and line) and the other pages still load.  With `snapshot`
        (the default) the compiled files are used: the bundled catalog's, the user's snapshot,
        and `docs` compiled once into the cache; `snapshot=False` builds from the sources only.
        """
        if lang not in ("en", "zh-cn"):
            raise ValueError(f"unsupported language {lang!r}: use 'en' or 'zh-cn'")
        docs = list(docs)
        if not (snapshot and bundled):
            return cls.build(docs, lang=lang, bundled=bundled)
        from . import snapshot as snap
        from .bundled import bundled_layer as compiled_bundled

        bundled_layer = compiled_bundled()
        errors: list[LoadError] = []
        if bundled_layer is None:  # stale or missing compiled file: build the bundled layer from its sources
            base = cls.build([], lang=lang)
            errors.extend(base.errors)
            bundled_layer = MemoryLayer(base.entries, base.symbols(), base.symbol_map(), bundled_info())
        stamp = snap.snapshot_stamp()
        layers = [bundled_layer, snap.open_user_snapshot()]
        pages = [str(bundled_page_path())]
        if docs:
            from .compile import docs_layer

            layer, found, errs = docs_layer(docs)
            layers.append(layer)
            pages.extend(found)
            errors.extend(errs)
        catalog = cls(errors=errors, lang=lang, pages=pages, layers=Layers(layers))
        catalog.snapshot_stamp = stamp
        return catalog

    def snapshot_changed(self) -> bool:
        """True when `errcode catalog update` wrote (or removed) the user's snapshot since this
        catalog was loaded: a face that keeps a catalog in memory (the language server, the Slack
        bot) checks this and loads a new one."""
        if self.snapshot_stamp is False:
            return False
        from .snapshot import snapshot_stamp

        return snapshot_stamp() != self.snapshot_stamp

    def info_parts(self, key: str) -> list:
        """The values the layers' writers stored under `key` (`errcode catalog update`: "throws",
        "modules", "apis"), lowest layer first; each read from its file on first use."""
        out = []
        for layer in self._layers.layers:
            part = getattr(layer, "info_part", None)
            value = part(key) if part is not None else None
            if value is not None:
                out.append(value)
        return out

    def thrown_by(self, code: int) -> list[str]:
        """The SDK APIs that throw `code` (`http.HttpRequest.request (@ohos.net.http, API 6)`), as
        each layer compiled them: the bundled Image Kit table's first (its order), then the user's
        snapshot's (`@throws`, the earliest first, then C functions whose `@return` documents it),
        each API once; empty when no layer knows one."""
        names: list[str] = []
        seen: set[str] = set()
        for throws in self.info_parts("throws"):
            for d in throws.get(code, ()) if isinstance(throws, Mapping) else ():
                name = d.split(" ", 1)[0]
                if name not in seen:
                    seen.add(name)
                    names.append(d)
        return names

    def module_kits(self) -> dict[str, str]:
        """`@ohos.net.http` -> `apis-network-kit` for every module the snapshot's SDK declarations
        name (from `kits/@kit.*.d.ts` and `@kit` tags); empty without a snapshot."""
        out: dict[str, str] = {}
        for modules in self.info_parts("modules"):
            if isinstance(modules, dict):
                out.update(modules)
        return out

    @classmethod
    def build(cls, docs: Iterable[str | PathLike[str]] = (), *, lang: str = "en", bundled: bool = True) -> "Catalog":
        """The catalog built from its sources in this process (no compiled file read or written)."""
        docs = list(docs)
        table: dict[tuple[str, int, str], Entry] = {}
        errors: list[LoadError] = []
        pages: list[str] = []
        if bundled:
            entries, errs = bundled_entries()
            errors.extend(errs)
            pages.append(str(bundled_page_path()))
            for e in entries:
                table[(e.kit, e.code, e.language)] = e
        if docs:
            from . import parse
        for doc in docs:
            p = Path(doc)
            if not p.exists():
                errors.append(LoadError(str(p), 0, "no such file or folder"))
                continue
            found = parse.find_pages(p) if p.is_dir() else [p]
            if p.is_dir() and not found:
                errors.append(LoadError(str(p), 0, "no error-code pages (err*code*-*.md) in this folder"))
            for page in found:
                try:
                    entries, errs = parse.read_page(page)
                except Exception as exc:  # the parser promises not to raise; never let one page stop the rest
                    errors.append(LoadError(str(page), 0, f"could not read page: {exc}"))
                    continue
                errors.extend(errs)
                pages.append(str(page))
                for e in entries:
                    table[(e.kit, e.code, e.language)] = e
        entries = list(table.values())
        entries = merge_facts(entries)
        have_universal = {e.code for e in entries if e.kit == UNIVERSAL_KIT}
        for e in facts.builtin_universal():
            if e.code not in have_universal:
                entries.append(e)
        entries = attach_symbols(entries)
        return cls(entries, errors, lang=lang, pages=pages, info=bundled_info() if bundled else None)

    # --- numbers -----------------------------------------------------------
    def lookup(self, code: int, *, kit_hint: str | None = None, lang: str | None = None) -> list[Entry]:
        """Every meaning of this code (one entry per kit, in `lang` where loaded), best first."""
        lang = lang or self.lang
        key = (code, kit_hint, lang)
        got = self._lookups.get(key)
        if got is None:
            per_kit: dict[str, Entry] = {}
            for e in self._layers.entries_for(code):
                cur = per_kit.get(e.kit)
                if cur is None or (cur.language != lang and e.language == lang):
                    per_kit[e.kit] = e
            got = tuple(sorted(per_kit.values(), key=lambda e: kit_order(e, kit_hint)))
            if len(self._lookups) >= 4096:  # a run asks about few codes; a hostile one about many
                self._lookups.clear()
            self._lookups[key] = got
        return list(got)

    def is_known(self, code: int) -> bool:
        return self._layers.has(code)

    def codes(self) -> list[int]:
        return list(self._layers.codes())

    @cached_property
    def code_families(self) -> frozenset[tuple[int, str]]:
        """(digit count, digits but the last three) of every known code of 7+ digits: the families
        an unknown long number must belong to to be taken for a mistyped code (62980xxx, 7600xxx …)."""
        return frozenset((len(str(c)), str(c)[:-3]) for c in self._layers.codes() if c > 0 and len(str(c)) >= 7)

    @cached_property
    def typo_codes(self) -> frozenset[int]:
        """The numbers of 100-999 that are no code but a known one mistyped (`suggest` has an answer:
        one digit wrong, two swapped, one missing or extra), found from the codes, not by asking 900 times."""
        known = {str(abs(c)) for c in self._layers.codes()}
        out: set[str] = set()
        for cs in known:
            if len(cs) == 3:
                out.update(cs[:i] + d + cs[i + 1 :] for i in range(3) for d in "0123456789")
                out.update((cs[1] + cs[0] + cs[2], cs[2] + cs[1] + cs[0], cs[0] + cs[2] + cs[1]))
            elif len(cs) == 4:
                out.update(cs[:i] + cs[i + 1 :] for i in range(4))
            elif len(cs) == 2:
                out.update(cs[:i] + d + cs[i:] for i in range(3) for d in "0123456789")
        return frozenset(int(t) for t in out if t[0] != "0" and t not in known)

    def suggest(self, code: int, limit: int = 3) -> list[Entry]:
        """Did-you-mean for an unknown number: one digit wrong, two swapped, one missing/extra."""
        if self.is_known(code):
            return []
        target = str(abs(code))
        if self._codes_str is None:
            self._codes_str = {str(abs(c)) for c in self._layers.codes()}
        known = self._codes_str
        ranked = [(rank, abs(int(cand) - abs(code)), int(cand))
                  for cand, rank in near_misses(target).items() if cand in known]
        ranked.sort()
        out: list[Entry] = []
        for _, _, c in ranked[:limit]:
            c = -c if code < 0 and self.is_known(-c) else c
            best = self.lookup(c)
            if best:
                out.append(best[0])
        return out

    # --- names -------------------------------------------------------------
    def resolve_symbol(self, name: str) -> int | None:
        """`IMAGE_ALLOC_FAILED` -> 7600301; `IMAGE_RESULT_BASE` -> 62980096; None if unknown."""
        return self._symbols.get(name.strip())

    def symbols(self) -> dict[str, int]:
        """Every known name and its value."""
        return dict(self._symbols)

    def symbol_map(self) -> dict[int, str]:
        """Every value that has a preferred name, and that name."""
        return dict(self._symbol_of)

    def resolve_expression(self, text: str) -> int | None:
        """`IMAGE_RESULT_BASE + 5` -> 62980101, `0x3C10000`, `-62980096`, `007700201`; None otherwise."""
        return resolve_expression(self, text)

    def symbol_for(self, code: int) -> str | None:
        """Preferred C name for a code (`7600301` -> `IMAGE_ALLOC_FAILED`), None if none."""
        return self._symbol_of.get(code)

    def suggest_symbols(self, name: str, limit: int = 3) -> list[str]:
        from rapidfuzz import fuzz, process

        found = process.extract(name.upper(), list(self._symbols), scorer=fuzz.ratio, limit=limit, score_cutoff=80)
        return [m[0] for m in found]

    # --- text ------------------------------------------------------------
    def search(self, text: str, limit: int = 10, *, lang: str | None = None) -> list[SearchHit]:
        """Free-text search (English or Chinese) ranked with rapidfuzz (catalog/search.py)."""
        return self._text.search(text, limit, lang or self.lang)

    def query(self, text: str, *, limit: int = 10, kit_hint: str | None = None, lang: str | None = None) -> list[Answer]:
        """The one query function: numbers, hex, names, `BASE + n`, several codes, or free text
        (catalog/query.py): one Answer per code-like piece of the input, or one of kind "text"."""
        return answer(self, text, limit=limit, kit_hint=kit_hint, lang=lang)

    def kits(self) -> list[str]:
        return sorted(self._layers.kit_names())

    def kit_names(self) -> dict[str, str]:
        return self._layers.kit_names()

    def match_kit(self, name: str) -> str | None:
        """`image`, `Image Kit`, `apis-image-kit` -> "apis-image-kit"."""
        n = name.strip().lower()
        names = self.kit_names()
        for kit, kname in names.items():
            if n in (kit.lower(), kname.lower(), kit.lower().removeprefix("apis-").removesuffix("-kit"),
                     kname.lower().removesuffix(" kit")):
                return kit
        if n == "universal":
            return UNIVERSAL_KIT
        return None

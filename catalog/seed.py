"""The bundled catalog's entries: the shipped Image Kit page merged with the fact tables (known
codes, C names, the universal codes).  `scripts/build_bundled.py` compiles them into the bundled
snapshot; `Catalog.build` uses them when no snapshot can be read."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from . import facts
from .facts import DATA_DIR, IMAGE_KIT, IMAGE_KIT_NAME, IMAGE_URL, UNIVERSAL_KIT
from .model import Entry, LoadError


def bundled_page_path() -> Path:
    return DATA_DIR / "errorcode-image.md"


def bundled_entries() -> tuple[list[Entry], list[LoadError]]:
    """The shipped Image Kit page's entries, parsed."""
    from . import parse

    path = bundled_page_path()
    entries, errors = parse.parse_page(
        path.read_bytes().decode("utf-8-sig"), str(path), kit=IMAGE_KIT, kit_name=IMAGE_KIT_NAME, language="en",
        url_base=IMAGE_URL.rsplit("/", 1)[0],
    )
    return [replace(e, known_from=("seed",)) for e in entries], errors


def merge_facts(entries: list[Entry]) -> list[Entry]:
    """Enrich Image Kit entries with the known-codes table; add entries for codes no loaded page has."""
    image = {}
    for i, e in enumerate(entries):
        if e.kit == IMAGE_KIT:
            image.setdefault(e.code, []).append(i)
    universal = {e.code for e in entries if e.kit == UNIVERSAL_KIT} | {e.code for e in facts.builtin_universal()}
    for kc in facts.known_codes():
        if kc.code in image:
            for i in image[kc.code]:
                e = entries[i]
                conflicts = e.conflicts + ((kc.conflict,) if kc.conflict else ())
                entries[i] = replace(
                    e,
                    symbols=tuple(dict.fromkeys(e.symbols + kc.symbols)),
                    since=e.since or kc.since,
                    known_from=tuple(dict.fromkeys(e.known_from + kc.sources)),
                    conflicts=conflicts,
                )
            continue
        if kc.code in universal and kc.code < 1000:
            continue  # 401/202 as C enum values: the universal meaning, with the name attached later
        title = kc.title or _humanize(kc.symbols[0] if kc.symbols else str(kc.code))
        where = ", ".join(facts.describe_source(s) for s in kc.sources)
        names = f" as {' / '.join(kc.symbols)}" if kc.symbols else ""
        since = f" (API {kc.since})" if kc.since else ""
        notes = [f"Not in the loaded reference pages. Known from {where}{names}{since}."]
        if not kc.title:
            notes.append("The title is derived from the C name; no documentation text is available.")
        entries.append(
            Entry(
                code=kc.code,
                kit=IMAGE_KIT,
                kit_name=IMAGE_KIT_NAME,
                title=title,
                notes=tuple(notes),
                language="en",
                url=IMAGE_URL,
                symbols=kc.symbols,
                origin="known-codes",
                known_from=kc.sources,
                since=kc.since,
                conflicts=(kc.conflict,) if kc.conflict else (),
            )
        )
    return entries


def attach_symbols(entries: list[Entry]) -> list[Entry]:
    """Give every entry the C names whose value is its code (Image Kit and universal entries)."""
    by_value: dict[int, list[str]] = {}
    for sym in sorted(facts.symbols(), key=facts.symbol_rank):
        by_value.setdefault(sym.value, []).append(sym.name)
    out = []
    for e in entries:
        names = by_value.get(e.code)
        if names and e.kit in (IMAGE_KIT, UNIVERSAL_KIT):
            e = replace(e, symbols=tuple(dict.fromkeys(e.symbols + tuple(names))))
        out.append(e)
    return out


def _humanize(name: str) -> str:
    for prefix in ("IMAGE_RESULT_MEDIA_", "IIMAGE_RESULT_", "IMAGE_RESULT_", "IMAGE_SOURCE_", "IMAGE_"):
        if name.startswith(prefix):
            name = name[len(prefix):]
            break
    return " ".join(w.capitalize() for w in name.split("_"))


@lru_cache(maxsize=1)
def bundled_info() -> dict:
    """What the bundled layer carries beside its entries: which API of the bundled Image Kit table
    throws which code (catalog/api/render.py `bundled_throws`), so "Thrown by" builds no API index."""
    from .api.render import bundled_throws

    return {"throws": bundled_throws()}

"""One page's text to its entries: the stages run in order over a `Page` state, and the problems met."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import PurePath

from ..model import Entry, LoadError
from .entries import build_entry, stand_in_entry
from . import kits
from .sections import Sections, read_sections
from .state import Page, Unit
from .units import check_fences, del_states, heading_slugs, read_header, split_units


def decode(raw: bytes, path: str, errors: list[LoadError]) -> str | None:
    """A page's bytes as text (UTF-8, a BOM dropped), or None with the problem added to `errors`."""
    if b"\0" in raw[:8192]:
        errors.append(LoadError(path, 0, "binary file, not a Markdown page"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.append(LoadError(path, line, f"not valid UTF-8 (byte {exc.start}: {exc.reason})"))
        return None


def parse_page(
    text: str,
    path: str = "<memory>",
    *,
    kit: str | None = None,
    kit_name: str | None = None,
    language: str | None = None,
    url_base: str | None = None,
) -> tuple[list[Entry], list[LoadError]]:
    """Entries of one page and the problems met.  Never raises."""
    path = str(path)
    errors: list[LoadError] = []
    page: Page | None = None
    try:
        if isinstance(text, (bytes, bytearray)):
            text = decode(bytes(text), path, errors)
            if text is None:
                return [], errors
        if not isinstance(text, str):
            errors.append(LoadError(path, 0, f"not text ({type(text).__name__})"))
            return [], errors
        with _collector_paused():
            page = Page.tokenize(text, path, errors)
            _read(page, kit=kit, kit_name=kit_name, language=language, url_base=url_base)
    except Exception as exc:  # noqa: BLE001 - the parser promises never to raise
        where = page.where if page is not None else 0
        errors.append(LoadError(path, where, f"could not read the page here ({type(exc).__name__}: {exc})"))
    if page is None:
        return [], errors
    if len(page.heads) != len(page.entries):  # one entry per code heading, or say which are missing
        errors.append(LoadError(path, 0, f"{len(page.heads)} code headings but {len(page.entries)} entries"))
    return page.entries, errors


@contextmanager
def _collector_paused():
    """Reading a page allocates some 40 objects per line (markdown-it tokens, nodes, blocks) that all
    live until the page is read and form no reference cycles, so the cyclic collector's passes over
    them find nothing and cost ~40% of the time; it is paused meanwhile (reference counting still
    frees everything) and resumed after, unless it was already off."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read(page: Page, *, kit, kit_name, language, url_base) -> None:
    read_header(page)
    page.kit = kits.infer_kit(page.path, page.kit_comment) if kit is None else kit
    page.kit_name = kits.kit_name(page.kit, page.kit_comment, page.title) if kit_name is None else kit_name
    system_only = del_states(page)
    check_fences(page)
    units = split_units(page, system_only)
    page.slugs = heading_slugs(page, units)
    parsed = [(u, _sections(page, u)) for u in units]
    page.language = kits.page_language(page.path, [s for _u, s in parsed], page.title) if language is None else language
    page.url_base = kits.url_base(page.kit, page.language, page.path) if url_base is None else url_base
    if page.path and not page.path.startswith("<"):
        page.name = PurePath(page.path.replace("\\", "/")).name
    first_seen: dict[int, int] = {}
    for u, s in parsed:
        page.where = u.line + 1
        _add_entry(page, u, s)
        _check_entry(page, u, s, first_seen)


def _sections(page: Page, u: Unit) -> Sections:
    page.where = u.line + 1
    try:
        return read_sections(u.nodes)
    except Exception as exc:  # noqa: BLE001
        page.problem(u.line + 1, f"could not read entry {u.code} ({type(exc).__name__}: {exc})")
        return Sections()


def _add_entry(page: Page, u: Unit, s: Sections) -> None:
    try:
        entry = build_entry(page, u, s)
    except Exception as exc:  # noqa: BLE001
        page.problem(u.line + 1, f"could not read entry {u.code} ({type(exc).__name__}: {exc})")
        entry = stand_in_entry(page, u)
    page.entries.append(entry)


def _check_entry(page: Page, u: Unit, s: Sections, first_seen: dict[int, int]) -> None:
    """Problems of an entry that was read: a repeated code, no labelled section, a code beyond 32 bits."""
    line = u.line + 1
    if u.code in first_seen:
        page.problem(line, f"code {u.code} appears twice on this page (first at line {first_seen[u.code]})")
    else:
        first_seen[u.code] = line
    if not s.labels:
        page.problem(line, f"entry {u.code} has no labelled section (**Error Message**, **Possible Causes**, "
                     "**Solution**); its text was read as the description")
    if abs(u.code) >= 2**31:
        page.problem(line, f"code {u.code} does not fit in 32 bits")

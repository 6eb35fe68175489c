"""The Catalog: every entry loaded, and the one query function every face uses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from os import PathLike

from .model import Answer, Entry, LoadError, SearchHit


class Catalog:
    """All entries keyed by (kit, code); lookups return every meaning, best first.

    Build with `Catalog.load(...)`.  Immutable once built.
    """

    entries: tuple[Entry, ...]
    errors: tuple[LoadError, ...]  # pages (or parts) that could not be read

    @classmethod
    def load(
        cls,
        docs: Iterable[str | PathLike[str]] = (),
        *,
        lang: str = "en",
        bundled: bool = True,
    ) -> "Catalog":
        """Bundled Image Kit page + known-codes facts + universal codes + `docs` (files or folders)."""
        raise NotImplementedError

    # --- numbers -----------------------------------------------------------
    def lookup(self, code: int, *, kit_hint: str | None = None) -> list[Entry]:
        """Every entry with this code, best first (kit_hint first, then Image Kit, then universal)."""
        raise NotImplementedError

    def is_known(self, code: int) -> bool:
        raise NotImplementedError

    def suggest(self, code: int, limit: int = 3) -> list[Entry]:
        """Did-you-mean for an unknown number: one digit wrong, two swapped, one missing/extra."""
        raise NotImplementedError

    # --- names -------------------------------------------------------------
    def resolve_symbol(self, name: str) -> int | None:
        """`IMAGE_ALLOC_FAILED` -> 7600301; `IMAGE_RESULT_BASE` -> 62980096; None if unknown."""
        raise NotImplementedError

    def resolve_expression(self, text: str) -> int | None:
        """`IMAGE_RESULT_BASE + 5` -> 62980101, `0x3C10000`, `-62980096`, `007700201`; None otherwise."""
        raise NotImplementedError

    def symbol_for(self, code: int) -> str | None:
        """Preferred C name for a code (`7600301` -> `IMAGE_ALLOC_FAILED`), None if none."""
        raise NotImplementedError

    # --- text --------------------------------------------------------------
    def search(self, text: str, limit: int = 10) -> list[SearchHit]:
        """Free-text search (English or Chinese) ranked with rapidfuzz."""
        raise NotImplementedError

    def query(self, text: str, *, limit: int = 10) -> list[Answer]:
        """The one query function: numbers, hex, names, `BASE + n`, several codes, or free text."""
        raise NotImplementedError

    def kits(self) -> list[str]:
        raise NotImplementedError

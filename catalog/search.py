"""Free-text search over a catalog's entries (English or Chinese), ranked with rapidfuzz, and the
order in which several meanings of one code are shown."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from . import facts
from .facts import IMAGE_KIT, UNIVERSAL_KIT
from .model import Entry, SearchHit

MAX_SEARCH_CHARS = 500  # free text beyond this is not a question any more
MAX_SEARCH_TERMS = 12

STOP_WORDS = frozenset({
    "what", "is", "are", "the", "a", "an", "and", "or", "of", "for", "in", "on", "to", "error", "errors",
    "code", "codes", "mean", "means", "does", "do", "explain", "please", "with", "about", "why", "get", "got",
    "i", "my", "me", "it", "this", "that", "how", "fix",
})


@lru_cache(maxsize=None)
def _pattern(name: str) -> re.Pattern:
    """Compiled on first use: `errcode explain 7700201` never needs them."""
    return re.compile({"cjk": r"[\u3400-\u9fff\uf900-\ufaff]", "word": r"[\w\u3400-\u9fff]+"}[name])


def kit_order(entry: Entry, kit_hint: str | None) -> tuple:
    """Best first: the hinted kit, then Image Kit (the product's kit), then universal, then the rest."""
    return (
        0 if kit_hint and entry.kit == kit_hint else 1,
        0 if entry.kit == IMAGE_KIT else 1 if entry.kit == UNIVERSAL_KIT else 2,
        0 if entry.origin == "page" else 1 if entry.origin == "builtin" else 2,
        entry.kit,
    )


def query_terms(text: str) -> list[tuple[str, ...]]:
    """The words of a question that count, each with its alternatives (a Chinese word also as the
    English words of the glossary's phrases in it)."""
    terms: list[tuple[str, ...]] = []
    for word in _pattern("word").findall(text):
        if word in STOP_WORDS:
            continue
        if _pattern("cjk").search(word):
            alts = [word]
            rest = word
            for zh, en in sorted(facts.ZH_GLOSSARY.items(), key=lambda kv: -len(kv[0])):
                if zh in rest:
                    alts.append(en)
                    rest = rest.replace(zh, " ")
            terms.append(tuple(dict.fromkeys(alts)))
        elif len(word) >= 2:
            terms.append((word,))
    return terms


class TextIndex:
    """Each entry's head (title and names) and body (all its text), lower-cased, built on the first
    search: lookups by number never pay for it."""

    def __init__(self, entries: Callable[[], Iterable[Entry]]) -> None:
        self._entries = entries
        self._rows: list[tuple[Entry, str, str]] | None = None

    def rows(self) -> list[tuple[Entry, str, str]]:
        if self._rows is None:
            rows = []
            for e in self._entries():
                head = " ".join([e.title, " ".join(e.symbols)]).lower()
                body = " ".join([e.title, e.message, e.description, *e.causes, *e.solutions, *e.notes]).lower()
                rows.append((e, head, body))
            self._rows = rows
        return self._rows

    def search(self, text: str, limit: int, lang: str) -> list[SearchHit]:
        """Each query word is matched fuzzily against an entry's head (weighted up) and body; the
        entry's score is the mean over the query's words, so entries that cover more of the question
        rank first.  Chinese words are also looked up through a small glossary, so that "共享内存"
        finds English entries when no Chinese page is loaded.  One hit per (kit, code), in `lang`
        where that language is loaded."""
        from rapidfuzz import fuzz, process

        text = text[:MAX_SEARCH_CHARS].strip().lower()
        if not text:
            return []
        terms = query_terms(text)[:MAX_SEARCH_TERMS]
        if not terms:
            return []
        index = self.rows()
        heads = [h for _, h, _ in index]
        bodies = [b for _, _, b in index]
        totals = [0.0] * len(index)
        for alternatives in terms:
            best = [0.0] * len(index)
            for term in alternatives:
                # rapidfuzz scores every entry in C; only matches above the cut-off come back.
                if len(term) > 2 or _pattern("cjk").search(term):
                    for _, score, i in process.extract(term, heads, scorer=fuzz.partial_ratio, limit=None, score_cutoff=40):
                        best[i] = max(best[i], score)
                for _, score, i in process.extract(term, bodies, scorer=fuzz.partial_ratio, limit=None, score_cutoff=40):
                    best[i] = max(best[i], score * 0.85)
            for i, b in enumerate(best):
                totals[i] += b
        full = " ".join(a[0] for a in terms)
        scored: dict[tuple[str, int], tuple[float, Entry]] = {}
        for i, (e, head, _) in enumerate(index):
            score = totals[i] / len(terms)
            if len(terms) > 1 and score >= 50:
                score = 0.8 * score + 0.2 * fuzz.token_set_ratio(full, head)
            key = (e.kit, e.code)
            prev = scored.get(key)
            if prev is None:
                scored[key] = (score, e)
                continue
            keep = prev[1]
            if (e.language == lang) != (keep.language == lang):
                keep = e if e.language == lang else keep
            elif score > prev[0]:
                keep = e
            scored[key] = (max(score, prev[0]), keep)
        kept = [v for v in scored.values() if v[0] >= 60]
        hits = sorted(kept, key=lambda se: (-se[0], kit_order(se[1], None), se[1].code))
        return [SearchHit(e, round(s, 1)) for s, e in hits[:limit]]

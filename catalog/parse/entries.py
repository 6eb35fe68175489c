"""Stage 3, entries: an entry's sections read into an `Entry` (title, message, description, causes,
solutions, notes)."""

from __future__ import annotations

import re

from ..model import Entry
from .sections import Block, Sections
from .state import Page, Unit
from .text import clean, inline_text, join_para

_NO_FIX = {"n/a", "na", "none", "none.", "无", "无。", "不涉及", "不涉及。", "-"}
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.、．)](?!\d)\s*")
_VERSION_NOTE = re.compile(
    r"(?:(?<=[.!?。！？])\s*|^)"
    r"((?:Starting from|Since|As of|From|Beginning with) API version \d+"
    r"|从\s*API\s*(?:版本)?\s*\d+(?:\.\d+)*\s*开始"
    r"|自\s*API\s*(?:版本)?\s*\d+(?:\.\d+)*\s*(?:起|开始))",
    re.IGNORECASE,
)
_GENERIC_LEAD_IN = re.compile(
    r"^(?:the\s+)?(?:possible\s+)?(?:causes?|reasons?|solutions?|steps?|procedures?)"
    r"(?:\s+(?:are|is))?(?:\s+as\s+follows)?\s*[:：]$"
    r"|^(?:可能)?(?:原因|处理步骤|解决方法|步骤)?(?:如下|有以下几种|包括)\s*[:：]$",
    re.IGNORECASE,
)
_SUP_DEPRECATED = re.compile(r"<sup>[^<]*(deprecated|废弃)[^<]*</sup>", re.IGNORECASE)


def _strip_number(text: str) -> str:
    return _NUMBERED.sub("", text, count=1) if _NUMBERED.match(text) else text


def _paragraph_items(b: Block) -> list[str]:
    """Items of a paragraph: zh-cn "1.xxx" lines inside one paragraph give one item per numbered line."""
    segs = b.segs or []
    numbered = [k for k, sg in enumerate(segs) if _NUMBERED.match(inline_text(sg.toks))]
    if not (numbered and len(segs) > 1):
        return [_strip_number(b.text(keep_lines=False))]
    groups = [segs[: numbered[0]]] if numbered[0] > 0 else []
    bounds = numbered + [len(segs)]
    groups.extend(segs[a:z] for a, z in zip(bounds, bounds[1:]))
    return [_strip_number(join_para(g, keep_lines=False)) for g in groups]


def _split_version_notes(items: list[str], notes: list[str]) -> list[str]:
    """API-version remarks inside an item are notes."""
    out = []
    for item in items:
        m = _VERSION_NOTE.search(item)
        if m and m.start(1) > 0:
            out.append(item[: m.start(1)].rstrip())
            notes.append(item[m.start(1):].strip())
        else:
            out.append(item)
    return out


def section_items(blocks: list[Block]) -> tuple[list[str], list[str]]:
    """(items, notes) of a causes/solutions section."""
    last_list = max((i for i, b in enumerate(blocks) if b.kind == "list"), default=-1)
    items: list[str] = []
    notes: list[str] = []
    for i, b in enumerate(blocks):
        after_lists = 0 <= last_list < i
        if b.kind == "list":
            items.extend(clean(x) for x in b.items if clean(x))
        elif b.kind == "code" or b.kind == "quote":
            text = b.text(keep_lines=True)
            if after_lists:
                notes.append(text)
            elif items:
                items[-1] = f"{items[-1]}\n{text}"
            else:
                items.append(text)
        elif after_lists:
            notes.append(b.text(keep_lines=False))
        elif last_list > i and _GENERIC_LEAD_IN.match(b.text(keep_lines=False)):
            continue  # "The possible causes are as follows:" before the list says nothing itself
        else:
            items.extend(t for t in _paragraph_items(b) if t)
    out = _split_version_notes(items, notes)
    return [x for x in out if x], [x for x in notes if x]


def _without_no_fix(items: list[str]) -> list[str]:
    """A section that is only "N/A" / "None" / "无" has no items."""
    return [] if len(items) == 1 and items[0].strip().lower() in _NO_FIX else items


def build_entry(page: Page, u: Unit, s: Sections) -> Entry:
    title = " ".join(clean(inline_text(u.title_tokens, title=True)).split("\n")).strip()
    message = clean("\n".join(t for t in (b.text(keep_lines=True) for b in s.message) if t))
    description = clean("\n".join(t for t in (b.text(keep_lines=False) for b in s.description) if t))
    causes, cause_notes = section_items(s.causes)
    solutions, fix_notes = section_items(s.solutions)
    notes = cause_notes + fix_notes + [clean("\n".join(c)) for c in s.cases]
    return Entry(
        code=u.code,
        kit=page.kit,
        kit_name=page.kit_name,
        title=title,
        message=message,
        description=description,
        causes=tuple(_without_no_fix(causes)),
        solutions=tuple(_without_no_fix(solutions)),
        notes=tuple(n for n in notes if n),
        language=page.language,
        source=page.path,
        line=u.line + 1,
        url=page.url(u),
        system_only=u.system_only,
        deprecated=bool(_SUP_DEPRECATED.search(u.raw_title)),
        origin="page",
        known_from=(f"page:{page.name or page.path}",),
    )


def stand_in_entry(page: Page, u: Unit) -> Entry:
    """The entry of a heading whose text could not be read."""
    return Entry(code=u.code, kit=page.kit, kit_name=page.kit_name, title="", language=page.language,
                 source=page.path, line=u.line + 1, origin="page", known_from=(f"page:{page.name or page.path}",))

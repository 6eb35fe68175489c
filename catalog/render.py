"""Renderings of entries that several faces share: plain text and Markdown.

Faces convert at their edge; these are plain strings, no terminal or protocol types.
"""

from __future__ import annotations

from .model import Answer, Entry

LABELS = {
    "en": {
        "message": "Error message",
        "description": "Description",
        "causes": "Possible causes",
        "solutions": "Solution",
        "notes": "Notes",
        "names": "Names",
        "docs": "Documentation",
        "conflict": "Sources disagree",
        "system": "system API only",
        "deprecated": "deprecated",
        "unknown": "Unknown error code {code}",
        "did_you_mean": "did you mean {items}?",
        "meanings": "{code} has {n} meanings:",
    },
    "zh-cn": {
        "message": "错误信息",
        "description": "错误描述",
        "causes": "可能原因",
        "solutions": "处理步骤",
        "notes": "说明",
        "names": "常量名",
        "docs": "文档",
        "conflict": "来源不一致",
        "system": "仅系统接口",
        "deprecated": "已废弃",
        "unknown": "未知错误码 {code}",
        "did_you_mean": "您是否要找 {items}？",
        "meanings": "{code} 有 {n} 种含义：",
    },
}


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["en"])


def heading(entry: Entry) -> str:
    """`7700201 Unsupported Memory Allocation Type` (the title may be empty for bare-code headings)."""
    return f"{entry.code} {entry.title}".strip()


def flags(entry: Entry, lang: str = "en") -> list[str]:
    lab = labels(lang)
    out = []
    if entry.system_only:
        out.append(lab["system"])
    if entry.deprecated:
        out.append(lab["deprecated"])
    return out


def suggestion_text(entries: tuple[Entry, ...] | list[Entry], lang: str = "en") -> str:
    """`62980099 (Data Error in the Shared Memory) or 62980199 (...)`."""
    items = [f"{e.code} ({e.title})" if e.title else str(e.code) for e in entries]
    if len(items) <= 1:
        return "".join(items)
    joiner = " 或 " if lang == "zh-cn" else " or "
    return ", ".join(items[:-1]) + joiner + items[-1]


def unknown_text(answer: Answer, lang: str = "en") -> str:
    lab = labels(lang)
    what = answer.query if answer.code is None else str(answer.code)
    text = lab["unknown"].format(code=what)
    if answer.kind == "symbol" and answer.code is None:
        text = ("未知常量名 " if lang == "zh-cn" else "Unknown name ") + answer.query
    if answer.suggestions:
        if answer.kind == "symbol":
            items = " or ".join(f"{s.symbols[0] if s.symbols else s.code} = {s.code}" for s in answer.suggestions)
            return f"{text} — " + lab["did_you_mean"].format(items=items)
        return f"{text} — " + lab["did_you_mean"].format(items=suggestion_text(answer.suggestions, lang))
    return text


def entry_text(entry: Entry, lang: str = "en", *, with_kit: bool = True) -> str:
    """Plain text, as the terminal and plain-text LSP clients show it."""
    lab = labels(lang or entry.language)
    lines = [heading(entry)]
    meta = [entry.kit_name] if with_kit else []
    meta += flags(entry, lang)
    if entry.since:
        meta.append(f"API {entry.since}")
    if meta:
        lines.append("  ".join(f"[{m}]" for m in meta))
    if entry.message:
        lines += ["", f"{lab['message']}:", _indent(entry.message)]
    if entry.description:
        lines += ["", f"{lab['description']}:", _indent(entry.description)]
    if entry.causes:
        lines += ["", f"{lab['causes']}:", *_items(entry.causes)]
    if entry.solutions:
        lines += ["", f"{lab['solutions']}:", *_items(entry.solutions)]
    if entry.notes:
        lines += ["", f"{lab['notes']}:", *_items(entry.notes)]
    for c in entry.conflicts:
        lines += ["", f"{lab['conflict']}: {c}"]
    if entry.symbols:
        lines += ["", f"{lab['names']}: {', '.join(entry.symbols)}"]
    if entry.url:
        lines += [f"{lab['docs']}: {entry.url}"]
    return "\n".join(lines)


def entry_markdown(entry: Entry, lang: str = "en", *, with_kit: bool = True) -> str:
    """Markdown, as an LSP hover shows it."""
    lab = labels(lang or entry.language)
    title = f"**{entry.code}** {_md(entry.title)}".rstrip()
    meta = [entry.kit_name] if with_kit else []
    meta += flags(entry, lang)
    if entry.since:
        meta.append(f"API {entry.since}")
    out = [f"### {title}" + (f" · {' · '.join(meta)}" if meta else "")]
    if entry.message:
        out += [f"**{lab['message']}**: {_md(entry.message)}"]
    if entry.description:
        out += [f"**{lab['description']}**: {_md(entry.description)}"]
    if entry.causes:
        out += [f"**{lab['causes']}**", "\n".join(f"- {_md(c)}" for c in entry.causes)]
    if entry.solutions:
        out += [f"**{lab['solutions']}**", "\n".join(f"- {_md(s)}" for s in entry.solutions)]
    if entry.notes:
        out += ["\n".join(f"> {_md(n)}" for n in entry.notes)]
    for c in entry.conflicts:
        out += [f"⚠ **{lab['conflict']}**: {_md(c)}"]
    if entry.symbols:
        out += [f"{lab['names']}: " + ", ".join(f"`{s}`" for s in entry.symbols)]
    if entry.url:
        out += [f"[{lab['docs']}]({entry.url})"]
    return "\n\n".join(out)


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())


def _items(items: tuple[str, ...]) -> list[str]:
    out = []
    for item in items:
        first, *rest = item.splitlines() or [""]
        out.append(f"  - {first}")
        out += [f"    {r}" for r in rest]
    return out


def _md(text: str) -> str:
    """Keep a page's text from being read as Markdown structure (headings, HTML)."""
    return text.replace("<", "&lt;").replace(">", "&gt;")

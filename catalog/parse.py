"""Read OpenHarmony error-code reference pages (Markdown) into `Entry` objects.

The page format and its variations are surveyed in ``../shared/CATALOG-FORMAT.md``.  The page is
tokenised with markdown-it-py (CommonMark); an entry starts at every heading that the rule
``^(#{2,4})\\s*(-?\\d+)(?:\\s+(.*?))?\\s*$`` recognises outside fenced code.

How an entry's text is read (the decisions the format leaves open):

- Sections are opened by a label: a bold-only line (``**Error Message**``), a bold label followed by
  a line break or ``<br>`` and text, a bold label followed by ``:`` and text, or a deeper heading
  whose text is a label (``### 错误信息``).  Labels match case-insensitively after trimming (a
  trailing colon is ignored); the synonyms are in `LABELS`.  Text before the first label is
  description.  An unknown bold-only line stays in the current section.
- message: every block up to the next label, one line per block / list item / source line.
- description: the blocks joined with newlines (soft line breaks become spaces).
- causes / solutions: one item per list item when the section holds a list, else one item per
  paragraph (numbered paragraphs such as zh ``1.xxx`` lose their number, like list items).
  A paragraph before a list stays an item ("The name does not comply with the following rules:"),
  unless it is a generic lead-in ("The possible causes are as follows:", "原因如下："), which is dropped.
  A fix that is only ``N/A`` / ``None`` / ``无`` gives no solutions.
- notes: (1) paragraphs that follow the last list of a causes/solutions section; (2) the rest of a
  cause/solution item from a sentence that starts with an API-version change ("Starting from API
  version 17, ...", "从API 17开始...") onwards, so 7700101's third cause reads "The image source
  data is incomplete." and the API 17 paragraph is a note; (3) each deeper non-code heading
  (the zh-cn audio case studies) with everything under it, one note per heading, labels kept as
  text lines.
- A non-code heading at the same or a shallower level ends the entry.
- ``<!--Del-->`` ... ``<!--DelEnd-->`` around a heading sets `system_only`; other HTML comments
  (``<!--RP1-->``) are dropped and their text kept.

Problems are reported as `LoadError` (file, line, message) and never raised: undecodable files,
headings swallowed by an HTML block or written without a space, unclosed fences, duplicate codes,
entries without any labelled section.  The entries that could be read are still returned.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from os import PathLike
from pathlib import Path, PurePath

from .facts import DATA_DIR, DOCS_BASE, UNIVERSAL_KIT, UNIVERSAL_KIT_NAME
from .model import Entry, LoadError

__all__ = ["parse_page", "read_page", "find_pages", "heading_codes", "slugify", "LABELS", "PAGE_GLOB"]

HEADING_RE = re.compile(r"^(#{2,4})\s*(-?\d+)(?:\s+(.*?))?\s*$")
PAGE_GLOB = "err*code*-*.md"
MAX_CODE_DIGITS = 30  # longer digit runs are not read as codes (and int() would refuse > 4300 digits)

#: label (lower case, trimmed, trailing colon removed) -> section
LABELS: dict[str, str] = {
    # message
    "error message": "message",
    "error messages": "message",
    "错误信息": "message",
    "报错信息": "message",
    # description
    "description": "description",
    "error description": "description",
    "symptom": "description",
    "symptoms": "description",
    "错误描述": "description",
    "问题描述": "description",
    "问题现象": "description",
    # causes
    "possible causes": "causes",
    "possible cause": "causes",
    "cause": "causes",
    "causes": "causes",
    "可能原因": "causes",
    "原因": "causes",
    # fixes
    "solution": "solutions",
    "solutions": "solutions",
    "procedure": "solutions",
    "procedures": "solutions",
    "resolution steps": "solutions",
    "resolution": "solutions",
    "handling procedure": "solutions",
    "处理步骤": "solutions",
    "解决方法": "solutions",
    "解决措施": "solutions",
    "处理方法": "solutions",
}
_CJK_LABELS = {k for k in LABELS if any(ord(c) > 0x2E80 for c in k)}
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
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_DEL_MARK = re.compile(r"<!--\s*(Del|DelEnd)\s*-->", re.IGNORECASE)
_KIT_COMMENT = re.compile(r"<!--\s*Kit\s*:\s*(.*?)\s*-->", re.IGNORECASE)
_LITERAL_LABEL = re.compile(r"^\s*(\*\*|__)\s*(.+?)\s*\1(.*)$")
_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SUP_DEPRECATED = re.compile(r"<sup>[^<]*(deprecated|废弃)[^<]*</sup>", re.IGNORECASE)


# ----------------------------------------------------------------------------------------- helpers
@lru_cache(maxsize=1)
def _md():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _normalize(text: str) -> str:
    """The same line normalisation markdown-it applies, so line numbers agree."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def _match_heading(line: str) -> tuple[int, int, str] | None:
    """(level, code, raw title) when `line` is an entry heading by the rule."""
    m = HEADING_RE.match(line)
    if not m:
        return None
    digits = m.group(2)
    if len(digits.lstrip("-")) > MAX_CODE_DIGITS:
        return None
    return len(m.group(1)), int(digits), m.group(3) or ""


def _fence_lines(tokens) -> set[int]:
    lines: set[int] = set()
    for tok in tokens:
        if tok.type == "fence" and tok.map:
            lines.update(range(tok.map[0], tok.map[1]))
    return lines


def _code_headings(lines: list[str], tokens) -> list[tuple[int, int, int, str]]:
    """(0-based line, level, code, raw title) of every entry heading outside fenced code."""
    fenced = _fence_lines(tokens)
    found = []
    for i, line in enumerate(lines):
        if line.startswith("#") and i not in fenced:
            h = _match_heading(line)
            if h:
                found.append((i, *h))
    return found


def heading_codes(text: str) -> list[tuple[int, int]]:
    """(1-based line, code) of every heading the entry rule recognises outside fenced code."""
    try:
        text = _normalize(text if isinstance(text, str) else str(text))
        lines = text.split("\n")
        tokens = _md().parse(text)
        return [(i + 1, code) for i, _level, code, _title in _code_headings(lines, tokens)]
    except Exception:  # never raise on bad input
        return []


def slugify(heading: str) -> str:
    """GitHub/gitee-style anchor: lower case, punctuation dropped except `-` and `_`, spaces to `-`.

    Letters, marks and digits of every script are kept, so CJK headings keep their characters.
    """
    out = []
    for ch in heading.strip().lower():
        if ch == " ":
            out.append("-")
        elif ch in "-_":
            out.append(ch)
        elif unicodedata.category(ch)[0] in "LMN":
            out.append(ch)
        # everything else (punctuation, symbols, other whitespace) is dropped
    return "".join(out)


# ---------------------------------------------------------------------------------- token tree
@dataclass
class _Node:
    type: str
    tok: object
    children: list = field(default_factory=list)

    @property
    def map(self):
        return self.tok.map


def _tree(tokens) -> list[_Node]:
    root = _Node("root", None)
    stack = [root]
    for tok in tokens:
        if tok.nesting == 1:
            node = _Node(tok.type[: -len("_open")], tok)
            stack[-1].children.append(node)
            stack.append(node)
        elif tok.nesting == -1:
            if len(stack) > 1:
                stack.pop()
        else:
            stack[-1].children.append(_Node(tok.type, tok))
    return root.children


# ------------------------------------------------------------------------------------ inline text
# A "segment" is one source line of a paragraph: the inline tokens between line breaks.
@dataclass
class _Seg:
    toks: list
    brk: str = ""  # the break that precedes this segment: "", "soft" or "hard"


def _segments(children) -> list[_Seg]:
    segs = [_Seg([])]
    for tok in children or ():
        if tok.type in ("softbreak", "hardbreak"):
            segs.append(_Seg([], "soft" if tok.type == "softbreak" else "hard"))
        elif tok.type == "html_inline" and _BR.match(tok.content.strip()):
            segs.append(_Seg([], "hard"))
        else:
            segs[-1].toks.append(tok)
    return segs


def _inline_text(toks, *, plain: bool = False, title: bool = False) -> str:
    """Render inline tokens as text.

    Inline code keeps its backticks (unless `plain`), links become their text, HTML comments and
    tags are dropped (their text kept), `<sup>…</sup>` is dropped with its text when `title`.
    """
    out: list[str] = []
    in_sup = 0
    for tok in toks:
        t = tok.type
        if t == "html_inline":
            c = tok.content.strip().lower()
            if c.startswith("<sup"):
                in_sup += 1
            elif c.startswith("</sup"):
                in_sup = max(0, in_sup - 1)
            elif _BR.match(c):
                out.append("\n")
            continue
        if title and in_sup:
            continue
        if t in ("text", "text_special"):
            out.append(tok.content)
        elif t == "code_inline":
            out.append(tok.content if plain else f"{tok.markup}{tok.content}{tok.markup}")
        elif t == "softbreak":
            out.append(" ")
        elif t == "hardbreak":
            out.append("\n")
        elif t == "image":
            out.append(_inline_text(tok.children or (), plain=plain) or tok.content)
        # emphasis / link open-close markers carry no text
    return "".join(out)


def _label_of(seg: _Seg) -> tuple[str, list] | None:
    """(section, remaining tokens) when the segment starts with a bold label."""
    toks = [t for t in seg.toks if not (t.type == "text" and not t.content.strip())
            and not (t.type == "html_inline" and t.content.startswith("<!--"))]
    if toks and toks[0].type == "text":
        # `**Error Message **` is not bold in CommonMark (space before the closing `**`): still a label
        m = _LITERAL_LABEL.match(_inline_text(toks, plain=True))
        if m and _label_text(m.group(2)) is not None and not m.group(3).strip(" :："):
            return _label_text(m.group(2)), []
        return None
    if not toks or toks[0].type != "strong_open":
        return None
    depth = 0
    close = None
    for i, t in enumerate(toks):
        if t.type == "strong_open":
            depth += 1
        elif t.type == "strong_close":
            depth -= 1
            if depth == 0:
                close = i
                break
    if close is None:
        return None
    label = _inline_text(toks[1:close], plain=True).strip()
    had_colon = label.endswith((":", "："))
    section = LABELS.get(label.rstrip(":：").strip().lower())
    if section is None:
        return None
    rest = toks[close + 1:]
    rest_text = _inline_text(rest).strip()
    if not rest_text:
        return section, []
    if had_colon:
        return section, rest
    if rest_text.startswith((":", "：")):
        # drop the colon at the start of the remainder
        first = rest[0]
        if first.type == "text":
            stripped = first.content.lstrip()[1:]
            rest = [_Text(stripped)] + rest[1:]
        return section, rest
    return None


class _Text:
    """A stand-in text token."""

    type = "text"
    markup = ""
    children = None

    def __init__(self, content: str):
        self.content = content


def _label_text(text: str) -> str | None:
    return LABELS.get(text.strip().rstrip(":：").strip().lower())


# ---------------------------------------------------------------------------------- block model
@dataclass
class _Block:
    kind: str  # "para" | "list" | "code" | "quote" | "heading"
    lines: list[str] = field(default_factory=list)  # source lines (paragraph) or rendered lines
    items: list[str] = field(default_factory=list)  # list items (kind == "list")
    ordered: bool = False
    start: int = 1
    segs: list | None = None  # paragraph source lines as inline segments (kind == "para")

    def text(self) -> str:
        if self.kind == "list":
            out = []
            for n, item in enumerate(self.items):
                marker = f"{self.start + n}." if self.ordered else "-"
                out.append(f"{marker} {item}")
            return "\n".join(out)
        return "\n".join(self.lines)


def _clean(text: str) -> str:
    """Trim each line's trailing spaces and the text's outer whitespace."""
    return "\n".join(line.rstrip() for line in text.strip().split("\n")).strip()


def _join_para(segs: list[_Seg], *, keep_lines: bool) -> str:
    out = ""
    for i, s in enumerate(segs):
        piece = _inline_text(s.toks)
        if i:
            out = out.rstrip(" \t")
            out += "\n" if (keep_lines or s.brk == "hard") else " "
            piece = piece.lstrip(" \t")
        out += piece
    return _clean(out)


def _render_blocks(nodes: list[_Node]) -> list[str]:
    """Plain rendering of nested blocks (list items, quotes): one string per block."""
    out = []
    for n in nodes:
        r = _render_node(n, keep_lines=False)
        if r:
            out.append(r)
    return out


def _render_list(node: _Node, *, keep_lines: bool, indent: str = "") -> list[str]:
    ordered = node.type == "ordered_list"
    try:
        start = int(node.tok.attrGet("start") or 1) if ordered else 1
    except (TypeError, ValueError):
        start = 1
    lines = []
    for n, item in enumerate(c for c in node.children if c.type == "list_item"):
        marker = f"{start + n}." if ordered else "-"
        text = _item_text(item, keep_lines=keep_lines)
        first, *rest = text.split("\n") if text else [""]
        lines.append(f"{indent}{marker} {first}".rstrip())
        lines.extend(f"{indent}   {r}" if r else "" for r in rest)
    return lines


def _item_text(item: _Node, *, keep_lines: bool = False) -> str:
    parts = []
    for c in item.children:
        if c.type in ("bullet_list", "ordered_list"):
            parts.append("\n".join(_render_list(c, keep_lines=keep_lines)))
        else:
            r = _render_node(c, keep_lines=keep_lines)
            if r:
                parts.append(r)
    return _clean("\n".join(parts))


def _render_node(n: _Node, *, keep_lines: bool) -> str:
    t = n.type
    if t == "paragraph":
        inline = next((c for c in n.children if c.type == "inline"), None)
        return _join_para(_segments(inline.tok.children if inline else ()), keep_lines=keep_lines)
    if t in ("bullet_list", "ordered_list"):
        return "\n".join(_render_list(n, keep_lines=keep_lines))
    if t == "fence":
        tok = n.tok
        return f"{tok.markup}{tok.info}\n{tok.content}{tok.markup}".strip()
    if t == "code_block":
        return n.tok.content.rstrip("\n")
    if t == "html_block":
        return _html_text(n.tok.content)
    if t == "blockquote":
        return _clean("\n".join(_render_blocks(n.children)))
    if t == "heading":
        inline = next((c for c in n.children if c.type == "inline"), None)
        return _clean(_inline_text(inline.tok.children if inline else ()))
    if t == "inline":
        return _clean(_inline_text(n.tok.children or ()))
    return ""


def _html_text(html: str) -> str:
    """Visible text of an HTML block: comments and tags dropped, `<br>` as newline."""
    s = _COMMENT.sub("", html)
    s = re.sub(r"<br\s*/?>", "\n", s, flags=re.IGNORECASE)
    s = _TAG.sub("", s)
    return _clean("\n".join(" ".join(line.split()) for line in s.split("\n")))


# ------------------------------------------------------------------------------------ the parser
@dataclass
class _Unit:
    line: int  # 0-based heading line
    level: int
    code: int
    raw_title: str
    nodes: list[_Node] = field(default_factory=list)
    system_only: bool = False


@dataclass
class _Sections:
    message: list[_Block] = field(default_factory=list)
    description: list[_Block] = field(default_factory=list)
    causes: list[_Block] = field(default_factory=list)
    solutions: list[_Block] = field(default_factory=list)
    cases: list[list[str]] = field(default_factory=list)  # deeper non-code headings + their text
    labels: list[str] = field(default_factory=list)  # label texts seen (for language detection)


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
    entries: list[Entry] = []
    errors: list[LoadError] = []
    where = [0]
    try:
        if isinstance(text, (bytes, bytearray)):
            text = _decode(bytes(text), path, errors)
            if text is None:
                return entries, errors
        if not isinstance(text, str):
            errors.append(LoadError(path, 0, f"not text ({type(text).__name__})"))
            return entries, errors
        _parse(text, path, kit, kit_name, language, url_base, entries, errors, where)
    except Exception as exc:  # noqa: BLE001 - the parser promises never to raise
        errors.append(LoadError(path, where[0], f"could not read the page here ({type(exc).__name__}: {exc})"))
    return entries, errors


def _parse(text, path, kit, kit_name, language, url_base, entries, errors, where) -> None:
    text = _normalize(text)
    lines = text.split("\n")
    md = _md()
    tokens = md.parse(text)
    heads = _code_headings(lines, tokens)
    top = _tree(tokens)

    # --- page facts: title, <!--Kit: ...-->, language, kit
    first_code_line = heads[0][0] if heads else len(lines)
    page_title = ""
    for n in top:
        if n.type == "heading" and n.tok.tag == "h1" and n.map and n.map[0] < first_code_line:
            page_title = _render_node(n, keep_lines=False)
            break
    kit_comment = None
    for line in lines[:first_code_line]:
        m = _KIT_COMMENT.search(line)
        if m and m.group(1):
            kit_comment = m.group(1)
            break
    if kit is None:
        kit = infer_kit(path, kit_comment)
    if kit_name is None:
        kit_name = _kit_name(kit, kit_comment, page_title)

    # --- Del state at every line (markers outside fences, in document order)
    fenced = _fence_lines(tokens)
    del_at: dict[int, bool] = {}
    state = False
    del_open_line = 0
    head_lines = {h[0] for h in heads}
    for i, line in enumerate(lines):
        if i in fenced:
            continue
        if i in head_lines:
            del_at[i] = state
        if "<!--" in line:
            for m in _DEL_MARK.finditer(line):
                opening = m.group(1).lower() == "del"
                if opening and not state:
                    del_open_line = i
                state = opening
    if state:
        errors.append(LoadError(path, del_open_line + 1, "<!--Del--> is never closed by <!--DelEnd-->"))

    # --- unclosed fence (a top-level fence that is not closed runs to the end of the page)
    for tok in tokens:
        if tok.type == "fence" and tok.map and tok.level == 0 and tok.markup:
            last = tok.map[1] - 1
            m = re.match(r"^ {0,3}(`{3,}|~{3,})\s*$", lines[last]) if last > tok.map[0] else None
            if not (m and m.group(1)[0] == tok.markup[0] and len(m.group(1)) >= len(tok.markup)):
                errors.append(LoadError(path, tok.map[0] + 1,
                                        f"code fence {tok.markup} is never closed; the rest of the page is read as code"))

    # --- units: one per entry heading, with their body blocks
    units: list[_Unit] = []
    heading_nodes = {n.map[0]: n for n in top if n.type == "heading" and n.map}
    clean = all(
        (n := heading_nodes.get(i)) is not None and n.tok.tag == f"h{level}" for i, level, _c, _t in heads
    )
    if clean:
        current: _Unit | None = None
        h_index = {h[0]: h for h in heads}
        for n in top:
            start = n.map[0] if n.map else -1
            if n.type == "heading" and start in h_index:
                i, level, code, raw = h_index[start]
                current = _Unit(i, level, code, raw, system_only=del_at.get(i, False))
                units.append(current)
            elif n.type == "heading" and current is not None:
                level = int(n.tok.tag[1:]) if n.tok.tag[1:].isdigit() else 1
                if level > current.level or _label_text(_render_node(n, keep_lines=False)) is not None:
                    current.nodes.append(n)
                else:
                    current = None
            elif current is not None:
                current.nodes.append(n)
    else:
        for k, (i, level, code, raw) in enumerate(heads):
            n = heading_nodes.get(i)
            if n is None or n.tok.tag != f"h{level}":
                errors.append(LoadError(path, i + 1, f"heading of {code} is not a Markdown heading here "
                                        "(no space after #, or inside an HTML block); read as an entry anyway"))
            end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
            body = "\n".join(lines[i + 1:end])
            unit = _Unit(i, level, code, raw, system_only=del_at.get(i, False))
            units.append(unit)
            for n in _tree(md.parse(body)):
                if n.type == "heading":
                    lv = int(n.tok.tag[1:]) if n.tok.tag[1:].isdigit() else 1
                    if lv <= level and _label_text(_render_node(n, keep_lines=False)) is None:
                        break
                unit.nodes.append(n)

    # --- slugs of every heading, in page order (GitHub numbers repeats: x, x-1, x-2)
    slug_src: dict[int, str] = {}
    for tok in tokens:
        if tok.type == "heading_open" and tok.map:
            slug_src[tok.map[0]] = ""
    inline_after = {}
    for a, b in zip(tokens, tokens[1:]):
        if a.type == "heading_open" and a.map and b.type == "inline":
            inline_after[a.map[0]] = b.children or []
    for line_no in slug_src:
        slug_src[line_no] = _inline_text(inline_after.get(line_no, ()), plain=True)
    for u in units:
        content = re.sub(r"^#{2,4}\s*", "", lines[u.line])
        content = re.sub(r"(?:^|\s+)#+\s*$", "", content)
        slug_src[u.line] = _inline_text(md.parseInline(content)[0].children or [], plain=True)
    seen: dict[str, int] = {}
    slugs: dict[int, str] = {}
    for line_no in sorted(slug_src):
        s = slugify(slug_src[line_no])
        n = seen.get(s, 0)
        slugs[line_no] = s if n == 0 else f"{s}-{n}"
        seen[s] = n + 1

    # --- sections of every unit
    parsed = []
    for u in units:
        where[0] = u.line + 1
        try:
            parsed.append((u, _sections(u.nodes)))
        except Exception as exc:  # noqa: BLE001
            errors.append(LoadError(path, u.line + 1, f"could not read entry {u.code} ({type(exc).__name__}: {exc})"))
            parsed.append((u, _Sections()))

    if language is None:
        language = _language(path, [s for _u, s in parsed], page_title)
    base = url_base if url_base is not None else _url_base(kit, language, path)
    page_name = PurePath(path.replace("\\", "/")).name if path and not path.startswith("<") else ""

    first_seen: dict[int, int] = {}
    for u, s in parsed:
        where[0] = u.line + 1
        try:
            entry = _entry(u, s, path=path, kit=kit, kit_name=kit_name, language=language,
                           url=f"{base.rstrip('/')}/{page_name}#{slugs.get(u.line, '')}" if base and page_name else "",
                           page_name=page_name or path)
        except Exception as exc:  # noqa: BLE001
            errors.append(LoadError(path, u.line + 1, f"could not read entry {u.code} ({type(exc).__name__}: {exc})"))
            entry = Entry(code=u.code, kit=kit, kit_name=kit_name, title="", language=language, source=path,
                          line=u.line + 1, origin="page", known_from=(f"page:{page_name or path}",))
        entries.append(entry)
        if u.code in first_seen:
            errors.append(LoadError(path, u.line + 1,
                                    f"code {u.code} appears twice on this page (first at line {first_seen[u.code]})"))
        else:
            first_seen[u.code] = u.line + 1
        if not s.labels:
            errors.append(LoadError(path, u.line + 1,
                                    f"entry {u.code} has no labelled section (**Error Message**, **Possible Causes**, "
                                    "**Solution**); its text was read as the description"))
        if abs(u.code) >= 2**31:
            errors.append(LoadError(path, u.line + 1, f"code {u.code} does not fit in 32 bits"))


def _sections(nodes: list[_Node]) -> _Sections:
    s = _Sections()
    current = "description"
    case: list[str] | None = None

    def target() -> list[_Block]:
        return getattr(s, current)

    for n in nodes:
        t = n.type
        if t == "heading":
            text = _render_node(n, keep_lines=False)
            label = _label_text(text)
            if label is not None:
                current, case = label, None
                s.labels.append(text.strip().lower())
            else:
                case = [text]
                s.cases.append(case)
            continue
        if case is not None:
            r = _render_case(n, s)
            if r:
                case.append(r)
            continue
        if t == "paragraph":
            inline = next((c for c in n.children if c.type == "inline"), None)
            segs = _segments(inline.tok.children if inline else ())
            run: list[_Seg] = []
            for seg in segs:
                lab = _label_of(seg)
                if lab is None:
                    run.append(seg)
                    continue
                if run:
                    target().append(_para_block(run))
                    run = []
                current = lab[0]
                s.labels.append(_inline_text(seg.toks, plain=True).strip().lower())
                if lab[1]:
                    run.append(_Seg(lab[1]))
            if run:
                target().append(_para_block(run))
        elif t in ("bullet_list", "ordered_list"):
            ordered = t == "ordered_list"
            try:
                start = int(n.tok.attrGet("start") or 1) if ordered else 1
            except (TypeError, ValueError):
                start = 1
            items = [_item_text(c) for c in n.children if c.type == "list_item"]
            target().append(_Block("list", items=items, ordered=ordered, start=start))
        elif t in ("fence", "code_block"):
            r = _render_node(n, keep_lines=True)
            if r:
                target().append(_Block("code", lines=[r]))
        elif t == "html_block":
            r = _html_text(n.tok.content)
            if r:
                target().append(_Block("para", lines=r.split("\n")))
        elif t == "blockquote":
            r = _render_node(n, keep_lines=False)
            if r:
                target().append(_Block("quote", lines=[r]))
        # hr and anything else carries no text
    return s


def _render_case(n: _Node, s: _Sections) -> str:
    """Text of a block under a case-study heading; labels stay as plain lines."""
    if n.type == "paragraph":
        inline = next((c for c in n.children if c.type == "inline"), None)
        segs = _segments(inline.tok.children if inline else ())
        out = []
        for seg in segs:
            lab = _label_of(seg)
            if lab is not None:
                strong = _inline_text(seg.toks, plain=True).strip()
                s.labels.append(strong.lower())
            out.append(_inline_text(seg.toks).strip())
        return _clean("\n".join(x for x in out if x))
    return _render_node(n, keep_lines=True)


def _para_block(segs: list[_Seg]) -> _Block:
    return _Block("para", lines=[_inline_text(x.toks) for x in segs], segs=segs)


def _block_text(b: _Block, *, keep_lines: bool) -> str:
    if b.kind == "para":
        segs = b.segs
        if segs:
            return _join_para(segs, keep_lines=keep_lines)
        return _clean(("\n" if keep_lines else " ").join(x.strip() for x in b.lines if x.strip()))
    return _clean(b.text())


def _strip_number(text: str) -> str:
    return _NUMBERED.sub("", text, count=1) if _NUMBERED.match(text) else text


def _items(blocks: list[_Block]) -> tuple[list[str], list[str]]:
    """(items, notes) of a causes/solutions section."""
    last_list = max((i for i, b in enumerate(blocks) if b.kind == "list"), default=-1)
    items: list[str] = []
    notes: list[str] = []
    for i, b in enumerate(blocks):
        if b.kind == "list":
            items.extend(_clean(x) for x in b.items if _clean(x))
        elif b.kind == "code" or b.kind == "quote":
            text = _block_text(b, keep_lines=True)
            if last_list >= 0 and i > last_list:
                notes.append(text)
            elif items:
                items[-1] = f"{items[-1]}\n{text}"
            else:
                items.append(text)
        else:
            if last_list >= 0 and i > last_list:
                notes.append(_block_text(b, keep_lines=False))
                continue
            if last_list > i and _GENERIC_LEAD_IN.match(_block_text(b, keep_lines=False)):
                continue  # "The possible causes are as follows:" before the list says nothing itself
            segs = b.segs or []
            numbered = [k for k, sg in enumerate(segs) if _NUMBERED.match(_inline_text(sg.toks))]
            if numbered and len(segs) > 1:
                # zh-cn "1.xxx" lines inside one paragraph: one item per numbered line
                groups = []
                if numbered[0] > 0:
                    groups.append(segs[: numbered[0]])
                bounds = numbered + [len(segs)]
                for a, z in zip(bounds, bounds[1:]):
                    groups.append(segs[a:z])
                for g in groups:
                    text = _strip_number(_join_para(g, keep_lines=False))
                    if text:
                        items.append(text)
            else:
                text = _strip_number(_block_text(b, keep_lines=False))
                if text:
                    items.append(text)
    # API-version remarks inside an item are notes
    out = []
    for item in items:
        m = _VERSION_NOTE.search(item)
        if m and m.start(1) > 0:
            head, tail = item[: m.start(1)].rstrip(), item[m.start(1):].strip()
            out.append(head)
            notes.append(tail)
        else:
            out.append(item)
    return [x for x in out if x], [x for x in notes if x]


def _entry(u: _Unit, s: _Sections, *, path, kit, kit_name, language, url, page_name) -> Entry:
    raw_title = re.sub(r"(?:^|\s+)#+\s*$", "", u.raw_title)  # an ATX closing sequence is not part of the title
    title = _clean(_inline_text(_md().parseInline(raw_title)[0].children or [], title=True)) if raw_title else ""
    title = " ".join(title.split("\n")).strip()
    deprecated = bool(_SUP_DEPRECATED.search(u.raw_title))
    message = _clean("\n".join(t for t in (_block_text(b, keep_lines=True) for b in s.message) if t))
    description = _clean("\n".join(t for t in (_block_text(b, keep_lines=False) for b in s.description) if t))
    causes, cause_notes = _items(s.causes)
    solutions, fix_notes = _items(s.solutions)
    if len(solutions) == 1 and solutions[0].strip().lower() in _NO_FIX:
        solutions = []
    if len(causes) == 1 and causes[0].strip().lower() in _NO_FIX:
        causes = []
    notes = cause_notes + fix_notes + [_clean("\n".join(c)) for c in s.cases]
    return Entry(
        code=u.code,
        kit=kit,
        kit_name=kit_name,
        title=title,
        message=message,
        description=description,
        causes=tuple(causes),
        solutions=tuple(solutions),
        notes=tuple(n for n in notes if n),
        language=language,
        source=path,
        line=u.line + 1,
        url=url,
        system_only=u.system_only,
        deprecated=deprecated,
        origin="page",
        known_from=(f"page:{page_name}",),
    )


# ------------------------------------------------------------------------- page-level inference
def _language(path: str, sections: list[_Sections], page_title: str) -> str:
    parts = [p.lower() for p in PurePath(path.replace("\\", "/")).parts]
    if "zh-cn" in parts:
        return "zh-cn"
    zh = en = 0
    for s in sections:
        for label in s.labels:
            key = label.rstrip(":：").strip()
            if key in _CJK_LABELS:
                zh += 1
            elif key in LABELS:
                en += 1
    if zh or en:
        return "zh-cn" if zh > en else "en"
    if any("\u4e00" <= ch <= "\u9fff" for ch in page_title):
        return "zh-cn"
    return "en"


@lru_cache(maxsize=1)
def page_kits() -> dict[str, str]:
    """File name -> kit folder for the known OpenHarmony error-code pages (catalog/data/page-kits.tsv)."""
    table: dict[str, str] = {}
    try:
        for line in (DATA_DIR / "page-kits.tsv").read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                name, _, kit = line.partition("\t")
                if kit:
                    table[name.strip()] = kit.strip()
    except OSError:
        pass
    return table


def _squash(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


def _kit_from_comment(comment: str) -> str:
    """`<!--Kit: Distributed Service Kit-->` -> the kit folder ("apis-distributedservice-kit")."""
    known = {_squash(k): k for k in set(page_kits().values())}
    key = _squash(comment)
    for cand in (key, "apis" + key, "apis" + key + "kit"):
        if cand in known:
            return known[cand]
    slug = re.sub(r"[^0-9a-z]+", "-", comment.lower()).strip("-")
    return slug if slug.startswith("apis-") else f"apis-{slug}"


def infer_kit(path: str | PathLike[str], kit_comment: str | None = None) -> str:
    """Kit folder of a page: an `apis-*` folder in its path, `reference/errorcode-universal.md`,
    the page's `<!--Kit: X-->` comment, the built-in page table, else the page's stem."""
    p = PurePath(str(path).replace("\\", "/"))
    for part in reversed(p.parts[:-1]):
        if part.startswith("apis-"):
            return part
    if p.name == "errorcode-universal.md" and p.parent.name == "reference":
        return UNIVERSAL_KIT
    if kit_comment:
        return _kit_from_comment(kit_comment)
    table = page_kits()
    if p.name in table:
        return table[p.name]
    return p.stem if str(path) and not str(path).startswith("<") else ""


# Kit folders whose name does not title-case into the kit's own spelling.
_KIT_FOLDER_NAMES = {
    "apis-arkdata": "ArkData",
    "apis-arkgraphics2d": "ArkGraphics 2D",
    "apis-arkts": "ArkTS",
    "apis-arkui": "ArkUI",
    "apis-arkweb": "ArkWeb",
    "apis-avsession-kit": "AVSession Kit",
    "apis-distributedservice-kit": "Distributed Service Kit",
    "apis-driverdevelopment-kit": "Driver Development Kit",
    "apis-drm-kit": "DRM Kit",
    "apis-ime-kit": "IME Kit",
    "apis-ipc-kit": "IPC Kit",
    "apis-mdm-kit": "MDM Kit",
    "apis-multimodalawareness-kit": "Multimodal Awareness Kit",
}


def _kit_name(kit: str, kit_comment: str | None, page_title: str) -> str:
    """The kit's name as users know it: the page's `<!--Kit: …-->` comment, else the name of its
    kit folder (`apis-ads-kit` -> "Ads Kit"), so English and Chinese copies of a page and
    several pages of one kit share one label; else the page title."""
    if kit_comment:
        name = kit_comment.strip()
        if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", name):  # "contacts-kit" -> "Contacts Kit"
            name = " ".join(w.capitalize() for w in name.split("-"))
        return name
    if kit == UNIVERSAL_KIT:
        return UNIVERSAL_KIT_NAME
    if kit in _KIT_FOLDER_NAMES:
        return _KIT_FOLDER_NAMES[kit]
    if re.fullmatch(r"apis-[a-z0-9]+(?:-[a-z0-9]+)*", kit):
        return " ".join(w.capitalize() for w in kit[len("apis-"):].split("-"))
    t = re.sub(r"\((?:to be deprecated|deprecated)\)", "", page_title, flags=re.IGNORECASE)
    t = re.sub(r"\s*(?:error\s+codes?|错误码)\s*$", "", t.strip(), flags=re.IGNORECASE).strip()
    return t or kit


def _url_base(kit: str, language: str, path: str) -> str:
    lang = "zh-cn" if language == "zh-cn" else "en"
    if kit == UNIVERSAL_KIT:
        return f"{DOCS_BASE}/{lang}/application-dev/reference"
    if kit.startswith("apis-"):
        return f"{DOCS_BASE}/{lang}/application-dev/reference/{kit}"
    if path and not path.startswith("<"):
        try:
            return Path(path).resolve().parent.as_uri()
        except (OSError, ValueError):
            return ""
    return ""


# ------------------------------------------------------------------------------------ file level
def _decode(raw: bytes, path: str, errors: list[LoadError]) -> str | None:
    if b"\0" in raw[:8192]:
        errors.append(LoadError(path, 0, "binary file, not a Markdown page"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.append(LoadError(path, line, f"not valid UTF-8 (byte {exc.start}: {exc.reason})"))
        return None


def read_page(path: str | PathLike[str]) -> tuple[list[Entry], list[LoadError]]:
    """Read one page from disk: its entries and the problems met.  Never raises."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except (OSError, ValueError) as exc:
        return [], [LoadError(name, 0, f"cannot read file: {getattr(exc, 'strerror', None) or exc}")]
    errors: list[LoadError] = []
    text = _decode(raw, name, errors)
    if text is None:
        return [], errors
    entries, errs = parse_page(text, name)
    return entries, errors + errs


def find_pages(path: str | PathLike[str]) -> list[Path]:
    """The page itself, or every `err*code*-*.md` below a folder (sorted by path)."""
    p = Path(path)
    try:
        if p.is_dir():
            return sorted((f for f in p.rglob(PAGE_GLOB) if f.is_file()), key=lambda f: f.as_posix())
        if p.is_file():
            return [p]
    except OSError:
        pass
    return []

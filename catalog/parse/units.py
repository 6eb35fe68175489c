"""From the token tree to units: the page's title and `<!--Kit:-->` comment, the `<!--Del-->` state of
every heading, unclosed fences, one `Unit` per entry heading with the nodes under it, and anchors."""

from __future__ import annotations

import re
import unicodedata

from .labels import label_text
from .state import Page, Unit
from .text import inline_text, render_node
from .tokens import HEADING_RE, heading_level, markdown, parse_inline, tree

_DEL_MARK = re.compile(r"<!--\s*(Del|DelEnd)\s*-->", re.IGNORECASE)
_KIT_COMMENT = re.compile(r"<!--\s*Kit\s*:\s*(.*?)\s*-->", re.IGNORECASE)
_CLOSING_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*$")
_ENTRY_HASHES = re.compile(r"^#{2,4}\s*")
_CLOSING_HASHES = re.compile(r"(?:^|\s+)#+\s*$")  # an ATX closing sequence is not part of the title


def read_header(page: Page) -> None:
    """The page's `# Title` and `<!--Kit: …-->` comment, from before its first entry."""
    first_code_line = page.heads[0][0] if page.heads else len(page.lines)
    for n in page.top:
        if n.type == "heading" and n.tok.tag == "h1" and n.map and n.map[0] < first_code_line:
            page.title = render_node(n, keep_lines=False)
            break
    for line in page.lines[:first_code_line]:
        m = _KIT_COMMENT.search(line)
        if m and m.group(1):
            page.kit_comment = m.group(1)
            break


def del_states(page: Page) -> dict[int, bool]:
    """Whether each entry heading lies between `<!--Del-->` and `<!--DelEnd-->` (markers outside fences)."""
    at: dict[int, bool] = {}
    state = False
    open_line = 0
    head_lines = {h[0] for h in page.heads}
    for i, line in enumerate(page.lines):
        if i in page.fenced:
            continue
        if i in head_lines:
            at[i] = state
        if "<!--" in line:
            for m in _DEL_MARK.finditer(line):
                opening = m.group(1).lower() == "del"
                if opening and not state:
                    open_line = i
                state = opening
    if state:
        page.problem(open_line + 1, "<!--Del--> is never closed by <!--DelEnd-->")
    return at


def check_fences(page: Page) -> None:
    """A top-level fence that is not closed runs to the end of the page: say so."""
    for tok in page.tokens:
        if tok.type == "fence" and tok.map and tok.level == 0 and tok.markup:
            last = tok.map[1] - 1
            m = _CLOSING_FENCE.match(page.lines[last]) if last > tok.map[0] else None
            if not (m and m.group(1)[0] == tok.markup[0] and len(m.group(1)) >= len(tok.markup)):
                page.problem(tok.map[0] + 1,
                             f"code fence {tok.markup} is never closed; the rest of the page is read as code")


def _ends_entry(n, level: int) -> bool:
    """A non-label heading at the entry's level or shallower ends it."""
    return heading_level(n) <= level and label_text(render_node(n, keep_lines=False)) is None


def split_units(page: Page, system_only: dict[int, bool]) -> list[Unit]:
    """One unit per entry heading, holding the nodes under it."""
    heading_nodes = {n.map[0]: n for n in page.top if n.type == "heading" and n.map}
    if all((n := heading_nodes.get(i)) is not None and n.tok.tag == f"h{level}" for i, level, _c, _t in page.heads):
        return _units_from_tree(page, system_only)
    return _units_from_lines(page, system_only, heading_nodes)


def _units_from_tree(page: Page, system_only: dict[int, bool]) -> list[Unit]:
    """Every entry heading is a Markdown heading at the top level: cut the page's node list at them."""
    units: list[Unit] = []
    current: Unit | None = None
    h_index = {h[0]: h for h in page.heads}
    for n in page.top:
        start = n.map[0] if n.map else -1
        if n.type == "heading" and start in h_index:
            i, level, code, raw = h_index[start]
            current = Unit(i, level, code, raw, system_only=system_only.get(i, False))
            units.append(current)
        elif n.type == "heading" and current is not None:
            if _ends_entry(n, current.level):
                current = None
            else:
                current.nodes.append(n)
        elif current is not None:
            current.nodes.append(n)
    return units


def _units_from_lines(page: Page, system_only: dict[int, bool], heading_nodes: dict) -> list[Unit]:
    """Some entry heading is not a Markdown heading (no space after `#`, inside an HTML block):
    cut the page's lines at every entry heading and read each piece on its own."""
    units: list[Unit] = []
    heads = page.heads
    for k, (i, level, code, raw) in enumerate(heads):
        n = heading_nodes.get(i)
        if n is None or n.tok.tag != f"h{level}":
            page.problem(i + 1, f"heading of {code} is not a Markdown heading here "
                         "(no space after #, or inside an HTML block); read as an entry anyway")
        end = heads[k + 1][0] if k + 1 < len(heads) else len(page.lines)
        unit = Unit(i, level, code, raw, system_only=system_only.get(i, False))
        units.append(unit)
        for n in tree(markdown().parse("\n".join(page.lines[i + 1:end]))):
            if n.type == "heading" and _ends_entry(n, level):
                break
            unit.nodes.append(n)
    return units


def _read_title(line: str, u: Unit) -> str:
    """Read the title of an entry heading into `u.title_tokens`; the heading's text for its anchor.

    The anchor's text is that of the whole heading (code and title) read as one line of Markdown.
    When only spaces and tabs surround the title, that is the code, the spaces and the title's own
    text (markdown-it sees a space before and after the title either way), so the title is read once.
    """
    m = HEADING_RE.match(line)
    title = _CLOSING_HASHES.sub("", m.group(3) or "")
    u.title_tokens = parse_inline(title) if title else []
    if m.group(3) is None:
        return m.group(2)
    if line[m.end(2):m.start(3)].strip(" \t") or line[m.end(3):].strip(" \t"):
        content = _CLOSING_HASHES.sub("", _ENTRY_HASHES.sub("", line, count=1))
        return inline_text(parse_inline(content), plain=True)
    return line[m.start(2):m.start(3)] + inline_text(u.title_tokens, plain=True)


def heading_slugs(page: Page, units: list[Unit]) -> dict[int, str]:
    """The anchor of every heading, in page order (GitHub numbers repeats: x, x-1, x-2); reads the
    entry headings' titles on the way."""
    source: dict[int, str] = {}
    tokens = page.tokens
    entry_lines = {u.line for u in units}  # their text is read below
    for k, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.map and tok.map[0] not in entry_lines:
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and nxt.type == "inline":
                source[tok.map[0]] = inline_text(nxt.children or [], plain=True)
            else:
                source.setdefault(tok.map[0], "")
    for u in units:
        source[u.line] = _read_title(page.lines[u.line], u)
    seen: dict[str, int] = {}
    slugs: dict[int, str] = {}
    for line_no in sorted(source):
        s = slugify(source[line_no])
        n = seen.get(s, 0)
        slugs[line_no] = s if n == 0 else f"{s}-{n}"
        seen[s] = n + 1
    return slugs


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

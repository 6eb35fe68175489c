"""Names and expressions: definitions a file makes (`#define ERR_X 401`, `const A = BASE + 5`),
their values, the trie regex that finds code names in a line, and the file-wide facts (error-code
variables, kit hint) gathered per line (`line_facts`) or from the whole text (`file_facts`).
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator
from weakref import WeakKeyDictionary

_A = re.ASCII

# --------------------------------------------------------------------------- names
_DEF_LINE = re.compile(
    r"^\s*(?:#\s*define\s+(?P<macro>[A-Za-z_]\w*)\s+\(?\s*(?P<mexpr>[^/\n]*?)\s*\)?\s*(?://.*|/\*.*)?$"
    r"|(?:(?:export|static|const|constexpr|let|var|inline|public|private|readonly|unsigned|signed|"
    r"int|long|short|int32_t|uint32_t|int64_t|uint64_t|auto|number|enum|class)\s+)*"
    r"(?P<name>[A-Za-z_$][\w$]*)\s*(?::\s*[\w.]+\s*)?=\s*(?P<expr>\(?\s*(?:-?(?:0[xX][0-9A-Fa-f]+|\d+)[uUlL]*"
    r"|[A-Za-z_$][\w$]*(?:\s*[+-]\s*(?:\d+[uUlL]*|[A-Za-z_$][\w$]*))?)\s*\)?)\s*[;,]?\s*(?://.*|/\*.*)?$)",
    _A,
)
_EXPR = re.compile(
    r"^\(?\s*(?:(?P<num>-?(?:0[xX][0-9A-Fa-f]+|\d+)[uUlL]*)|(?P<a>[A-Za-z_$][\w$]*)(?:\s*(?P<op>[+-])\s*(?:(?P<n>\d+)[uUlL]*|(?P<b>[A-Za-z_$][\w$]*)))?)\s*\)?$",
    _A,
)



def eval_expr(expr: str, lookup) -> tuple[int, bool] | None:
    """Value of `401`, `NAME`, `NAME + 5`, `NAME + OTHER`; and whether a name took part."""
    m = _EXPR.match(expr.strip())
    if not m:
        return None
    if m.group("num"):
        t = m.group("num").rstrip("uUlL")
        neg = t.startswith("-")
        t = t.lstrip("-")
        try:
            v = int(t, 16) if t[:2].lower() == "0x" else int(t, 10)
        except ValueError:
            return None
        return (-v if neg else v), False
    a = lookup(m.group("a"))
    if a is None:
        return None
    if not m.group("op"):
        return a, True
    if m.group("n"):
        b = int(m.group("n"))
    else:
        b = lookup(m.group("b"))
        if b is None:
            return None
    return (a + b if m.group("op") == "+" else a - b), True


def build_trie(words: Iterable[str]) -> dict:
    """The words as a trie: {char: subtrie}, "" marking a word's end."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def trie_source(node: dict, atom: Callable[[str], str] = re.escape) -> str:
    """A regex matching exactly the words of trie `node`, one alternative per branch (so that
    matching stays fast); `atom(char)` is the regex for one character."""
    alts = [atom(ch) + trie_source(sub, atom) for ch, sub in sorted(node.items()) if ch != ""]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def names_regex(words: Iterable[str]) -> re.Pattern | None:
    """One regex matching any of `words` as a whole identifier (a trie, so matching stays fast)."""
    trie = build_trie(words)
    if not trie:
        return None
    pattern = r"(?<![\w$])(?P<name>" + trie_source(trie) + r")(?![\w$])(?:\s*(?P<op>[+-])\s*(?:(?P<n>\d+)(?![\w.])|(?P<b>[A-Za-z_$][\w$]*)))?"
    return re.compile(pattern, _A)


# --------------------------------------------------------------------------- kit hint
# A file's kit hint is what it imports: an `@ohos.*` / `@kit.*` module, or an SDK header it includes
# (`network/netstack/net_http/net_http_type.h`); `resolve_kit_hint` turns that into a kit folder
# through the catalog's `module_kits()` (the snapshot's SDK declarations).  Image Kit is known
# without a snapshot.
_IMPORT = re.compile(r"""(?:\bfrom|\bimport|\brequire\s*\()\s*['"](?P<mod>@(?:ohos|kit)\.[\w.]+)['"]""", _A)
_INCLUDE = re.compile(r"""^\s*#\s*include\s*[<"](?P<path>[\w./-]+\.h)[>"]""", _A)
_GENERAL = frozenset({"@ohos.base", "@kit.BasicServicesKit", "@kit.ArkTS", "@kit.ArkUI", "@kit.AbilityKit",
                      "@kit.PerformanceAnalysisKit", "@kit.TestKit", "@ohos.hilog", "@ohos.util"})
_IMAGE = re.compile(r"@ohos\.multimedia\.image\b|@kit\.ImageKit\b|(?:^|/)image_\w+\.h$|multimedia/image_framework/", _A)
# every line `line_kit_hint` reads holds one of these (each a regex with a plain first character:
# the engine's search for it is several times faster than str.find's in a text with CJK or emoji)
_HINT_WORDS = (re.compile(r"@(?:ohos|kit)\."), re.compile("include"))
IMAGE_KIT = "apis-image-kit"


def line_kit_hint(line: str) -> str | None:
    """What this line imports that can tell the file's kit: `@ohos.net.http`, `@kit.NetworkKit`, or
    an included header's path (`network/netstack/net_http/net_http_type.h`); general modules
    (`@ohos.base`, `@kit.ArkUI` …) tell nothing."""
    if "@" in line:
        m = _IMPORT.search(line)
        if m and m.group("mod") not in _GENERAL:
            return m.group("mod")
    elif "include" in line:
        m = _INCLUDE.match(line)
        if m and ("/" in m.group("path") or _IMAGE.search(m.group("path"))):
            return m.group("path")
    return None


def kit_hint(text: str) -> str | None:
    """The file's kit hint key (see `line_kit_hint`): the first in sort order of what it imports."""
    if not isinstance(text, str):
        return None
    return file_facts(text)[1]


_KIT_OF: WeakKeyDictionary = WeakKeyDictionary()  # catalog -> (modules, {kit name: kit}, {key: kit})


def resolve_kit_hint(key: str | None, catalog) -> str | None:
    """A `line_kit_hint` key -> the kit folder it names (`apis-network-kit`), or None: modules through
    `catalog.module_kits()`, `@kit.NetworkKit` and header paths by the kit's name; Image Kit's
    modules and headers always."""
    if key is None:
        return None
    if key.startswith("apis-"):
        return key  # a kit already
    if _IMAGE.search(key):
        return IMAGE_KIT
    try:
        memo = _KIT_OF.get(catalog)
    except TypeError:
        return None
    if memo is None:
        modules = catalog.module_kits() if hasattr(catalog, "module_kits") else {}
        words: dict[str, str] = {}
        for kit in sorted(set(modules.values())):
            core = kit[5:] if kit.startswith("apis-") else kit
            core = core[:-4] if core.endswith("-kit") else core
            words.setdefault(core.replace("-", ""), kit)
        done: dict[str, str | None] = {}
        memo = _KIT_OF[catalog] = (modules, words, done)
    modules, words, done = memo
    if key in done:
        return done[key]
    if key.startswith("@ohos."):
        kit = modules.get(key)
    elif key.startswith("@kit."):
        name = key[5:].lower()
        kit = words.get(name[:-3] if name.endswith("kit") else name)
    else:
        kit = next((words[w] for w in re.split(r"[/_.-]", key.lower()) if w in words), None)
    done[key] = kit
    return kit


# Within a line (`_S`: a blank but a line break, so that the lines holding them can be read joined)
_S = r"[^\S\n]"
_ERR_TYPE_VAR = re.compile(rf"\b(?:Image_ErrorCode|IRNdkErrCode|ImageErrorCode){_S}*[*&]?{_S}+[*&]?{_S}*(?P<var>[A-Za-z_]\w*)")
_ERR_TYPE_VAR_TS = re.compile(
    rf"\b(?:let|var|const){_S}+(?P<var>[A-Za-z_$][\w$]*){_S}*:{_S}*(?:image\.)?(?:Image_ErrorCode|ErrorCode|BusinessError)\b")
def _err_type_line(line: str) -> bool:
    return "Image_ErrorCode" in line or "IRNdkErrCode" in line or "ImageErrorCode" in line or ("ErrorCode" in line and ":" in line)


def line_err_vars(line: str) -> tuple:
    """Variables this line declares with an error-code type (`Image_ErrorCode ret`, `let e: ErrorCode`)."""
    return _err_vars_in(line) if _err_type_line(line) else ()


def _err_vars_in(lines: str) -> tuple:
    """The variables declared with an error-code type in one line, or in lines joined by "\n"."""
    return (*(m.group("var") for m in _ERR_TYPE_VAR.finditer(lines)),
            *(m.group("var") for m in _ERR_TYPE_VAR_TS.finditer(lines)))


def line_facts(line: str, segs, lang: str) -> tuple:
    err_vars = line_err_vars(line)
    defs: tuple = ()
    if "=" in line or "define" in line:
        dm = _DEF_LINE.match(line)
        if dm:
            if dm.group("macro"):
                defs = ((dm.group("macro"), dm.group("mexpr")),)
            elif dm.group("name") and dm.group("name") not in ("if", "while", "return"):
                defs = ((dm.group("name"), dm.group("expr")),)
    # enum members on one line: `{ A = 1, B = BASE + 2 }`
    if "=" in line and "," in line and "enum" in line:
        more = tuple((m.group(1), m.group(2)) for m in re.finditer(r"([A-Za-z_]\w*)\s*=\s*([^,}]+)", line))
        defs = tuple(dict.fromkeys(defs + more))
    if defs:
        defs = tuple(d for d in defs if _EXPR.match(d[1].strip()))
    return err_vars, defs, line_kit_hint(line)


_ERR_TYPE_WORDS = (re.compile("ErrorCode"), re.compile("IRNdkErrCode"))  # every line `line_err_vars` reads has one
def _line_span(text: str, p: int, lo: int = 0) -> tuple[int, int]:
    """(start, end) of the line (terminator excluded) holding offset `p`; `lo`: a line start <= p."""
    a = max(text.rfind("\n", lo, p), lo - 1)
    start = max(text.rfind("\r", a + 1, p), a) + 1  # each search stays within the line
    end = text.find("\n", p)
    if end < 0:
        end = len(text)
    e2 = text.find("\r", p, end)
    return start, (end if e2 < 0 else e2)


def file_facts(text: str) -> tuple[frozenset[str], str | None]:
    """The file-wide facts `IncrementalScanner` gathers line by line: (error-code variables, kit hint).
    Only lines holding one of a few words can add to them (`_lines_with`: one search each)."""
    read = {line for line in _lines_with(text, _ERR_TYPE_WORDS) if _err_type_line(line)}
    err_vars = set(_err_vars_in("\n".join(read))) if read else set()
    hints: set[str] = set()
    for line in _lines_with(text, _HINT_WORDS):
        h = line_kit_hint(line)
        if h is not None:
            hints.add(h)
    return frozenset(err_vars), (min(hints) if hints else None)


def _lines_with(text: str, words: tuple[re.Pattern, ...]) -> Iterator[str]:
    """The lines of `text` holding a match of one of `words` (a line once per word it holds)."""
    for word in words:
        search = word.search
        pos = 0
        while True:
            m = search(text, pos)
            if m is None:
                break
            p = m.start()
            s, e = _line_span(text, p, pos)
            yield text[s:e]
            pos = max(e, p + 1)

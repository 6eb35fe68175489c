"""What a source file calls, and where it catches: the API calls of ArkTS/TS (and `OH_*` calls of
C/C++) resolved against the API facts, and the regions whose errors a `catch` handles.

`FileApis(lines, segments, language, index)` works on the code only: strings and comments are
blanked with the scanner's segments (`scan.lex_line`), a string that is a whole number stays.
Offsets are in the joined text (lines joined by "\\n"); `position(offset)` gives (line, column).

The declared types of variables are read here (`let src: image.ImageSource`, or the return
type of a factory: `const src = image.createImageSource(fd)`); what one call resolves to is
catalog/api/calls.py; the handler regions are catalog/api/handlers.py (ArkTS/TS) and
catalog/api/c_returns.py (C/C++: the returned code compared after an `OH_*` call).
"""

from __future__ import annotations

import bisect
import re

from .c_returns import c_region_in, find_c_constructs, var_compared_before
from .calls import C_CALL, CALL, Resolver
from .chunks import IMPORT, Chunk, Offsets, layout, regions_kept
from .code import masked_lines
from .handlers import Call, Region, find_constructs, innermost, region_in, shift_region
from .index import ApiIndex


_MEMBER_AFTER = re.compile(r"\s*([A-Za-z_$][\w$]*)(\s*\()?")
_TYPED_BEFORE = re.compile(r"([A-Za-z_$][\w$]*)\s*\??\s*:\s*$")
_FACTORY_BEFORE = re.compile(r"([A-Za-z_$][\w$]*)\s*(?::\s*[\w$.<> |]+)?=\s*(?:await\s+)?$")

_C_NAME = re.compile(r"\w*")
WINDOW_BACK = 12  # lines a promise chain or a callback's call may start before its handler
C_BACK = 3  # lines a C call's assignment or comparison may start before its name
WINDOW_FWD = 40  # lines read after a construct (a longer region is read to the end of the file, not kept)


class FileApis:
    """The calls and handler regions of one file.

    Work per text is kept small for the language server: the file is read in chunks of lines
    (catalog/api/chunks.py: its import statements, declared types and handler regions), and made
    from the analysis of the document's previous text (`previous`) and what the edits since changed
    (`changed`: (lo, hi, delta), see `IncrementalScanner.changed_since`), a chunk keeps what was
    read from lines none of which changed: an edit reads again one chunk or two, not the file.  A
    line's code-only form is kept by its lexer segments (`mask_cache`), a handler's result by its
    code (`region_cache`)."""

    def __init__(self, lines: list[str], segments, language: str, index: ApiIndex,
                 previous: "FileApis | None" = None, changed: tuple[int, int, int] | None = None,
                 resolve=None) -> None:
        self.index = index
        self.resolve = resolve  # a C name -> its value (the catalog's), for the codes a C check compares
        self.language = language
        self.lines = lines
        self.segments = segments
        cache = previous.mask_cache if previous is not None else None
        # a line's code-only form by its segments, shared with the document's previous analysis
        self.mask_cache: dict = cache if cache is not None and len(cache) < 3 * len(lines) + 1000 else {}
        self._old_regions = previous.region_cache if previous is not None else {}
        self.region_cache: dict = {}
        self._previous = previous if changed is not None else None  # what did not change is kept
        self._changed = changed
        self._bkey: tuple = ()  # the file's imports, then (`_key`) with its declared types: what regions depend on
        self._key: tuple = ()
        self._type_seq: list = []  # each chunk's declarations (`_types`)
        self._raw: str | None = None
        self.bindings: dict[str, str] = {}
        self.types: dict = {}
        self.chunk_regions: list[tuple[int, list[Region]]] = []
        self._calls: list[Call] | None = None
        self._code: str | None = None  # the whole file code-only, once windows asked for add up to it
        # a text analysed once (no previous analysis to reuse): its code-only form is made whole at once
        self._once = previous is None
        self._asked = len(lines) if self._once else 0
        self.resolver = Resolver(index, language, self.bindings, self.types)
        prev = self._previous
        self.chunks: list[Chunk] = layout(lines, prev.chunks if prev is not None else None, changed)
        self.offsets = Offsets(self.chunks)
        if language == "c":
            self._kept_regions(prev)
            self.chunk_regions = self._regions()
            return
        for ch in self.chunks:
            for groups in ch.imports:
                self._bind(*groups)
        self._bkey = tuple(sorted(self.bindings.items()))
        if not self.bindings:
            return
        if prev is None or prev._bkey != self._bkey:
            for ch in self.chunks:
                ch.types = None  # read with other imports
        self.types = self.resolver.types = self._types()
        self._key = (self._bkey, tuple(sorted(self.types.items(), key=repr)))
        self._kept_regions(prev)
        self.chunk_regions = self._regions()

    def _kept_regions(self, prev: "FileApis | None") -> None:
        if prev is None or prev._key != self._key:
            for ch in self.chunks:
                ch.regions = None  # found with other imports or types
        else:
            regions_kept(self.chunks, len(self.lines), self._changed, WINDOW_BACK, WINDOW_FWD)

    def _bind(self, default, named, star, source) -> None:
        index = self.index
        for local in (default, star):
            if local:
                mod = index.module_for(source, local) if source.startswith("@kit.") else index.module_for(source)
                if mod:
                    self.bindings[local] = mod
        for part in (named or "").split(","):
            name, _, alias = part.strip().partition(" as ")
            name, alias = name.strip(), alias.strip() or name.strip()
            mod = index.module_for(source, name) if name else None
            if mod:
                self.bindings[alias] = mod

    # ------------------------------------------------------------ positions and code-only text
    @property
    def raw(self) -> str:
        """The file's lines joined by "\\n" (made when first asked: an edit does not need it)."""
        if self._raw is None:
            self._raw = "\n".join(self.lines)
        return self._raw

    def text_of(self, start: int, end: int) -> str:
        """The text between two offsets on one line."""
        line, col = self.position(start)
        return self.lines[line][col:col + end - start] if 0 <= line < len(self.lines) else ""

    def position(self, offset: int) -> tuple[int, int]:
        return self.offsets.position(offset)

    def offset(self, line: int, column: int) -> int:
        return self.offsets.line_start(line) + column

    def line_start(self, line: int) -> int:
        return self.offsets.line_start(line)

    def masked(self, i: int) -> str:
        """Line i with only its code kept (see `masked_lines`)."""
        segs = self.segments(i)
        key = id(segs)
        got = self.mask_cache.get(key)
        if got is not None and got[0] is segs and got[1] is self.lines[i]:
            self.mask_cache[key] = got
            return got[2]
        m = masked_lines([self.lines[i]], lambda _: segs)[0]
        self.mask_cache[key] = (segs, self.lines[i], m)
        return m

    def code_text(self, first: int, last: int) -> str:
        """Lines first..last (inclusive) code-only, joined by "\n" (offsets as in the file from
        `self.line_start(first)`).  Once windows asked for add up to the file, the whole file's code is
        made once and sliced (a code-only line is as long as the line)."""
        first, last = max(0, first), min(last, len(self.lines) - 1)
        if self._code is None:
            self._asked += last - first + 1
            if self._asked <= len(self.lines):
                return "\n".join(self.masked(i) for i in range(first, last + 1))
            if self._once:  # no line's code-only form to reuse or keep: all lines in one pass
                self._code = "\n".join(masked_lines(self.lines, self.segments))
            else:
                self._code = "\n".join(self.masked(i) for i in range(len(self.lines)))
        return self._code[self.line_start(first):self.line_start(last) + len(self.lines[last])] if last >= first else ""

    def is_code(self, offset: int) -> bool:
        return self.is_code_at(*self.position(offset))

    def is_code_at(self, line: int, col: int) -> bool:
        m = self.masked(line)
        return col < len(m) and m[col] != " "

    @property
    def calls(self) -> list[Call]:
        """Every call of the file (made on first use: the handlers need only their own)."""
        if self._calls is None:
            if self.language == "c":
                text = self.code_text(0, len(self.lines) - 1) if any("OH_" in line for line in self.lines) else ""
                self._calls = self.calls_of(text, 0)
            elif not self.bindings:
                self._calls = []
            else:
                self._calls = self.calls_of(self.code_text(0, len(self.lines) - 1), 0)
        return self._calls

    def calls_of(self, text: str, base: int, lo: int = 0, hi: int | None = None) -> list[Call]:
        """The calls named in text[lo:hi] (catalog/api/calls.py)."""
        return self.resolver.calls_of(text, base, lo, hi)

    def call_at(self, offset: int) -> Call | None:
        """The call whose name holds `offset` (the line is read on demand); only that call is resolved."""
        line, col = self.position(offset)
        masked = self.masked(line)
        word = col  # the start of the identifier at (or just before) the cursor: a call's name
        while word > 0 and (masked[word - 1].isalnum() or masked[word - 1] in "_$"):
            word -= 1
        if word >= len(masked) or not (masked[word].isalpha() or masked[word] in "_$"):
            return None  # a number, an operator, a string or a comment: no call's name
        base = self.line_start(line)
        if self.language == "c":
            for m in C_CALL.finditer(masked):
                if base + m.start(1) <= offset <= base + m.end(1):
                    return self.resolver.c_call(m, base)
            return None
        if not self.bindings:
            return None
        first = max(0, line - WINDOW_BACK)
        text = self.code_text(first, line)
        start = self.line_start(first)
        for m in CALL.finditer(text, base - start):
            if start + m.start(2) > offset:
                break
            if offset <= start + m.end(2):
                return self.resolver.call(m, text, start)
        return None

    # ------------------------------------------------------------ types and calls
    def _types(self) -> dict[str, tuple[str, str] | None]:
        """Variable -> (module, container) where the file declares it: `x: image.ImageSource`, or
        `x = image.createImageSource(...)` with the factory's declared return type."""
        types: dict[str, tuple[str, str] | None] = {}

        def bind(var: str, got: tuple[str, str] | None) -> None:
            if var in types and types[var] != got:
                types[var] = None  # two types for one name in this file: not known
            else:
                types[var] = got

        facts = []
        for ch in self.chunks:
            if ch.types is None:
                ch.types = self._type_facts(ch)
            if ch.types:
                facts.append(ch.types)
        self._type_seq = facts
        prev = self._previous
        if prev is not None and prev._bkey == self._bkey and prev._type_seq == facts:
            return prev.types  # the same declarations (kept ones are the same lists: cheap to compare)
        factories = []
        for got in facts:
            for kind, var, mod, name, cont in got:
                if kind == "typed":
                    if cont:
                        bind(var, (mod, cont))
                else:
                    factories.append((var, mod, name))
        for var, mod, member in factories:
            if var not in types:
                api = self.index.member(mod, self.index.root_of.get(mod, ""), member)
                cont = self.index.container_of_type(mod, api.returns) if api and api.returns else None
                if cont:
                    bind(var, (mod, cont))
        return {k: v for k, v in types.items() if v is not None}

    def _type_facts(self, ch: Chunk) -> list[tuple]:
        """The declarations of the chunk's lines that name a module's type or factory."""
        out = []
        text = "\n".join(self.lines[ch.first:ch.end])
        for b, mod in self.bindings.items():
            needle = b + "."
            at = text.find(needle)
            while at >= 0:
                if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_$."):
                    j = bisect.bisect_right(ch.starts, at) - 1
                    got = self._type_at(ch.first + j, at - ch.starts[j], len(needle))
                    if got[0]:
                        cont = self.index.container_of_type(mod, got[2]) if got[0] == "typed" else None
                        out.append((got[0], got[1], mod, got[2], cont))
                at = text.find(needle, at + 1)
        out.sort(key=lambda t: t[0] != "typed")
        return out

    def _type_at(self, line: int, col: int, width: int) -> tuple:
        """What `mod.` at (line, col) declares: ("typed", var, Type), ("factory", var, function) or ("",)."""
        text = self.lines[line]
        if not self.is_code_at(line, col):
            return ("",)
        m = _MEMBER_AFTER.match(text, col + width)
        if m is None:
            return ("",)
        before = text[max(0, col - 120):col]
        t = _TYPED_BEFORE.search(before)
        if t:
            return ("typed", t.group(1), m.group(1))
        f = _FACTORY_BEFORE.search(before) if m.group(2) else None
        return ("factory", f.group(1), m.group(1)) if f else ("",)

    # ------------------------------------------------------------ handler regions
    def _regions(self) -> list[tuple[int, list[Region]]]:
        out = []  # (the chunk's first offset, its regions with offsets relative to it)
        for ch, base in zip(self.chunks, self.offsets.bases):
            got = ch.regions
            if got is None:
                regions, keep = self._regions_of(ch)
                got = innermost([shift_region(r, -base) for r in regions])
                ch.regions = got if keep else None
            if got:
                out.append((base, got))
        return out

    @property
    def regions(self) -> list[Region]:
        """Every handler region, offsets in the file, in order."""
        out = [shift_region(r, base) for base, regs in self.chunk_regions for r in regs]
        out.sort(key=lambda r: r.body_start)
        return out

    def _regions_of(self, ch: Chunk) -> tuple[list[Region], bool]:
        """The regions whose construct starts on the chunk's lines (found in the text of its window:
        WINDOW_BACK lines before it to WINDOW_FWD after), and whether they lie in the window (else
        they are not kept)."""
        w0, w1 = max(0, ch.first - WINDOW_BACK), min(len(self.lines), ch.end + WINDOW_FWD)
        text = "\n".join(self.lines[w0:w1])
        at0 = self.line_start(w0)
        lo, hi = self.line_start(ch.first) - at0, self.line_start(ch.end) - at0
        found = find_c_constructs(text, lo, hi) if self.language == "c" else find_constructs(text, lo, hi)
        out = []
        self._kept = True
        known_c = self.index.c
        for kind, at in found:
            if kind == "c" and _C_NAME.match(text, at).group() not in known_c:
                continue  # a C function the API table does not know: its checks say nothing
            r = self._region_cached(kind, at + at0)
            if r is not None:
                out.append(r)
        return out, self._kept

    def _region_cached(self, kind: str, at: int) -> Region | None:
        """The region of the construct at `at`, from the lines around it (kept by their text and the
        lexer's view of the first: an edit elsewhere reuses it); a region longer than the window is
        read to the end of the file."""
        line, _ = self.position(at)
        first = max(0, line - {"try": 0, "c": C_BACK}.get(kind, WINDOW_BACK))
        last = min(len(self.lines) - 1, line + WINDOW_FWD)
        base = self.line_start(first)
        key = (kind, at - base, tuple(self.lines[first:last + 1]), self._key)  # str hashes are cached: cheap
        segs = self.segments(first)  # and the lexer's view of the first line: same state, same code
        got = self.region_cache.get(key)
        if got is None:
            got = self._old_regions.get(key)
        if got is None or got[0] is not segs:
            text = self.code_text(first, last)
            if kind == "c":  # never "open": a C check is looked for in the lines read only
                region = c_region_in(text, at - base, self.calls_of, self.resolve)
            else:
                region = region_in(kind, text, at - base, self.calls_of)
            if region == "open" and last < len(self.lines) - 1:  # longer than the window: not kept by it
                region = region_in(kind, self.code_text(first, len(self.lines) - 1), at - base, self.calls_of)
                key = None
                self._kept = False
            got = (segs, region if isinstance(region, Region) else False)
        if key is not None:
            self.region_cache[key] = got
        got = got[1]
        if got is False:
            return None
        if not base:
            return got
        # calls keep offsets relative to the region's lines (the faces read their names and APIs)
        return Region(got.kind, got.calls, got.body_start + base, got.body_end + base, got.err,
                      [(s + base, e + base, v) for s, e, v in got.codes])

    def region_at(self, offset: int) -> Region | None:
        """The region whose compared codes hold `offset`, else (C) the one of the variable compared
        just before it (`ret == `), else the innermost handler body holding it (offsets in the file)."""
        best = named = None
        var = None
        if self.language == "c":
            line, col = self.position(offset)
            var = var_compared_before(self.masked(line), col)
        for base, regs in self.chunk_regions:
            if base > offset:
                break
            for r in regs:
                if not r.body_start <= offset - base <= r.body_end:
                    continue
                if any(s <= offset - base <= e for s, e, _ in r.codes):
                    return shift_region(r, base)
                size = r.body_end - r.body_start
                if var and r.err == var and (named is None or size < named.body_end - named.body_start):
                    named = shift_region(r, base)
                if best is None or size < best.body_end - best.body_start:
                    best = shift_region(r, base)
        return named or best

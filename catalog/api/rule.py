"""The `code-not-thrown-here` rule, and the per-document API analysis every face shares.

A handler (`catch (e) { … }`, `.catch((err) => { … })`, an error-first callback) that compares
the error with a code none of its calls can throw: a hint by default (`AnalyzeOptions.
not_thrown_severity`, up to warning; None switches it off).  Only when every call in the region
resolved exactly to declared APIs that declare their codes: a guessed or unknown call, or an API
that declares none, could throw anything.  In C/C++ the handler is the returned code compared
after an `OH_*` call (catalog/api/c_returns.py), judged against the codes its `@return` documents.

`document_apis(host)` is the one place the analysis is made: once per text of a document (kept
on the host, a `DocumentAnalysis`, until its text changes) or once for a one-shot analysis.
"""

from __future__ import annotations

from ..findings import RULES, RuleInfo
from ..model import Finding, Range, Severity
from .index import api_index, api_name
from .render import SDK_JS_URL, api_doc_url
from .code import lexed_segments
from .source import FileApis, Region

NOT_THROWN = "code-not-thrown-here"
MAX_CODES_NAMED = 6

RULES.setdefault(NOT_THROWN, RuleInfo(
    NOT_THROWN,
    "CodeNotThrownHere",
    "A catch compares the error with a code that no call in its try block can throw.",
    "The SDK declares, for each API, the error codes it can throw (`@throws { BusinessError } 62980096 - "
    "Operation failed.`, or the `@return` codes of a C function). When every call in a `try` block (or the "
    "call a `.catch(...)` or an error-first callback belongs to) resolves to declared APIs, a comparison "
    "of the error with a code none of them declares can never be true: the branch is dead, or the code "
    "meant another call. The message lists the codes the calls can throw. Severity: hint by default, "
    "configurable up to warning; no finding when any call could not be resolved. Each finding links to "
    "where its codes are declared: for ArkTS the SDK's declarations (interface_sdk-js), for a C function "
    "its entry in the native API reference (the header's `capi-…-h.md` page).",
    Severity.HINT,
    SDK_JS_URL,
))


def throwable(region: Region) -> tuple[list, dict[int, list]] | None:
    """(the region's API calls, code -> the calls that can throw it), or None when a call is not
    resolved exactly or resolves to an API that declares no code."""
    calls = [c for c in region.calls if c.kind != "builtin"]
    if not calls:
        return None
    codes: dict[int, list] = {}
    for c in calls:
        if c.kind != "exact" or not any(a.codes for a in c.apis):
            return None
        for a in c.apis:
            for code, _ in a.codes:
                codes.setdefault(code, []).append(c)
    return calls, codes


def region_facts(r: Region, word=None) -> list[tuple[int, int, int, str]]:
    """(start, end, code, message) for each code the region's handler compares with that none of
    its calls can throw (offsets as in the region); `word(start, end)`: the code as written."""
    if not r.codes:
        return []
    got = throwable(r)
    if got is None:
        return []
    calls, codes = got
    if r.kind == "c":
        return c_facts(r, calls[0], codes, word)
    names = list(dict.fromkeys(c.name for c in calls))
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    can = sorted(codes)
    listed = ", ".join(map(str, can[:MAX_CODES_NAMED])) + (", …" if len(can) > MAX_CODES_NAMED else "")
    return [(start, end, value, f"{value} is not thrown by {who}; {'it' if len(names) == 1 else 'they'} can throw {listed}")
            for start, end, value in r.codes if value not in codes]


def c_facts(r: Region, call, codes: dict, word) -> list[tuple[int, int, int, str]]:
    """The C form: `IMAGE_DECODE_FAILED (7700301) is not returned by OH_X; it can return
    IMAGE_BAD_PARAMETER (401), …` (a code compared as a number is shown as the number)."""
    named = [f"{n} ({c})" if n else str(c) for c, n in sorted({c: n for a in call.apis for c, n in a.codes}.items())]
    listed = ", ".join(named[:MAX_CODES_NAMED]) + (", …" if len(named) > MAX_CODES_NAMED else "")
    out = []
    for start, end, value in r.codes:
        if value in codes:
            continue
        written = word(start, end) if word else ""
        shown = f"{written} ({value})" if written and not written.lstrip("-").isdigit() else str(value)
        out.append((start, end, value, f"{shown} is not returned by {call.name}; it can return {listed}"))
    return out


def region_url(r: Region) -> str:
    """The link of a region's findings: a C call's entry in the native API reference (its header's
    page), else the rule's page."""
    if r.kind == "c" and r.calls and r.calls[0].apis:
        return api_doc_url(r.calls[0].apis[0])
    return RULES[NOT_THROWN].help_uri


_FOUND: dict[int, tuple] = {}  # id(a chunk's regions) -> (those regions, the chunk's first line, severity, findings)


def not_thrown_findings(apis: FileApis, severity: Severity) -> list[Finding]:
    """The rule's findings; a chunk of lines whose regions are kept across edits (the same list:
    the same lines, see `FileApis`) keeps its findings, moved with it when lines were added or
    removed above it, so an edit judges only the regions it touched."""
    out = []
    seen = set()
    for base, regions in apis.chunk_regions:
        got = _FOUND.get(id(regions))
        if got is not None and got[0] is regions and got[2] == severity and not got[3]:
            continue  # nothing found in it, wherever it is now
        first = apis.position(base)[0]
        if got is None or got[0] is not regions or got[2] != severity:
            if len(_FOUND) > 50_000:
                _FOUND.clear()
            found = []
            for r in regions:
                url = region_url(r)
                for start, end, value, msg in region_facts(r, lambda s, e, b=base: apis.text_of(b + s, b + e)):
                    line, col = apis.position(base + start)
                    found.append(Finding(NOT_THROWN, Range.of(line, col, col + (end - start)), severity, msg, value,
                                         (), (), url))
            got = _FOUND[id(regions)] = (regions, first, severity, found)
        elif got[1] != first:  # the same lines, moved: the same findings, on other lines
            got = _FOUND[id(regions)] = (regions, first, severity, [f.shifted(first - got[1]) for f in got[3]])
        for f in got[3]:
            at = (f.range.start.line, f.range.start.character)
            if at not in seen:  # a code in nested handlers of two chunks: once
                seen.add(at)
                out.append(f)
    out.sort(key=lambda f: (f.range.start.line, f.range.start.character))
    return out


def document_apis(host) -> FileApis | None:
    """The API analysis of a `DocumentAnalysis` (or any host with `lines`, `language`, `catalog`),
    made once per text and kept on the host; a `DocumentAnalysis` tells what its edits since the
    last one changed (`changed_since`), so what they did not touch is kept."""
    lines = host.lines
    count = getattr(host, "edit_count", None)  # a DocumentAnalysis counts its edits: no need to hash the text
    key = ("edits", count, len(lines)) if count is not None else (len(lines), hash(tuple(lines)))
    got = getattr(host, "api_cache", None)
    if got is not None and got[0] == key:
        return got[1]
    old = got[1] if got is not None else None
    changed = host.changed_since(got[0][1]) if old is not None and count is not None and got[0][0] == "edits" else None
    apis = file_apis(lines, host.language, host.catalog, getattr(host, "line_segments", None), old, changed)
    try:
        host.api_cache = (key, apis)
    except AttributeError:
        pass
    return apis


def file_apis(lines: list[str], language: str, catalog, segments=None, previous: FileApis | None = None,
              changed: tuple[int, int, int] | None = None) -> FileApis | None:
    """The API analysis of a text; `previous`: the analysis of the same document's previous text
    (what did not change is reused), `changed`: the lines changed since (see `FileApis`)."""
    if catalog is None:
        return None
    index = api_index(catalog)
    if language == "c":
        if not any("OH_" in line for line in lines):
            return None
    elif not any("import" in line for line in lines[:400]) or not index.modules:
        return None
    return FileApis(lines, segments or lexed_segments(lines, language), language, index, previous, changed,
                    getattr(catalog, "resolve_symbol", None))


def extra_findings(host) -> list[Finding]:
    """The API rule's findings for the analysis host (empty when the options switch it off)."""
    sev = getattr(host.options, "not_thrown_severity", Severity.HINT)
    if sev is None:
        return []
    apis = document_apis(host)
    if apis is None or not apis.chunk_regions:
        return []
    return not_thrown_findings(apis, Severity(sev))


def describe(api) -> str:
    return api_name(api)

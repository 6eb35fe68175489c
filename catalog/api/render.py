"""API facts as text, for every face: what a call can throw, and which APIs throw a code."""

from __future__ import annotations

from ..facts import DOCS_BASE
from .index import Api, ApiIndex, api_name, bundled_table

THROWN_BY_SHOWN = 10
SDK_JS_URL = "https://gitee.com/openharmony/interface_sdk-js"
SDK_C_URL = "https://gitee.com/openharmony/interface_sdk_c"


def describe(api: Api) -> str:
    """`image.ImageSource.createPixelMapList (@ohos.multimedia.image, API 10)`; C:
    `OH_ImageSourceNative_CreatePixelmap (image_source_native.h, API 12)`."""
    where = api.module.rsplit("/", 1)[-1]
    since = f", API {api.since}" if api.since else ""
    return f"{api_name(api)} ({where}{since})"


def api_doc_url(api: Api) -> str:
    """Where a developer reads what the API returns.  A C function of a header with a `@kit` tag:
    its entry on the header's page of the native API reference (`image_source_native.h` of Image
    Kit -> `…/apis-image-kit/capi-image-source-native-h.md#oh_imagesourcenative_createpixelmap`);
    another C function: interface_sdk_c; an ArkTS API: interface_sdk-js."""
    if api.lang != "c":
        return SDK_JS_URL
    if not api.kit:
        return SDK_C_URL
    page = api.module.rsplit("/", 1)[-1].removesuffix(".h").lower().replace("_", "-")
    return f"{DOCS_BASE}/en/application-dev/reference/{api.kit}/capi-{page}-h.md#{api.member.lower()}"


def can_throw(api: Api) -> str:
    """How an API gives its codes: an ArkTS API throws them, a C function returns them."""
    return "can return" if api.lang == "c" else "can throw"


def code_title(code: int, text: str, catalog, kit_hint: str | None = None) -> tuple[str, str]:
    """(title, documentation URL) of a code an API throws: the catalog's entry, else the SDK's text."""
    entries = catalog.lookup(code, kit_hint=kit_hint) if catalog is not None else []
    if entries:
        e = entries[0]
        return (e.title or e.message or text).strip(), e.url or ""
    return text.strip().rstrip("."), ""


def codes_lines(api: Api, catalog, *, markdown: bool = False, kit_hint: str | None = None) -> list[str]:
    """One line per code `api` can throw: `62980096  Operation Failed`."""
    out = []
    for code, text in api.codes:
        title, url = code_title(code, text if api.lang != "c" else "", catalog, kit_hint)
        if api.lang == "c" and text:
            title = f"{text}: {title}" if title else text
        if markdown:
            out.append(f"- [`{code}`]({url}) {title}" if url else f"- `{code}` {title}")
        else:
            out.append(f"  {code}  {title}".rstrip())
    return out


def throws_text(apis: list[Api], catalog, *, markdown: bool = False, guess: bool = False,
                kit_hint: str | None = None) -> str:
    """What each API can throw; `guess`: the call was resolved by its method name only."""
    blocks = []
    if guess and len(apis) > 1:
        blocks.append(("_" if markdown else "") + f"Resolved by name only: one of {len(apis)} APIs."
                      + ("_" if markdown else ""))
    for api in apis:
        head = describe(api)
        if markdown:
            name, _, rest = head.partition(" ")
            head = f"**{name}** {rest}"
        if not api.codes:
            blocks.append(f"{head} declares no error codes.")
            continue
        lines = codes_lines(api, catalog, markdown=markdown, kit_hint=kit_hint)
        blocks.append(f"{head} {can_throw(api)}:" + ("\n\n" if markdown else "\n") + "\n".join(lines))
    return "\n\n".join(blocks)


def region_note(region, code: int, *, markdown: bool = False, complete: bool = True) -> str:
    """The line a code's hover gets in a handler region: which of its calls can throw (C: return)
    it; `complete`: every call resolved to APIs that declare their codes.  Empty when no call of
    the region resolved."""
    calls = [c for c in region.calls if c.kind in ("exact", "guess") and c.apis]
    if not calls:
        return ""
    tick = "`" if markdown else ""
    by = [c for c in calls if any(code == k for a in c.apis for k, _ in a.codes)]
    if region.kind == "c":
        name = f"{tick}{calls[0].name}{tick}"
        if by:
            return f"Returned here by {name}."
        if code == 0:
            return ""  # success: every call can return it
        ret = f"{tick}@return{tick}"
        return (f"Not returned by {name} (not among the codes its {ret} documents)." if complete else
                f"Not documented as returned by {name} (its {ret} names no error code).")
    if by:
        names = ", ".join(f"{tick}{c.name}{tick}" + (" (by name only)" if c.kind == "guess" else "")
                          for c in dict((c.name, c) for c in by).values())
        return f"In this catch: thrown by {names}."
    names = ", ".join(f"{tick}{n}{tick}" for n in dict.fromkeys(c.name for c in calls))
    return (f"In this catch: not thrown by {names}." if complete else
            f"In this catch: not declared by {names} (not every call in the block is resolved to APIs that declare their codes).")


def bundled_throws() -> dict[int, list[str]]:
    """Code -> the APIs of the bundled Image Kit table that throw (or, in C, return) it, described,
    in the table's order: what the bundled layer carries as its "throws" part."""
    index = ApiIndex([bundled_table()])
    codes = sorted({c for a in index.apis for c, _ in a.codes})
    return {c: [describe(a) for a in index.by_code(c)] for c in codes}


def thrown_by_text(code: int, catalog, *, limit: int = THROWN_BY_SHOWN, markdown: bool = False) -> str:
    """`Thrown by: a, b, … and N more` (empty when no API is known to throw the code)."""
    names = catalog.thrown_by(code)
    if not names:
        return ""
    shown = [f"`{n.split(' ', 1)[0]}` {n.split(' ', 1)[1]}" if markdown and " " in n else n for n in names[:limit]]
    more = f"\nand {len(names) - limit} more" if len(names) > limit else ""
    bullet = "- " if markdown else "  "
    return ("**Thrown by**" if markdown else "Thrown by:") + "\n" + "\n".join(bullet + s for s in shown) + more


def throws_data(apis: list[Api], catalog) -> list[dict]:
    """What each API can throw as plain data (`errcode throws --json`, the MCP tool): its name,
    module, `@since`, and each code with its title, documentation URL and C name."""
    from .index import api_name

    out = []
    for a in apis:
        codes = []
        for c, t in a.codes:
            title, url = code_title(c, t if a.lang != "c" else "", catalog)
            codes.append({"code": c, "title": title, "url": url, **({"name": t} if a.lang == "c" else {})})
        out.append({"api": api_name(a), "module": a.module, "since": a.since, "codes": codes})
    return out

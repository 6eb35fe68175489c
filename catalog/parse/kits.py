"""Page facts that are not in any one entry: the kit folder and name, the language, the page's URL."""

from __future__ import annotations

import re
from functools import lru_cache
from os import PathLike
from pathlib import Path, PurePath

from ..facts import DATA_DIR, DOCS_BASE, UNIVERSAL_KIT, UNIVERSAL_KIT_NAME
from .labels import CJK_LABELS, LABELS
from .sections import Sections


def page_language(path: str, sections: list[Sections], page_title: str) -> str:
    """"zh-cn" for a page under a zh-cn folder or labelled mostly in Chinese, else "en"."""
    parts = [p.lower() for p in PurePath(path.replace("\\", "/")).parts]
    if "zh-cn" in parts:
        return "zh-cn"
    zh = en = 0
    for s in sections:
        for label in s.labels:
            key = label.rstrip(":：").strip()
            if key in CJK_LABELS:
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


# Kit folders with no error-code page (so not in page-kits.tsv) whose words do not follow the
# kit's camel case ("MindSpore" is one word in the folder).
_FOLDERS_WITHOUT_PAGES = ("apis-mindspore-lite-kit",)


def _kit_from_comment(comment: str) -> str:
    """`<!--Kit: Distributed Service Kit-->` or an SDK `@kit` tag -> the kit folder
    ("apis-distributedservice-kit").  A kit the tables do not know gets its words hyphenated
    (`AVCodecKit` -> "apis-avcodec-kit", `DataLossPreventionKit` ->
    "apis-data-loss-prevention-kit"); a name without "Kit" is one word (`ArkGraphics3D` ->
    "apis-arkgraphics3d"), as the docs name their folders."""
    known = {_squash(k): k for k in (*page_kits().values(), *_FOLDERS_WITHOUT_PAGES)}
    key = _squash(comment)
    for cand in (key, "apis" + key, "apis" + key + "kit"):
        if cand in known:
            return known[cand]
    name = comment.strip()
    if re.search(r"kit$", name, re.I):
        name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name)  # camel case: a word starts at each capital after a small letter
    else:
        name = re.sub(r"[^0-9A-Za-z]+", "", name)
    slug = re.sub(r"[^0-9a-z]+", "-", name.lower()).strip("-")
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


def kit_name(kit: str, kit_comment: str | None, page_title: str) -> str:
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


def url_base(kit: str, language: str, path: str) -> str:
    """Where the page is published (its folder URL), or its folder on disk for a page of no known kit."""
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

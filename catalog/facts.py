"""The project's own fact tables (catalog/data/*.tsv) and built-in knowledge.

- symbols.tsv: C/ArkTS names and their values (from the SDK and framework headers).
- image-known-codes.tsv: every Image Kit code known from any source, with the sources.
- The universal codes (201, 202, 203, 401, 801), described in the product's own words;
  a loaded errorcode-universal.md takes precedence over these.
"""

from __future__ import annotations

from collections import namedtuple
from functools import lru_cache
from pathlib import Path

from .model import Entry

IMAGE_KIT = "apis-image-kit"
IMAGE_KIT_NAME = "Image Kit"
UNIVERSAL_KIT = "reference"
UNIVERSAL_KIT_NAME = "Universal"
DOCS_BASE = "https://gitee.com/openharmony/docs/blob/master"
UNIVERSAL_URL = f"{DOCS_BASE}/en/application-dev/reference/errorcode-universal.md"
IMAGE_URL = f"{DOCS_BASE}/en/application-dev/reference/apis-image-kit/errorcode-image.md"


# Plain named tuples: cheaper to define at start-up than dataclasses or typing.NamedTuple.
Symbol = namedtuple("Symbol", "name value enum_type header since")
KnownCode = namedtuple("KnownCode", "code title symbols since sources conflict")


DATA_DIR = Path(__file__).with_name("data")


def _rows(name: str) -> list[dict[str, str]]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    import csv

    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


@lru_cache(maxsize=1)
def symbols() -> tuple[Symbol, ...]:
    return tuple(
        Symbol(r["name"], int(r["value"]), r["enum_type"], r["header"], r["since"]) for r in _rows("symbols.tsv")
    )


@lru_cache(maxsize=1)
def known_codes() -> tuple[KnownCode, ...]:
    out = []
    for r in _rows("image-known-codes.tsv"):
        out.append(
            KnownCode(
                code=int(r["code"]),
                title=r["title"],
                symbols=tuple(s for s in r["symbols"].split(",") if s),
                since=r["since"],
                sources=tuple(s for s in r["sources"].split(",") if s),
                conflict=r["conflict"],
            )
        )
    return tuple(out)


_SYMBOL_RANK = {"Image_ErrorCode": 0, "#define": 1, "IRNdkErrCode": 2}


def symbol_rank(sym: Symbol) -> tuple[int, int, str]:
    """Preferred names first: the public NDK enum, then the legacy NDK, then internal names."""
    internal = "framework" in sym.header or sym.header == "media_errors.h"
    return (_SYMBOL_RANK.get(sym.enum_type, 3), int(internal), sym.name)


SOURCE_NAMES = {
    "seed": "the shipped Image Kit reference page",
    "doc-variant-69": "a newer Image Kit reference page (69 codes)",
    "doc-variant-90": "a newer Image Kit reference page (90 codes)",
}


def describe_source(source: str) -> str:
    if source.startswith("header:"):
        return f"the C header {source.split(':', 1)[1]}"
    return SOURCE_NAMES.get(source, source)


# The universal codes every API can throw, in the product's own words.
_UNIVERSAL = [
    (
        201,
        "Permission Denied",
        "The application lacks a permission that the API requires.",
        ("The app called an API without holding the permission the API requires.",),
        ("Declare the permission in module.json5 and, for user-granted permissions, request it at run time before the call.",),
    ),
    (
        202,
        "System API Called by a Non-system Application",
        "A non-system application called an API reserved for system applications.",
        ("The API is a system API and the calling app is not a system app.",),
        ("Remove the system API call or use the public API that replaces it.",),
    ),
    (
        203,
        "Function Prohibited by Enterprise Management Policy",
        "A device management policy disables the function the API uses.",
        ("An enterprise device-management application has disabled this system function.",),
        ("Check the policy with the enterprise restrictions API and ask the device administrator to allow the function.",),
    ),
    (
        401,
        "Parameter Check Failed",
        "A parameter is missing, of the wrong type, or failed validation.",
        (
            "A mandatory parameter was not passed.",
            "A parameter has the wrong type.",
            "A parameter value failed validation (out of range, wrong format, empty).",
        ),
        ("Check every argument against the API reference: presence, type and allowed values.",),
    ),
    (
        801,
        "API Not Supported",
        "The device does not support this API.",
        ("The API belongs to a system capability (SysCap) the device does not have.",),
        ("Check support with canIUse('SystemCapability.…') before calling, and provide a fallback.",),
    ),
]


def _anchor(code: int, title: str) -> str:
    import re

    slug = re.sub(r"[^\w\- ]", "", f"{code} {title}".lower()).replace(" ", "-")
    return slug


@lru_cache(maxsize=1)
def builtin_universal() -> tuple[Entry, ...]:
    out = []
    for code, title, message, causes, solutions in _UNIVERSAL:
        out.append(
            Entry(
                code=code,
                kit=UNIVERSAL_KIT,
                kit_name=UNIVERSAL_KIT_NAME,
                title=title,
                message=message,
                causes=causes,
                solutions=solutions,
                notes=("A universal error code: any OpenHarmony API, Image Kit included, can return it.",),
                language="en",
                source="",
                line=0,
                url=f"{UNIVERSAL_URL}#{_anchor(code, title)}",
                origin="builtin",
                known_from=("builtin",),
            )
        )
    return tuple(out)


# Chinese terms to English, so a Chinese question finds English entries when no Chinese page is loaded.
ZH_GLOSSARY = {
    "共享内存": "shared memory",
    "内存": "memory",
    "分配": "allocation",
    "解码": "decoding",
    "编码": "encoding",
    "图片": "image",
    "图像": "image",
    "参数": "parameter",
    "无效": "invalid",
    "错误": "error",
    "失败": "failed",
    "不支持": "unsupported",
    "格式": "format",
    "权限": "permission",
    "拷贝": "copy",
    "复制": "copy",
    "转换": "conversion",
    "裁剪": "cropping",
    "属性": "property",
    "数据": "data",
    "异常": "abnormal",
    "超出": "exceeds",
    "过大": "too large",
    "缩略图": "thumbnail",
    "元数据": "metadata",
    "插件": "plugin",
    "色彩": "color",
    "颜色": "color",
    "文件": "file",
    "写入": "write",
    "读取": "read",
    "序列化": "serialization",
    "未知": "unknown",
    "类型": "type",
    "操作": "operation",
    "初始化": "initialization",
    "硬件": "hardware",
    "接口": "API",
    "系统": "system",
}

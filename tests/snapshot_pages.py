"""A tiny reference folder for `errcode catalog update --docs-repo`: the reload tests of the language
server and the Slack bot write one page, run the update, change the page, update again."""

from __future__ import annotations

import sys
from pathlib import Path

ERRCODE = str(Path(sys.executable).with_name("errcode"))
CODE = 39900001  # a code no bundled page knows


def write_page(docs: Path, title: str) -> None:
    page = docs / "en" / "application-dev" / "reference" / "apis-foo-kit" / "errorcode-foo.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"# Foo Error Codes\n\n<!--Kit: Foo Kit-->\n\n## {CODE} {title}\n\n**Error Message**\n\n"
                    "The foo failed.\n\n**Description**\n\nThis error code is reported when the foo fails.\n\n"
                    "**Cause**\n\nToo much foo.\n\n**Solution**\n\nUse less foo.\n", encoding="utf-8")


def update_command(docs: Path) -> list[str]:
    return [ERRCODE, "catalog", "update", "--docs-repo", str(docs), "--no-sdk"]


def updated_line(cache: Path) -> str:
    """The first line `errcode catalog update` prints when it wrote the snapshot."""
    return f"catalog snapshot updated: {cache / 'catalog.snapshot'}\n"

"""Read OpenHarmony error-code reference pages (Markdown) into `Entry` objects.

The page format, its variations and how each is read are described in ``docs/catalog-format.md``.
The page is read in stages, one module each:

- `tokens`: the text as markdown-it-py (CommonMark) tokens and a tree of them; the entry-heading
  rule (`HEADING_RE`) applied to the lines outside fenced code.
- `units`: the page's header (title, ``<!--Kit:-->``), ``<!--Del-->`` state, unclosed fences, one
  unit per entry heading holding the nodes under it, and heading anchors (`slugify`).
- `sections` (with `labels` and `text`): a unit's nodes sorted into sections opened by labels.
- `entries`: the sections read into an `Entry` (items, notes, "N/A" fixes, titles).
- `kits`: kit folder and name, language and URL of the page.
- `page`: the stages run in order over one `Page` state (`state`); `parse_page`.
- `files`: `read_page` (regular files only, size capped) and `find_pages`.

Problems are reported as `LoadError` (file, line, message) and never raised; the entries that could
be read are still returned.
"""

from .files import MAX_PAGE_BYTES, PAGE_GLOB, find_pages, read_page
from .kits import infer_kit, page_kits
from .labels import LABELS
from .page import parse_page
from .tokens import HEADING_RE, MAX_CODE_DIGITS, heading_codes
from .units import slugify

__all__ = ["parse_page", "read_page", "find_pages", "heading_codes", "slugify", "LABELS", "PAGE_GLOB",
           "HEADING_RE", "MAX_CODE_DIGITS", "MAX_PAGE_BYTES", "infer_kit", "page_kits"]

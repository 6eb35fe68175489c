"""The API analysis kept across edits (catalog/api/source.py `FileApis` made from the previous one and
what the edits changed, `IncrementalScanner.changed_since`): after every edit, or after several at
once, the findings, declared types, imports and handler regions are exactly a fresh analysis's."""

from __future__ import annotations

import pytest

from ohos_errcode.catalog.analyze import DocumentAnalysis, analyze
from ohos_errcode.catalog.api.rule import document_apis, file_apis
from ohos_errcode.catalog.model import Range

HEAD = ["import { image } from '@kit.ImageKit';", "import { BusinessError } from '@kit.BasicServicesKit';", ""]
BLOCK = """\
async function decode{n}(fd: number, surfaceId: string) {{
  let src: image.ImageSource = image.createImageSource(fd);
  try {{
    let pm = await image.createPixelMapFromSurface(surfaceId);
    let pic = await src.createPicture();
  }} catch (e) {{
    let err = e as BusinessError;
    if (err.code === 7700301) {{
      console.error('decode failed');
    }} else if (err.code === 62980096) {{
      console.error('operation failed');
    }}
  }}
}}
"""
TEXT = "\n".join(HEAD) + "\n" + "".join(BLOCK.format(n=n) for n in range(40))  # 563 lines: several chunks
NOT_THROWN = "code-not-thrown-here"


def _fresh(doc, lines, catalog):
    text = "\n".join(lines)
    assert doc.findings == analyze(text, "arkts", catalog)
    kept, fresh = document_apis(doc), file_apis(text.split("\n"), "arkts", catalog)
    assert (kept.bindings, kept.types, kept.regions) == (fresh.bindings, fresh.types, fresh.regions)
    return [f for f in doc.findings if f.rule == NOT_THROWN]


def _apply(doc, lines, line, col, end_line, end_col, new, old):
    assert "\n".join(lines[line:end_line + 1])[col:len("\n".join(lines[line:end_line])) + end_col + (end_line > line)] == old
    doc.apply_edit(Range.of(line, col, col) if (end_line, end_col) == (line, col) else
                   Range(Range.of(line, col, col).start, Range.of(end_line, end_col, end_col).start), new)
    text = "\n".join(lines)
    offs = [0]
    for ln in lines:
        offs.append(offs[-1] + len(ln) + 1)
    a, b = offs[line] + col, offs[end_line] + end_col
    return (text[:a] + new + text[b:]).split("\n")


EDITS = [  # (line, col, end line, end col, new text, the text replaced, how many not-thrown findings then)
    (300, 0, 300, 0, "\n", "", 40),  # a line break in the middle
    (3, 0, 3, 0, "\n\n", "", 40),  # two near the top: every chunk after them moves
    (200, 0, 202, 0, "", "}\nasync function decode14(fd: number, surfaceId: string) {\n", 40),  # two functions made one
    (0, 9, 0, 14, "img", "image", 0),  # an import changed: `image` is no longer bound, no call resolves
    (0, 9, 0, 12, "image", "img", 40),  # and back
    (313, 11, 313, 28, "image.PixelMap", "image.ImageSource", 0),  # a declared type changed: `src` has two types
    (313, 11, 313, 25, "image.ImageSource", "image.PixelMap", 40),  # and back
    (100, 0, 100, 0, "/* ", "", 6),  # a comment opened above a try: the rest of the file is a comment
    (100, 3, 100, 3, " */", "", 40),  # and closed on the same line
    (500, 0, 500, 0, "function f() {\n", "", 40),  # a brace that does not close (regions read to the end)
    (500, 0, 501, 0, "", "function f() {\n", 40),
]


@pytest.mark.parametrize("batch", [1, 3])
def test_api_findings_after_edits_are_a_fresh_analysis(catalog, batch):
    lines = TEXT.split("\n")
    doc = DocumentAnalysis(TEXT, "arkts", catalog)
    assert len(_fresh(doc, lines, catalog)) == 40
    for i, (line, col, el, ec, new, old, count) in enumerate(EDITS):
        lines = _apply(doc, lines, line, col, el, ec, new, old)
        if (i + 1) % batch == 0 or i == len(EDITS) - 1:  # several edits before the analysis is asked for
            found = _fresh(doc, lines, catalog)
            if batch == 1:
                assert len(found) == count, (i, new)


def test_what_edits_changed_merged(catalog):
    doc = DocumentAnalysis(TEXT, "arkts", catalog)
    start = doc.edit_count
    doc.apply_edit(Range.of(300, 0, 0), "\n")  # line 301 is new: lines from 301 on were lines from 300
    assert doc.changed_since(start) == (300, 302, 1)
    doc.apply_edit(Range(Range.of(10, 0, 0).start, Range.of(12, 0, 0).start), "")  # two lines fewer
    assert doc.changed_since(start) == (10, 300, -1)
    doc.apply_edit(Range.of(50, 0, 0), "/* ")  # the rest of the file lexed in a comment
    assert doc.changed_since(start) == (10, len(doc.lines), -1)
    assert doc.changed_since(doc.edit_count) == (0, 0, 0)
    doc.apply_edit(None, TEXT)
    assert doc.changed_since(start) is None


def test_a_code_changed_in_each_handler_in_turn(catalog):
    """Handlers whose try and catch lie in two chunks of lines among them: each edit makes exactly one
    finding go, wherever the chunks of lines are."""
    lines = TEXT.split("\n")
    doc = DocumentAnalysis(TEXT, "arkts", catalog)
    for n in range(40):
        line = 3 + 14 * n + 9
        col = lines[line].index("62980096")
        lines = _apply(doc, lines, line, col, line, col + 8, "62980178", "62980096")  # one the try can throw
        assert len(_fresh(doc, lines, catalog)) == 39 - n

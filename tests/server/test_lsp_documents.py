"""Positions in every encoding and incremental edits of the server's text store."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types

from ohos_errcode.catalog.model import Position, Range
from ohos_errcode.server.documents import UTF8, UTF16, UTF32, Document, column_from_units, units

LINE = "// 😀 中文注释 7700201"  # emoji (2 UTF-16 units, 4 UTF-8 bytes), CJK (1 unit, 3 bytes)


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [(UTF16, (11, 18)), (UTF8, (21, 28)), (UTF32, (10, 17))],
)
def test_code_point_columns_convert_to_each_encoding(encoding, expected):
    doc = Document("file:///a.ets", "x\n" + LINE + "\n")
    start = LINE.index("7700201")
    assert start == 10
    got = doc.range_to_lsp(Range.of(1, start, start + 7), encoding)
    assert (got.start.line, got.start.character, got.end.character) == (1, *expected)
    back = doc.from_lsp(types.Position(line=1, character=expected[0]), encoding)
    assert back == Position(1, start)


def test_unit_inside_a_character_rounds_down_and_out_of_range_clamps():
    assert column_from_units("a😀b", 2, UTF16) == 1  # between the two halves of the emoji
    assert column_from_units("a😀b", 3, UTF16) == 2
    doc = Document("file:///a.ets", "ab\ncd")
    assert doc.from_lsp(types.Position(line=0, character=99), UTF16) == Position(0, 2)
    assert doc.from_lsp(types.Position(line=7, character=3), UTF16) == Position(1, 2)


def test_lsp_line_breaks_only():
    # \u2028 and form feed are not line breaks in LSP; \r\n, \r and \n are.
    doc = Document("file:///a.ets", "a\u2028b\x0cc\r\nd\re\nf")
    assert [doc.line(i) for i in range(doc.line_count)] == ["a\u2028b\x0cc", "d", "e", "f"]


def _edit(doc, sl, sc, el, ec, text, enc=UTF16):
    change = types.TextDocumentContentChangePartial(
        range=types.Range(start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec)),
        text=text,
    )
    doc.apply_change(change, enc)


def test_incremental_edit_on_emoji_line_in_utf16():
    doc = Document("file:///a.ets", "if (e.code === 😀 62980999) {}\n")
    start = units("if (e.code === 😀 ", UTF16)
    _edit(doc, 0, start, 0, start + 8, "62980099")
    assert doc.text == "if (e.code === 😀 62980099) {}\n"


_pieces = st.lists(st.sampled_from(["a", "7", "😀", "中", "\n", "\r\n", "\r", " "]), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_pieces, edits=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 8), st.integers(0, 5),
                                              st.integers(0, 8), _pieces), max_size=6))
def test_line_index_matches_a_fresh_split_after_random_edits(text, edits):
    doc = Document("file:///a.ets", text)
    for sl, sc, el, ec, new in edits:
        _edit(doc, sl, sc, el, ec, new)
        fresh = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", doc.text)]
        assert doc.line_starts == fresh


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("a不😀🎉\ud800\udfff ")), st.integers(-2, 24),
       st.sampled_from([UTF8, UTF16, UTF32]))
def test_a_column_in_units_is_the_longest_prefix_that_fits(text, unit, encoding):
    """The code-point column of a column in code units: as many characters as fit in `unit` units
    (a unit inside a character rounds down); the units of a text are those of its encoding."""
    wide = {UTF8: ("utf-8", 1), UTF16: ("utf-16-le", 2), UTF32: ("utf-32-le", 4)}[encoding]
    assert units(text, encoding) == len(text.encode(wide[0], "surrogatepass")) // wide[1]
    col = column_from_units(text, unit, encoding)
    assert 0 <= col <= len(text)
    assert units(text[:col], encoding) <= max(unit, 0)
    assert col == len(text) or units(text[: col + 1], encoding) > unit

"""Property tests: scanning never raises, and incremental analysis equals a full rescan."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ohos_errcode.catalog import Position, Range
from ohos_errcode.catalog.analyze import DocumentAnalysis, analyze
from ohos_errcode.catalog.scan import scan, scan_names

# pieces that exercise every lexer state and every error-context rule
PIECES = [
    "if (err.code === ", "7700201", "401", "62980999", "62980115", ") {", "}", "\n", "\r\n", "\r", " ", "'", '"', "`",
    "${", "//", "/*", "*/", "\\", "#define X ", "#", "case ", "switch (e.code) {", "expect(err.code).assertEqual(",
    "'401'", "= ", "==", "return ", "Image_ErrorCode ret;", "IMAGE_RESULT_BASE + 5", "const ERR_A = ",
    "IMAGE_ALLOC_FAILED", "😀", "错误码", "0x401", "62_980_096", "7'700'201", "-", "1.5", "R\"x(", ")x\"", "/re'g/",
    "import image from '@ohos.multimedia.image';", "code: ", "throw ", ";", ",", "(", ")", "abc1", "x.5",
    "u8R\"(", "ERROR_CODE801", "[401, 801].includes(err.code)", "const ERR_T = [",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)
LANGS = st.sampled_from(["ets", "cpp"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(texts, st.text(max_size=200)), lang=LANGS)
def test_scan_never_raises_and_ranges_point_at_the_text(text, lang, catalog):
    found = scan(text, lang)
    lines = DocumentAnalysis(text, lang, catalog).lines
    for lit in found:
        r = lit.range
        assert r.start.line == r.end.line
        assert lines[r.start.line][r.start.character : r.end.character] == lit.text
    scan_names(text, lang, catalog)
    analyze(text, lang, catalog)


def _state(doc: DocumentAnalysis):
    return (
        doc.literals,
        [(n.name, n.text, n.value, n.range, n.defined_here) for n in doc.names],
        doc.findings,
    )


edit = st.tuples(
    st.integers(0, 30), st.integers(0, 40), st.integers(0, 30), st.integers(0, 40),
    st.one_of(st.sampled_from(PIECES), st.text(max_size=6)),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, lang=LANGS, edits=st.lists(edit, min_size=1, max_size=8))
def test_incremental_equals_full_rescan(text, lang, edits, catalog):
    doc = DocumentAnalysis(text, lang, catalog)
    _state(doc)
    for l1, c1, l2, c2, new in edits:
        doc.apply_edit(Range(Position(l1, c1), Position(l2, c2)), new)
        fresh = DocumentAnalysis(doc.text, lang, catalog)
        assert _state(doc) == _state(fresh)


def test_incremental_equals_full_rescan_on_a_big_file(catalog):
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from scan_speed import generate

    text = generate(600)
    doc = DocumentAnalysis(text, "ets", catalog)
    doc.findings
    rnd = random.Random(7)
    for _ in range(40):
        li = rnd.randrange(len(doc.lines))
        col = rnd.randrange(len(doc.lines[li]) + 1)
        doc.apply_edit(Range.of(li, col, col), rnd.choice(["7", "\n", "'", "`", "/*", "}", "x", "\n\n"]))
        doc.findings
    assert _state(doc) == _state(DocumentAnalysis(doc.text, "ets", catalog))


# a file whose verdicts reach far back: a `case` 30 lines below its `switch`, a `return` 30 lines
# below the head of a function returning an error-code type, a table over several lines
FAR = "\n".join(
    ["switch (err.code) {"] + [f"  let a{i} = {i};" for i in range(30)] + ["  case 401:", "    break;", "}"]
    + ["Image_ErrorCode Decode(int x)", "{"] + [f"  int b{i} = {i};" for i in range(30)] + ["  return 7700201;", "}"]
    + ["const ERR_TABLE = {", "  a: 401,", "  b: 62980115,", "};", "if (e.code === 801) {}", "x = `t ${401}`;"]
)
EDIT_PIECES = ["\n", "\r\n", "\n\n", "'", '"', "`", "/*", "*/", "//", "${", "}", "{", ";", " ", "x", "7",
               "switch (e) {", "Image_ErrorCode F(", "int g(", "case ", "return ", "const ERR_B = [", "R\"x("]
far_edit = st.tuples(st.integers(0, 80), st.integers(0, 30), st.integers(0, 3), st.integers(0, 30),
                     st.lists(st.sampled_from(EDIT_PIECES), min_size=0, max_size=3).map("".join))


@settings(max_examples=int(os.environ.get("ERRCODE_PROPERTY_EXAMPLES", "120")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lang=LANGS, edits=st.lists(far_edit, min_size=1, max_size=6))
def test_incremental_equals_full_rescan_when_verdicts_reach_far_back(lang, edits, catalog):
    # only lines that read an edited line are judged again: every edit (line breaks, quotes,
    # backticks, comment openers, new function heads or switches between a literal and what it
    # read) must leave exactly what a full analysis finds
    doc = DocumentAnalysis(FAR, lang, catalog)
    _state(doc)
    for line, col, span, end_col, new in edits:
        doc.apply_edit(Range(Position(line, col), Position(line + span, end_col)), new)
        assert _state(doc) == _state(DocumentAnalysis(doc.text, lang, catalog))


def test_typing_in_a_big_file_judges_again_only_the_edited_line(catalog):
    # re-lexing stops where the lexer state converges; judged again: the edited line and the one
    # after it (a literal after `===` at a line's start reads the line before)
    text = "\n".join(f"if (err.code === {62980100 + i % 50}) {{ x = {i}; }}" for i in range(6_000))
    doc = DocumentAnalysis(text, "ets", catalog)
    before = doc.findings
    assert doc.apply_edit(Range.of(3_000, 2, 2), " ") == (3_000, 3_002)
    assert doc.apply_edit(Range.of(3_000, 2, 3), "") == (3_000, 3_002)
    assert doc.findings == before
    # a line break: the two halves and the line after are judged, the lines below are only moved
    assert doc.apply_edit(Range.of(3_000, 2, 2), "\n") == (3_000, 3_003)
    assert len(before) == 6_000
    assert [f.range.start.line for f in doc.findings][2_999:3_002] == [2_999, 3_001, 3_002]
    assert _state(doc) == _state(DocumentAnalysis(doc.text, "ets", catalog))


TAIL_PIECES = ["const ", "int32_t ", "E_X", "ERR_NOT_SUPPORTED", " = ", "=", ": ", "number", "Map<string, number>", "[]",
               "#define ", "this.", "err", ".code", ")", "(", " as BusinessError", ";", "{", "}", ",", "\n", " ", "\t",
               "!", "?", "==", "let ", "ret", "toString()", "x.y", "$a", "_b", "9", "中"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(TAIL_PIECES), max_size=24).map("".join), lo=st.integers(0, 40))
def test_end_anchored_patterns_match_after_their_stop_characters(text, lo):
    """The rows search `DEF_END` and `OPERAND_TAIL` only after the last of their stop characters
    (`after_last`): they find the same match there as searched from `lo`."""
    from ohos_errcode.catalog.scan.context import (
        DEF_END, DEF_STOPS, OPERAND_STOPS, OPERAND_TAIL, after_last, operand_tail,
    )

    text = text.rstrip()
    lo = min(lo, len(text))
    for pattern, stops in ((DEF_END, DEF_STOPS), (OPERAND_TAIL, OPERAND_STOPS)):
        plain, cut = pattern.search(text, lo), pattern.search(text, after_last(text, stops, lo))
        assert (plain and (plain.span(), plain.groupdict())) == (cut and (cut.span(), cut.groupdict()))
    tail = text[-80:]
    plain = OPERAND_TAIL.search(tail)
    got = operand_tail(text)
    assert (plain and (plain.span(), plain.groupdict())) == (got and (got.span(), got.groupdict()))


@settings(max_examples=400, deadline=None)
@given(text=texts, lang=st.sampled_from(["arkts", "c"]))
def test_segments_without_literals_are_the_lexers_segments(text, lang):
    """The API rule's code-only text lexes with `literals=False`: every line's segments and the
    state after it are those of a full lex, line after line."""
    from ohos_errcode.catalog.scan import START, lex_line, split_lines

    full = fast = START
    for line in split_lines(text)[0]:
        _, segs, full_after = lex_line(line, full, lang)
        _, fast_segs, fast_after = lex_line(line, fast, lang, True, False)
        assert (fast_segs, fast_after) == (segs, full_after)
        full, fast = full_after, fast_after

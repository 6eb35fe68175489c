"""Property tests: scanning never raises, and incremental analysis equals a full rescan."""

from __future__ import annotations

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


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=texts, lang=LANGS, edits=st.lists(edit, min_size=1, max_size=6))
def test_incremental_equals_full_rescan_with_a_small_context_window(text, lang, edits, catalog, monkeypatch):
    # a 3-line window makes short texts exercise the reuse of judged lines far from the edit
    import ohos_errcode.catalog.scan.incremental as scan_module

    monkeypatch.setattr(scan_module, "CONTEXT_BEFORE", 3)
    text = text + "\n" + "\n".join(f"let v{i} = `t ${{err.code === 401}}` + '62980115'; // 7700201" for i in range(12))
    doc = DocumentAnalysis(text, lang, catalog)
    _state(doc)
    for l1, c1, l2, c2, new in edits:
        doc.apply_edit(Range(Position(l1, c1), Position(l2, c2)), new)
        assert _state(doc) == _state(DocumentAnalysis(doc.text, lang, catalog))

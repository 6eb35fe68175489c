"""The whole-file fast path of `analyze` (what `errcode check` runs) against the plain path.

`analyze` lexes only the lines that can hold a code (`scan.lex_relevant`), gathers file-wide facts
with whole-text searches (`scan.file_facts`) and judges only literals that can count; the plain path,
`DocumentAnalysis(...).findings`, lexes and judges every line (and is what the language server keeps
up to date).  Both must give exactly the same findings, on random texts and on realistic ones.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ohos_errcode.catalog.analyze import AnalyzeOptions, DocumentAnalysis, analyze, analyze_lines
from ohos_errcode.catalog.model import Severity
from ohos_errcode.catalog.scan import (
    START,
    IncrementalScanner,
    norm_lang,
    file_facts,
    language_of,
    lex_line,
    lex_relevant,
    split_lines,
)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"

# pieces for every lexer state, every state-changing character and every error-context rule
PIECES = [
    "if (err.code === ", "if (e.code = ", "while (ret = ", "7700201", "401", "402", "62980999", "62980115", "7600310",
    ") {", "}", "{", "\n", "\r\n", "\r", " ", "\t", "'", '"', "`", "${", "//", "/*", "*/", "/**", " * ", "\\", "\\\n",
    "#define X ", "#define ERR_Y ", "#", "#include <multimedia/image_framework/image/image_common.h>\n", "case ",
    "switch (e.code) {", "expect(err.code).assertEqual(", "EXPECT_EQ(OH_Get(src), ", "'401'", '"7700201"', "= ", "==",
    "return ", "return static_cast<Image_ErrorCode>(", "Image_ErrorCode ret;", "Image_ErrorCode\nret", "let e: ErrorCode",
    "let b: BusinessError = ", "IMAGE_RESULT_BASE + 5", "const ERR_A = ", "IMAGE_ALLOC_FAILED", "😀", "错误码",
    "0x401", "0401", "62_980_096", "7'700'201", "1_0_0", "-", "1.5", "1e3", "R\"x(", ")x\"", "R\"(", ")\"", "/re'g/",
    "import image from '@ohos.multimedia.image';", "import { image } from '@kit.ImageKit';", "code: ", "errCode: ",
    "throw ", "throw new BusinessError(", "reject(", ";", ",", "(", ")", "[", "]", "abc1", "x.5", "u8R\"(",
    "ERROR_CODE801", "[401, 801].includes(err.code)", "const ERR_T = [", "ERROR_MAP = new Map([[", "enum E { A = ",
    "@throws { BusinessError } ", "\u2028", "\x0c", "\x85", "\x0b", "width: ", "SIZES = [16, 2345, ",
    "1234", "500", "403", "811", "99999", "-401", "100000", "2300028", "7700202", "201", "-62980096",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=60).map("".join)
LANGS = st.sampled_from(["ets", "cpp"])


def _plain_candidates(text: str, lang: str) -> dict[int, list[tuple]]:
    """Literals that can count (decimal, 3+ digits, in code or a whole-number string), line by line,
    from lexing every line."""
    out: dict[int, list[tuple]] = {}
    state = START
    for i, line in enumerate(split_lines(text)[0]):
        raws, _, state = lex_line(line, state, lang)
        keep = [
            r.key() for r in raws
            if r.base == 10 and not -100 < r.value < 100 and (r.context in ("code", "preprocessor") or r.quoted)
        ]
        if keep:
            out[i] = keep
    return out


def assert_same(text: str, lang: str, catalog, options: AnalyzeOptions | None = None) -> None:
    norm = norm_lang(lang)
    lines = split_lines(text)[0]
    fast = {i: [r.key() for r in raws] for i, raws in lex_relevant(text, lines, norm)}
    assert fast == _plain_candidates(text, norm)
    doc = IncrementalScanner(text, lang)
    assert file_facts(text) == (doc.error_variables, doc.kit_hint)
    plain = DocumentAnalysis(text, lang, catalog, options)
    assert analyze(text, lang, catalog, options) == plain.findings
    found, split = analyze_lines(text, lang, catalog, options)
    assert found == plain.findings and split in (None, plain.lines)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(texts, st.text(max_size=300)), lang=LANGS)
def test_fast_path_equals_plain_path_on_random_texts(text, lang, catalog):
    assert_same(text, lang, catalog)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, lang=LANGS, hint=st.sampled_from([None, "apis-image-kit", "apis-basic-services-kit"]),
       sev=st.sampled_from([None, Severity.INFORMATION, Severity.HINT]))
def test_fast_path_equals_plain_path_with_options(text, lang, hint, sev, catalog):
    assert_same(text, lang, catalog, AnalyzeOptions(known_severity=sev, kit_hint=hint))


def _realistic_texts() -> list[tuple[str, str]]:
    """Corpus files, the examples, and files of both benchmarks' generators."""
    out = [(p.read_text(encoding="utf-8"), p.name) for p in sorted(CORPUS.iterdir()) if language_of(p.name)]
    out += [(p.read_text(encoding="utf-8", errors="replace"), p.name)
            for p in sorted((ROOT / "examples").rglob("*")) if p.is_file() and language_of(p.name)]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import check_throughput
        import scan_speed
    finally:
        sys.path.pop(0)
    rng = random.Random(6)
    out += [(check_throughput.ets_file(rng, 12), "page.ets") for _ in range(3)]
    out += [(check_throughput.cpp_file(rng, 12), "image.cpp") for _ in range(3)]
    out.append((scan_speed.generate(300), "big.ets"))
    return out


REALISTIC = _realistic_texts()


@pytest.mark.parametrize("text,name", REALISTIC, ids=[f"{i}-{n}" for i, (_, n) in enumerate(REALISTIC)])
def test_fast_path_equals_plain_path_on_realistic_files(text, name, catalog):
    assert_same(text, language_of(name), catalog)
    assert_same(text.replace("\n", "\r\n"), language_of(name), catalog)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.integers(0, len(REALISTIC) - 1),
    edits=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(PIECES)), min_size=1, max_size=6),
)
def test_fast_path_equals_plain_path_on_mutated_realistic_files(which, edits, catalog):
    """Realistic files with state-changing pieces dropped in (an unclosed comment, a backtick …)."""
    text, name = REALISTIC[which]
    for at, piece in edits:
        k = int(at * len(text))
        text = text[:k] + piece + text[k:]
    assert_same(text, language_of(name), catalog)


def test_fast_path_with_every_shared_reference_page(full_catalog):
    for text, name in REALISTIC:
        assert analyze(text, language_of(name), full_catalog) == DocumentAnalysis(text, language_of(name), full_catalog).findings


def test_fast_path_edge_texts(catalog):
    for text in ["", "\n", "\r", "\r\n", "401", "7700201\n", "x = 7700201\r", "/*\n7700201 */ x = 7700201",
                 "`\n${err.code === 401}\n`", "s = 'a\\\n401' + 7700201", "#define A \\\n 7700201\n7700201",
                 'R"x(\n7700201)x" 7700201', "a\u2028if (err.code === 401) {}", "\x0c7700201\x85401",
                 "while (ret = 1234) {}", "while (ret =\n  1234) {}", "if (x) {\n  while (ret = -1234) {}",
                 "if (err.code === 403) {}", "if (err.code === 811) {}", "if (err.code === 7700210) {}",
                 "if (err.code === 62980999) {}", "expect(err.code).assertEqual('402')",
                 "if (err.code == 4'0'1) {}", "ret = 7'6'0'0'3'0'1;", "if (err.code === 4_0_1) {}",
                 "#define A 1 /* c \\\n x\n */ ret = 7600301; ret = 7700201;",
                 "#define A 1 /* c \\\n x \\\n */ ret = 7600301;", "s = `\nif (err.code === 401) {}\n`;",
                 "s = 'a\\\nif (err.code === 401) {}';", 'R"(\nif (err.code == 401) {}\n)";',
                 "x = " + "7" * 40 + "; y = " + "7" * 41 + ";", "z = '" + "7" * 41 + "';"]:
        for lang in ("ets", "cpp"):
            assert_same(text, lang, catalog)


def test_fast_path_skips_lines_without_hot_digits(catalog):
    """Lines lexed from START that keep the state (quotes, comments, `#`) are skipped when none of
    their digit runs can matter (`lex_relevant`'s `hot`): the findings stay those of the plain path."""
    for text in ["hilog.info(0x1234, 'tag', 'x %d', 12345678);\nif (err.code === 401) {}",
                 "#define BUFFER_SIZE 123456\n#define ERR_X 7600301\n",
                 ".fontColor('#123456') // 401\nx = '7700201';",
                 "if (x) { s = 'a';\n  while (ret = 1234) {} }", "if (ret ===\n  '1234') {}",
                 "if (s == 'a' && ret = 5678) {}", "while (a) {\n  ret = 'b' +\n  9999;\n}",
                 "if (a) {\n  ret = // c\n  -5678;\n}", "s = \"0401\"; t = '00401'; u = 'x401';",
                 "x = \"7'700'201\"; y = '62_980_096';", "/* 123 */ x = 'a'; // 7700201",
                 "s = 'a' /* 401\n*/ + 401;", "s = '`'; t = 401;", "s = 'a\\\n401';\nt = 402;",
                 "if (err.code = '7700201') {}", "if (e.code =\n  7700201) {}\n'x' + 1234"]:
        for lang in ("ets", "cpp"):
            assert_same(text, lang, catalog)


def test_fast_path_list_items_before_a_code(catalog):
    """Items of a list that cannot be codes (143, 244) are judged only for the list verdict they
    leave to a later item (`judge_line`'s `wanted`): a typo or a code after them is judged as on the plain path."""
    for text in ["const ERR_T = [143, 244, 999, 402];", "static const uint8_t TABLE[] = { 143, 244, 201, 17, 402 };",
                 "const ERROR_CODES = {\n  143, 244,\n  402, 403 };", "ERRS = [\n 143, 244,\n 402, 7700210 ]",
                 "ERROR_MAP = new Map([[143, 'a'], [244, 'b'], [402, 'c']]);", "ERRS = ['143', '244', '402'];",
                 "x = [143, 244].includes(err.code) || [402, 401].includes(e.code)", "{ 143, 402 }, { 244, ERR_X }",
                 "{ 143, 244, 402 }", "t = { 143, ERR_X }; ERR = [144, 402]", "enum E { A = 143, B = 402 }",
                 "const ERR_T = [143, 244 enum x, 402];", "ERR_T = [143, 244 === err.code, 402]", "f(143, 244, 402)",
                 "if (e.code = 143) { ERRS = [144, 402] }", "ERR_T = [143, // 244\n 402]", "ERR_T = [143, '244', 402]",
                 "const ERR_T =\n\n[143, enum x, 402];"]:  # 402: the list verdict 143 leaves (alone: no list)
        for lang in ("ets", "cpp"):
            assert_same(text, lang, catalog)


def test_fast_path_equals_plain_path_around_plain_assignments(catalog):
    """`relevant_pattern` stops at a plain `=` before a number; without an `if`/`while` near, the
    search goes on right after the `=` and must still find a hot number behind it."""
    for text in ["x = 7700201; y = 401;", "let w: number = 640;\nif (err.code === 7700201) {}",
                 "if (a)\n  ret =\n  7700201;", "if (a) {}\n\nret =\n-7700201;", "ret=7700201", "=7700201",
                 "while (ok) {\n  x = 9999;\n}", "if (x) {\r\n  y = 1234;\r\n}", "a = b =\t-\t62980096;",
                 "x == 7700201; x != 401; x <= 7700201; x => 401; x += 401", "if (e.code = 007700201) {}"]:
        for lang in ("ets", "cpp"):
            assert_same(text, lang, catalog)


def test_fast_path_looks_only_at_lines_with_hot_numbers(catalog):
    """The one search over the text lands on a hot run (a known code, a plausible typo) or on what
    may matter (`=` in a condition, a state change), not on every number of three digits."""
    from ohos_errcode.catalog.scan.plausible import hot_pattern, hot_test

    text = ("let w: number = 640;\n.margin({ top: 150 })\nhilog.info(0x1234, 'tag', '%d', 123456);\n"
            "const T = 9999;\nif (err.code === 7700201) {}\nwhile (ret = 1234) {}\ncase 62980999:\n")
    lines = split_lines(text)[0]
    found = lex_relevant(text, lines, "arkts", hot_test(catalog), hot_pattern(catalog, "arkts"))
    assert [(i, [r.text for r in raws]) for i, raws in found] == [(4, ["7700201"]), (5, ["1234"]), (6, ["62980999"])]
    assert len(lex_relevant(text, lines, "arkts")) == 7  # without: every line with three digits
    # a `=` ending a line of a condition: the number's line is looked at, even if it is not hot
    text = "if (err.code =\n  1234) {}\nx = 5;\nwhile (a =\r\n\r\n -4321) {}"
    found = lex_relevant(text, split_lines(text)[0], "arkts", hot_test(catalog), hot_pattern(catalog, "arkts"))
    assert [(i, [r.text for r in raws]) for i, raws in found] == [(1, ["1234"])]  # line 5: the `=` is 2 lines up
    assert_same(text, "ets", catalog)


@settings(max_examples=300, deadline=None)
@given(
    digits=st.lists(st.sampled_from("0123456789"), min_size=3, max_size=12).map("".join),
    seps=st.lists(st.tuples(st.integers(1, 11), st.sampled_from("_'")), max_size=2),
    before=st.sampled_from(["", " ", "(", "x", "=", "-", "'", "0x", "."]),
    after=st.sampled_from(["", " ", ")", "u", "L", "n", ";", "'", ".5"]),
)
def test_fast_path_finds_every_hot_run(digits, seps, before, after, catalog):
    """A number of any digits and separators, glued to anything, in each error context: the
    whole-file pass finds what the plain path finds."""
    for at, sep in sorted(seps, reverse=True):
        if at < len(digits):
            digits = digits[:at] + sep + digits[at:]
    number = before + digits + after
    text = (f"if (err.code === {number}) {{}}\nx = {number};\nswitch (e.code) {{ case {number}: break; }}\n"
            f"expect(err.code).assertEqual({number});\nwhile (ret = {number}) {{}}\n")
    for lang in ("ets", "cpp"):
        assert_same(text, lang, catalog)


def test_fast_path_with_every_shared_reference_page_near_every_code(full_catalog):
    """Every documented code and its neighbours (typos of it, or other codes), with leading zeros
    too, in an error context: the whole-file pass finds what the plain path finds."""
    runs = []
    for code in full_catalog.codes():
        for v in {abs(code) + d for d in (-1000, -1, 0, 1, 10, 1000)} - set(range(-1000, 0)):
            runs += [str(v), "00" + str(v)]
    text = "".join(f"if (err.code === {run}) {{}}\n" for run in runs)
    assert analyze(text, "ets", full_catalog) == DocumentAnalysis(text, "ets", full_catalog).findings
    assert sum(1 for f in analyze(text, "ets", full_catalog) if f.rule == "unknown-error-code") > 0


LINE_PIECES = ["'", '"', "`", "${", "}", "{", "$", "\\", "//", "/*", "*/", "/", "*", "a", " ", "401", "x.y", "(", ")",
               "中", "😀", "\\'", '\\"', "\\`", "'`'", "`'`", "/re/", "${a}", "${'}'}", "${`x`}"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line=st.one_of(st.lists(st.sampled_from(LINE_PIECES), max_size=14).map("".join), st.text(max_size=30)))
def test_lines_with_closed_strings_and_comments_keep_the_state(line, catalog):
    """A line with backticks, quotes and comments that the whole-file pass may pass over without
    lexing (nothing on it is wanted): what follows it is found as the plain path finds it."""
    line = line.replace("\n", " ").replace("\r", " ")
    text = line + "\nif (err.code === 7700201) {}\nx = 401; y = `${err.code === 402}`;\n"
    assert_same(text, "ets", catalog)


@pytest.mark.parametrize("which", ["catalog", "full_catalog"])
def test_three_digit_typos_are_those_suggest_knows(which, request):
    cat = request.getfixturevalue(which)
    assert cat.typo_codes == {v for v in range(100, 1000) if cat.suggest(v)}


def test_fast_path_around_doc_comments(catalog):
    """A line opening a block comment (`/**`) and a line only closing it (` */`) are passed over
    without lexing; what comes after the comment, on the closing line or later, is still found."""
    for text in ["/**\n * 401\n */\nif (err.code === 7700201) {}", "  /** x 7700201\n*/ if (err.code === 401) {}",
                 "/* a\n */ x = 7700201;", "/*\n*/\n/*\n */ 7700201", "#define A /*\n */ 7700201\n7700201",
                 "x = 1 /*\n */ + 7700201", "/** */ 7700201", "/*/\n 7700201 */ 7700201", "  /**\r\n   */\r\n7700201",
                 "`/*\n` + 7700201", "s = '\\\n/*' + 7700201;\n*/ 401"]:
        for lang in ("ets", "cpp"):
            assert_same(text, lang, catalog)


def test_fast_path_passes_over_template_strings_without_digits(catalog):
    """A one-line template string with no digit, quote, slash or backslash (`relevant.NEUTRAL`) is
    passed over whole by the search, whatever it stands in (code, a quote string, a comment, a
    regex): what follows it on the line, and later lines, are found as the plain path finds them."""
    for text in ["console.error(`failed, code is ${err.code}`); if (err.code === 401) {}",
                 "s = '`' + `a ${b}` + '`'; x = 7700201;", "s = \"\\`abc`\" + 7700201;", "`a ${b}` `c 401`",
                 "x = /`a`/.test(s); y = 7700201;", "`a` /* x\n */ 7700201", "// `a` 401\n7700201",
                 "`a ${b} ${`c`}` + 7700201", "`a ${ {b} }`\nif (err.code === 401) {}", "`a\n${b}` + 401",
                 "'`a' + `b` + 7700201", "`${a}` = 401; if (e.code = 401) {}", "/* `a` */ 7700201",
                 "`a`; `b\n 401 `\nx = 401;", "s = 'a `b` c\\\n 401'; 7700201", "`$` + `${}` + 7700201"]:
        for lang in ("ets", "cpp"):
            assert_same(text, lang, catalog)

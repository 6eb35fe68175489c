"""The lexer's table (`scan.lexer.TOKENS`) and its driver: properties a wrong row would break."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ohos_errcode.catalog.scan import START, lex_line, lex_lines, split_lines
from ohos_errcode.catalog.scan.lexer import TOKENS, raw_state

# pieces for every state and every row (openers, closers, escapes, numbers, a regex literal, a
# preprocessor line, raw strings and their prefixes)
PIECES = [
    "'", '"', "`", "${", "{", "}", "//", "/*", "*/", "/", "\\", "\\\\", "#", "#define X ", "  #if 1 \\", "$", "*",
    "R\"x(", ")x\"", "R\"(", ")\"", "u8R\"(", "LR\"ab(", ")ab\"", "xR\"(", "401", "0x401", "0755", "62_980_096",
    "7'700'201", "1.5", "12u", "10n", "-", "= ", "return ", "x = /a[/]b/g;", "a / b", "(", ")", "[", "]", " ", "\t",
    "ERROR_CODE801", "错误码401", "😀", "\u2028", "\x0c", "\n", "\r\n",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=40).map("".join)
LANGS = st.sampled_from(["arkts", "c"])

STATES = {**TOKENS, "raw string )x\"": raw_state("x"), "raw string )\"": raw_state("")}
ROWS = [(name, i, row) for name, state in STATES.items() for i, row in enumerate(state.rows)]


@pytest.mark.parametrize(("state", "index", "row"), ROWS, ids=[f"{s}:{i}" for s, i, _ in ROWS])
@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_every_token_of_a_row_starts_with_one_of_its_first_characters(state, index, row, text):
    # the search of a state looks only at its rows' first characters: a token starting elsewhere
    # would never be found
    first = re.compile(f"[{row.first}]")
    for m in re.compile(row.pattern).finditer(text):
        assert first.match(text, m.start()), (row, text, m.start())
    start = STATES[state].line_start
    if start is not None and re.match(start.pattern, text):
        assert re.search(f"[{start.needs}]", text)


# what lies between two segments of a line: an opener or a closer, never content
DELIMITERS = re.compile(r"//|/\*|\*/|['\"`]|\$\{|\}|(?:u8|[uUL])?R\"[^()\\\s\"]{0,16}\(|\)[^()\\\s\"]{0,16}\"")


@settings(max_examples=400, deadline=None)
@given(text=texts, lang=LANGS)
def test_segments_cover_the_line_but_for_its_delimiters(text, lang):
    state = START
    for line in split_lines(text)[0]:
        raws, segs, state = lex_line(line, state, lang)
        assert segs[0][0] == 0 and segs[-1][1] == len(line)
        for (s0, e0, c0), (s1, e1, c1) in zip(segs, segs[1:]):
            gap = line[e0:s1]
            assert s0 <= e0 < s1 <= e1 and DELIMITERS.fullmatch(gap), (line, segs)
            if gap in ("//", "/*"):
                assert c0 in ("code", "preprocessor") and c1 == "comment"
            elif gap == "*/":
                assert c0 == "comment" and c1 != "comment"
            elif gap in ("${", "}"):
                assert {c0, c1} == {"string", "code"}
            else:
                assert "string" in (c0, c1) and "comment" not in (c0, c1)
        for r in raws:  # every literal lies in a segment of its context
            assert any(s <= r.start and r.end <= e and c == r.context for s, e, c in segs), (line, r.key(), segs)


@settings(max_examples=200, deadline=None)
@given(text=texts, lang=LANGS, cand_only=st.booleans(), literals=st.booleans())
def test_a_whole_file_lexes_as_its_lines_one_after_another(text, lang, cand_only, literals):
    lines = split_lines(text)[0]
    whole = [(sorted(r.key() for r in raws) if literals else None, segs, after)
             for raws, segs, after in lex_lines(lines, lang, START, cand_only, literals)]
    state = START
    for line, got in zip(lines, whole, strict=True):
        raws, segs, state = lex_line(line, state, lang, cand_only, literals)
        assert got == (sorted(r.key() for r in raws) if literals else None, segs, state)


@pytest.mark.parametrize(
    ("line", "lang", "segments", "after"),
    [
        # every state entered and left on one line
        ("a = '401' + \"x\" // 7700201", "arkts",
         [(0, 4, "code"), (5, 8, "string"), (9, 12, "code"), (13, 14, "string"), (15, 16, "code"),
          (18, 26, "comment")], START),
        ("x = `t ${f({a: 1})} ${`in ${y}`}` /* c */ y", "arkts",
         [(0, 4, "code"), (5, 7, "string"), (9, 18, "code"), (19, 20, "string"), (22, 22, "code"),
          (23, 26, "string"), (28, 29, "code"), (30, 30, "string"), (31, 31, "code"), (32, 32, "string"),
          (33, 34, "code"), (36, 39, "comment"), (41, 43, "code")], START),
        ("r = /'[/]'/g; s = 'q'", "arkts", [(0, 18, "code"), (19, 20, "string"), (21, 21, "code")], START),
        ('auto s = u8R"d(a")d" + 1; /* open', "c",
         [(0, 9, "code"), (15, 17, "string"), (20, 26, "code"), (28, 33, "comment")],
         ("block comment", (), False, "")),
        ("  #define E 401 /* \\", "c", [(0, 16, "preprocessor"), (18, 20, "comment")],
         ("block comment", (), True, "")),
        ("x = 'open \\", "arkts", [(0, 4, "code"), (5, 11, "string")], ("'", (), False, "")),
        ('s = R"x(raw', "c", [(0, 4, "code"), (8, 11, "string")], ("raw string", (), False, "x")),
    ],
)
def test_segments_and_state_after_a_line(line, lang, segments, after):
    assert lex_line(line, START, lang)[1:] == (segments, after)

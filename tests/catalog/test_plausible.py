"""The code policy, written once: what a literal's verdict must be for it to count (`need`), and
the one-shot analysis judging only the literals (and rows) that can make a finding."""

from __future__ import annotations

import pytest

from ohos_errcode.catalog.analyze import DocumentAnalysis, analyze
from ohos_errcode.catalog.model import Position, Range
from ohos_errcode.catalog.scan import Literal, counts_as_code


def lit(value: int, ec: bool, reason: str, context: str = "code", quoted: bool = False) -> Literal:
    return Literal(str(value), value, Range(Position(0, 0), Position(0, len(str(value)))), context, ec, 10, quoted,
                   "", reason)


@pytest.mark.parametrize("value, ec, reason, context, quoted, expected", [
    (7700201, False, "", "code", False, "known"),  # a known 7+-digit code: wherever it stands
    (7700201, False, "", "string", True, None),  # … but a string only in an error context
    (7700201, True, "compare", "string", True, "known"),
    (401, False, "", "code", False, None),  # a shorter known code: only in an error context
    (401, True, "definition", "code", False, "known"),
    (401, True, "compare-weak", "code", False, "known"),
    (7700210, True, "compare-weak", "code", False, "unknown"),  # a known family's typo: even weakly
    (7700210, True, "pair-weak", "code", False, None),  # … not beside a name that says what it is
    (14800001, True, "compare", "code", False, "unknown"),  # 7-10 digits of a kit not loaded: firm only
    (14800001, True, "compare-weak", "code", False, None),
    (14800001, True, "definition", "code", False, None),
    (14800001, False, "", "code", False, None),
    (12345678901, True, "compare", "code", False, None),  # 11 digits: no kit's
    (-14800001, True, "compare", "code", False, None),  # an unknown negative number
    (402, True, "compare", "code", False, "unknown"),  # a near miss of 401
    (402, True, "definition", "code", False, None),
    (4001, True, "compare", "code", False, None),  # 4-6 digits unknown: not a code
    (7700201, True, "throws", "comment", False, None),  # comments never count
    (99, True, "compare", "code", False, None),
])
def test_counts_as_code(catalog, value, ec, reason, context, quoted, expected):
    assert counts_as_code(lit(value, ec, reason, context, quoted), catalog) == expected


@pytest.mark.parametrize("src, lang, found", [
    # a definition of a 7-10-digit code: judged only where a row that can make it count may look
    ("const ERR_NOT_FOUND = 14800001;\nif (err.code == 14800001) {}\nconst x = 14800001 + 1;\n", "ets",
     [("unknown-error-code", 1, 14800001)]),
    ("#define ERR_X 14800001\nif (ret = 402) {}\nint y = {402, 7700201};\n", "cpp",
     [("assignment-in-condition", 1, 402), ("unknown-error-code", 1, 402), ("unknown-error-code", 2, 402),
      ("known-error-code", 2, 7700201)]),
    ("static const uint8_t T[] = { 201, 38, 402, 7700201, 14800001 };\nEXPECT_EQ(ret, 14800001);\n", "cpp",
     [("known-error-code", 0, 7700201), ("unknown-error-code", 1, 14800001)]),
    ("let a = [14800001, 402,\n  401];\nif (e.code = 14800001) {}\nswitch (err.code) { case 14800001: break; }\n", "ets",
     [("assignment-in-condition", 2, 14800001), ("unknown-error-code", 2, 14800001), ("unknown-error-code", 3, 14800001)]),
])
def test_the_one_shot_analysis_finds_what_the_editor_finds(catalog, src, lang, found):
    got = analyze(src, lang, catalog)
    assert [(f.rule, f.range.start.line, f.code) for f in got] == found
    assert got == DocumentAnalysis(src, lang, catalog).findings

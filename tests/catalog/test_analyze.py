"""Findings and fixes: exact messages, ranges, severities and replacement edits."""

from __future__ import annotations

import pytest

from ohos_errcode.catalog import Catalog, Entry, Fix, Position, Range, Severity
from ohos_errcode.catalog.analyze import RULES, AnalyzeOptions, DocumentAnalysis, analyze

SHARED_DATA = "needs ../shared/ohos-docs beside the checkout"


def rows(findings):
    return [(f.rule, f.range, f.severity, f.message) for f in findings]


# ---------------------------------------------------------------- unknown codes
def test_unknown_code_with_one_suggestion(catalog):
    (f,) = analyze("if (err.code === 62980999) {}", "ets", catalog)
    assert (f.rule, f.range, f.severity, f.code) == ("unknown-error-code", Range.of(0, 17, 25), Severity.WARNING, 62980999)
    assert f.message == "Unknown error code 62980999 — did you mean 62980099 (Data Error in the Shared Memory)?"
    assert f.fixes == (Fix("Replace with 62980099 (Data Error in the Shared Memory)", Range.of(0, 17, 25), "62980099", True),)
    assert f.entries == ()
    assert f.url.startswith("https://") and "errorcode-image.md#" in f.url


def test_unknown_code_with_several_suggestions_has_no_preferred_fix(catalog):
    (f,) = analyze("expect(err.code).assertEqual(62980191);", "ets", catalog)
    assert f.message == ("Unknown error code 62980191 — did you mean 62980171 (Media Dencode Icc Failed), "
                         "62980161 (Rtsp Adapter Not Init) or 62980151 (Create Codec Adapter Failed)?")
    assert [(x.new_text, x.preferred) for x in f.fixes] == [("62980171", False), ("62980161", False), ("62980151", False)]


def test_unknown_code_with_two_suggestions():
    cat = Catalog([
        Entry(62980099, "apis-image-kit", "Image Kit", "Data Error in the Shared Memory"),
        Entry(62980199, "apis-image-kit", "Image Kit", "Other"),
    ])
    (f,) = analyze("if (e.code == 62980999) {}", "ets", cat)
    # the catalog ranks suggestions (same kind of typo: the nearer number first)
    assert f.message == ("Unknown error code 62980999 — did you mean 62980199 (Other) "
                         "or 62980099 (Data Error in the Shared Memory)?")
    assert [x.preferred for x in f.fixes] == [False, False]


def test_unknown_code_without_suggestion(catalog):
    (f,) = analyze("if (err.code == 7700299) {}", "ets", catalog)
    assert (f.message, f.fixes) == ("Unknown error code 7700299", ())


def test_unknown_short_code_in_an_error_context(catalog):
    (f,) = analyze("if (err.code === 402) {}", "ets", catalog)
    assert f.message == ("Unknown error code 402 — did you mean 401 (Parameter Check Failed) "
                         "or 202 (System API Called by a Non-system Application)?")


def test_plain_code_variable_still_checks_long_codes(catalog):
    fs = analyze("if (code === 62980999) {}\nif (201 === code) {}", "ets", catalog)
    assert [(f.rule, f.code) for f in fs] == [("unknown-error-code", 62980999), ("known-error-code", 201)]


def test_unknown_code_in_a_string_keeps_the_quotes(catalog):
    (f,) = analyze("expect(error.code).assertEqual('62980999');", "ets", catalog)
    assert f.range == Range.of(0, 32, 40)
    assert f.fixes[0].new_text == "62980099" and f.fixes[0].range == Range.of(0, 32, 40)


def test_suffix_is_kept_by_the_fix(catalog):
    (f,) = [f for f in analyze("if (ret == 62980999L) {}", "cpp", catalog) if f.rule == "unknown-error-code"]
    assert f.fixes[0].new_text == "62980099L" and f.range == Range.of(0, 11, 20)


@pytest.mark.parametrize("src", [
    "let big = 62980999;",  # unknown long number outside an error context
    "if (err.code === 0) {}",  # success
    "if (ret == -1) {}",
    "if (code == -201) {}",  # a web net error
    "if (err.code === 12345) {}",
    "if (err.code === 2017) {}",  # 4-6 digits: no kit uses them
    "if (res.code === 200) {}",  # a backend JSON reply, not an error object
    "let code = response.responseCode;\nif (code === 200) {}\nswitch (code) { case 404: break; }",
    "// if (err.code === 62980999)",
    "log('if (err.code === 62980999)');",
    "if (response.status === 404) {}",
])
def test_no_unknown_code_warning(src, catalog):
    assert [f for f in analyze(src, "ets", catalog) if f.rule == "unknown-error-code"] == []


def test_code_of_a_kit_not_loaded_is_a_hint_not_a_typo(catalog):
    # Bundle Manager's 17700101 holds Image Kit's 7700101: not a typo of it, a code whose page is not loaded
    (f,) = analyze("if (err.code === 17700101) {}", "ets", catalog)
    assert (f.rule, f.severity, f.range, f.fixes) == ("unknown-error-code", Severity.HINT, Range.of(0, 17, 25), ())
    assert f.message == ("Error code 17700101 is not in the loaded reference pages: add its kit's page with "
                         "`--docs` or run `errcode catalog update`")


def test_newer_sdk_codes_from_the_known_codes_table_are_known(catalog):
    fs = analyze("const PARA_ERROR_CODE = 7700204;\nif (e.code == 7600104) {}\nif (e.code == 7900201) {}", "ets", catalog)
    assert [(f.rule, f.code) for f in fs] == [("known-error-code", 7700204), ("known-error-code", 7600104),
                                             ("known-error-code", 7900201)]


# ---------------------------------------------------------------- known codes
def test_known_code_information(catalog):
    (f,) = analyze("if (err.code === 7700201) {}", "ets", catalog)
    assert rows([f]) == [("known-error-code", Range.of(0, 17, 24), Severity.INFORMATION,
                          "7700201: Unsupported Memory Allocation Type (Image Kit)")]
    assert f.entries[0].code == 7700201 and f.url == f.entries[0].url and f.fixes == ()


def test_known_long_code_counts_anywhere_in_code_short_only_in_error_context(catalog):
    src = "let x = [62980115, 401];\nText('a').width(401)\nif (err.code == 401) {}"
    assert [(f.code, f.range.start.line) for f in analyze(src, "ets", catalog)] == [(62980115, 0), (401, 2)]


def test_known_severity_option(catalog):
    src = "if (err.code === 7700201) {}\nif (err.code === 62980999) {}"
    hint = analyze(src, "ets", catalog, AnalyzeOptions(known_severity=Severity.HINT))
    assert [(f.rule, f.severity) for f in hint] == [("known-error-code", Severity.HINT),
                                                    ("unknown-error-code", Severity.WARNING)]
    off = analyze(src, "ets", catalog, AnalyzeOptions(known_severity=None))
    assert [f.rule for f in off] == ["unknown-error-code"]


def test_all_meanings_when_kits_collide():
    cat = Catalog([
        Entry(401, "reference", "Universal", "Parameter Check Failed"),
        Entry(401, "apis-ads-kit", "Ads Kit", "Incorrect Ads Request Parameter"),
    ])
    (f,) = analyze("if (err.code === 401) {}", "ets", cat)
    assert f.message == "401: Parameter Check Failed (Universal); Incorrect Ads Request Parameter (Ads Kit)"
    assert [e.kit for e in f.entries] == ["reference", "apis-ads-kit"]


def test_kit_hint_puts_the_hinted_kit_first():
    cat = Catalog([
        Entry(62980096, "apis-other-kit", "Other Kit", "Other Meaning"),
        Entry(62980096, "apis-image-kit", "Image Kit", "Operation Failed"),
    ])
    plain = analyze("x = 62980096;", "ets", cat, AnalyzeOptions(kit_hint="apis-other-kit"))
    assert plain[0].message == "62980096: Other Meaning (Other Kit); Operation Failed (Image Kit)"
    hinted = analyze("import image from '@ohos.multimedia.image';\nx = 62980096;", "ets", cat)
    assert hinted[0].message == "62980096: Operation Failed (Image Kit); Other Meaning (Other Kit)"


def test_real_pages_collide_on_401(full_catalog):
    (f,) = analyze("if (err.code === 401) {}", "ets", full_catalog)
    assert f.message.startswith("401: Parameter Check Failed (Universal); ")
    assert "Incorrect Ads Request Parameter" in f.message
    assert len(f.entries) == len(full_catalog.lookup(401)) >= 2


def test_c_known_literal_offers_its_named_constant(catalog):
    src = "int z = 7600301;\nif (ret == 401) {}\nIMAGE_ALLOC_FAILED = 7600301,\n#define MY 7600301\nconst int32_t ERR_A = 7600301;"
    fs = analyze(src, "cpp", catalog)
    assert [(f.range.start.line, f.fixes) for f in fs] == [
        (0, (Fix("Replace with IMAGE_ALLOC_FAILED", Range.of(0, 8, 15), "IMAGE_ALLOC_FAILED", False),)),
        (1, (Fix("Replace with IMAGE_BAD_PARAMETER", Range.of(1, 11, 14), "IMAGE_BAD_PARAMETER", False),)),
        (2, ()),  # the definition itself
        (3, ()),  # preprocessor
        (4, ()),  # a constant definition
    ]


def test_arkts_known_literal_has_no_named_constant_fix(catalog):
    (f,) = analyze("let z = 7600301;", "ets", catalog)
    assert f.fixes == ()


def test_comments_and_plain_strings_give_no_findings(catalog):
    src = "// 62980115 and 62980999\n/* if (err.code === 401) */\nlog('Error is 62980108.');\nlet s = '62980115';"
    assert analyze(src, "ets", catalog) == []


# ---------------------------------------------------------------- assignment in a condition
def test_assignment_in_condition_arkts(catalog):
    src = "      if (exception.code = 801) {"
    fs = analyze(src, "ets", catalog)
    assert rows(fs) == [
        ("assignment-in-condition", Range.of(0, 10, 30), Severity.WARNING, "Assignment in a condition: did you mean `===`?"),
        ("known-error-code", Range.of(0, 27, 30), Severity.INFORMATION, "801: API Not Supported (Universal)"),
    ]
    assert fs[0].fixes == (Fix("Replace `=` with `===`", Range.of(0, 25, 26), "===", True),)


def test_assignment_in_condition_else_if_and_c(catalog):
    (f, _) = analyze("} else if(exception.code = 401) {", "ets", catalog)
    assert f.rule == "assignment-in-condition" and f.fixes[0].range == Range.of(0, 25, 26)
    (f, _) = analyze("if (ret = 401) {", "c", catalog)
    assert f.message == "Assignment in a condition: did you mean `==`?"
    assert f.fixes == (Fix("Replace `=` with `==`", Range.of(0, 8, 9), "==", True),)


def test_plain_assignment_is_not_a_condition(catalog):
    assert [f.rule for f in analyze("exception.code = 801;\nlet ok = (x == 1);", "ets", catalog)] == []


# ---------------------------------------------------------------- rules, robustness, incremental
def test_rules_table():
    assert set(RULES) == {"unknown-error-code", "known-error-code", "assignment-in-condition", "code-not-thrown-here"}
    assert RULES["code-not-thrown-here"].default_severity == Severity.HINT
    assert RULES["unknown-error-code"].default_severity == Severity.WARNING
    assert RULES["known-error-code"].default_severity == Severity.INFORMATION
    assert RULES["assignment-in-condition"].name == "AssignmentInCondition"
    for rid, info in RULES.items():
        assert info.id == rid and info.short and info.help and info.help_uri.startswith("https://")


def test_bad_input_gives_no_findings_and_no_crash(catalog):
    assert analyze("", "ets", catalog) == []
    assert analyze("\x00\xff\ud800", "c", catalog) == []
    assert analyze("if (err.code === 62980115) {}", None, catalog)[0].code == 62980115


def test_document_analysis_tracks_edits(catalog):
    doc = DocumentAnalysis("let a = 1;\nif (err.code === 62980115) {}\n", "ets", catalog)
    assert [f.rule for f in doc.findings] == ["known-error-code"]
    doc.apply_edit(Range.of(1, 22, 23), "9")  # 62980115 -> 62980195
    assert [(f.rule, f.range) for f in doc.findings] == [("unknown-error-code", Range.of(1, 17, 25))]
    doc.apply_edit(Range.of(0, 0, 0), "\n\n")
    assert [f.range.start.line for f in doc.findings] == [3]
    assert doc.findings[0].fixes[0].range.start.line == 3
    doc.set_options(AnalyzeOptions(known_severity=None))
    doc.apply_edit(Range.of(3, 22, 23), "1")
    assert doc.findings == []
    assert doc.text == "\n\nlet a = 1;\nif (err.code === 62980115) {}\n"


def test_document_queries_by_position_and_line_span(catalog):
    src = "const PARA_ERROR_CODE = 7700204;\nif (e.code == PARA_ERROR_CODE) {}\n// 401\nif (err.code === 62980999) {}"
    doc = DocumentAnalysis(src, "ets", catalog)
    assert doc.literal_at(Position(0, 26)).value == 7700204
    assert doc.literal_at(Position(2, 4)).context == "comment"
    assert doc.literal_at(Position(1, 2)) is None and doc.literal_at(Position(99, 0)) is None
    assert doc.name_at(Position(1, 16)).value == 7700204
    assert [l.value for l in doc.literals_in(1, 2)] == [401]
    assert [n.range.start.line for n in doc.names_in(0, 1)] == [0, 1]
    assert [f.rule for f in doc.findings_in(3, 3)] == ["unknown-error-code"]
    assert doc.kit_hint is None and doc.hint is None

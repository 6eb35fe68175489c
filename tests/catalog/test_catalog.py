"""The Catalog and its one query function, on the bundled catalog and on ../shared pages."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ohos_errcode.catalog import Catalog
from ohos_errcode.catalog.numbers import parse_number
from ohos_errcode.catalog.seed import bundled_entries, bundled_page_path


# ---------------------------------------------------------------- the bundled catalog
def test_bundled_page_has_65_entries_and_known_codes_fill_the_rest(catalog):
    page = [e for e in catalog.entries if e.origin == "page"]
    assert len(page) == 65
    assert {e.kit for e in page} == {"apis-image-kit"}
    facts_only = sorted(e.code for e in catalog.entries if e.origin == "known-codes")
    # 160 known Image Kit codes, 65 on the page; 401 and 202 are universal codes (C names attach there).
    assert len(facts_only) == 160 - 65 - 1
    assert 7600105 in facts_only and 7700304 in facts_only and 7900201 in facts_only
    assert sorted(e.code for e in catalog.entries if e.origin == "builtin") == [201, 202, 203, 401, 801]


def test_snapshot_of_the_bundled_catalog_is_in_step(catalog):
    """`errcode explain` loads catalog/data/bundled-catalog.marshal; it must equal a fresh build."""
    from ohos_errcode.catalog.bundled import bundled_layer, snapshot_fingerprint

    snap = bundled_layer()
    assert snap is not None, "stale or missing snapshot: run scripts/build_bundled.py"
    assert snap.info_part("fingerprint") == snapshot_fingerprint(), "stale snapshot: run scripts/build_bundled.py"
    fresh = Catalog.load(snapshot=False)
    assert fresh.errors == ()
    saved = sorted(snap.all_entries(), key=lambda e: (e.kit, e.code))
    assert saved == sorted(fresh.entries, key=lambda e: (e.kit, e.code))
    assert (snap.symbols, snap.symbol_of) == (fresh.symbols(), fresh.symbol_map())
    assert sorted(catalog.entries, key=lambda e: (e.kit, e.code)) == saved


def test_bundled_page_parses_cleanly():
    entries, errors = bundled_entries()
    assert errors == [] and len(entries) == 65
    assert all(e.source == str(bundled_page_path()) and e.line > 0 for e in entries)


def test_lookup_7700201(catalog):
    [e] = catalog.lookup(7700201)
    assert e.title == "Unsupported Memory Allocation Type"
    assert e.kit_name == "Image Kit"
    assert e.url.endswith("errorcode-image.md#7700201-unsupported-memory-allocation-type")
    assert e.symbols == ("IMAGE_SOURCE_UNSUPPORTED_ALLOCATOR_TYPE",)
    assert e.since == "15"
    assert e.known_from[0] == "seed"


def test_a_lookup_answer_is_the_callers_own():
    """Answers are remembered per (code, kit hint, language): what a caller does to its list does
    not change the next answer."""
    from ohos_errcode.catalog import Catalog

    cat = Catalog.load([], lang="en")
    first = cat.lookup(7700201)
    assert [e.title for e in first] == ["Unsupported Memory Allocation Type"]
    first.clear()
    again = cat.lookup(7700201)
    assert [e.title for e in again] == ["Unsupported Memory Allocation Type"]
    assert again is not cat.lookup(7700201)


@pytest.mark.parametrize(
    "query, code",
    [
        ("7700201", 7700201),
        ("007700201", 7700201),
        ("-62980096", -62980096),
        ("0x3C10000", 0x3C10000),
        ("62_980_096", 62980096),
        ("IMAGE_ALLOC_FAILED", 7600301),
        ("IMAGE_SOURCE_UNSUPPORTED_ALLOCATOR_TYPE", 7700201),
        ("IMAGE_RESULT_BASE + 5", 62980101),
        ("IMAGE_RESULT_BASE+5", 62980101),
        ("BASE_MEDIA_ERR_OFFSET + 19", 62980115),
    ],
)
def test_every_query_form_resolves(catalog, query, code):
    [a] = catalog.query(query)
    assert a.code == code
    assert a.query == query.strip()


def test_hex_is_a_number_only_when_written_so(catalog):
    [a] = catalog.query("0x3C10000")
    assert a.kind == "code" and a.code == 62980096 and a.entries[0].title == "Operation Failed"
    [b] = catalog.query("3C10000")  # not hex without 0x, and not a name: free text
    assert b.kind == "text"


def test_negative_code_falls_back_to_its_magnitude(catalog):
    [a] = catalog.query("-62980096")
    assert a.code == -62980096
    assert [e.code for e in a.entries] == [62980096]


def test_several_codes_in_one_sentence(catalog):
    answers = catalog.query("what is 7700201 and 62980097?")
    assert [(a.query, a.code) for a in answers] == [("7700201", 7700201), ("62980097", 62980097)]
    assert answers[1].entries[0].title == "PixelMap Serialization Failed"


def test_small_numbers_in_a_sentence_are_not_codes(catalog):
    answers = catalog.query("since API 12 I get 7700201 on step 2")
    assert [a.code for a in answers] == [7700201]


def test_duplicates_in_a_question_answered_once(catalog):
    assert [a.code for a in catalog.query("7700201, 7700201 again")] == [7700201]


@pytest.mark.parametrize(
    "typo, expected",
    [
        ("62980999", [62980099]),  # one digit wrong
        ("7700210", [7700201]),  # two digits swapped
        ("770201", [7700201]),  # a digit missing
        ("77002011", [7700201]),  # a digit extra
    ],
)
def test_did_you_mean(catalog, typo, expected):
    [a] = catalog.query(typo)
    assert not a.entries
    got = [e.code for e in a.suggestions]
    assert got == expected


def test_did_you_mean_message(catalog):
    from ohos_errcode.catalog import render

    [a] = catalog.query("62980999")
    assert render.unknown_text(a) == "Unknown error code 62980999 — did you mean 62980099 (Data Error in the Shared Memory)?"


def test_known_codes_are_never_typos(catalog):
    for code in (7600105, 7700304, 7700204, 7800202, 7900201, 62980127):
        assert catalog.is_known(code)
        assert catalog.suggest(code) == []


def test_a_facts_only_code_says_which_source_knows_it(catalog):
    [e] = catalog.lookup(7600105)
    assert e.origin == "known-codes"
    assert e.title == "PixelMap Object Has Been Released"
    assert e.notes[0] == "Not in the loaded reference pages. Known from a newer Image Kit reference page (90 codes)."
    [e] = catalog.lookup(7600304)
    assert e.title == "Init Failed"
    assert "the C header image_common.h as IMAGE_INIT_FAILED (API 22)" in e.notes[0]
    assert "derived from the C name" in e.notes[1]


def test_page_and_header_disagreement_shows_both(catalog):
    [e] = catalog.lookup(62980259)
    assert e.title == "Incorrect Configuration"
    assert "IMAGE_RESULT_FREAD_FAILED" in e.symbols
    assert "IMAGE_RESULT_FREAD_FAILED" in e.conflicts[0] and "62980249" in e.conflicts[0]


def test_universal_codes_built_in_with_c_names(catalog):
    [e] = catalog.lookup(401)
    assert (e.kit, e.title, e.origin) == ("reference", "Parameter Check Failed", "builtin")
    assert e.symbols[0] == "IMAGE_BAD_PARAMETER"
    assert catalog.symbol_for(401) == "IMAGE_BAD_PARAMETER"
    assert catalog.symbol_for(7600301) == "IMAGE_ALLOC_FAILED"
    assert catalog.symbol_for(62980096) == "IMAGE_RESULT_BASE"


def test_free_text_search_english(catalog):
    hits = catalog.search("shared memory")
    assert hits[0].entry.code in (62980098, 62980099)
    assert {62980098, 62980099} <= {h.entry.code for h in hits[:3]}


def test_free_text_search_mixed_words(catalog):
    hits = catalog.search("unsupported allocator hdr")
    assert hits[0].entry.code == 7700201


def test_free_text_search_chinese_through_the_glossary(catalog):
    hits = catalog.search("共享内存")
    assert {62980098, 62980099} <= {h.entry.code for h in hits[:3]}


def test_free_text_search_reads_a_bounded_prefix(catalog):
    """A pasted 40,000-character log costs no more than its first 500 characters."""
    text = "the decoder keeps failing on shared memory buffers, then the allocator gives up " * 500
    assert catalog.search(text) == catalog.search(text[:500])
    [a] = catalog.query(text)
    assert a.kind == "text" and a.hits == tuple(catalog.search(text[:500])) and a.hits


def test_query_free_text_answer(catalog):
    [a] = catalog.query("shared memory")
    assert a.kind == "text" and a.code is None
    assert a.hits[0].entry.code in (62980098, 62980099)


def test_unknown_name_suggests_close_names(catalog):
    [a] = catalog.query("IMAGE_ALOC_FAILED")
    assert a.kind == "symbol" and a.code is None
    assert a.suggestions[0].code == 7600301


def test_match_kit(catalog):
    assert catalog.match_kit("image") == "apis-image-kit"
    assert catalog.match_kit("Image Kit") == "apis-image-kit"
    assert catalog.match_kit("universal") == "reference"
    assert catalog.match_kit("nope") is None


@pytest.mark.parametrize("text, value", [("7'700'201", 7700201), ("0x3c10000", 62980096), ("-1", -1), ("abc", None)])
def test_parse_number(text, value):
    assert parse_number(text) == value


# ---------------------------------------------------------------- with ../shared pages
def test_collisions_return_every_meaning_labelled(full_catalog):
    entries = full_catalog.lookup(401)
    assert [(e.kit, e.title) for e in entries] == [
        ("reference", "Parameter Check Failed"),
        ("apis-ads-kit", "Incorrect Ads Request Parameter"),
    ]
    assert entries[0].origin == "page"  # the loaded universal page takes precedence over the built-in text
    kits = {e.kit for e in full_catalog.lookup(2300007)}
    assert kits == {"apis-network-kit", "apis-core-file-kit", "apis-notification-kit"}


def test_kit_hint_puts_that_kit_first(full_catalog):
    assert full_catalog.lookup(401, kit_hint="apis-ads-kit")[0].kit == "apis-ads-kit"


def test_chinese_pages_answer_in_chinese_when_asked(full_catalog):
    [en] = full_catalog.lookup(62980113)
    [zh] = full_catalog.lookup(62980113, lang="zh-cn")
    assert en.language == "en" and zh.language == "zh-cn"
    assert zh.title == "图片未知格式。"
    hits = full_catalog.search("共享内存", lang="zh-cn")
    assert hits[0].entry.language == "zh-cn" and hits[0].entry.code in (62980098, 62980099)
    # every hit that has a Chinese copy is shown in Chinese, whichever copy scored higher
    zh_codes = {e.code for e in full_catalog.entries if e.language == "zh-cn" and e.kit == "apis-image-kit"}
    assert all(h.entry.language == "zh-cn" for h in hits if h.entry.kit == "apis-image-kit" and h.entry.code in zh_codes)
    assert any(h.entry.code == 62980173 for h in full_catalog.search("DMA memory", lang="zh-cn"))


def test_user_pages_override_the_bundled_page(shared_dir):
    variant = shared_dir / "ohos-docs/en/variants/openharmony-rs-119587e5/errorcode-image.md"
    cat = Catalog.load([variant])
    [e] = cat.lookup(62980123)
    assert e.title == "Exif Decoding Not Supported"
    [e] = cat.lookup(7600204)
    assert e.origin == "page"


def test_broken_pages_are_errors_and_the_rest_still_load(tmp_path, shared_dir):
    (tmp_path / "errorcode-binary.md").write_bytes(b"\x00\xff\xfe binary \x00")
    (tmp_path / "errorcode-ok.md").write_text("# OK Error Codes\n\n## 1234567 Fine\n\n**Error Message**\n\nFine.\n")
    cat = Catalog.load([tmp_path, tmp_path / "missing"])
    assert cat.lookup(1234567)[0].title == "Fine"
    msgs = [str(e) for e in cat.errors]
    assert any("errorcode-binary.md" in m for m in msgs)
    assert any("missing" in m and "no such file" in m for m in msgs)
    assert len(cat.lookup(7700201)) == 1


# ---------------------------------------------------------------- properties
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_query_never_raises(text):
    cat = _CAT()
    answers = cat.query(text)
    assert isinstance(answers, list)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"(what is )?(-?0x[0-9A-F]{1,8}|-?\d{1,12}|IMAGE_[A-Z_]{1,20}( \+ \d{1,3})?)( and \d{3,9})?\??", fullmatch=True))
def test_query_never_raises_on_code_like_text(text):
    assert isinstance(_CAT().query(text), list)


_cache: list[Catalog] = []


def _CAT() -> Catalog:
    if not _cache:
        _cache.append(Catalog.load())
    return _cache[0]


def test_numbers_past_the_int_conversion_limit_are_unknown_and_the_rest_still_answered(catalog):
    huge = "9" * 5000
    assert [(a.query, a.code, a.found) for a in catalog.query(huge)] == [(huge, None, False)]
    answers = catalog.query(f"what are 7700201, {huge}, IMAGE_RESULT_BASE + {'1' * 5000} and 0x{'F' * 5000}?")
    assert [(a.kind, a.code, a.found) for a in answers] == [
        ("code", 7700201, True), ("code", None, False), ("expression", None, False), ("code", None, False)]
    assert catalog.resolve_expression(f"IMAGE_RESULT_BASE + {'1' * 5000}") is None


def test_the_compiled_bundled_catalog_is_trusted_only_while_it_is_newer_than_its_inputs(monkeypatch):
    """A stat of each input, not a checksum of all of them, when none changed since the build;
    once one is newer (edited), the fingerprint decides, and a stale file is not used."""
    import time

    from ohos_errcode.catalog import bundled

    path = bundled.bundled_snapshot_path()
    st = os.stat(path)
    monkeypatch.setattr(bundled, "snapshot_fingerprint", lambda: "not this build")
    try:
        os.utime(path, ns=(st.st_atime_ns, time.time_ns() + 10**10))  # newer than every input
        assert bundled.written_after_its_inputs(path) and bundled.bundled_layer() is not None
        os.utime(path, ns=(st.st_atime_ns, 0))  # older than its inputs: as if one was edited since
        assert not bundled.written_after_its_inputs(path) and bundled.bundled_layer() is None
    finally:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))

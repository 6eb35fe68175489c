"""The Markdown page parser: the bundled seed page and one small fixture page per format variation
(docs/catalog-format.md describes them).  Fixtures are written for these tests; none is a copy of a real page."""

from __future__ import annotations

from pathlib import Path

import pytest

from ohos_errcode.catalog.model import Entry, LoadError
from ohos_errcode.catalog.parse import find_pages, heading_codes, parse_page, read_page, slugify

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "catalog" / "data" / "errorcode-image.md"
PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
GITEE = "https://gitee.com/openharmony/docs/blob/master"
IMAGE_PAGE = f"{GITEE}/en/application-dev/reference/apis-image-kit/errorcode-image.md"


def page(name: str) -> tuple[list[Entry], list]:
    return read_page(PAGES / name)


def by_code(entries: list[Entry]) -> dict[int, Entry]:
    return {e.code: e for e in entries}


def one(entries: list[Entry], code: int) -> Entry:
    found = [e for e in entries if e.code == code]
    assert len(found) == 1, f"{code}: {len(found)} entries"
    return found[0]


# ------------------------------------------------------------------------------------ the seed
@pytest.fixture(scope="module")
def seed() -> list[Entry]:
    entries, errors = parse_page(SEED.read_text(encoding="utf-8"), str(SEED), kit="apis-image-kit",
                                 kit_name="Image Kit", language="en")
    assert errors == []
    return entries


def test_seed_has_65_complete_entries(seed):
    assert len(seed) == 65
    assert len({e.code for e in seed}) == 65
    for e in seed:
        assert e.title and e.message, e.code
        assert isinstance(e.causes, tuple) and e.causes, e.code
        assert e.solutions, e.code
        assert e.url.startswith(IMAGE_PAGE + "#"), e.url
        assert e.kit == "apis-image-kit" and e.kit_name == "Image Kit" and e.language == "en"
        assert e.origin == "page" and e.known_from == ("page:errorcode-image.md",)
        assert not e.system_only and not e.deprecated


def test_seed_order_and_lines(seed):
    assert [e.code for e in seed[:3]] == [501, 62980096, 62980097]
    assert seed[0].line == 13
    assert one(seed, 7700101).line == 839


def test_seed_501(seed):
    e = one(seed, 501)
    assert e.title == "API Call Failed"
    assert e.message == "Resource unavailable."
    assert e.description == ""
    assert e.causes == ("The image is transferred across threads, and the original object cannot call the API.",)
    assert e.solutions == ("Check the image and follow the instructions to decode it.",)
    assert e.notes == ()
    assert e.url == IMAGE_PAGE + "#501-api-call-failed"
    assert e.source == str(SEED)


def test_seed_62980096_causes_are_list_items(seed):
    e = one(seed, 62980096)
    assert e.title == "Operation Failed"
    assert e.message == "Transaction operation failed."
    assert e.causes == (
        "An exception occurs during image upload.",
        "Other operations are performed during decoding.",
        "Image decoding is not performed as instructed.",
        "The memory of the device is insufficient.",
        "The processing on the decoding library fails.",
    )


def test_seed_62980104_trailing_spaces_trimmed(seed):
    # the page writes "Image initialization abnormal.  " (two trailing spaces)
    assert "Image initialization abnormal.  " in SEED.read_text(encoding="utf-8")
    e = one(seed, 62980104)
    assert e.message == "Image initialization abnormal."
    assert e.causes == ("The image type is not supported.", "The image size is not supported.",
                        "An error occurs during initialization.")


def test_seed_7700101_api17_paragraph_is_a_note(seed):
    e = one(seed, 7700101)
    assert e.title == "Abnormal Image Source"
    assert e.message == "Bad source."
    assert e.causes == (
        "The device does not support the image type.",
        "Image decoding is not performed as instructed.",
        "The image source data is incomplete.",
    )
    assert len(e.notes) == 1
    assert e.notes[0].startswith("Starting from API version 17, the system has been optimized at the underlying level.")
    assert e.notes[0].endswith("Currently, only JPEG, PNG, and BMP image formats support partial decoding for incomplete data.")
    assert e.solutions == ("Check the image data or use another image.",)


def test_seed_7700201_url(seed):
    e = one(seed, 7700201)
    assert e.url == IMAGE_PAGE + "#7700201-unsupported-memory-allocation-type"
    assert e.message.startswith("Unsupported allocator type, e.g., use share memory to decode a HDR image")


def test_read_page_infers_the_same_for_the_seed():
    entries, errors = read_page(SEED)
    assert errors == [] and len(entries) == 65
    e = one(entries, 7700201)
    assert (e.kit, e.kit_name, e.language) == ("apis-image-kit", "Image Kit", "en")
    assert e.url == IMAGE_PAGE + "#7700201-unsupported-memory-allocation-type"


def test_url_base_overrides_the_folder(seed):
    entries, _ = parse_page("## 7700201 Unsupported Memory Allocation Type\n\n**Error Message**\n\nx\n",
                            "some/where/errorcode-image.md", kit="apis-image-kit",
                            url_base="https://example.org/docs/")
    assert entries[0].url == "https://example.org/docs/errorcode-image.md#7700201-unsupported-memory-allocation-type"


# ------------------------------------------------------------------------------------- headings
def test_bare_code_headings_have_empty_titles():
    entries, errors = page("errorcode-bare-code.md")
    assert errors == []
    assert [(e.code, e.title) for e in entries] == [(2900001, ""), (2900003, "")]
    assert entries[0].message == "Service stopped."
    assert entries[0].description == "The Bluetooth service is stopped."
    assert entries[0].url.endswith("errorcode-bare-code.md#2900001")


def test_title_keeps_its_trailing_period():
    entries, _ = page("errorcode-trailing-period.md")
    assert entries[0].title == "Service exception."
    assert entries[0].url.endswith("#14500101-service-exception")


def test_trailing_and_leading_spaces_are_trimmed():
    entries, _ = page("errorcode-trailing-space.md")
    e = entries[0]
    assert e.title == "Cryptographic Operation Failed"
    assert e.message == "Image initialization abnormal."
    assert e.causes == ("The key is invalid.",)
    assert e.solutions == ("Make sure the key is valid.",)
    assert e.url.endswith("#24000009-cryptographic-operation-failed")


def test_sup_deprecated_is_stripped_and_flagged():
    entries, errors = page("errorcode-sup-deprecated.md")
    assert errors == []
    current, old = entries
    assert (current.code, current.title, current.deprecated) == (1300002, "Abnormal Window State", False)
    assert (old.code, old.title, old.deprecated) == (1001, "Window Null Pointer Exception", True)
    # GitHub-style anchor of "1001 Window Null Pointer Exception<sup>(deprecated)</sup>"
    assert old.url == f"{GITEE}/en/application-dev/reference/apis-arkui/errorcode-sup-deprecated.md" \
                      "#1001-window-null-pointer-exceptiondeprecated"
    assert old.kit == "apis-arkui" and old.kit_name == "ArkUI"


def test_negative_code_and_label_with_trailing_space():
    entries, errors = page("errorcode-negative.md")
    assert errors == []
    e = entries[0]
    assert e.code == -1
    assert e.title == "Time and Time Zone Service Error"
    assert e.message == "Parameter check failed, permission denied, or system error."
    assert e.solutions == ("Make sure the memory is sufficient.",)
    assert e.url.endswith("#-1-time-and-time-zone-service-error")


def test_level3_entries_under_level2_groups():
    entries, errors = page("errorcode-groups.md")
    assert errors == []
    assert [e.code for e in entries] == [13900001, 13900002, 14000001]
    second = entries[1]
    # the next group heading ends 13900002: its intro text is not part of the entry
    assert second.solutions == ("Check that the file exists.",)
    assert second.notes == () and second.description == ""
    assert entries[2].line == 37


def test_overview_heading_is_not_an_entry_and_ends_the_entry():
    entries, errors = page("errorcode-overview.md")
    assert errors == []
    assert [e.code for e in entries] == [1900001]
    e = entries[0]
    assert e.solutions == ("Release memory and try again.",)
    assert e.notes == ()
    assert "Overview" not in e.description and "ends the entry" not in "".join(e.notes)
    assert e.kit == "apis-ipc-kit" and e.kit_name == "IPC Kit"


def test_heading_directly_followed_by_label():
    entries, errors = page("errorcode-heading-then-label.md")
    assert errors == []
    a, b = entries
    assert (a.message, a.causes, a.solutions) == (
        "Initialization failed.", ("The framework fails to connect to the accessibility service.",),
        ("Restart the device.",))
    # no blank lines at all: labels and texts on consecutive lines
    assert (b.message, b.causes, b.solutions) == (
        "The async function is not called with await.", ("The await keyword is missing.",), ("Add await.",))


def test_atx_closing_hashes_are_not_part_of_the_title():
    entries, _ = parse_page("## 6 Title ##\n\n**Error Message**\n\nx\n\n## 7 ##\n\n**Error Message**\n\ny\n")
    assert [(e.code, e.title) for e in entries] == [(6, "Title"), (7, "")]


def test_heading_codes_lists_line_and_code():
    text = (PAGES / "errorcode-groups.md").read_text(encoding="utf-8")
    assert heading_codes(text) == [(5, 13900001), (19, 13900002), (37, 14000001)]


# ------------------------------------------------------------------------------ Del / RP markers
def test_del_blocks_in_every_placement():
    entries, errors = page("errorcode-del.md")
    assert errors == []
    flags = {e.code: e.system_only for e in entries}
    assert flags == {9300001: True, 9300002: True, 9300003: False, 9300004: True, 9300005: False}
    # `<!--DelEnd-->` directly before `## 9300003` does not swallow the heading or leak into 9300002
    e2 = by_code(entries)[9300002]
    assert e2.solutions == ("Stop the target ability.", "Re-enable the target ability.")
    assert by_code(entries)[9300003].title == "No Accessibility Permission"


def test_rp_markers_are_dropped_and_their_text_kept():
    entries, errors = page("errorcode-rp-markers.md")
    assert errors == []
    e = entries[0]
    assert e.title == "Background Task Verification Failed (Phone)"
    assert e.causes == ("The background task type dataTransfer is not declared.",)
    # a paragraph that starts with <!--RP2--> (an HTML block in CommonMark) keeps its text
    assert e.solutions == ("Declare the task type in module.json5 and try again.",)


# ---------------------------------------------------------------------------------------- fences
def test_fenced_code_hides_fake_headings_and_labels():
    entries, errors = page("errorcode-fences.md")
    assert errors == []
    assert [e.code for e in entries] == [11100001, 11100003]
    first, second = entries
    # the indented ```ts fence belongs to the first solution item, verbatim
    assert first.solutions == (
        "Invoke the configure API to enable the logging function.\n"
        "```ts\nimport hiAppEvent from '@ohos.hiviewdfx.hiAppEvent';\n\n## 11100002 Not A Heading\n"
        "**Error Message**\nhiAppEvent.configure({ disable: false });\n```",
    )
    assert first.message == "Function disabled."
    assert second.causes == (
        "The log shows:\n```text\n<app-process>: [Start] failed\n## 11100004 Fake heading in a log\n**Solution**\n```"
        "\n~~~\n## 11100005 Fake heading in a tilde fence\n~~~",
    )
    assert second.solutions == ("Check the log.",)
    assert heading_codes((PAGES / "errorcode-fences.md").read_text(encoding="utf-8")) == [(3, 11100001), (24, 11100003)]


# ------------------------------------------------------------------------------- body content
def test_multi_line_messages_keep_all_lines():
    entries, errors = page("errorcode-multiline-message.md")
    assert errors == []
    e = by_code(entries)
    assert e[401].message == ("Invalid input parameter. Possible causes:1. Mandatory parameters are left unspecified.\n"
                              "2.Incorrect parameter types. 3.Parameter verification failed")
    # outside the message, soft line breaks join with a space
    assert e[401].description == "This error code is reported if a request parameter is incorrect."
    assert e[12800002].message == ("Input method engine error. Possible causes:\n1. input method panel not created.\n"
                                   "2. the input method application does not subscribe to related events.")
    assert e[12000004].message == "- Failed to read the file.\n- Failed to write the file."
    assert e[9201005].message == "1. The application does not exist.\n2. The data cannot be collected."


def test_bullets_nested_items_br_and_trailing_paragraph():
    entries, errors = page("errorcode-bullets.md")
    assert errors == []
    a, b = entries
    assert a.causes == (
        "The input method is not the default one.\n- The user switched it in Settings.\n- An application switched it.",
        "The input method is disabled.",
    )
    # the generic lead-in "The possible causes are as follows:" before the list is dropped
    assert a.solutions == (
        "Check the default input method with `hdc shell param get persist.sys.default_ime`.",
        "Enable the input method.\nThen try again.",
        "Restart the device.",
    )
    assert a.notes == ("If the problem persists, contact technical support.",)
    assert b.causes == ("First cause.", "Second cause.")


def test_specific_lead_in_before_a_list_stays_an_item():
    text = ("## 11101001 Invalid Event Domain Name\n\n**Error Message**\n\nInvalid event domain.\n\n"
            "**Possible Causes**\n\nThe name does not comply with the following rules:\n\n- Only digits.\n"
            "- Starts with a letter.\n\n**Solution**\n\n可能原因如下：\n1. 第一。\n")
    (e,), _ = parse_page(text)
    assert e.causes == ("The name does not comply with the following rules:", "Only digits.", "Starts with a letter.")
    assert e.solutions == ("第一。",)


def test_inline_text_normalisation():
    entries, errors = page("errorcode-inline.md")
    assert errors == []
    e = entries[0]
    assert e.message == ("The value of ${param} is out of range. It must be >= ${min} and <= ${max}. "
                         "Received value is: ${value}")
    assert e.causes == ("The value of tokenId passed to checkAccess exceeds the limit of `max_count` "
                        "in the event_domain.",)
    assert e.solutions == ("See Universal Error Codes and run `hdc shell param get persist.sys.default_ime`. "
                           "Emphasis stays as text; & is an entity.",)
    assert "gitee.com" not in "".join(e.solutions) and "js-apis-util.md" not in "".join(e.causes)


def test_zh_cn_lists_label_headings_and_br_labels():
    entries, errors = page("zh-cn/errorcode-zh-lists.md")
    assert errors == []
    e = by_code(entries)
    assert all(x.language == "zh-cn" for x in entries)
    assert e[2300001].causes == ("传入的服务器的URL不正确。", "网络不通畅。")
    assert e[2300001].solutions == ("请检查输入的服务器的URL是否合理。", "请检查网络连接情况。")
    assert e[2300001].description == "协议版本服务器不支持。"
    assert (e[2300002].message, e[2300002].causes, e[2300002].solutions) == ("Label as heading.", ("原因一。",), ("步骤一。",))
    assert (e[2300003].message, e[2300003].causes, e[2300003].solutions) == (
        "Couldn't resolve proxy name.", ("代理服务器地址不正确。",), ("检查代理服务器地址。",))
    assert e[7700101].causes == ("设备不支持该图片类型。", "图源数据不完整。")
    assert e[7700101].notes == ("从API 17开始，系统将尝试部分解码。",)
    # a page outside any apis-* folder and not in the page table: the url is the file's own URI
    assert e[2300001].url.startswith("file://")
    assert e[2300001].url.endswith("/zh-cn/errorcode-zh-lists.md#2300001-不支持的协议")


def test_zh_case_studies_stay_inside_the_entry_as_notes():
    entries, errors = page("zh-cn/errorcode-case-studies.md")
    assert errors == []
    assert [e.code for e in entries] == [6800301, 6800401]
    e = entries[0]
    assert e.causes == ("系统服务重启。", "音频焦点抢占失败。")
    # the case studies' own labels do not replace the entry's sections
    assert e.solutions == ("检查调用参数。", "再尝试恢复业务。")
    assert e.notes == (
        "以下为常见问题案例。",
        "调用start启动AudioCapturer失败-状态异常\n判断依据\n应用进程日志提示`Illegal state`。\n"
        "```text\n<应用进程名>: [Start]Illegal state 2.\n## 6800999 日志里的假标题\n**可能原因**\n```\n"
        "可能原因\nAudioCapturer状态不正确。\n处理步骤\n先调用prepare。",
        "调用start启动AudioCapturer失败-激活音频焦点失败\n判断依据\n日志提示激活音频焦点失败。",
    )
    assert e.url == (f"{GITEE}/zh-cn/application-dev/reference/apis-audio-kit/errorcode-case-studies.md"
                     "#6800301-系统处理异常")
    assert e.kit_name == "Audio Kit"
    assert entries[1].message == "Another error."


def test_every_label_synonym():
    entries, errors = page("errorcode-labels.md")
    assert errors == []
    e = by_code(entries)
    for n, word in [(1, "one"), (2, "two"), (3, "three")]:
        assert (e[n].message, e[n].description, e[n].causes, e[n].solutions) == (
            f"Message {word}.", f"Description {word}.", (f"Cause {word}.",), (f"Solution {word}.",)), n
    assert (e[4].message, e[4].causes, e[4].solutions) == ("Message four.", ("Cause four.",), ("Solution four.",))
    # text before the first label is description; label + hard break / colon + text on one line
    assert (e[5].description, e[5].message, e[5].causes, e[5].solutions) == (
        "Text before the first label.", "Message five.", ("Cause five.",), ("Solution five.",))
    # an unknown bold-only line stays in the current section
    assert e[6].causes == ("Cause six.", "Description of TCP/UDP error codes:\n2301000 + Linux kernel error code (errno)")
    assert e[6].solutions == ("Solution six.",)


@pytest.mark.parametrize("label,slot", [
    ("Error Message", "message"), ("错误信息", "message"),
    ("Description", "description"), ("Error Description", "description"), ("Symptom", "description"),
    ("错误描述", "description"),
    ("Possible Causes", "causes"), ("Possible Cause", "causes"), ("Cause", "causes"), ("possible causes", "causes"),
    ("可能原因", "causes"),
    ("Solution", "solutions"), ("Procedure", "solutions"), ("Resolution Steps", "solutions"), ("处理步骤", "solutions"),
])
def test_label_maps_to_its_slot(label, slot):
    text = f"## 42 Answer\n\n**{label}**\n\nThe text.\n"
    entries, errors = parse_page(text)
    assert errors == []
    value = getattr(entries[0], slot)
    assert value == (("The text.",) if slot in ("causes", "solutions") else "The text.")


def test_na_fixes_give_no_solutions_and_missing_cause_is_empty():
    entries, errors = page("errorcode-na-fixes.md")
    assert errors == []
    e = by_code(entries)
    assert e[7400109].solutions == () and e[7400109].causes == ("A conflict occurs.",)
    assert e[12800001].solutions == ()
    assert e[12100011].solutions == ()
    assert e[17100001].causes == () and e[17100001].solutions == ("Initialize first.",)


def test_page_without_codes_has_no_entries_and_no_errors():
    assert page("errorcode-empty.md") == ([], [])


def test_no_final_newline():
    raw = (PAGES / "errorcode-no-final-newline.md").read_bytes()
    assert not raw.endswith(b"\n")
    entries, errors = page("errorcode-no-final-newline.md")
    assert errors == []
    assert [(e.code, e.solutions) for e in entries] == [(1300001, ("Do not create it again.",)),
                                                        (1300002, ("Create the window again.",))]


# ------------------------------------------------------------------ bytes: CRLF, BOM, bad UTF-8
def _fields(entries):
    return [(e.code, e.title, e.message, e.description, e.causes, e.solutions, e.notes, e.line, e.system_only)
            for e in entries]


def test_crlf_and_bom_read_like_lf(tmp_path):
    src = (PAGES / "errorcode-del.md").read_bytes()
    plain, _ = read_page(PAGES / "errorcode-del.md")
    for name, data in [("crlf", src.replace(b"\n", b"\r\n")), ("bom", b"\xef\xbb\xbf" + src),
                       ("bom-crlf", b"\xef\xbb\xbf" + src.replace(b"\n", b"\r\n")), ("cr", src.replace(b"\n", b"\r"))]:
        f = tmp_path / name / "errorcode-del.md"
        f.parent.mkdir()
        f.write_bytes(data)
        entries, errors = read_page(f)
        assert errors == [], name
        assert _fields(entries) == _fields(plain), name


def test_invalid_utf8_names_file_and_line(tmp_path):
    f = tmp_path / "errorcode-bad.md"
    f.write_bytes(b"# Bad\n\n## 1 A\n\n**Error Message**\n\n\xff\xfe broken\n")
    entries, errors = read_page(f)
    assert entries == []
    assert len(errors) == 1
    assert (errors[0].path, errors[0].line) == (str(f), 7)
    assert "not valid UTF-8" in errors[0].message
    assert str(errors[0]).startswith(f"{f}:7: not valid UTF-8")


def test_binary_and_missing_files(tmp_path):
    f = tmp_path / "errorcode-bin.md"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    assert read_page(f) == ([], [LoadError(str(f), 0, "binary file, not a Markdown page")])
    entries, errors = read_page(tmp_path / "missing.md")
    assert entries == [] and errors[0].line == 0 and "cannot read file" in errors[0].message
    entries, errors = read_page(tmp_path)  # a folder is not a page
    assert entries == [] and errors and errors[0].path == str(tmp_path)


def test_broken_page_reports_problems_and_keeps_entries():
    entries, errors = page("errorcode-broken.md")
    assert [e.code for e in entries] == [100, 101, 100, 102, 103]
    assert by_code(entries)[101].message == "Still read."
    where = sorted((e.line, e.message.split(" (")[0].split(";")[0]) for e in errors)
    assert where == [
        (17, "heading of 101 is not a Markdown heading here"),
        (23, "code 100 appears twice on this page"),
        (29, "entry 102 has no labelled section"),
        (39, "code fence ``` is never closed"),
    ]
    assert all(e.path == str(PAGES / "errorcode-broken.md") for e in errors)
    # the heading inside the unclosed fence is not an entry (nor a heading by the rule)
    assert 104 not in {c for _l, c in heading_codes((PAGES / "errorcode-broken.md").read_text(encoding="utf-8"))}


def test_heading_swallowed_by_html_block_is_still_an_entry():
    text = "<div>\n## 12 A\n**Error Message**\nfoo\n</div>\n\n## 13 B\n\n**Error Message**\n\nm\n"
    entries, errors = parse_page(text, "x/errorcode-x.md")
    assert [(e.code, e.title, e.message) for e in entries] == [(12, "A", "foo"), (13, "B", "m")]
    assert [(e.line, e.message.split(" (")[0]) for e in errors] == [(2, "heading of 12 is not a Markdown heading here")]


@pytest.mark.parametrize("bad", [None, 42, b"\xff\xfe", b"## 1 A\n**Error Message**\nok\n", "\0\0", "#" * 5000,
                                 "## " + "9" * 5000, "> " * 300 + "## 1 x", "- " * 300 + "## 2 y"])
def test_parse_page_never_raises(bad):
    entries, errors = parse_page(bad)
    assert isinstance(entries, list) and isinstance(errors, list)
    if bad == b"## 1 A\n**Error Message**\nok\n":
        assert [(e.code, e.message) for e in entries] == [(1, "ok")]


# ------------------------------------------------------------------------- language, kit, url
def test_language_from_cjk_labels_without_a_path():
    zh, _ = parse_page("## 5 名称\n\n**错误信息**\n\nx\n\n**可能原因**\n\ny\n")
    en, _ = parse_page("## 5 Name\n\n**Error Message**\n\nx\n")
    assert zh[0].language == "zh-cn" and en[0].language == "en"
    assert zh[0].url == "" and zh[0].kit == ""  # nothing to locate an in-memory page by


def test_kit_from_folder_comment_table_or_stem(tmp_path):
    body = "## 7 Seven\n\n**Error Message**\n\nx\n"
    cases = {
        "apis-demo-kit/errorcode-demo.md": ("", "apis-demo-kit"),
        "reference/errorcode-universal.md": ("", "reference"),
        "flat/errorcode-universal.md": ("", "reference"),  # built-in page table
        "flat/errorcode-device-manager.md": ("<!--Kit: Distributed Service Kit-->\n", "apis-distributedservice-kit"),
        "flat/errorcode-deviceManager.md": ("", "apis-driverdevelopment-kit"),
        "flat/errorcode-devicestatus.md": ("", "apis-distributedservice-kit"),
        "flat/errorcode-deviceStatus.md": ("", "apis-multimodalawareness-kit"),
        "flat/errorcode-new.md": ("<!--Kit: Brand New Kit-->\n", "apis-brand-new-kit"),
        "flat/errorcode-unknown.md": ("", "errorcode-unknown"),
    }
    for rel, (head, kit) in cases.items():
        f = tmp_path / rel
        f.parent.mkdir(exist_ok=True)
        f.write_text(f"# Demo Error Codes\n{head}\n{body}", encoding="utf-8")
        entries, errors = read_page(f)
        assert errors == [] and entries[0].kit == kit, rel


def test_kit_names_and_universal_urls(tmp_path):
    f = tmp_path / "zh-cn" / "errorcode-universal.md"
    f.parent.mkdir()
    f.write_text("# 通用错误码\n\n## 201 权限校验失败\n\n**错误信息**\n\nPermission verification failed.\n", encoding="utf-8")
    (e,), errors = read_page(f)
    assert errors == []
    assert (e.kit, e.kit_name, e.language) == ("reference", "Universal", "zh-cn")
    assert e.url == f"{GITEE}/zh-cn/application-dev/reference/errorcode-universal.md#201-权限校验失败"
    entries, _ = parse_page("# Contact Error Codes\n\n<!--Kit: contacts-kit-->\n\n## 1 A\n\n**Error Message**\n\nx\n",
                            "errorcode-contacts.md")
    assert entries[0].kit_name == "Contacts Kit" and entries[0].kit == "apis-contacts-kit"
    entries, _ = parse_page("# Screen Hopping Error Codes (To Be Deprecated)\n\n## 1 A\n\n**Error Message**\n\nx\n",
                            "errorcode-multimodalinput.md")
    assert (entries[0].kit_name, entries[0].kit) == ("Input Kit", "apis-input-kit")  # the kit, not the page title
    entries, _ = parse_page("# Ads Service Framework Error Codes\n\n## 401 A\n\n**Error Message**\n\nx\n", "errorcode-ads.md")
    assert (entries[0].kit_name, entries[0].kit) == ("Ads Kit", "apis-ads-kit")
    entries, _ = parse_page("# Window Error Codes\n\n## 1 A\n\n**Error Message**\n\nx\n", "errorcode-window.md")
    assert entries[0].kit_name == "ArkUI"
    entries, _ = parse_page("# Screen Hopping Error Codes\n\n## 1 A\n\n**Error Message**\n\nx\n", "my-notes.md")
    assert (entries[0].kit_name, entries[0].kit) == ("Screen Hopping", "my-notes")  # no kit folder known: the title


def test_explicit_arguments_win():
    entries, _ = parse_page("# Image Error Codes\n<!--Kit: Image Kit-->\n\n## 1 A\n\n**Error Message**\n\nx\n",
                            "zh-cn/errorcode-image.md", kit="k", kit_name="K", language="en")
    assert (entries[0].kit, entries[0].kit_name, entries[0].language) == ("k", "K", "en")


# ------------------------------------------------------------------------------ slugify, find
@pytest.mark.parametrize("heading,slug", [
    ("7700201 Unsupported Memory Allocation Type", "7700201-unsupported-memory-allocation-type"),
    ("14500101 Service exception.", "14500101-service-exception"),
    ("-1 Time and Time Zone Service Error", "-1-time-and-time-zone-service-error"),
    ("1001 Window Null Pointer Exception(deprecated)", "1001-window-null-pointer-exceptiondeprecated"),
    ("5411005 无权限，访问被拒绝", "5411005-无权限访问被拒绝"),
    ("2300023 向磁盘/应用程序写入接收数据失败", "2300023-向磁盘应用程序写入接收数据失败"),
    ("snake_case and dash-ed", "snake_case-and-dash-ed"),
    ("  Trim Me  ", "trim-me"),
    ("2900001", "2900001"),
])
def test_slugify(heading, slug):
    assert slugify(heading) == slug


def test_repeated_heading_slugs_are_numbered():
    text = "## Overview\n\n## 1 Overview\n\n**Error Message**\n\nx\n\n## 2 Same\n\n**Error Message**\n\ny\n\n" \
           "## Group\n\n### 3 Same\n\n**Error Message**\n\nz\n"
    entries, _ = parse_page(text, "a/apis-x-kit/errorcode-x.md")
    assert [e.url.rsplit("#", 1)[1] for e in entries] == ["1-overview", "2-same", "3-same"]
    text2 = "## 1 Same\n\n**Error Message**\n\nx\n\n### Case\n\n#### Case\n"
    assert parse_page(text2, "a/apis-x-kit/errorcode-x.md")[0][0].url.endswith("#1-same")


def test_find_pages(tmp_path):
    for rel in ["b/errorcode-b.md", "a/errcode-medialibrary.md", "a/errorcodes-multimodalinput.md",
                "a/capi-image-common-h.md", "a/readme.md", "c/errorcode.md", "errorcode-top.md"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("# x\n", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in find_pages(tmp_path)] == [
        "a/errcode-medialibrary.md", "a/errorcodes-multimodalinput.md", "b/errorcode-b.md", "errorcode-top.md"]
    assert find_pages(tmp_path / "a" / "readme.md") == [tmp_path / "a" / "readme.md"]
    assert find_pages(tmp_path / "nope") == []


def test_fixture_folder_pages_all_load_and_agree_with_heading_codes():
    pages = find_pages(PAGES)
    assert len(pages) == 21
    for p in pages:
        entries, _ = read_page(p)
        text = p.read_bytes().decode("utf-8-sig")
        assert [(e.line, e.code) for e in entries] == heading_codes(text), p.name

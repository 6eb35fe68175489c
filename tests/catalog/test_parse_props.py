"""Property tests: the parser never raises (nor fails internally) on arbitrary text, and never loses
a heading that its rule recognises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ohos_errcode.catalog.parse import heading_codes, parse_page

INTERNAL = ("could not read the page here", "could not read entry")

PIECES = [
    "## 7700201 Unsupported Memory Allocation Type", "## 2900001", "### 13900001 Operation Not Permitted",
    "#### 17700001 Cangjie", "## -1 Time Error", "##12 No space", "## 5 Title<sup>(deprecated)</sup>",
    "## 6 Title ##", "## Overview", "### 调用start失败-案例", "# Page Title", "##### 99 too deep", " ## 7 indented",
    "**Error Message**", "**Error Message** ", "**Error Message**  ", "**错误信息**<br/>text", "### 错误信息",
    "**Possible Causes**", "**Possible Cause**:", "**Solution**", "**Procedure**", "**处理步骤**", "**Symptom**",
    "**Description of TCP/UDP error codes:**", "**Unknown**", "**Error Message **",
    "1. item", "2. item", "1.zh item", "- bullet", "  - nested", "   1. deep", "* star",
    "```", "```ts", "   ```text", "~~~", "````", "    indented code",
    "<!--Del-->", "<!--DelEnd-->", "<!--RP1-->x<!--RP1End--> y", "<!--", "-->", "<!--Kit: Image Kit-->",
    "<div>", "</div>", "<pre>", "</pre>", "<br>", "> quote", "> **NOTE**", ">", "---", "***", "Text line.",
    "N/A", "None.", "Starting from API version 17, things changed.", "从API 17开始，系统优化。",
    "[link](x.md#a)", "`code`", "\\_escaped\\_", "&amp;", "${param}", "| a | b |", "", "", "",
]

markdownish = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=20)),
    max_size=40,
).flatmap(lambda parts: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda nl: nl.join(parts)))


def check(text: str) -> None:
    entries, errors = parse_page(text, "fuzz/errorcode-fuzz.md")
    assert not [e for e in errors if e.message.startswith(INTERNAL)], errors
    got = [(e.line, e.code) for e in entries]
    assert got == heading_codes(text)
    for e in entries:
        assert e.title == e.title.strip()
        assert e.message == e.message.strip()
        assert all(c and c == c.strip() for c in e.causes + e.solutions + e.notes)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text(text):
    check(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_markdownish_text(text):
    check(text)


@given(st.binary(max_size=200))
@settings(max_examples=100, deadline=None)
def test_arbitrary_bytes(data):
    entries, errors = parse_page(data, "fuzz.md")
    assert isinstance(entries, list) and isinstance(errors, list)
    assert not [e for e in errors if e.message.startswith(INTERNAL)], errors


def test_heading_codes_matches_the_rule_exactly():
    text = "## 1 a\n##2\n###  3 c  \n#### -4\n##### 5\n# 6\n## 7x\n ## 8\n```\n## 9\n```\n## 10"
    assert heading_codes(text) == [(1, 1), (2, 2), (3, 3), (4, -4), (12, 10)]

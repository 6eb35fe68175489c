"""Block Kit rendering: exact texts, escaping, and Slack's limits."""

from __future__ import annotations

import json

from slack_fakes import ADS_401, ALLOC, ALLOC_ZH, EVIL, PARAM, SHM, make_catalog, many_codes_catalog

from ohos_errcode.catalog import Answer, Entry, SearchHit
from ohos_errcode.slackbot.blocks import (
    MAX_BLOCKS,
    MAX_SECTION,
    blocks_to_text,
    clip,
    entry_blocks,
    escape,
    normalize_incoming,
    render_answers,
)


def texts(blocks):
    out = []
    for b in blocks:
        if "text" in b:
            out.append(b["text"]["text"])
        for el in b.get("elements", ()):
            if isinstance(el.get("text"), str):
                out.append(el["text"])
    return out


def test_one_code_in_full():
    reply = render_answers([Answer("7700201", "code", 7700201, (ALLOC,))])
    assert reply.blocks == [
        {"type": "header", "text": {"type": "plain_text", "text": "7700201 Unsupported Memory Allocation Type",
                                    "emoji": True}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "Image Kit"}]},
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Error message*\n" + ALLOC.message},
         "accessory": {"type": "button", "text": {"type": "plain_text", "text": "Documentation"},
                       "url": "https://docs.openharmony.cn/errorcode-image#7700201", "action_id": "open_docs_0_0"}},
        {"type": "section", "text": {"type": "mrkdwn",
                                     "text": "*Possible causes*\n• The allocator type is not supported for this operation."}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Solution*\n• Use the DMA allocator to decode HDR images."}},
    ]
    assert reply.text == "7700201 Unsupported Memory Allocation Type (Image Kit): " + ALLOC.message


def test_chinese_entry_gets_chinese_labels():
    reply = render_answers([Answer("7700201", "code", 7700201, (ALLOC_ZH,))], "zh-cn")
    assert texts(reply.blocks)[2:] == ["*错误信息*\n不支持的分配器类型。", "*可能原因*\n• 当前操作不支持该分配器类型。",
                                       "*处理步骤*\n• 解码HDR图片时使用DMA分配器。"]
    assert reply.blocks[2]["accessory"]["text"]["text"] == "文档"


def test_colliding_kits_every_meaning_labelled():
    reply = render_answers([Answer("401", "code", 401, (PARAM, ADS_401))])
    t = texts(reply.blocks)
    assert t[0] == "*401* has 2 meanings:"
    assert [b["text"]["text"] for b in reply.blocks if b["type"] == "header"] == ["401 Parameter Error",
                                                                                    "401 Invalid Parameter"]
    assert "Universal" in t and "Ads Kit" in t
    assert reply.text.splitlines() == ["401 Parameter Error (Universal): Parameter error.",
                                       "401 Invalid Parameter (Ads Kit): Invalid input parameter."]


def test_unknown_code_did_you_mean():
    reply = render_answers([Answer("7700210", "code", 7700210, (), (ALLOC,))])
    expected = "Unknown error code 7700210 — did you mean 7700201 (Unsupported Memory Allocation Type)?"
    assert reply.blocks == [{"type": "section", "text": {"type": "mrkdwn", "text": expected}}]
    assert reply.text == expected


def test_unknown_name():
    reply = render_answers([Answer("IMAGE_FOO", "symbol", None)])
    assert reply.text == "Unknown name IMAGE_FOO"


def test_free_text_best_match_then_others():
    answer = Answer("shared memory error", "text", None, (SHM, ALLOC), hits=(SearchHit(SHM, 90), SearchHit(ALLOC, 70)))
    reply = render_answers([answer])
    t = texts(reply.blocks)
    assert t[0] == "Best match for “shared memory error”"
    assert reply.blocks[1]["text"]["text"] == "62980099 Data Error in the Shared Memory"
    assert t[-1] == "*Other matches*\n• *7700201* Unsupported Memory Allocation Type (Image Kit)"


def test_free_text_without_match():
    reply = render_answers([Answer("zzz", "text", None)])
    assert reply.text == "No error code matches “zzz”."


def test_nothing_asked():
    reply = render_answers([])
    assert reply.text.startswith("I found no error code in that. Try `7700201`")


def test_escapes_everything_from_a_page():
    reply = render_answers([Answer("7700999", "code", 7700999, (EVIL,))])
    dumped = json.dumps(reply.blocks, ensure_ascii=False) + reply.text
    for live in ("<!channel>", "<@U123>", "<!here>", "<https://evil"):
        assert live not in dumped
    assert reply.blocks[0]["text"]["text"] == "7700999 &lt;!channel&gt; &amp; &lt;@U123&gt; ping"
    assert texts(reply.blocks)[2] == "*Error message*\nText with &lt;!here&gt; &amp; &lt;https://evil.example|click&gt;."


def test_escapes_the_question_echoed_back():
    reply = render_answers([Answer("<!channel>", "text", None)])
    assert reply.text == "No error code matches “&lt;!channel&gt;”."
    reply = render_answers([Answer("<@U1>_X", "symbol", None)])
    assert reply.text == "Unknown name &lt;@U1&gt;_X"


def test_at_most_five_codes_in_full_then_and_n_more():
    cat = many_codes_catalog(12)
    answers = cat.query(" ".join(str(7800000 + i) for i in range(12)))
    reply = render_answers(answers)
    headers = [b["text"]["text"] for b in reply.blocks if b["type"] == "header"]
    assert headers == [f"{7800000 + i} Error number {i}" for i in range(5)]
    assert reply.blocks[-1] == {"type": "context", "elements": [{"type": "mrkdwn", "text": (
        "…and 7 more: 7800005, 7800006, 7800007, 7800008, 7800009, 7800010, 7800011. "
        "Ask about them separately to see them in full.")}]}
    assert reply.text.splitlines()[-1].startswith("…and 7 more: 7800005")


def test_limits_hold_for_huge_entries_and_many_meanings():
    long = "x & y < z " * 1000
    entries = tuple(Entry(401, f"kit-{i}", f"Kit {i}", "T" * 400, message=long, causes=(long,) * 30,
                          solutions=(long,), url="https://e.example/" + "a" * 100) for i in range(10))
    answers = [Answer(str(401 + i), "code", 401 + i, entries) for i in range(8)]
    reply = render_answers(answers)
    assert len(reply.blocks) <= MAX_BLOCKS
    for t in texts(reply.blocks):
        assert len(t) <= MAX_SECTION
        assert not t.endswith(("&", "&a", "&am", "&amp", "&l", "&lt", "&g", "&gt"))
    for b in reply.blocks:
        if b["type"] == "header":
            assert len(b["text"]["text"]) <= 150
    assert len(json.dumps(reply.blocks)) + len(reply.text) < 40_000
    assert len(reply.text) <= 3000
    assert any("more" in t for t in texts(reply.blocks))


def test_clip_never_cuts_an_entity():
    assert clip("abc&amp;def", 6) == "abc…"
    assert clip("abcdef", 6) == "abcdef"
    assert clip("abcdefg", 6) == "abcde…"


def test_normalize_incoming_slack_markup():
    assert normalize_incoming("<@UBOT> what is 7700201?") == "what is 7700201?"
    assert normalize_incoming("see <https://x.example/a|the docs> &lt;b&gt; &amp;") == "see the docs <b> &"
    assert normalize_incoming("<!here> 401 in <#C1|general>") == "401 in #general"
    assert normalize_incoming("plain 7700201") == "plain 7700201"


def test_escape():
    assert escape("a & <b> c") == "a &amp; &lt;b&gt; c"


def test_entry_without_text_still_links_docs():
    e = Entry(1, "k", "Kit", "Title", url="https://d.example/#1")
    blocks = entry_blocks(e, "open_docs_9")
    assert blocks[-1] == {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text",
                          "text": "Documentation"}, "url": "https://d.example/#1", "action_id": "open_docs_9"}]}


def test_blocks_to_text_is_what_slack_shows():
    reply = render_answers(make_catalog().query("7700999"))
    shown = blocks_to_text(reply.blocks)
    assert shown.splitlines()[0] == "7700999 <!channel> & <@U123> ping"
    assert "Documentation: https://docs.openharmony.cn/errorcode-image#7700999" in shown

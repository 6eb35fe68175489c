"""The bot on the real catalog: the bundled Image Kit page, and the Chinese pages in ../shared."""

from __future__ import annotations

import json
from unittest.mock import Mock

import pytest

from ohos_errcode.catalog import Catalog
from ohos_errcode.slackbot.blocks import MAX_BLOCKS, MAX_SECTION
from ohos_errcode.slackbot.bot import Bot
from ohos_errcode.slackbot import mention
from ohos_errcode.slackbot.settings import Settings


def headers(reply):
    return [b["text"]["text"] for b in reply.blocks if b["type"] == "header"]


@pytest.fixture(scope="module")
def bundled_bot():
    return Bot(Catalog.load(), Settings())


def test_what_is_7700201(bundled_bot):
    reply = bundled_bot.answer("<@UBOT> what is 7700201?")
    assert headers(reply) == ["7700201 Unsupported Memory Allocation Type"]
    section = reply.blocks[2]
    assert section["text"]["text"].startswith("*Error message*\nUnsupported allocator type")
    assert section["accessory"]["url"].endswith("errorcode-image.md#7700201-unsupported-memory-allocation-type")


def test_names_expressions_and_several_codes(bundled_bot):
    reply = bundled_bot.answer("IMAGE_RESULT_BASE + 5 and 62980096, also IMAGE_ALLOC_FAILED")
    cat = bundled_bot.catalog
    assert headers(reply) == [f"{c} {cat.lookup(c)[0].title}" for c in (62980101, 62980096, 7600301)]
    assert headers(reply)[:2] == ["62980101 Incorrect Input Image Data", "62980096 Operation Failed"]


def test_unknown_code_gets_did_you_mean(bundled_bot):
    assert bundled_bot.answer("7700210").text == (
        "Unknown error code 7700210 — did you mean 7700201 (Unsupported Memory Allocation Type)?")


def test_free_text_question(bundled_bot):
    reply = bundled_bot.answer("shared memory error")
    assert reply.blocks[0]["elements"][0]["text"] == "Best match for “shared memory error”"
    assert headers(reply)[0] == "62980098 Shared Memory Error"


def test_pasted_log_of_40000_characters_is_bounded(bundled_bot):
    line = "E/ImageSource: decode failed, error 62980096 <!channel> & retry 7700201\n"
    log = (line * (40_000 // len(line) + 1))[:40_000]
    reply = bundled_bot.answer(log)
    assert headers(reply) == ["62980096 Operation Failed", "7700201 Unsupported Memory Allocation Type"]
    assert "2147483647" not in json.dumps(reply.blocks) + reply.text  # the bound's sentinel never shows
    noise = " ".join(f"{7800000 + i}" for i in range(8000))[:40_000]  # thousands of distinct numbers
    reply = bundled_bot.answer(noise)
    assert len(reply.blocks) <= MAX_BLOCKS
    assert all(len(b["text"]["text"]) <= MAX_SECTION for b in reply.blocks if "text" in b)
    assert len(json.dumps(reply.blocks)) + len(reply.text) < 40_000
    assert reply.blocks[-1]["elements"][0]["text"].startswith("…and ")


def test_mention_end_to_end_on_bundled_catalog(bundled_bot):
    say = Mock()
    mention.make_handler(bundled_bot)(event={"user": "U1", "channel": "C1", "ts": "1.1",
                                             "text": "<@UBOT> 62980115?"}, say=say)
    assert say.call_args.kwargs["blocks"][0]["text"]["text"] == "62980115 Invalid Image Parameter"


@pytest.fixture(scope="module")
def zh_bot(shared_dir):
    """Skipped with a reason by `shared_dir` when ../shared beside the checkout is absent."""
    page = shared_dir / "ohos-docs" / "zh-cn" / "errorcode-image.md"
    if not page.is_file():
        pytest.skip(f"needs {page} (the Chinese Image Kit page in ../shared)")
    return Bot(Catalog.load([page]), Settings())


def test_chinese_question_gets_the_chinese_page(zh_bot):
    reply = zh_bot.answer("7700201 是什么？")
    assert headers(reply) == ["7700201 不支持的内存分配类型"]
    assert reply.blocks[2]["text"]["text"].startswith("*错误信息*\n")
    assert zh_bot.answer("what is 7700201?").blocks[0]["text"]["text"] == "7700201 Unsupported Memory Allocation Type"


def test_chinese_free_text(zh_bot):
    reply = zh_bot.answer("共享内存")
    assert reply.blocks[0]["elements"][0]["text"] == "与“共享内存”最匹配的错误码"
    assert headers(reply)[0] == "62980098 共享内存空间错误"


def test_long_message_without_codes_is_answered_with_the_best_match(bundled_bot):
    text = ("the decoder keeps failing on shared memory buffers " * 1000)[:40_000]
    reply = bundled_bot.answer(text)
    assert reply.blocks[0]["elements"][0]["text"].startswith("Best match for “the decoder keeps failing")
    assert len(reply.blocks) <= 50


def test_code_at_the_very_end_of_a_long_log_is_found_whole(bundled_bot):
    text = "x " * 19_997 + "7700201 62980096"
    assert len(text) > 40_000
    reply = bundled_bot.answer(text)
    assert headers(reply) == []  # both codes lie beyond the 40,000 characters read …
    assert "Unknown error code 77002" not in reply.text  # … and none is answered cut in half
    text = "x " * 19_990 + "7700201"
    assert headers(bundled_bot.answer(text)) == ["7700201 Unsupported Memory Allocation Type"]

"""Listener callbacks with mocks (bolt starter-template style): exact replies."""

from __future__ import annotations

from unittest.mock import MagicMock, Mock

import pytest
from slack_fakes import ALLOC, ALLOC_ZH, PARAM, SHM, make_catalog
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from ohos_errcode.slackbot.blocks import render_answers
from ohos_errcode.slackbot.bot import Bot
from ohos_errcode.slackbot import command, dm, home, mention, shortcut
from ohos_errcode.slackbot.settings import Settings


@pytest.fixture
def bot(fake_catalog):
    return Bot(fake_catalog, Settings(rate_limit=3, rate_window=60))


def expected(cat, text, lang="en"):
    return render_answers(cat.query(text, lang=lang), lang)


def test_mention_answers_in_a_thread(bot, fake_catalog):
    say = Mock()
    mention.make_handler(bot)(event={"type": "app_mention", "user": "U1", "channel": "C1", "ts": "1.1",
                                     "text": "<@UBOT> what is 7700201?"}, say=say)
    reply = expected(fake_catalog, "what is 7700201?")
    say.assert_called_once_with(text=reply.text, blocks=reply.blocks, thread_ts="1.1",
                                unfurl_links=False, unfurl_media=False)
    assert say.call_args.kwargs["blocks"][0]["text"]["text"] == "7700201 Unsupported Memory Allocation Type"


def test_mention_inside_a_thread_stays_in_that_thread(bot):
    say = Mock()
    mention.make_handler(bot)(event={"user": "U1", "channel": "C1", "ts": "2.2", "thread_ts": "1.0",
                                     "text": "<@UBOT> 401"}, say=say)
    assert say.call_args.kwargs["thread_ts"] == "1.0"


def test_dm_answers_in_the_conversation_not_threaded(bot, fake_catalog):
    say = Mock()
    dm.make_handler(bot)(event={"type": "message", "channel_type": "im", "user": "U1", "channel": "D1",
                                "ts": "1.1", "text": "shared memory error"}, say=say)
    reply = expected(fake_catalog, "shared memory error")
    say.assert_called_once_with(text=reply.text, blocks=reply.blocks, unfurl_links=False, unfurl_media=False)
    assert reply.blocks[1]["text"]["text"] == "62980099 Data Error in the Shared Memory"


def test_channel_messages_are_left_to_mentions(bot):
    say = Mock()
    dm.make_handler(bot)(event={"type": "message", "channel_type": "channel", "user": "U1", "channel": "C1",
                                "ts": "1.1", "text": "7700201"}, say=say)
    say.assert_not_called()


def test_same_message_answered_once_across_surfaces(bot):
    say = Mock()
    ev = {"type": "message", "channel_type": "im", "user": "U1", "channel": "D1", "ts": "5.5", "text": "401"}
    dm.make_handler(bot)(event=ev, say=say)
    mention.make_handler(bot)(event={**ev, "type": "app_mention"}, say=say)
    assert say.call_count == 1


def test_chinese_question_gets_chinese_answer_when_loaded():
    cat = make_catalog((ALLOC, ALLOC_ZH, SHM))
    b = Bot(cat, Settings())
    say = Mock()
    dm.make_handler(b)(event={"channel_type": "im", "user": "U1", "channel": "D1", "ts": "1", "text": "7700201 是什么？"},
                       say=say)
    blocks = say.call_args.kwargs["blocks"]
    assert blocks[0]["text"]["text"] == "7700201 不支持的内存分配类型"
    assert blocks[2]["text"]["text"] == "*错误信息*\n不支持的分配器类型。"
    say.reset_mock()
    dm.make_handler(b)(event={"channel_type": "im", "user": "U1", "channel": "D1", "ts": "2", "text": "what is 7700201"},
                       say=say)
    assert say.call_args.kwargs["blocks"][0]["text"]["text"] == "7700201 Unsupported Memory Allocation Type"


def test_rate_limit_polite_reply_once_then_quiet(bot):
    say = Mock()
    h = mention.make_handler(bot)
    for i in range(5):
        h(event={"user": "U9", "channel": "C1", "ts": f"1.{i}", "text": "401"}, say=say)
    assert say.call_count == 4  # 3 answers, one polite notice, then nothing
    notice = say.call_args_list[3].kwargs
    assert notice["text"] == "You are asking faster than I can keep up with. Please wait 60 seconds and ask again."
    assert notice["thread_ts"] == "1.3"
    # another user is not affected
    h(event={"user": "U8", "channel": "C1", "ts": "9.9", "text": "401"}, say=say)
    assert say.call_args.kwargs["blocks"][0]["text"]["text"] == "*401* has 2 meanings:"


def test_failure_inside_the_core_is_answered_politely():
    cat = Mock()
    cat.entries = ()
    cat.lang = "en"
    cat.query.side_effect = RuntimeError("boom")
    say = Mock()
    mention.make_handler(Bot(cat, Settings()))(event={"user": "U1", "channel": "C1", "ts": "1", "text": "401"}, say=say)
    assert say.call_args.kwargs["text"] == "Sorry, something went wrong while looking that up. Please try again."


def test_slash_command_is_ephemeral(bot, fake_catalog):
    ack, respond = Mock(), Mock()
    command.make_handler(bot)(ack=ack, command={"text": "7700201", "user_id": "U1"}, respond=respond)
    ack.assert_called_once_with()
    reply = expected(fake_catalog, "7700201")
    respond.assert_called_once_with(text=reply.text, blocks=reply.blocks, response_type="ephemeral",
                                    replace_original=False)


def test_slash_command_share_posts_in_channel(bot, fake_catalog):
    ack, respond = Mock(), Mock()
    command.make_handler(bot)(ack=ack, command={"text": "share 7700201", "user_id": "U1"}, respond=respond)
    reply = expected(fake_catalog, "7700201")
    respond.assert_called_once_with(text=reply.text, blocks=reply.blocks, response_type="in_channel",
                                    replace_original=False)


@pytest.mark.parametrize("text", ["", "   ", "help", "share"])
def test_slash_command_without_question_shows_usage(bot, text):
    ack, respond = Mock(), Mock()
    command.make_handler(bot)(ack=ack, command={"text": text, "user_id": "U1"}, respond=respond)
    assert respond.call_args.kwargs["text"] == command.HELP
    assert respond.call_args.kwargs["response_type"] == "ephemeral"


def test_shortcut_explains_a_pasted_log_to_the_caller(bot, fake_catalog):
    ack, client, respond = Mock(), Mock(), Mock()
    log = "E/Image: createPixelMap failed, code 7700201\nBusinessError 401: Parameter error"
    shortcut.make_handler(bot)(
        ack=ack, client=client, respond=respond,
        shortcut={"type": "message_action", "callback_id": "explain_error_codes", "user": {"id": "U1"},
                  "channel": {"id": "C1"}, "message": {"text": log, "ts": "7.7"}, "response_url": "https://x"},
    )
    ack.assert_called_once_with()
    reply = expected(fake_catalog, log)
    client.chat_postEphemeral.assert_called_once_with(channel="C1", user="U1", thread_ts="7.7", text=reply.text,
                                                      blocks=reply.blocks)
    headers = [b["text"]["text"] for b in reply.blocks if b["type"] == "header"]
    assert headers == ["7700201 Unsupported Memory Allocation Type", "401 Parameter Error", "401 Invalid Parameter"]
    respond.assert_not_called()


def test_shortcut_falls_back_to_response_url_when_bot_not_in_channel(bot):
    ack, client, respond = Mock(), Mock(), Mock()
    resp = SlackResponse(client=None, http_verb="POST", api_url="chat.postEphemeral", req_args={},
                         data={"ok": False, "error": "channel_not_found"}, headers={}, status_code=200)
    client.chat_postEphemeral.side_effect = SlackApiError("channel_not_found", resp)
    shortcut.make_handler(bot)(ack=ack, client=client, respond=respond,
                               shortcut={"user": {"id": "U1"}, "channel": {"id": "C9"},
                                         "message": {"text": "", "ts": "1", "attachments": [{"text": "62980099"}]}})
    kwargs = respond.call_args.kwargs
    assert kwargs["response_type"] == "ephemeral"
    assert kwargs["blocks"][0]["text"]["text"] == "62980099 Data Error in the Shared Memory"


def test_home_tab_published(bot):
    client = MagicMock()
    home.make_handler(bot)(event={"type": "app_home_opened", "user": "U1", "tab": "home"}, client=client)
    view = client.views_publish.call_args.kwargs["view"]
    assert client.views_publish.call_args.kwargs["user_id"] == "U1"
    assert view["type"] == "home"
    assert view["blocks"][0]["text"]["text"] == "errcode: OpenHarmony error codes explained"
    assert view["blocks"][-1]["elements"][0]["text"] == (
        "4 codes from 3 kits loaded · answers in en · at most 5 codes in full per message")
    client.reset_mock()
    home.make_handler(bot)(event={"type": "app_home_opened", "user": "U1", "tab": "messages"}, client=client)
    client.views_publish.assert_not_called()


def test_every_question_goes_through_catalog_query(bot):
    cat = Mock(wraps=make_catalog((ALLOC, PARAM)))
    cat.entries = (ALLOC, PARAM)
    cat.lang = "en"
    b = Bot(cat, Settings())
    mention.make_handler(b)(event={"user": "U1", "channel": "C1", "ts": "1", "text": "<@UBOT> 401 &amp; 7700201"},
                            say=Mock())
    cat.query.assert_called_once_with("401 & 7700201", lang="en")


def test_rate_limit_window_slides_and_dedupe_memory_expires():
    from ohos_errcode.slackbot.bot import RateLimiter, SeenSet

    now = [0.0]
    rl = RateLimiter(limit=2, window=60, clock=lambda: now[0])
    assert [rl.check("U1")[0] for _ in range(3)] == [True, True, False]
    now[0] = 30
    assert rl.check("U1") == (False, 30, False)  # told once already in this burst
    now[0] = 60.5
    assert rl.check("U1") == (True, 0, False)
    seen = SeenSet(ttl=10, max_size=3, clock=lambda: now[0])
    assert [seen.add(k) for k in ("a", "a", "b")] == [True, False, True]
    now[0] += 11
    assert seen.add("a") is True  # forgotten after the TTL
    for k in "cdef":
        seen.add(k)
    assert len(seen) <= 3

"""The bot answers which API throws which code, and a code's answer says what throws it."""

from __future__ import annotations

import pytest

from ohos_errcode.catalog import Catalog
from ohos_errcode.slackbot.bot import Bot
from ohos_errcode.slackbot.throws import question

THROWERS_7700203 = ("`image.ImageSource.createPicture`, `image.ImageSource.createPictureAtIndex`, "
                    "`image.ImageSource.createPixelMapUsingAllocator`, `image.ImageSource.createPixelMapUsingAllocatorSync`, "
                    "`OH_ImageSourceNative_CreatePixelmap`, `OH_ImageSourceNative_CreatePictureAtIndex`")


@pytest.fixture(scope="module")
def bot():
    return Bot(Catalog.load())


def test_which_errors_can_an_api_throw(bot):
    r = bot.answer("which errors can ImageSource.createPicture throw?")
    assert r.text == "image.ImageSource.createPicture (@ohos.multimedia.image, API 13) can throw 401, 7700203, 7700301"
    assert r.blocks == [{"type": "section", "text": {"type": "mrkdwn", "text":
                         "*image.ImageSource.createPicture (@ohos.multimedia.image, API 13)* can throw:\n"
                         "• `401` Parameter Check Failed\n• `7700203` Unsupported Options\n• `7700301` Decoding Failure"}}]


def test_a_c_function_returns_its_codes(bot):
    r = bot.answer("which errors can OH_ImageSourceNative_CreatePixelmap throw?")
    assert r.text == "OH_ImageSourceNative_CreatePixelmap (image_source_native.h, API 12) can return 401, 7700203"
    assert r.blocks == [{"type": "section", "text": {"type": "mrkdwn", "text":
                         "*OH_ImageSourceNative_CreatePixelmap (image_source_native.h, API 12)* can return:\n"
                         "• `401` IMAGE_BAD_PARAMETER: Parameter Check Failed\n"
                         "• `7700203` IMAGE_SOURCE_UNSUPPORTED_OPTIONS: Unsupported Options"}}]


def test_which_errors_can_create_pixel_map_throw(bot):
    r = bot.answer("<@U123> which errors can createPixelMap throw?")
    assert r.text == ("image.createPixelMap (@ohos.multimedia.image, API 10) declares no error codes.\n"
                      "image.ImageSource.createPixelMap (@ohos.multimedia.image, API 7) declares no error codes.")


def test_what_throws_a_code(bot):
    r = bot.answer("what throws 7700203?")
    assert r.blocks == [{"type": "section", "text": {"type": "mrkdwn", "text": f"*7700203* — *Thrown by:* {THROWERS_7700203}"}}]
    assert r.text.startswith("7700203 is thrown by image.ImageSource.createPicture, ")


def test_what_is_a_code_shows_thrown_by(bot):
    r = bot.answer("what is 7700203?")
    assert r.blocks[-1] == {"type": "context", "elements": [{"type": "mrkdwn", "text": f"*Thrown by:* {THROWERS_7700203}"}]}
    assert r.text.endswith("\nThrown by: " + THROWERS_7700203.replace("`", ""))
    many = bot.answer("what is 401?").blocks[-1]["elements"][0]["text"]
    assert many.startswith("*Thrown by:* `image.createAuxiliaryPicture`, ") and many.endswith(" more")


def test_unknown_api_and_other_questions(bot):
    assert bot.answer("which errors can noSuchThing throw?").text == (
        "No API named `noSuchThing` is known. The bundled catalog knows Image Kit; `errcode catalog update` adds every kit.")
    assert question("what is 401?") is None and question("shared memory") is None
    assert question("What can OH_ImageSourceNative_CreatePixelmap() throw") == ("api", "OH_ImageSourceNative_CreatePixelmap")

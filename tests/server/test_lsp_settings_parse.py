"""Settings from initializationOptions / didChangeConfiguration: nested or flat, invalid values reported."""

from __future__ import annotations

from ohos_errcode.catalog.model import Severity
from ohos_errcode.server.settings import Settings, parse_settings


def test_nested_and_flat_shapes_give_the_same_settings():
    raw = {"docsPaths": ["docs/"], "language": "zh-cn", "knownCodeSeverity": "hint", "inlayHints": False}
    nested = parse_settings({"ohosErrcode": raw})
    flat = parse_settings(raw)
    assert nested.settings == flat.settings == Settings(("docs/",), "zh-cn", "hint", False)
    assert nested.problems == flat.problems == []
    assert nested.settings.known_severity is Severity.HINT


def test_off_means_no_known_code_diagnostics():
    assert parse_settings({"knownCodeSeverity": "off"}).settings.known_severity is None


def test_invalid_values_are_reported_and_defaults_used():
    parsed = parse_settings({"ohosErrcode": {"docsPaths": 3, "language": "fr", "knownCodeSeverity": "error",
                                             "inlayHints": "yes"}})
    assert parsed.settings == Settings()
    assert parsed.problems == [
        "ohosErrcode.docsPaths should be a list of paths, got 3; using []",
        'ohosErrcode.language should be "en" or "zh-cn", got "fr"; using "en"',
        'ohosErrcode.knownCodeSeverity should be "off", "hint" or "information", got "error"; using "information"',
        "ohosErrcode.inlayHints should be true or false, got \"yes\"; using true",
    ]


def test_not_an_object_is_reported():
    assert parse_settings([1, 2]).problems == ["ignoring settings: expected an object, got a list"]
    assert parse_settings(None).problems == []


def test_absent_keys_keep_the_base():
    base = Settings(language="zh-cn")
    assert parse_settings({"inlayHints": False}, base).settings == Settings(language="zh-cn", inlay_hints=False)

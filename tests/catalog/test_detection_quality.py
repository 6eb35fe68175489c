"""The precision/recall floor on ../shared/real-code with the snapshot built from the shared data
(benchmarks/detection_quality.py prints the figures, the misses and false positives)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ohos_errcode.catalog import Severity

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import detection_quality as dq  # noqa: E402


@pytest.fixture(scope="module")
def shared_snapshot(shared_dir, tmp_path_factory):
    if not (shared_dir / "real-code" / "labels.tsv").is_file():
        pytest.skip("no ../shared/real-code")
    cache = tmp_path_factory.mktemp("quality") / "cache"
    dq.build_snapshot(shared_dir, cache)
    return dq.load_catalog(cache)


def test_precision_and_recall_floor_with_the_shared_snapshot(shared_dir, shared_snapshot):
    res = dq.measure(shared_snapshot, shared_dir)
    misses = [f"{r.file.split('__')[-1]}:{r.line} {r.literal}" for r, _, _ in res.fn]
    wrong = [f"{r.file.split('__')[-1]}:{r.line} {r.literal}" for r, _, _ in res.fp]
    assert res.precision >= 0.99, wrong
    assert res.recall >= 0.97, misses


@pytest.mark.parametrize("src,lang", [
    ("expect(408).assertEqual(http.ResponseCode.CLIENT_TIMEOUT);", "ets"),  # an HTTP status, not a typo of 401
    ("constexpr const int DEFAULT_POLL_TIMEOUT = 500;", "cpp"),  # a timeout
    ("enum ResponseCode { OK = 200, INTERNAL_ERROR = 500 };", "cpp"),  # an HTTP status enum
    ("ws.close({ code: 1000, reason: 'bye' });", "ets"),  # a WebSocket close code
    ("EXPECT_EQ((int32_t)(*(data + rb + 2)), 213);", "cpp"),  # a pixel byte
])
def test_known_false_warnings_are_gone(src, lang, shared_snapshot):
    from ohos_errcode.catalog.analyze import analyze

    assert analyze(src, lang, shared_snapshot) == []


@pytest.mark.parametrize("src,rule,code", [
    ('static const std::map<int, std::string> MSG = {\n    {201, "Permission denied"},\n};', "known-error-code", 201),
    ("static const std::map<int, int> CODES = {\n    {E_NOT_SUPPORTED, 801},\n};", "known-error-code", 801),
    # rdb's page is not among the shared pages: a code of a kit not loaded (a hint), not a typo
    ("const std::map<int32_t, HistogramErrCode> M = {\n    { 14800014, HistogramErrCode::ERR_ALREADY_CLOSED },\n};",
     "unknown-error-code", 14800014),
])
def test_cpp_error_code_tables_are_error_contexts(src, rule, code, shared_snapshot):
    from ohos_errcode.catalog.analyze import analyze

    assert [(f.rule, f.code) for f in analyze(src, "cpp", shared_snapshot)] == [(rule, code)]


@pytest.mark.parametrize("text,kit", [
    ("import http from '@ohos.net.http';", "apis-network-kit"),
    ("import { http } from '@kit.NetworkKit';", "apis-network-kit"),
    ("#include <network/netstack/net_http/net_http_type.h>", "apis-network-kit"),
    ("import { BusinessError } from '@kit.BasicServicesKit';", None),
])
def test_kit_hint_of_every_kit_from_the_snapshot(text, kit, shared_snapshot):
    from ohos_errcode.catalog.scan.names import kit_hint, resolve_kit_hint

    assert resolve_kit_hint(kit_hint(text), shared_snapshot) == kit


@pytest.mark.parametrize("head,first", [
    ("", "apis-core-file-kit"),
    ("import http from '@ohos.net.http';\n", "apis-network-kit"),
    ("import { http } from '@kit.NetworkKit';\n", "apis-network-kit"),
])
def test_the_kit_hint_orders_the_meanings(head, first, shared_snapshot):
    # 2300007 means something in Core File Kit, Network Kit and Notification Kit
    from ohos_errcode.catalog.analyze import analyze

    (f,) = analyze(head + "if (err.code === 2300007) {}", "ets", shared_snapshot)
    assert [e.kit for e in f.entries][0] == first and len(f.entries) == 3


def test_did_you_mean_within_another_kits_family(shared_snapshot):
    # Account Kit (123xxxxx) is known only from the shared snapshot: its typo gets its own codes
    from ohos_errcode.catalog.analyze import analyze

    (f,) = analyze("if (err.code === 12300099) {}", "ets", shared_snapshot)
    assert (f.rule, f.severity) == ("unknown-error-code", Severity.WARNING)
    assert f.message.startswith("Unknown error code 12300099 — did you mean 12300091 (Cross-device communication failed), ")
    assert [fix.new_text for fix in f.fixes][:2] == ["12300091", "12300090"]

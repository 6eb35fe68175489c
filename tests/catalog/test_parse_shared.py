"""Entry counts of the real OpenHarmony pages in ../shared/ohos-docs (CATALOG-FORMAT.md §10).

Skipped with a reason when ../shared (beside the checkout) is absent."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from isolation import SHARED, SHARED_REASON, shared_present

from ohos_errcode.catalog.parse import find_pages, heading_codes, parse_page, read_page

DOCS = Path(SHARED) / "ohos-docs"
pytestmark = pytest.mark.skipif(not shared_present(), reason=SHARED_REASON)

# CATALOG-FORMAT.md §10: local file -> (kit folder, entries)
COUNTS = {
    "en/errcode-medialibrary.md": ("apis-media-library-kit", 3),
    "en/errorcode-access-token.md": ("apis-ability-kit", 13),
    "en/errorcode-accessibility.md": ("apis-accessibility-kit", 7),
    "en/errorcode-ads.md": ("apis-ads-kit", 5),
    "en/errorcode-asset.md": ("apis-asset-store-kit", 17),
    "en/errorcode-audio.md": ("apis-audio-kit", 7),
    "en/errorcode-avsession.md": ("apis-avsession-kit", 9),
    "en/errorcode-backgroundTaskMgr.md": ("apis-backgroundtasks-kit", 14),
    "en/errorcode-bluetoothManager.md": ("apis-connectivity-kit", 12),
    "en/errorcode-calendarManager.md": ("apis-calendar-kit", 0),
    "en/errorcode-camera.md": ("apis-camera-kit", 11),
    "en/errorcode-cert.md": ("apis-device-certificate-kit", 9),
    "en/errorcode-colorspace-manager.md": ("apis-arkgraphics2d", 1),
    "en/errorcode-contacts.md": ("apis-contacts-kit", 4),
    "en/errorcode-crypto-framework.md": ("apis-crypto-architecture-kit", 3),
    "en/errorcode-device-manager.md": ("apis-distributedservice-kit", 12),
    "en/errorcode-deviceManager.md": ("apis-driverdevelopment-kit", 4),
    "en/errorcode-dlp.md": ("apis-data-protection-kit", 20),
    "en/errorcode-drm.md": ("apis-drm-kit", 4),
    "en/errorcode-enterpriseDeviceManager.md": ("apis-mdm-kit", 16),
    "en/errorcode-filemanagement.md": ("apis-core-file-kit", 72),
    "en/errorcode-form.md": ("apis-form-kit", 16),
    "en/errorcode-geoLocationManager.md": ("apis-location-kit", 13),
    "en/errorcode-hiappevent.md": ("apis-performance-analysis-kit", 15),
    "en/errorcode-huks.md": ("apis-universal-keystore-kit", 16),
    "en/errorcode-i18n.md": ("apis-localization-kit", 1),
    "en/errorcode-image.md": ("apis-image-kit", 65),
    "en/errorcode-inputmethod-framework.md": ("apis-ime-kit", 21),
    "en/errorcode-media.md": ("apis-media-kit", 23),
    "en/errorcode-motion.md": ("apis-multimodalawareness-kit", 3),
    "en/errorcode-multimodalinput.md": ("apis-input-kit", 2),
    "en/errorcode-net-http.md": ("apis-network-kit", 31),
    "en/errorcode-net-socket.md": ("apis-network-kit", 20),
    "en/errorcode-notification.md": ("apis-notification-kit", 22),
    "en/errorcode-oaid.md": ("apis-ads-kit", 1),
    "en/errorcode-preferences.md": ("apis-arkdata", 5),
    "en/errorcode-rpc.md": ("apis-ipc-kit", 13),
    "en/errorcode-sensor.md": ("apis-sensor-service-kit", 2),
    "en/errorcode-telephony.md": ("apis-telephony-kit", 9),
    "en/errorcode-time.md": ("apis-basic-services-kit", 1),
    "en/errorcode-uitest.md": ("apis-test-kit", 5),
    "en/errorcode-universal.md": ("reference", 5),
    "en/errorcode-useriam.md": ("apis-user-authentication-kit", 12),
    "en/errorcode-utils.md": ("apis-arkts", 28),
    "en/errorcode-webview.md": ("apis-arkweb", 22),
    "en/errorcode-wifi.md": ("apis-connectivity-kit", 6),
    "en/errorcode-window.md": ("apis-arkui", 33),
    "zh-cn/errorcode-audio.md": ("apis-audio-kit", 7),
    "zh-cn/errorcode-bluetoothManager.md": ("apis-connectivity-kit", 15),
    "zh-cn/errorcode-camera.md": ("apis-camera-kit", 11),
    "zh-cn/errorcode-image.md": ("apis-image-kit", 65),
    "zh-cn/errorcode-media.md": ("apis-media-kit", 18),
    "zh-cn/errorcode-net-http.md": ("apis-network-kit", 31),
    "zh-cn/errorcode-universal.md": ("reference", 5),
    "en/variants/openharmony-rs-119587e5/errorcode-image.md": ("apis-image-kit", 69),
    "en/variants/codeindex-60487369225/errorcode-image.md": ("apis-image-kit", 90),
}
PRESENT = sorted(rel for rel in COUNTS if (DOCS / rel).is_file())


def _top_level(folder: str) -> list[Path]:
    return [p for p in find_pages(DOCS / folder) if p.parent == DOCS / folder]


def test_the_37_english_pages_hold_516_entries():
    pages = _top_level("en")
    assert len(pages) == 37
    assert not any(p.name.startswith("capi-") for p in pages)
    total = 0
    for p in pages:
        entries, errors = read_page(p)
        assert errors == [], errors
        total += len(entries)
    assert total == 516


def test_the_5_zh_cn_pages_hold_119_entries():
    pages = _top_level("zh-cn")
    assert len(pages) == 5
    results = [read_page(p) for p in pages]
    assert all(errors == [] for _e, errors in results)
    assert sum(len(entries) for entries, _ in results) == 119
    assert all(e.language == "zh-cn" for entries, _ in results for e in entries)


@pytest.mark.parametrize("variant,count", [("openharmony-rs-119587e5", 69), ("codeindex-60487369225", 90)])
def test_image_variants(variant, count):
    entries, errors = read_page(DOCS / "en" / "variants" / variant / "errorcode-image.md")
    assert errors == []
    assert len(entries) == count
    assert {e.kit for e in entries} == {"apis-image-kit"}


@pytest.mark.parametrize("rel", PRESENT)
def test_page_count_kit_and_cross_check(rel):
    kit, count = COUNTS[rel]
    path = DOCS / rel
    entries, errors = read_page(path)
    assert errors == []
    assert len(entries) == count
    assert all(e.kit == kit for e in entries)
    assert all(e.language == ("zh-cn" if rel.startswith("zh-cn/") else "en") for e in entries)
    # cross-check: every heading the rule recognises is one entry, in page order
    assert [(e.line, e.code) for e in entries] == heading_codes(path.read_text(encoding="utf-8-sig"))
    assert len({e.code for e in entries}) == count  # no code twice within a page
    for e in entries:
        assert e.message, (rel, e.code)
        assert "#" in e.url and e.url.startswith("https://gitee.com/openharmony/docs/blob/master/")


def test_real_page_variations():
    def get(rel, code):
        entries, _ = read_page(DOCS / rel)
        return next(e for e in entries if e.code == code)

    w = get("en/errorcode-window.md", 1001)
    assert (w.title, w.deprecated) == ("Window Null Pointer Exception", True)
    assert get("en/errorcode-window.md", 1300007).system_only
    assert get("en/errorcode-accessibility.md", 9300001).system_only
    assert not get("en/errorcode-accessibility.md", 9300003).system_only
    assert get("en/errorcode-time.md", -1).message == "Parameter check failed, permission denied, or system error."
    fm = get("en/errorcode-filemanagement.md", 2300007)
    assert fm.kit == "apis-core-file-kit"
    audio = get("zh-cn/errorcode-audio.md", 6800301)
    assert len([n for n in audio.notes if n.startswith("调用")]) == 6 and len(audio.notes) == 8
    assert audio.solutions[-1] == "排除应用侧异常后，再尝试恢复业务，避免在异常状态下反复重试。"
    zh = get("zh-cn/errorcode-image.md", 7700101)
    assert zh.causes[-1] == "图源数据不完整。" and zh.notes[0].startswith("从API 17开始")
    assert get("en/errorcode-webview.md", 17100016).solutions == ()
    assert get("en/errorcode-preferences.md", 15500010).causes == ("The file name is incorrect.",
                                                                   "The file path is incorrect.")
    system_only = {(rel, e.code) for rel in PRESENT for e in read_page(DOCS / rel)[0] if e.system_only}
    assert system_only == {
        ("en/errcode-medialibrary.md", 23800107),
        ("en/errorcode-accessibility.md", 9300001), ("en/errorcode-accessibility.md", 9300002),
        ("en/errorcode-backgroundTaskMgr.md", 18700001), ("en/errorcode-backgroundTaskMgr.md", 18700002),
        ("en/errorcode-backgroundTaskMgr.md", 18700004),
        ("en/errorcode-inputmethod-framework.md", 12800019), ("en/errorcode-media.md", 5400109),
        ("en/errorcode-window.md", 1300007), ("en/errorcode-window.md", 1300008),
    }
    ads = get("en/errorcode-ads.md", 401)
    assert ads.message.split("\n") == ["Invalid input parameter. Possible causes:1. Mandatory parameters are left unspecified.",
                                       "2.Incorrect parameter types. 3.Parameter verification failed"]


def test_parsing_every_page_timing():
    texts = [(p.read_text(encoding="utf-8-sig"), str(p)) for p in find_pages(DOCS)]
    parse_page(*texts[0])  # warm up (imports, markdown-it set-up)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        n = sum(len(parse_page(text, path)[0]) for text, path in texts)
        best = min(best, time.perf_counter() - start)
    assert n == 516 + 119 + 69 + 90
    # reported, not asserted (no absolute times in tests): about 200-250 ms on the 2-core dev machine
    print(f"parsed {len(texts)} pages, {n} entries in {best * 1000:.0f} ms")

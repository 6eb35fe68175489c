"""The cached JSON-form diagnostics are exactly what a fresh rendering gives, after any edits, and
reach the client through pygls unchanged."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types

from ohos_errcode.catalog.analyze import AnalyzeOptions, DocumentAnalysis
from ohos_errcode.catalog.model import Position, Range
from ohos_errcode.server.app import create_server
from ohos_errcode.server.diagnostics import DiagnosticsCache, diagnostic_json, publish
from ohos_errcode.server.documents import UTF8, UTF16, UTF32, Document

ETS = "\n".join([
    "import image from '@ohos.multimedia.image';",
    "import { BusinessError } from '@kit.BasicServicesKit';",
    "function onDecodeError(err: BusinessError): void {",
    "  // 😀 解码失败: 7700201 means the allocator type is wrong",
    "  /* 🚀 中文 */ if (err.code === 62980999) {",
    "    console.error('图片 62980099');",
    "  } else if (err.code === 7700201) { // 😀",
    "    const width: number = 360;",
    "  } else if (err.code === 401) {",
    "  }",
    "  if (err.code = 801) {",
    "  }",
    "}",
    "",
])

C_TEXT = "\n".join([
    '#include "multimedia/image_framework/image/image_common.h"',
    "static const int32_t ERR_DATA = IMAGE_RESULT_BASE + 5;",
    "int32_t Decode(int32_t ret) {",
    "    if (ret == 7600301) { /* 中文 */ return 7600301; }",
    "    if (ret = 62980096) { return ret; }",
    "    if (ret == 62980999) { return -1; }",
    "    return 0;",
    "}",
    "",
])

INSERTS = ["", " ", "\n", "1", "0", "=", "😀", "中", "7700201", "62980999", "\n\n", "// ", "/*", "*/", "'",
           "if (err.code === 7700201) {\n", "import image from '@ohos.multimedia.image';\n", "\r\n"]


class Mirror:
    """A Document and its DocumentAnalysis edited together, as the server does."""

    def __init__(self, text: str, language_id: str, catalog, encoding: str):
        self.doc = Document("file:///t." + ("ets" if language_id == "arkts" else "c"), text, 1, language_id)
        self.da = DocumentAnalysis(text, self.doc.language, catalog, AnalyzeOptions())
        self.encoding = encoding

    def edit(self, line: int, col: int, length: int, text: str) -> None:
        doc = self.doc
        line = line % doc.line_count
        start = Position(line, col % (len(doc.line(line)) + 1))
        end_off = min(len(doc.text), doc.offset(start) + length)
        rng = Range(start, doc.position_at(end_off))
        change = types.TextDocumentContentChangePartial(range=doc.range_to_lsp(rng, self.encoding), text=text)
        core_range = doc.range_from_lsp(change.range, self.encoding)
        doc.apply_change(change, self.encoding)
        self.da.apply_edit(core_range, text)

    def expected(self) -> list[str]:
        return [diagnostic_json(f, self.doc, self.encoding) for f in self.da.findings]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    source=st.sampled_from([("arkts", ETS * 3), ("c", C_TEXT * 3)]),
    encoding=st.sampled_from([UTF16, UTF8, UTF32]),
    edits=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 80), st.integers(0, 3), st.sampled_from(INSERTS)),
                   min_size=1, max_size=12),
)
def test_cached_texts_equal_fresh_rendering_after_random_edits(catalog, source, encoding, edits):
    language_id, text = source
    m = Mirror(text, language_id, catalog, encoding)
    cache = DiagnosticsCache()
    assert cache.render(m.da.findings, m.doc, encoding) == m.expected()
    for line, col, length, ins in edits:
        m.edit(line, col, length, ins)
        got = cache.render(m.da.findings, m.doc, encoding)
        assert got == m.expected()
        assert [json.dumps(d) for d in got] == [json.dumps(d) for d in m.expected()]  # key order too


def test_one_character_edit_reuses_the_other_texts(catalog):
    m = Mirror(ETS * 20, "arkts", catalog, UTF16)
    cache = DiagnosticsCache()
    first = cache.render(m.da.findings, m.doc, UTF16)
    assert len(first) > 60 and cache.rendered == len(first)
    m.edit(4 + 13 * 10, 0, 0, " ")  # a space before the unknown code's line, in the middle
    got = cache.render(m.da.findings, m.doc, UTF16)
    assert got == m.expected()
    assert cache.rendered <= 3 and cache.reused + cache.moved == len(got) - cache.rendered


def test_new_line_moves_the_texts_after_it(catalog):
    m = Mirror(ETS * 20, "arkts", catalog, UTF16)
    cache = DiagnosticsCache()
    cache.render(m.da.findings, m.doc, UTF16)
    m.edit(13 * 10, 0, 0, "\n")
    got = cache.render(m.da.findings, m.doc, UTF16)
    assert got == m.expected()
    assert cache.moved >= len(got) // 3 and cache.rendered <= 3
    m.edit(13 * 10, 0, 1, "")  # and back
    assert cache.render(m.da.findings, m.doc, UTF16) == m.expected()


def test_changed_encoding_or_line_text_is_rendered_afresh(catalog):
    m = Mirror(ETS, "arkts", catalog, UTF16)
    cache = DiagnosticsCache()
    cache.render(m.da.findings, m.doc, UTF16)
    m.encoding = UTF8
    got = cache.render(m.da.findings, m.doc, UTF8)
    assert got == m.expected() and cache.reused == cache.moved == 0
    # a character before a literal replaced by a wider one: the same code-point columns, other UTF-8 ones
    for col, wide in ((0, "中"), (1, "😀")):
        m.edit(6, col, 1, wide)
        assert cache.render(m.da.findings, m.doc, UTF8) == m.expected()
    m.encoding = UTF16
    m.edit(8, 0, 1, "😀")
    cache.render(m.da.findings, m.doc, UTF16)
    m.edit(8, 0, 1, "é")  # one UTF-16 unit instead of two
    assert cache.render(m.da.findings, m.doc, UTF16) == m.expected()
    # an emoji typed before a literal moves its columns
    m.edit(6, 2, 0, "😀")
    assert cache.render(m.da.findings, m.doc, UTF16) == m.expected()


class _Writer:
    def __init__(self):
        self.out = io.BytesIO()

    def write(self, data: bytes) -> None:
        self.out.write(data)


@pytest.mark.parametrize("version", [7, None])
def test_published_message_is_pygls_framed_json_rpc_notification(catalog, version):
    m = Mirror(ETS, "arkts", catalog, UTF16)
    server = create_server(catalog=catalog)
    writer = _Writer()
    server.protocol.set_writer(writer)
    uri = 'file:///d/"quoted" 中文.ets'
    publish(server, uri, DiagnosticsCache().render(m.da.findings, m.doc, UTF16), version)
    raw = writer.out.getvalue()
    header, body = raw.split(b"\r\n\r\n", 1)
    assert header.split(b"\r\n")[0] == f"Content-Length: {len(body)}".encode()
    msg = json.loads(body.decode("utf-8"))
    params = {"uri": uri, "diagnostics": [diagnostic_json(f, m.doc, UTF16) for f in m.da.findings]}
    if version is not None:
        params["version"] = version
    assert msg == {"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params}
    assert len(params["diagnostics"]) >= 4

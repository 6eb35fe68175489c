"""End to end: diagnostics republished after edits (from the server's cached JSON texts) are exactly
those of the same text opened afresh."""

from __future__ import annotations

import pytest
from lsp_helpers import col, diagnostics_of, open_doc
from lsprotocol import types as T

pytestmark = pytest.mark.asyncio(loop_scope="module")

BLOCK = [
    "try {",
    "  await source.createPixelMap();",
    "} catch (e) {",
    "  const err = e as BusinessError;",
    "  /* 🚀 中文 */ if (err.code === 62980999) {",  # unknown code (a typo), emoji and CJK before it
    "    console.error('图片 62980099');",
    "  } else if (err.code === 7700201) { // 😀",
    "  } else if (err.code === 401) {",
    "  }",
    "  if (err.code = 801) {",  # assignment in a condition
    "  }",
    "}",
]
TEXT = "\n".join(["import image from '@ohos.multimedia.image';",
                  "import { BusinessError } from '@kit.BasicServicesKit';", ""] + BLOCK * 6) + "\n"


def _as_json(diags) -> list:
    out = []
    for d in diags:
        out.append((d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character,
                    d.severity, d.code, d.source, d.message, d.code_description.href if d.code_description else None,
                    repr(d.data)))
    return out


async def _edit(client, uri: str, version: int, text: str, start: tuple[int, int], end: tuple[int, int] | None = None):
    """One incremental change (positions in code points, converted to the client's encoding); waits for
    the diagnostics of this version."""
    lines = client.current_text.split("\n")

    def pos(p: tuple[int, int]) -> T.Position:
        line, ch = p
        return T.Position(line=line, character=col(lines[line][:ch], client.encoding))

    rng = T.Range(start=pos(start), end=pos(end or start))
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        T.VersionedTextDocumentIdentifier(uri=uri, version=version), [T.TextDocumentContentChangePartial(range=rng, text=text)]))
    # the mirror of the document, for the fresh open at the end
    offs = [0]
    for ln in lines:
        offs.append(offs[-1] + len(ln) + 1)
    a = offs[start[0]] + start[1]
    b = offs[(end or start)[0]] + (end or start)[1]
    client.current_text = client.current_text[:a] + text + client.current_text[b:]
    return await diagnostics_of(client, uri)


async def test_republished_diagnostics_equal_a_fresh_open(client):
    uri = f"file:///edits/Edited-{client.kind}.ets"
    client.current_text = TEXT
    first = await open_doc(client, uri, TEXT)
    assert len(first) >= 6 * 5
    version = 1
    edits = [
        ("\n", (3, 0), None),  # a new line above every finding: all move
        (" ", (3 + 12 + 1 + 4, 0), None),  # a space at the start of a line with a finding
        ("😀", (3 + 12 * 2 + 1 + 4, 2), None),  # an emoji before a literal on its line: other UTF-8/16 columns
        ("", (3 + 12 * 3 + 1 + 6, 0), (3 + 12 * 3 + 1 + 7, 0)),  # a line with a finding deleted: the rest move up
        ("中", (3 + 12 * 4 + 4, 2), (3 + 12 * 4 + 4, 3)),  # `/` replaced: the same code points, wider
        ("7", (3 + 12 * 5 + 4 + 5, 36), None),  # 62980999 -> 629809979 in one block
        ("\n\n", (10, 0), None),
    ]
    for text, start, end in edits:
        version += 1
        got = await _edit(client, uri, version, text, start, end)
    fresh_uri = f"file:///edits/Fresh-{client.kind}.ets"
    fresh = await open_doc(client, fresh_uri, client.current_text)
    assert _as_json(got) == _as_json(fresh)
    assert len(got) == len(fresh) >= 6 * 5 - 2

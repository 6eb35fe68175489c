"""Helpers for the end-to-end tests: open a document and wait for its diagnostics, LSP columns."""

from __future__ import annotations

import asyncio

from lsprotocol import types as T
from isolation import isolated_env
from pytest_lsp import LanguageClient


def server_env() -> dict[str, str]:
    """The environment of a server under test: settings from the test, not from the machine running it."""
    return isolated_env()


async def open_doc(client: LanguageClient, uri: str, text: str, language_id: str = "arkts", version: int = 1,
                   wait: bool = True) -> list[T.Diagnostic]:
    """didOpen, then wait for this document's diagnostics."""
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=uri, language_id=language_id, version=version, text=text)))
    if not wait:
        return []
    return await diagnostics_of(client, uri)


async def diagnostics_of(client: LanguageClient, uri: str, timeout: float = 20) -> list[T.Diagnostic]:
    async def _wait():
        while uri not in client.diagnostics:
            await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(client.diagnostics[uri])

    return await asyncio.wait_for(_wait(), timeout)


def col(text: str, encoding: str) -> int:
    """Length of `text` in the encoding's units (what an LSP column counts)."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def at(line: int, line_text: str, needle: str, encoding: str, offset: int = 0) -> T.Position:
    """The LSP position of `needle` (+ offset code points) on a line, in the encoding."""
    i = line_text.index(needle) + offset
    return T.Position(line=line, character=col(line_text[:i], encoding))


def span(line: int, line_text: str, needle: str, encoding: str) -> T.Range:
    i = line_text.index(needle)
    return T.Range(start=T.Position(line=line, character=col(line_text[:i], encoding)),
                   end=T.Position(line=line, character=col(line_text[: i + len(needle)], encoding)))

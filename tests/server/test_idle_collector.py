"""The server's idle garbage collection: young generations after a pause, a full collection only
once the old generation has grown by a quarter (server/core.py IdleCollector)."""

from __future__ import annotations

import gc
import weakref

import pytest

from ohos_errcode.server.core import IdleCollector


class Node:
    def __init__(self):
        self.other = None


@pytest.fixture
def collector_off():
    was = gc.isenabled()
    gc.disable()
    yield IdleCollector()
    (gc.enable if was else gc.disable)()


def _full_collections() -> int:
    return gc.get_stats()[2]["collections"]


def test_a_pause_frees_cyclic_garbage_without_walking_the_old_generation(collector_off):
    c = collector_off
    c.collect()  # the first one is full: it measures the old generation
    assert c.full_collections == 1 and c.long_lived > 0
    full = _full_collections()
    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle, then garbage
    gone = weakref.ref(a)
    del a, b
    kept = [[i] for i in range(100)]
    c.collect()
    assert gone() is None  # freed by the young collection
    assert _full_collections() == full and c.full_collections == 1
    assert kept[99] == [99]


def test_a_full_collection_once_the_old_generation_grew_by_a_quarter(collector_off):
    c = collector_off
    c.collect()
    full = _full_collections()
    grown = [[i] for i in range(c.long_lived // 3)]  # more than a quarter, moved to the old generation
    c.collect()
    assert _full_collections() == full + 1 and c.full_collections == 2
    assert c.promoted == 0 and c.long_lived >= len(grown)


def test_every_message_from_the_client_counts_as_activity():
    """A burst of hovers or completions is activity, like edits: no collection in its middle."""
    from ohos_errcode.server.app import create_server

    server = create_server()
    for data in ({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover",
                  "params": {"textDocument": {"uri": "file:///a.ets"}, "position": {"line": 0, "character": 0}}},
                 {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 7}}):
        server.collector.last_activity = 0.0
        sent: list[bytes] = []
        server.protocol.send_data = lambda *a: sent.append(a)  # the answer (ServerNotInitialized) is not the point here
        server.protocol.handle_message(server.protocol.structure_message(data))
        assert server.collector.last_activity > 0.0, data["method"]


def test_a_client_that_never_pauses_still_gets_its_garbage_collected(collector_off):
    c = IdleCollector(min_allocations=100, max_pending=5000)
    c.collect()
    now = c.last_activity = 1000.0  # a message this very moment: no pause
    assert not c.due(now)
    held = [[i] for i in range(6000)]  # allocations pile up while requests keep coming
    assert c.due(now)
    c.collect()
    assert not c.due(now) and len(held) == 6000
    more = [[i] for i in range(200)]  # over min_allocations, far under max_pending
    assert not c.due(now) and c.due(now + c.quiet) and more[199] == [199]  # collected at the next pause

from __future__ import annotations

import pytest

from slack_fakes import BackgroundLoop, FakeSlackAPI, make_catalog


@pytest.fixture
def fake_catalog():
    return make_catalog()


@pytest.fixture
def bg():
    loop = BackgroundLoop()
    yield loop
    loop.close()


@pytest.fixture
def slack_api(bg):
    api = FakeSlackAPI(bg)
    yield api
    api.close()

"""The re-check tests' local post (tests/app/overtime/post_server.py), one server per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.app.overtime.post_server import PostServer


@pytest.fixture
def post() -> Iterator[PostServer]:
    server = PostServer()
    yield server
    server.close()

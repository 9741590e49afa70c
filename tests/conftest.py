"""Suite-wide fixtures and checks: the secret canary never reaches a log record."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from icsdk.testing import LocalSageMaker, set_testing

from .samples import CANARY


@pytest.fixture
def local() -> Iterator[LocalSageMaker]:
    """A manual-clock service with an endpoint, whose clock moves whenever icsdk would sleep."""
    with LocalSageMaker(clock="manual", create_delay=60, update_delay=30, delete_delay=10) as local:
        local.create_endpoint("shared-gpu")
        set_testing(sleep=local.advance)
        try:
            yield local
        finally:
            set_testing(False)


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(self.format(record))


@pytest.fixture(autouse=True)
def secret_canary_never_logged() -> Iterator[None]:
    """Every icsdk log record (DEBUG and up) and every INFO record anywhere, in every test."""
    recorder = _Recorder()
    icsdk_logger, root = logging.getLogger("icsdk"), logging.getLogger()
    icsdk_level = icsdk_logger.level
    icsdk_logger.setLevel(logging.DEBUG)
    icsdk_logger.addHandler(recorder)
    root_recorder = _Recorder()
    root_recorder.setLevel(logging.INFO)
    root.addHandler(root_recorder)
    try:
        yield
    finally:
        icsdk_logger.removeHandler(recorder)
        icsdk_logger.setLevel(icsdk_level)
        root.removeHandler(root_recorder)
    leaked = [m for m in recorder.messages + root_recorder.messages if CANARY in m]
    assert not leaked, f"the secret canary reached a log record: {leaked[0][:200]}"

"""Suite-wide checks: the secret canary never reaches a log record."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from .samples import CANARY


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

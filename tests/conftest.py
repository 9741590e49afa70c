"""Suite-wide fixtures and checks: the secret canary never reaches a log record."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from icsdk._log import install_redaction
from icsdk.testing import LocalSageMaker, set_testing

from .samples import CANARY


@pytest.fixture
def local() -> Iterator[LocalSageMaker]:
    """A manual-clock service with an endpoint, whose clock moves whenever icsdk would sleep."""
    with LocalSageMaker(
        require_models=False, clock="manual", create_delay=60, update_delay=30, delete_delay=10
    ) as local:
        local.create_endpoint("shared-gpu")
        set_testing(sleep=local.advance)
        try:
            yield local
        finally:
            set_testing(False)


class _Recorder(logging.Handler):
    """Keeps the formatted records (traceback included) that show the canary, and only those."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = self.format(record)
        if CANARY in message:
            self.messages.append(message)


@pytest.fixture(scope="session", autouse=True)
def _botocore_redacted() -> None:
    """Redaction on from the start, for the raw boto3 clients tests drive before any Client.

    A Client installs it when built; `test_secrets.py` checks that on its own.
    """
    install_redaction()


@pytest.fixture(autouse=True)
def secret_canary_never_logged() -> Iterator[None]:
    """Every icsdk and botocore log record (DEBUG and up) and every INFO record, in every test."""
    root = logging.getLogger()
    debug = [logging.getLogger("icsdk"), logging.getLogger("botocore")]
    levels = [logger.level for logger in debug]
    recorder = _Recorder()
    for logger in debug:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(recorder)
    root_recorder = _Recorder()
    root_recorder.setLevel(logging.INFO)
    root.addHandler(root_recorder)
    try:
        yield
    finally:
        for logger, level in zip(debug, levels, strict=True):
            logger.removeHandler(recorder)
            logger.setLevel(level)
        root.removeHandler(root_recorder)
    leaked = [m for m in recorder.messages + root_recorder.messages if CANARY in m]
    assert not leaked, f"the secret canary reached a log record: {leaked[0][:200]}"

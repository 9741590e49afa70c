from __future__ import annotations

from collections.abc import Iterator

import pytest

from icsdk import Client, Polling, RetryPolicy
from icsdk.testing import LocalSageMaker, set_testing


@pytest.fixture
def local() -> Iterator[LocalSageMaker]:
    """A manual-clock service whose clock moves whenever icsdk would sleep."""
    with LocalSageMaker(clock="manual", create_delay=60, update_delay=30, delete_delay=10) as local:
        local.create_endpoint("shared-gpu")
        set_testing(sleep=local.advance)
        try:
            yield local
        finally:
            set_testing(False)


@pytest.fixture
def client(local: LocalSageMaker) -> Client:
    return local.client(retry=RetryPolicy(attempts=4, deadline=120), polling=Polling())

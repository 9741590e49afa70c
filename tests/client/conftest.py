from __future__ import annotations

import pytest

from icsdk import Client, Polling, RetryPolicy
from icsdk.testing import LocalSageMaker


@pytest.fixture
def client(local: LocalSageMaker) -> Client:
    return local.client(retry=RetryPolicy(attempts=4, deadline=120), polling=Polling())

"""The pytest plugin (entry point ``pytest11``): fixtures for LocalSageMaker.

Fixtures:

* ``local_sagemaker``: a running :class:`~icsdk.testing.LocalSageMaker` (real clock, short
  delays), stopped after the test.
* ``manual_sagemaker``: the same with a manual clock (``advance(seconds)``).
* ``sagemaker_client`` / ``runtime_client``: boto3 clients on ``local_sagemaker``.
* ``icsdk_client``: an :class:`icsdk.Client` on ``local_sagemaker``.

Importing this module imports nothing heavy: the service is built when a fixture is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mypy_boto3_sagemaker import SageMakerClient
    from mypy_boto3_sagemaker_runtime import SageMakerRuntimeClient

    from .._client import Client
    from ._server import LocalSageMaker


@pytest.fixture
def local_sagemaker() -> Iterator[LocalSageMaker]:
    """A running LocalSageMaker on real time with short delays."""
    from ._server import LocalSageMaker

    with LocalSageMaker(create_delay=0.05, update_delay=0.05, delete_delay=0.02) as local:
        yield local


@pytest.fixture
def manual_sagemaker() -> Iterator[LocalSageMaker]:
    """A running LocalSageMaker whose clock moves only with ``advance()``."""
    from ._server import LocalSageMaker

    with LocalSageMaker(clock="manual") as local:
        yield local


@pytest.fixture
def sagemaker_client(local_sagemaker: LocalSageMaker) -> SageMakerClient:
    """A boto3 ``sagemaker`` client on ``local_sagemaker``."""
    return local_sagemaker.sagemaker_client()


@pytest.fixture
def runtime_client(local_sagemaker: LocalSageMaker) -> SageMakerRuntimeClient:
    """A boto3 ``sagemaker-runtime`` client on ``local_sagemaker``."""
    return local_sagemaker.runtime_client()


@pytest.fixture
def icsdk_client(local_sagemaker: LocalSageMaker) -> Client:
    """An icsdk Client on ``local_sagemaker``."""
    return local_sagemaker.client()

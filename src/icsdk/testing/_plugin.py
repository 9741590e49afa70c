"""The pytest plugin (entry point ``pytest11``): fixtures for LocalSageMaker.

Fixtures, and the service each is bound to:

* `local_sagemaker`: a running [`LocalSageMaker`][icsdk.testing.LocalSageMaker] on real time
  with short delays (50 ms to create or update, 20 ms to delete), stopped after the test.
  Bound to a service of its own.
* `manual_sagemaker`: a running LocalSageMaker on a manual clock, which moves only with
  `advance(seconds)` or `clock.sleep(seconds)`; default delays; stopped after the test.
  Bound to a service of its own.
* `sagemaker_client`: a boto3 `sagemaker` client. Bound to `local_sagemaker`.
* `runtime_client`: a boto3 `sagemaker-runtime` client. Bound to `local_sagemaker`.
* `icsdk_client`: an [`icsdk.Client`][icsdk.Client] on real time. Bound to `local_sagemaker`.
* `manual_client`: an [`icsdk.Client`][icsdk.Client] that waits on the manual clock, so its
  waits and backoff take no real time and cannot hang. Bound to `manual_sagemaker`.

A test that asks for both `local_sagemaker` and `manual_sagemaker` gets two separate services.
Importing this module imports nothing heavy: the service is built when a fixture is used.

Examples:
    ```python
    def test_deploy(manual_sagemaker, manual_client):
        manual_sagemaker.create_endpoint("shared-gpu")
        manual_client.apply(my_component, wait=True)  # simulated minutes, no real waiting
    ```
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
    """A running LocalSageMaker on a manual clock (``advance`` or ``clock.sleep`` moves it)."""
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
    """An icsdk Client on ``local_sagemaker`` (real time)."""
    return local_sagemaker.client()


@pytest.fixture
def manual_client(manual_sagemaker: LocalSageMaker) -> Client:
    """An icsdk Client on ``manual_sagemaker``, waiting on its manual clock."""
    return manual_sagemaker.client()

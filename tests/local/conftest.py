from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.config import Config

from icsdk.testing import LocalSageMaker

NO_RETRIES = Config(retries={"mode": "standard", "total_max_attempts": 1})
UNCHECKED = Config(
    parameter_validation=False, retries={"mode": "standard", "total_max_attempts": 1}
)


def spec(memory: int = 1024, accelerators: float | None = None, **extra: Any) -> Any:
    compute: dict[str, Any] = {"MinMemoryRequiredInMb": memory}
    if accelerators is not None:
        compute["NumberOfAcceleratorDevicesRequired"] = accelerators
    return {"ModelName": "m", "ComputeResourceRequirements": compute, **extra}


@pytest.fixture
def manual() -> Any:
    with LocalSageMaker(
        require_models=False, clock="manual", create_delay=30, update_delay=20, delete_delay=10
    ) as local:
        local.create_endpoint("shared-gpu")
        yield local


@pytest.fixture
def timed_endpoints() -> Iterator[LocalSageMaker]:
    """A manual-clock service whose endpoints take time: to deploy, to add or free instances."""
    with LocalSageMaker(
        require_models=False,
        clock="manual",
        create_delay=30,
        update_delay=20,
        delete_delay=10,
        endpoint_delay=60,
        instance_delay=100,
        idle_delay=600,
    ) as local:
        yield local

"""Test doubles for code that uses icsdk: a local SageMaker and a pytest plugin.

``LocalSageMaker`` is a real HTTP service on 127.0.0.1 that boto3 clients talk to, with the
inference-component lifecycle, fault injection, rate limits and a journal of every request.
Names load on first use, so the pytest plugin costs nothing until a fixture is used.

Examples:
    >>> from icsdk.testing import LocalSageMaker
    >>> with LocalSageMaker() as local:
    ...     local.sagemaker_client().list_inference_components()["InferenceComponents"]
    []
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_names as _lazy_names

if TYPE_CHECKING:
    from .._time import TestingSwitch, set_testing
    from ._capacity import DEFAULT_INSTANCES, InstanceCapacity
    from ._faults import Call, Fault, FaultKind, FaultPlan, Journal, RateLimits
    from ._runtime import Invocation, ModelFailure
    from ._server import LocalSageMaker

__all__ = [
    "DEFAULT_INSTANCES",
    "Call",
    "Fault",
    "FaultKind",
    "FaultPlan",
    "InstanceCapacity",
    "Invocation",
    "Journal",
    "LocalSageMaker",
    "ModelFailure",
    "RateLimits",
    "TestingSwitch",
    "set_testing",
]

_HOMES = {
    "Call": "._faults",
    "DEFAULT_INSTANCES": "._capacity",
    "Fault": "._faults",
    "FaultKind": "._faults",
    "FaultPlan": "._faults",
    "InstanceCapacity": "._capacity",
    "Invocation": "._runtime",
    "Journal": "._faults",
    "LocalSageMaker": "._server",
    "ModelFailure": "._runtime",
    "RateLimits": "._faults",
    "set_testing": ".._time",
    "TestingSwitch": ".._time",
}


__getattr__, __dir__ = _lazy_names(globals(), _HOMES)

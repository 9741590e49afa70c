"""Test doubles for code that uses icsdk: a local SageMaker and a pytest plugin.

``LocalSageMaker`` is a real HTTP service on 127.0.0.1 that boto3 clients talk to, with the
inference-component lifecycle, fault injection, rate limits and a journal of every request.

Example:
    >>> from icsdk.testing import LocalSageMaker
    >>> with LocalSageMaker() as local:
    ...     local.sagemaker_client().list_inference_components()["InferenceComponents"]
    []
"""

from __future__ import annotations

from .._retry import set_testing
from ._faults import Call, Fault, FaultKind, FaultPlan, Journal, RateLimits
from ._server import Invocation, LocalSageMaker, ModelFailure
from ._service import DEFAULT_INSTANCES, InstanceCapacity

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
    "set_testing",
]

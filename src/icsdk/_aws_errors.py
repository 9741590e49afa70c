"""The one place where botocore's errors become icsdk's: AWS error codes and message text.

SageMaker reports missing and busy resources as ``ValidationException``s told apart only by
their messages; the patterns below are the only code in icsdk that reads that text. Each is
tested against the real wording quoted from its public source (``tests/test_error_wording.py``),
or is marked "assumed" here where no real wording is public.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any, cast

from ._constraints import Problem
from ._errors import IcsdkError, NotConfigured, SpecError
from ._service_errors import (
    AccessDenied,
    AdaptersAttached,
    ComponentConflict,
    ComponentNotFound,
    ConnectionFailed,
    EndpointConfigNotFound,
    EndpointConflict,
    EndpointNotFound,
    InvalidState,
    ModelError,
    ModelNotFound,
    ModelNotReady,
    NoCapacity,
    QuotaExceeded,
    ScalingNotFound,
    ServiceError,
    Throttled,
)

__all__ = ["map_error"]

_THROTTLING_CODES = frozenset(
    {
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "SlowDown",
    }
)
_ACCESS_CODES = frozenset(
    {
        "AccessDeniedException",
        "AccessDenied",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "ExpiredTokenException",
        "ExpiredToken",
        "IncompleteSignature",
        "SignatureDoesNotMatch",
    }
)
# Sources of the wording: docs/local-fidelity.md ("Error wording icsdk reads"), with the quotes
# themselves in tests/test_error_wording.py.
_BY_MESSAGE: tuple[tuple[str, type[ServiceError]], ...] = (
    # "Could not find inference component" is the substring terraform-provider-aws
    # (internal/service/sagemaker/inference_component.go) and aws/sagemaker-python-sdk
    # (ModelBuilder._does_ic_exist) match. The "base " form (an adapter naming a missing base)
    # is assumed: no real wording is public.
    (r"^Could not find (base )?inference component", ComponentNotFound),
    # Runtime, a component name the endpoint does not host: assumed (no real wording public).
    (r"^Inference Component \S+ not found", ComponentNotFound),
    # 'Could not find endpoint "arn:aws:sagemaker:us-west-2:521695447989:endpoint/ipinsights-...".'
    # (https://github.com/aws/amazon-sagemaker-examples/issues/2402, DeleteEndpoint).
    (r"^Could not find endpoint \"", EndpointNotFound),
    # 'Could not find endpoint configuration "arn:aws:sagemaker:...:endpoint-config/..."'
    # (https://github.com/aws/amazon-sagemaker-examples/issues/2339); terraform-provider-aws
    # internal/service/sagemaker/find.go matches the same substring.
    (r"^Could not find endpoint configuration", EndpointConfigNotFound),
    # 'Cannot create already existing endpoint "arn:..."' (CreateEndpoint) and '... endpoint
    # configuration "arn:..."' (CreateEndpointConfig): ministryofjustice/modernisation-platform-
    # environments#9383 and awslabs/spot-tagging-bot-for-digital-assets#2 paste both.
    (r"^Cannot create already existing endpoint", EndpointConflict),
    # 'Could not find model "arn:aws:sagemaker:...:model/..."' (aws/sagemaker-python-sdk#2112).
    (r"^Could not find model", ModelNotFound),
    # Runtime: 'Endpoint DEMO-... of account 548009560556 not found.'
    # (https://github.com/aws/amazon-sagemaker-examples/issues/293).
    (r"^Endpoint \S+ of account \S+ not found", EndpointNotFound),
    # Assumed by analogy with the model's real 'Cannot create already existing model "arn:..."'
    # (astronomer/astronomer-providers#1055): no component's wording is public.
    (r"^Cannot create already existing inference component", ComponentConflict),
    # A change to a busy component: assumed. That the service refuses one is public (a user
    # report, https://github.com/aws/amazon-sagemaker-examples/issues/3432, and
    # terraform-provider-aws's "mid-transition (Creating/Updating)"); its wording is not.
    (r"because it is (already )?in \w+ status", InvalidState),
    # An endpoint busy Creating or Updating refuses UpdateEndpoint and DeleteEndpoint with
    # 'Cannot update in-progress endpoint "arn:aws:sagemaker:...:endpoint/..."': the prefix is
    # aws/amazon-sagemaker-operator-for-k8s's DeleteEndpointInProgressMessagePrefix
    # (controllers/sdkutil/clientwrapper/sagemaker_client.go).
    (r"^Cannot update in-progress endpoint", InvalidState),
    # The real service's refusal to delete a component already deleting names an internal
    # status; terraform-provider-aws internal/service/sagemaker/inference_component.go matches
    # the token "DELETE_IN_PROGRESS" in a ValidationException (the full text is not public).
    (r"DELETE_IN_PROGRESS", InvalidState),
    # The same file's comment quotes this substring of the refusal to delete a base with
    # adapters (its code matches the shorter "is a base inference component").
    (r"is a base inference component for one or more associated", AdaptersAttached),
    # Runtime, a component with no copies: the AWS scale-to-zero blog quotes the whole message.
    (r"^Inference Component has no capacity", NoCapacity),
)
# The status named in a busy refusal: assumed, with the wording above.
_BUSY_STATUS = r"in (\w+) status"
_BY_CODE: Mapping[str, type[ServiceError]] = {
    "ResourceLimitExceeded": QuotaExceeded,
    # Application Auto Scaling's API reference lists ObjectNotFoundException for
    # DeleteScalingPolicy and DeregisterScalableTarget; CloudWatch's DeleteAlarms lists
    # ResourceNotFound (its query-protocol code, which boto3 shows).
    "ObjectNotFoundException": ScalingNotFound,
    "ResourceNotFound": ScalingNotFound,
    "ModelNotReadyException": ModelNotReady,
    **dict.fromkeys(_THROTTLING_CODES, Throttled),
    **dict.fromkeys(_ACCESS_CODES, AccessDenied),
}
# The request never left the machine: nothing can have been applied.
_NOT_SENT = frozenset({"EndpointConnectionError", "ConnectTimeoutError"})
# Mistakes on this side of the wire: retrying cannot help.
_NOT_CONFIGURED = frozenset(
    {"NoCredentialsError", "PartialCredentialsError", "NoRegionError", "ProfileNotFound"}
)


@functools.cache
def _compiled() -> tuple[tuple[re.Pattern[str], type[ServiceError]], ...]:
    return tuple((re.compile(pattern), kind) for pattern, kind in _BY_MESSAGE)


def map_error(operation: str, error: BaseException) -> IcsdkError:
    """The icsdk error for a botocore error (``ClientError`` or a failure without an answer).

    The caller raises it ``from`` the original, which stays reachable as ``__cause__``.

    Examples:
        >>> from botocore.exceptions import ClientError
        >>> raw = ClientError(
        ...     {"Error": {"Code": "ValidationException",
        ...                "Message": 'Could not find inference component "a".'},
        ...      "ResponseMetadata": {"RequestId": "r1", "HTTPStatusCode": 400}},
        ...     "DescribeInferenceComponent",
        ... )
        >>> type(map_error("DescribeInferenceComponent", raw)).__name__
        'ComponentNotFound'
    """
    raw: object = getattr(error, "response", None)
    if not isinstance(raw, Mapping):
        return _without_answer(operation, error)
    response = cast("Mapping[str, Any]", raw)
    details: Mapping[str, Any] = response.get("Error", {})
    meta: Mapping[str, Any] = response.get("ResponseMetadata", {})
    code = str(details.get("Code", "Unknown"))
    message = str(details.get("Message", ""))
    facts: dict[str, Any] = {
        "request_id": meta.get("RequestId"),
        "status": meta.get("HTTPStatusCode"),
        "throttling": code in _THROTTLING_CODES,
    }
    if code == "ModelError":
        original = response.get("OriginalStatusCode")
        return ModelError(
            operation,
            code,
            message,
            original_status=int(original) if original is not None else None,
            original_message=response.get("OriginalMessage"),
            log_stream_arn=response.get("LogStreamArn"),
            **facts,
        )
    cls = _BY_CODE.get(code)
    if cls is None and code in ("ValidationException", "ValidationError"):
        cls = next((kind for pattern, kind in _compiled() if pattern.search(message)), None)
    if cls is InvalidState:
        busy = re.search(_BUSY_STATUS, message)
        status = "Deleting" if "DELETE_IN_PROGRESS" in message else busy.group(1) if busy else None
        return InvalidState(operation, code, message, component_status=status, **facts)
    return (cls or ServiceError)(operation, code, message, **facts)


def _without_answer(operation: str, error: BaseException) -> IcsdkError:
    name = type(error).__name__
    if name in _NOT_CONFIGURED:
        return NotConfigured(operation, str(error))
    if name == "ParamValidationError":
        return SpecError(_request_problems(error))
    return ConnectionFailed(
        operation, name, str(error), applied=False if name in _NOT_SENT else None
    )


# The lowest botocore whose SageMaker model has every member icsdk renders (boto3 shares its
# version numbers): CrossRegionTrafficConfig and the KV_AWARE routing strategy first ship in
# 1.44.4's published wheel, absent from 1.44.3's. pyproject.toml declares the same floor, and
# `make test` runs the wire tests against exactly this version.
_BOTOCORE_FLOOR = "1.44.4"
# botocore's own wording for a member its model lacks (botocore/validate.py).
_UNKNOWN_MEMBER = r'^Unknown parameter in (\S+): "([^"]+)"'


def _request_problems(error: BaseException) -> list[Problem]:
    """What botocore refused in a request, before sending it; a member it lacks by name."""
    kwargs: Mapping[str, Any] = getattr(error, "kwargs", {})
    report = str(kwargs.get("report", error))
    problems: list[Problem] = []
    for line in report.splitlines():
        unknown = re.match(_UNKNOWN_MEMBER, line)  # compiled on first use (re caches it)
        if unknown is None:
            problems.append(Problem("request", line))
            continue
        where, member = unknown.groups()
        path = member if where == "input" else f"{where}.{member}"
        problems.append(Problem(f"request.{path}", _too_old(member)))
    return problems


def _too_old(member: str) -> str:
    import botocore  # loaded already: it raised the error

    installed = botocore.__version__
    floor = _BOTOCORE_FLOOR
    if _release(installed) < _release(floor):
        return (
            f"botocore {installed} is older than icsdk needs and does not know {member}: "
            f'install botocore>={floor} and boto3>={floor} (pip install -U "boto3>={floor}")'
        )
    return (
        f"the SageMaker model botocore {installed} loaded does not know {member}, though "
        f"botocore {floor} and newer ship it: a model on AWS_DATA_PATH or in ~/.aws/models "
        "may be older than botocore itself"
    )


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])

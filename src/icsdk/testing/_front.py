"""The front of Application Auto Scaling and CloudWatch: protocols in, admission, operations.

Application Auto Scaling speaks JSON 1.1 (``POST /``, ``X-Amz-Target:
AnyScaleFrontendService.<Operation>``, errors as ``{"__type", "message"}``; botocore
``application-autoscaling`` model). CloudWatch's model offers ``smithy-rpc-v2-cbor``, ``json``
and ``query``; botocore 1.44 speaks JSON 1.0 (``X-Amz-Target:
GraniteServiceVersion20100801.<Operation>``), the first in its own priority order, and both it
and Smithy RPC v2 CBOR (see `_cbor`) are answered here.

CloudWatch is ``awsQueryCompatible``: an error reply carries the error's shape in ``__type`` and
``x-amzn-query-error: <Code>;<Sender|Receiver>``, and botocore reports ``<Code>``, the query
protocol's code (``ResourceNotFound``, ``InvalidParameterValue``, ``ValidationError``; botocore
``JSONParser``/``RpcV2CBORParser._do_error_parse``). Codes and shapes come from botocore's
model; throttling answers ``Throttling``, as CloudWatch's does ("An error occurred (Throttling)
when calling the GetMetricData operation: Rate exceeded", quoted in a public test suite).

Each request is validated against botocore's model of its service, then passes the same
admission step as SageMaker's (rate limit, fault, journal), so faults can be scripted for these
operations and the journal records them, with the component the request names, if any.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any, cast

from ._admission import Admission
from ._cbor import CBOR, SMITHY_HEADER, decode, encode
from ._monitoring import Monitoring
from ._protocol import AwsError, Reply, error_reply, service_model, to_json, validate_request

__all__ = ["Front"]

_AAS = "application-autoscaling"
_CLOUDWATCH = "cloudwatch"
_JSON_1_0 = "application/x-amz-json-1.0"
_SHAPES = "com.amazonaws.cloudwatch"
_QUERY_CODES = {"ThrottlingException": "Throttling", "ValidationException": "ValidationError"}
_CBOR_PATH = re.compile(r"^/service/(?P<service>[^/]+)/operation/(?P<operation>[^/?]+)$")
_Operation = Callable[[dict[str, Any], float], dict[str, Any]]


class Front:
    """Serves Application Auto Scaling and CloudWatch requests for one LocalSageMaker."""

    def __init__(
        self, monitoring: Monitoring, admission: Admission, now: Callable[[], float]
    ) -> None:
        self._monitoring = monitoring
        self._admission = admission
        self._now = now
        scaling, cloudwatch = monitoring.scaling, monitoring.cloudwatch
        self._aas: dict[str, _Operation] = {
            "RegisterScalableTarget": scaling.register_scalable_target,
            "DeregisterScalableTarget": scaling.deregister_scalable_target,
            "DescribeScalableTargets": scaling.describe_scalable_targets,
            "PutScalingPolicy": scaling.put_scaling_policy,
            "DeleteScalingPolicy": scaling.delete_scaling_policy,
            "DescribeScalingPolicies": scaling.describe_scaling_policies,
            "DescribeScalingActivities": scaling.describe_scaling_activities,
        }
        self._cloudwatch: dict[str, _Operation] = {
            "PutMetricAlarm": cloudwatch.put_metric_alarm,
            "DeleteAlarms": cloudwatch.delete_alarms,
            "DescribeAlarms": cloudwatch.describe_alarms,
            "GetMetricData": cloudwatch.get_metric_data,
            "GetMetricStatistics": cloudwatch.get_metric_statistics,
        }
        self._aas_prefix = str(service_model(_AAS).metadata["targetPrefix"])
        self._cloudwatch_prefix = str(service_model(_CLOUDWATCH).metadata["targetPrefix"])

    def serve(self, path: str, target: str, body: bytes) -> Reply:
        """Answer a request that is not SageMaker's: by its CBOR path, or its JSON target."""
        match = _CBOR_PATH.match(path)
        if match is not None:
            if match["service"] != self._cloudwatch_prefix:
                error = AwsError("UnknownOperationException", "Unknown service.")
                return _cloudwatch_error(error, cbor=True)
            return self._serve_cloudwatch(match["operation"], body, cbor=True)
        prefix, _, operation = target.partition(".")
        if prefix == self._aas_prefix and operation:
            return self._serve_aas(operation, body)
        if prefix == self._cloudwatch_prefix and operation:
            return self._serve_cloudwatch(operation, body, cbor=False)
        error = AwsError("UnknownOperationException", f"Unknown target {target[:80]!r}")
        return error_reply(error, rest=False)

    def _serve_aas(self, operation: str, body: bytes) -> Reply:
        try:
            params: Any = json.loads(body or b"{}")
        except (ValueError, RecursionError):
            error = AwsError("SerializationException", "The request body is not valid JSON.")
            return error_reply(error, rest=False)

        def serve() -> Reply:
            return Reply(body=to_json(self._run(_AAS, self._aas, operation, params)))

        resource = (
            cast("dict[str, Any]", params).get("ResourceId") if isinstance(params, dict) else None
        )
        name = (
            resource.removeprefix("inference-component/")
            if isinstance(resource, str) and resource.startswith("inference-component/")
            else None
        )
        return self._admission.admit(operation, params, name, serve, rest=False)

    def _serve_cloudwatch(self, operation: str, body: bytes, *, cbor: bool) -> Reply:
        def frame(error: AwsError) -> Reply:
            return _cloudwatch_error(error, cbor=cbor)

        try:
            params: Any = decode(body) if cbor else json.loads(body or b"{}")
        except (ValueError, RecursionError):
            return frame(AwsError("SerializationException", "The request body is not valid JSON."))
        except AwsError as error:
            return frame(error)

        def serve() -> Reply:
            out = self._run(_CLOUDWATCH, self._cloudwatch, operation, params)
            if cbor:
                return Reply(200, encode(out), CBOR, (SMITHY_HEADER,))
            return Reply(body=to_json(out), content_type=_JSON_1_0)

        return self._admission.admit(
            operation, params, _component_of(params), serve, rest=False, frame=frame
        )

    def _run(
        self, service: str, operations: dict[str, _Operation], operation: str, params: Any
    ) -> dict[str, Any]:
        method = operations.get(operation)
        if method is None:
            raise AwsError("UnknownOperationException", f"Unknown operation {operation}")
        validate_request(service, operation, params)
        now = self._now()
        self._monitoring.settle(now)
        with self._monitoring.lock:
            return method(params, now)


def _component_of(params: Any) -> str | None:
    """The inference component an alarm request names by its dimension, if it names one."""
    if not isinstance(params, dict):
        return None
    dimensions: object = cast("dict[str, Any]", params).get("Dimensions")
    if not isinstance(dimensions, list):
        return None
    for dimension in cast("list[object]", dimensions):
        if isinstance(dimension, dict):
            found = cast("dict[str, Any]", dimension)
            if found.get("Name") == "InferenceComponentName" and isinstance(
                found.get("Value"), str
            ):
                return str(found["Value"])
    return None


@functools.cache
def _modeled() -> dict[str, tuple[str, bool]]:
    """Query error code -> (shape name, the sender's fault), for CloudWatch's modeled errors."""
    out: dict[str, tuple[str, bool]] = {}
    for shape in service_model(_CLOUDWATCH).error_shapes:
        error = shape.metadata.get("error", {})
        out[error.get("code", shape.name)] = (shape.name, bool(error.get("senderFault")))
    return out


def _cloudwatch_error(error: AwsError, *, cbor: bool) -> Reply:
    """``error`` as CloudWatch answers it: its shape in ``__type``, its query code in a header."""
    code = _QUERY_CODES.get(error.code, error.code)
    shape, sender = _modeled().get(code, (error.code, error.status < 500))
    payload = {"__type": f"{_SHAPES}#{shape}", "message": error.message}
    headers: tuple[tuple[str, str], ...] = (
        ("x-amzn-query-error", f"{code};{'Sender' if sender else 'Receiver'}"),
    )
    if cbor:
        return Reply(error.status, encode(payload), CBOR, (SMITHY_HEADER, *headers))
    return Reply(error.status, json.dumps(payload).encode(), _JSON_1_0, headers)

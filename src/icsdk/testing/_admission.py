"""Admission: the one step every request passes before the service, rate limit -> fault -> journal.

Control-plane and runtime requests alike are checked against the rate limits, then given the
fault planned for them (if any), then served, and every outcome is journaled exactly once, with
whether the request was committed. Faults that commit (a reset after processing, a slow or
malformed answer) change only how the committed answer goes out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, cast

from ._faults import Fault, FaultKind, FaultPlan, Journal, RateLimits
from ._protocol import (
    NO_CAPACITY_MESSAGE,
    AwsError,
    Reply,
    StreamFailure,
    error_reply,
    model_error,
)

__all__ = ["Admission"]

_ERROR_FAULTS: Mapping[FaultKind, tuple[str, str, int]] = {
    FaultKind.THROTTLE: ("ThrottlingException", "Rate exceeded", 400),
    FaultKind.INTERNAL_ERROR: ("InternalFailure", "An internal error occurred.", 500),
    FaultKind.SERVICE_UNAVAILABLE: ("ServiceUnavailable", "Service is unavailable.", 503),
    FaultKind.QUOTA: (
        "ResourceLimitExceeded",
        "The account-level service limit for inference components has been reached.",
        400,
    ),
    FaultKind.ACCESS_DENIED: (
        "AccessDeniedException",
        "User is not authorized to perform this action.",
        400,
    ),
}
_BAD_GATEWAY = b"<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>"
# Cut off mid-string, as a response truncated in flight is.
_MALFORMED = b'{"InferenceComponentArn": "arn:aws:sage'
# The runtime model's own descriptions of the two events (botocore ``sagemaker-runtime``).
_STREAM_FAILURES: Mapping[FaultKind, StreamFailure] = {
    FaultKind.MODEL_STREAM_ERROR: StreamFailure(
        "ModelStreamError",
        "The model failed to finish sending the response within the timeout period allowed by "
        "Amazon SageMaker AI.",
        error_code="ModelInvocationTimeExceeded",
    ),
    FaultKind.INTERNAL_STREAM_FAILURE: StreamFailure(
        "InternalStreamFailure",
        "The stream processing failed because of an unknown error, exception or failure. "
        "Try your request again.",
    ),
}


class Admission:
    """Rate limits, faults and the journal, applied in that order to each request."""

    def __init__(
        self,
        *,
        now: Callable[[], float],
        rate_limits: RateLimits,
        faults: FaultPlan,
        journal: Journal,
        region: str,
        account: str,
    ) -> None:
        self._now = now
        self._rate_limits = rate_limits
        self._faults = faults
        self._journal = journal
        self._region = region
        self._account = account

    def admit(
        self,
        operation: str,
        params: Any,
        name: str | None,
        serve: Callable[[], Reply],
        *,
        rest: bool,
        frame: Callable[[AwsError], Reply] | None = None,
    ) -> Reply:
        """Serve one request through the rate limit and the fault plan, journaling the outcome.

        ``serve`` does the work and raises ``AwsError`` to refuse; ``rest`` says how errors
        are framed (the runtime's REST JSON, or SageMaker's JSON 1.1), unless ``frame`` frames
        them (CloudWatch's CBOR).
        """

        def refuse(error: AwsError) -> Reply:
            return error_reply(error, rest=rest) if frame is None else frame(error)

        record = {"at": self._now(), "operation": operation, "params": params, "name": name}
        journal = self._journal
        if not self._rate_limits.allow(operation):
            journal.record(**record, outcome="RateLimited", status=400, committed=False)
            return refuse(AwsError("ThrottlingException", "Rate exceeded"))
        fault = self._faults.take(operation)
        if fault is not None and not fault.kind.commits:
            journal.record(**record, outcome=fault.kind.name, status=0, committed=False)
            if fault.kind in _ERROR_FAULTS:
                code, message, status = _ERROR_FAULTS[fault.kind]
                return refuse(AwsError(code, message, status))
            return self._refusal(fault, params, rest=rest)
        try:
            reply = serve()
        except AwsError as error:
            journal.record(**record, outcome=error.code, status=error.status, committed=False)
            return refuse(error)
        outcome = fault.kind.name if fault is not None else "ok"
        journal.record(**record, outcome=outcome, status=200, committed=True)
        if fault is None:
            return reply
        if fault.kind is FaultKind.SLOW:
            return replace(reply, delay=fault.delay)
        if fault.kind is FaultKind.RESET_AFTER:
            return Reply(reset=True)
        if fault.kind is FaultKind.MALFORMED and not rest:
            return Reply(200, _MALFORMED)
        if fault.kind is FaultKind.TRUNCATED:
            return replace(reply, cut_short=True)
        failure = _STREAM_FAILURES.get(fault.kind)
        if failure is not None and reply.events is not None:
            return replace(reply, stream_failure=failure)
        return reply

    def _refusal(self, fault: Fault, params: Any, *, rest: bool) -> Reply:
        """The answer to a fault that stops a request before it is processed."""
        kind = fault.kind
        if kind is FaultKind.RESET_BEFORE:
            return Reply(reset=True)
        if kind is FaultKind.BAD_GATEWAY:
            return Reply(502, _BAD_GATEWAY, "text/html")
        if kind in _ERROR_FAULTS:
            code, message, status = _ERROR_FAULTS[kind]
            return error_reply(AwsError(code, message, status), rest=rest)
        # The runtime's own failures answer in the runtime's framing, whatever the operation.
        if kind is FaultKind.MODEL_ERROR:
            error = model_error(
                _endpoint(params),
                500,
                "injected model failure",
                region=self._region,
                account=self._account,
            )
        elif kind is FaultKind.NO_CAPACITY:
            error = AwsError("ValidationError", NO_CAPACITY_MESSAGE)
        else:
            error = AwsError("ModelNotReadyException", "Model is not ready.", 429)
        return error_reply(error, rest=True)


def _endpoint(params: Any) -> str:
    """The endpoint an invocation was sent to (the runtime's journal entries name it)."""
    if not isinstance(params, dict):
        return "unknown"
    found: object = cast("dict[str, object]", params).get("EndpointName")
    return found if isinstance(found, str) else "unknown"

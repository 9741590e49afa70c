"""Wire-level pieces of the local service: requests, replies, errors, validation, event streams.

Requests are validated against botocore's service model, as the real service does, and refused
with AWS's own wording ("1 validation error detected: Value 'x' at 'copyCount' failed to satisfy
constraint: Member must have value greater than or equal to 0"). What to answer is a `Reply`;
only the HTTP layer touches sockets.
"""

from __future__ import annotations

import functools
import json
import struct
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from .._constraints import matcher

if TYPE_CHECKING:
    from botocore.model import ServiceModel, Shape

__all__ = [
    "JSON_1_1",
    "NO_CAPACITY_MESSAGE",
    "AwsError",
    "InvokeRequest",
    "Reply",
    "StreamFailure",
    "encode_event",
    "error_reply",
    "model_error",
    "to_json",
    "validate_request",
    "validation",
]

JSON_1_1 = "application/x-amz-json-1.1"
NO_CAPACITY_MESSAGE = (
    "Inference Component has no capacity to process this request. ApplicationAutoScaling may "
    "be in-progress (if configured) or try to increase the capacity by invoking "
    "UpdateInferenceComponentRuntimeConfig API."
)


class AwsError(Exception):
    """An error the local service answers with: AWS error code, message, HTTP status."""

    def __init__(self, code: str, message: str, status: int = 400, **extra: Any) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.extra = extra


def validation(message: str) -> AwsError:
    return AwsError("ValidationException", message)


def model_error(endpoint: str, status: int, message: str, *, region: str, account: str) -> AwsError:
    """The runtime's ModelError (424): the model container on ``endpoint`` answered ``status``.

    The wording and body are the real service's: a user's report quotes "Received client error
    (400) from primary with message "..." See https://us-east-1.console.aws.amazon.com/cloudwatch/
    home?region=us-east-1#logEventViewer:group=/aws/sagemaker/Endpoints/<endpoint> in account
    <account> for more information.", and a captured body carries ``ErrorCode``
    (``CLIENT_ERROR_FROM_MODEL``), ``LogStreamArn`` (the endpoint's log group),
    ``OriginalMessage`` and ``OriginalStatusCode`` (botocore's runtime model lists the last
    three). "Received server error (500)" for a 5xx is from user notes (medium confidence).
    Assumed (no public evidence): ``SERVER_ERROR_FROM_MODEL`` as the 5xx ``ErrorCode``, and
    the endpoint's log group (not ``/aws/sagemaker/InferenceComponents/<name>``) for a
    component's error.
    """
    side = "client" if 400 <= status < 500 else "server"
    group = f"/aws/sagemaker/Endpoints/{endpoint}"
    console = (
        f"https://{region}.console.aws.amazon.com/cloudwatch/home?region={region}"
        f"#logEventViewer:group={group}"
    )
    return AwsError(
        "ModelError",
        f'Received {side} error ({status}) from primary with message "{message}". See '
        f"{console} in account {account} for more information.",
        424,
        ErrorCode=f"{side.upper()}_ERROR_FROM_MODEL",
        OriginalStatusCode=status,
        OriginalMessage=message,
        LogStreamArn=f"arn:aws:logs:{region}:{account}:log-group:{group}",
    )


@dataclass(frozen=True)
class StreamFailure:
    """An exception event ending a response stream after ``after`` payload parts.

    The runtime model (botocore ``sagemaker-runtime``) gives the response stream two exception
    events: ``ModelStreamError`` (``Message``, ``ErrorCode``: ``ModelInvocationTimeExceeded``
    or ``StreamBroken``) and ``InternalStreamFailure`` (``Message``).
    """

    code: str
    message: str
    error_code: str | None = None
    after: int = 1

    def payload(self) -> bytes:
        body = {"Message": self.message}
        if self.error_code is not None:
            body["ErrorCode"] = self.error_code
        return json.dumps(body).encode()


@dataclass(frozen=True)
class InvokeRequest:
    """An InvokeEndpoint(WithResponseStream) request, as read from the runtime's REST binding."""

    endpoint: str
    stream: bool
    component: str | None
    body: bytes
    content_type: str | None
    accept: str | None
    custom_attributes: str | None

    @property
    def operation(self) -> str:
        return "InvokeEndpointWithResponseStream" if self.stream else "InvokeEndpoint"


@dataclass(frozen=True)
class Reply:
    """What to answer one request with; the HTTP layer frames and sends it."""

    status: int = 200
    body: bytes = b""
    content_type: str = JSON_1_1
    headers: tuple[tuple[str, str], ...] = ()
    events: tuple[bytes, ...] | None = None
    """A response stream: each chunk is sent as one ``PayloadPart`` event."""
    delay: float = 0.0
    """Seconds to hold the answer back (a slow service, for client read timeouts)."""
    reset: bool = False
    """Drop the connection with a TCP reset instead of answering."""
    cut_short: bool = False
    """Send the headers and only part of the answer, then close: the body promised by
    Content-Length (or the stream's closing chunk) never arrives."""
    stream_failure: StreamFailure | None = None
    """End the response stream with this exception event instead of its remaining parts."""


def error_reply(error: AwsError, *, rest: bool) -> Reply:
    """``error`` framed for the JSON 1.1 protocol (SageMaker) or REST JSON (the runtime)."""
    payload: dict[str, Any] = {"message": error.message, **error.extra}
    if rest:
        return Reply(
            error.status,
            json.dumps(payload).encode(),
            "application/json",
            (("x-amzn-ErrorType", f"{error.code}:"),),
        )
    payload["__type"] = error.code
    return Reply(error.status, json.dumps(payload).encode(), JSON_1_1)


@functools.cache
def service_model(name: str) -> ServiceModel:
    import botocore.session

    return botocore.session.get_session().get_service_model(name)


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def validate_request(service: str, operation: str, params: Any) -> None:
    """Raise ValidationException (or SerializationException) if ``params`` breaks the model."""
    shape = service_model(service).operation_model(operation).input_shape
    if shape is None:
        return
    problems: list[str] = []
    _check(shape, params, "", problems, secret=False)
    if problems:
        count = len(problems)
        noun = "error" if count == 1 else "errors"
        raise validation(f"{count} validation {noun} detected: " + "; ".join(problems))


def _check(shape: Shape, value: Any, path: str, problems: list[str], *, secret: bool) -> None:
    kind = shape.type_name
    meta = shape.metadata
    shown = "***" if secret or meta.get("sensitive") else _short(value)
    where = path or "request"

    def fail(constraint: str) -> None:
        problems.append(f"Value '{shown}' at '{where}' failed to satisfy constraint: {constraint}")

    if kind == "structure":
        if not isinstance(value, dict):
            raise AwsError("SerializationException", f"Expected an object at '{where}'")
        value = cast("dict[str, Any]", value)
        members = cast("Any", shape).members
        for name in value:
            if name not in members:
                raise AwsError("SerializationException", f"Unknown member '{name}' at '{where}'")
        problems.extend(
            f"Value null at '{_join(path, name)}' failed to satisfy constraint: "
            "Member must not be null"
            for name in cast("Any", shape).required_members
            if value.get(name) is None
        )
        for name, member_value in value.items():
            member_secret = secret or name == "Environment"
            _check(members[name], member_value, _join(path, name), problems, secret=member_secret)
        return
    if kind == "list":
        if not isinstance(value, list):
            raise AwsError("SerializationException", f"Expected a list at '{where}'")
        items: list[Any] = list(cast("Iterable[Any]", value))
        _bounds(len(items), meta, "length", fail)
        for index, item in enumerate(items, start=1):
            member = cast("Any", shape).member
            _check(member, item, f"{where}.{index}.member", problems, secret=secret)
        return
    if kind == "map":
        if not isinstance(value, dict):
            raise AwsError("SerializationException", f"Expected an object at '{where}'")
        entries: dict[Any, Any] = dict(cast("Mapping[Any, Any]", value))
        _bounds(len(entries), meta, "length", fail)
        for key, item in entries.items():
            _check(cast("Any", shape).key, key, f"{where}.key", problems, secret=False)
            _check(cast("Any", shape).value, item, f"{where}.value", problems, secret=True)
        return
    if kind == "string":
        if not isinstance(value, str):
            raise AwsError("SerializationException", f"Expected a string at '{where}'")
        _bounds(len(value), meta, "length", fail)
        pattern = meta.get("pattern")
        if pattern is not None and not _pattern(pattern)(value):
            fail(f"Member must satisfy regular expression pattern: {pattern}")
        enum = getattr(shape, "enum", None)
        if enum and value not in enum:
            fail(f"Member must satisfy enum value set: [{', '.join(enum)}]")
        return
    if kind in ("integer", "long", "float", "double"):
        integral = kind in ("integer", "long")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise AwsError("SerializationException", f"Expected a number at '{where}'")
        if integral and isinstance(value, float) and not value.is_integer():
            raise AwsError("SerializationException", f"Expected an integer at '{where}'")
        _bounds(value, meta, "value", fail)
        return
    if kind == "boolean" and not isinstance(value, bool):
        raise AwsError("SerializationException", f"Expected a boolean at '{where}'")
    if kind == "timestamp" and (
        isinstance(value, bool) or not isinstance(value, int | float | datetime)
    ):
        raise AwsError("SerializationException", f"Expected a timestamp at '{where}'")


@functools.cache
def _pattern(pattern: str) -> Callable[[str], bool]:
    """``matcher`` for the patterns of Application Auto Scaling's and CloudWatch's models too.

    Java reads the surrogate pair ``\ud800\udc00`` as one code point, Python's ``re`` as two;
    and ``\\p{Print}`` is Java's printable ASCII.
    """
    java = pattern.replace(r"\uD800\uDC00-\uDBFF\uDFFF", r"\U00010000-\U0010FFFF")
    if java == r"\p{Print}+":
        return lambda value: bool(value) and all(" " <= ch <= "~" for ch in value)
    return matcher(java)


def _bounds(size: float, meta: Any, what: str, fail: Any) -> None:
    low, high = meta.get("min"), meta.get("max")
    if low is not None and size < low:
        fail(f"Member must have {what} greater than or equal to {low:g}")
    if high is not None and size > high:
        fail(f"Member must have {what} less than or equal to {high:g}")


def _join(path: str, name: str) -> str:
    return f"{path}.{_camel(name)}" if path else _camel(name)


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= 80 else text[:77] + "..."


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return value.timestamp()
    raise TypeError(f"cannot encode {type(value).__name__}")


def to_json(value: object) -> bytes:
    """JSON 1.1 body: timestamps as epoch seconds."""
    return json.dumps(value, default=_default).encode()


def _header(name: str, value: str) -> bytes:
    raw_name, raw_value = name.encode(), value.encode()
    return (
        struct.pack("B", len(raw_name))
        + raw_name
        + b"\x07"  # header value type 7: string
        + struct.pack(">H", len(raw_value))
        + raw_value
    )


def encode_event(event_type: str, payload: bytes, *, message_type: str = "event") -> bytes:
    """One message of AWS's binary event-stream encoding (prelude, headers, payload, CRCs)."""
    if message_type == "event":
        headers = (
            _header(":event-type", event_type)
            + _header(":content-type", "application/octet-stream")
            + _header(":message-type", "event")
        )
    else:
        headers = (
            _header(":exception-type", event_type)
            + _header(":content-type", "application/json")
            + _header(":message-type", "exception")
        )
    total = 12 + len(headers) + len(payload) + 4
    prelude = struct.pack(">II", total, len(headers))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    message = prelude + headers + payload
    return message + struct.pack(">I", zlib.crc32(message))

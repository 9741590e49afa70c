"""Invoking a component: the typed result, and the stream of parts."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from ._errors import ModelError

__all__ = ["InvokeResult", "stream_parts"]


@attrs.frozen(kw_only=True)
class InvokeResult:
    """What a model answered: the body and the response headers that matter.

    The body stays out of the repr (only its size shows): it is the model's output.

    Example:
        >>> result = InvokeResult(body=b'{"generated_text": "hi"}', content_type="application/json",
        ...                       invoked_variant="AllTraffic")
        >>> result.json()["generated_text"]
        'hi'
        >>> result
        InvokeResult(24 bytes, content_type='application/json', invoked_variant='AllTraffic')
    """

    body: bytes
    content_type: str | None = None
    invoked_variant: str | None = None
    custom_attributes: str | None = None

    def json(self) -> Any:
        """The body parsed as JSON.

        Example:
            >>> InvokeResult(body=b"[1, 2]").json()
            [1, 2]
        """
        return json.loads(self.body)

    def text(self, encoding: str = "utf-8") -> str:
        """The body decoded as text.

        Example:
            >>> InvokeResult(body=b"hello").text()
            'hello'
        """
        return self.body.decode(encoding)

    def __repr__(self) -> str:
        return (
            f"InvokeResult({len(self.body)} bytes, content_type={self.content_type!r}, "
            f"invoked_variant={self.invoked_variant!r})"
        )


def stream_parts(operation: str, events: Any) -> Iterator[bytes]:
    """The payload parts of a response stream; a model's stream error raises ModelError."""
    for event in events:
        event_map: Mapping[str, Any] = event
        if "PayloadPart" in event_map:
            yield event_map["PayloadPart"].get("Bytes", b"")
        elif "ModelStreamError" in event_map:
            failure = event_map["ModelStreamError"]
            raise ModelError(
                operation, failure.get("ErrorCode", "ModelStreamError"), failure.get("Message", "")
            )
        elif "InternalStreamFailure" in event_map:
            raise ModelError(
                operation,
                "InternalStreamFailure",
                event_map["InternalStreamFailure"].get("Message", ""),
            )

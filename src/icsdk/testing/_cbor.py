"""Smithy RPC v2 CBOR, one of the protocols CloudWatch's model offers.

botocore's ``cloudwatch`` model lists ``"protocols": ["smithy-rpc-v2-cbor", "json", "query"]``;
botocore 1.44 itself takes the first of them in its own order (``json``, then
``smithy-rpc-v2-cbor``: ``PRIORITY_ORDERED_SUPPORTED_PROTOCOLS``), so it speaks JSON 1.0, and
clients that prefer CBOR speak this: ``POST /service/GraniteServiceVersion20100801/operation/
<Operation>`` with ``smithy-protocol: rpc-v2-cbor`` and a CBOR body, timestamps as CBOR tag 1
(epoch seconds). Replies carry the same header and ``Content-Type: application/cbor``.

CBOR is read and written with ``cbor2`` (the ``testing`` extra: ``pip install
'icsdk[testing]'``), loaded on the first CBOR request, so that nothing else needs it.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType
from typing import Any

from ._protocol import AwsError

__all__ = ["CBOR", "SMITHY_HEADER", "decode", "encode"]

CBOR = "application/cbor"
SMITHY_HEADER = ("smithy-protocol", "rpc-v2-cbor")


@functools.cache
def _cbor2() -> ModuleType:
    try:
        # Deferred: an optional dependency, needed only once CloudWatch is spoken to.
        return importlib.import_module("cbor2")
    except ImportError:
        raise AwsError(
            "InternalFailure",
            "LocalSageMaker needs the cbor2 package to answer CloudWatch (Smithy RPC v2 CBOR): "
            "install icsdk[testing].",
            500,
        ) from None


def decode(body: bytes) -> Any:
    """The request's parameters, or a SerializationException."""
    if not body:
        return {}
    cbor2 = _cbor2()
    try:
        value = cbor2.loads(body)
    except (cbor2.CBORError, ValueError, RecursionError, EOFError):
        raise AwsError("SerializationException", "The request body is not valid CBOR.") from None
    return value


def encode(value: Any) -> bytes:
    """``value`` in CBOR, datetimes as tag 1."""
    return bytes(_cbor2().dumps(value, datetime_as_timestamp=True))

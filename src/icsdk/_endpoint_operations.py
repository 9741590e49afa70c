"""The endpoint operations: one method per SageMaker call, each write with its settling rule.

Endpoint writes have no idempotency token either; one whose outcome is unknown is settled by
what the service shows:

| write | done when it shows | sent again when it shows | otherwise |
|---|---|---|---|
| create config | the config, with this content | no config | SpecMismatch |
| create endpoint | the endpoint on this config | no endpoint, or deleting | SpecMismatch |
| update endpoint | this config, live or pending | the old config, settled | wait while busy |
| delete endpoint / config | nothing, or the endpoint deleting | the resource | - |
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any, cast

from ._endpoint import Endpoint
from ._endpoint_state import EndpointState, EndpointStatus
from ._errors import SpecMismatch
from ._retry import NotYet, Settle
from ._service_errors import EndpointConfigNotFound, EndpointNotFound
from ._transport import Transport, parsed
from ._wire.endpoint import EndpointRequests, parse_endpoint_state

__all__ = ["EndpointOperations"]

# Members of DescribeEndpointConfig's answer that are not part of what was asked for.
_DESCRIBED_ONLY = frozenset({"EndpointConfigArn", "CreationTime", "ResponseMetadata"})


class EndpointOperations:
    """Describe, create, update, delete and tag endpoints and endpoint configs."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._sagemaker = transport.sagemaker

    # -- reading -----------------------------------------------------------------------------

    def describe(self, name: str, *, once: bool = False) -> EndpointState:
        """The endpoint and its live config; EndpointNotFound if there is none."""
        request: Any = {"EndpointName": name}

        def send() -> Mapping[str, Any]:
            return parsed(_checked, self._sagemaker.describe_endpoint(**request))

        described = (
            self._transport.once("DescribeEndpoint", send)
            if once
            else self._transport.call("DescribeEndpoint", send)
        )
        config = self.config_or_none(described["EndpointConfigName"], once=once)
        return parse_endpoint_state(Endpoint, described, config)

    def describe_or_none(self, name: str, *, once: bool = False) -> EndpointState | None:
        """The endpoint, or ``None`` if there is no such endpoint."""
        try:
            return self.describe(name, once=once)
        except EndpointNotFound:
            return None

    def config_or_none(self, config_name: str, *, once: bool = False) -> dict[str, Any] | None:
        """DescribeEndpointConfig's answer (without what only Describe adds), or ``None``."""
        request: Any = {"EndpointConfigName": config_name}

        def send() -> dict[str, Any]:
            answer = self._sagemaker.describe_endpoint_config(**request)
            return {key: value for key, value in answer.items() if key not in _DESCRIBED_ONLY}

        try:
            if once:
                return self._transport.once("DescribeEndpointConfig", send)
            return self._transport.call("DescribeEndpointConfig", send)
        except EndpointConfigNotFound:
            return None

    # -- writing -----------------------------------------------------------------------------

    def create_config(self, requests: EndpointRequests) -> None:
        """Create the endpoint config ``requests`` names, unless it exists with this content.

        SpecMismatch if a config of that name holds other content: configs never change.
        """
        wanted: dict[str, Any] = dict(requests.config)
        name = wanted["EndpointConfigName"]

        def check() -> bool | None:
            live = self.config_or_none(name, once=True)
            if live is None:
                return None
            if _same_config(live, wanted):
                return True
            raise SpecMismatch(
                name,
                f"endpoint config {name!r} exists with other content; endpoint configs cannot "
                "change: give the endpoint a new config_name (or leave it unset)",
            )

        if check() is not None:
            return

        def send() -> bool:
            self._sagemaker.create_endpoint_config(**requests.config)
            return True

        self._transport.call("CreateEndpointConfig", send, Settle(name, check))

    def create(self, requests: EndpointRequests) -> str:
        """Create the endpoint on its (existing) config; its ARN."""
        name, config_name = (
            requests.endpoint["EndpointName"],
            requests.endpoint["EndpointConfigName"],
        )

        def check() -> str | None:
            live = self.describe_or_none(name, once=True)
            if live is None or live.status is EndpointStatus.DELETING:
                return None
            if live.config_name == config_name:
                return live.arn
            raise SpecMismatch(
                name,
                f"endpoint {name!r} exists on config {live.config_name!r}, not {config_name!r}",
            )

        return self._transport.call(
            "CreateEndpoint",
            lambda: parsed(_endpoint_arn, self._sagemaker.create_endpoint(**requests.endpoint)),
            Settle(name, check),
        )

    def update(self, name: str, config_name: str) -> str:
        """Move endpoint ``name`` to config ``config_name`` (UpdateEndpoint); its ARN."""
        request: Any = {"EndpointName": name, "EndpointConfigName": config_name}

        def check() -> str | None:
            live = self.describe(name, once=True)
            if config_name in (live.config_name, live.pending_config_name):
                return live.arn
            if live.status is not None and not live.status.settled:
                raise NotYet(f"endpoint {name!r} is {live.status.value}")
            return None

        return self._transport.call(
            "UpdateEndpoint",
            lambda: parsed(_endpoint_arn, self._sagemaker.update_endpoint(**request)),
            Settle(name, check),
        )

    def delete(self, name: str) -> None:
        """Delete endpoint ``name``; absent, or already deleting, is success."""
        request: Any = {"EndpointName": name}

        def check() -> bool | None:
            live = self.describe_or_none(name, once=True)
            return True if live is None or live.status is EndpointStatus.DELETING else None

        def send() -> bool:
            self._sagemaker.delete_endpoint(**request)
            return True

        with contextlib.suppress(EndpointNotFound):
            self._transport.call("DeleteEndpoint", send, Settle(name, check))

    def delete_config(self, config_name: str) -> None:
        """Delete endpoint config ``config_name``; absent is success."""
        request: Any = {"EndpointConfigName": config_name}

        def check() -> bool | None:
            return True if self.config_or_none(config_name, once=True) is None else None

        def send() -> bool:
            self._sagemaker.delete_endpoint_config(**request)
            return True

        with contextlib.suppress(EndpointConfigNotFound):
            self._transport.call("DeleteEndpointConfig", send, Settle(config_name, check))


def _checked(response: Mapping[str, Any]) -> Mapping[str, Any]:
    """DescribeEndpoint's answer, once the members icsdk relies on are known to be there."""
    for member in ("EndpointName", "EndpointArn", "EndpointConfigName"):
        str(response[member])
    return response


def _endpoint_arn(response: Mapping[str, Any]) -> str:
    return str(response["EndpointArn"])


def _same_config(live: Mapping[str, Any], wanted: Mapping[str, Any]) -> bool:
    """Whether a described config holds what ``wanted`` asks for (tags aside)."""
    return _holds(live, {key: value for key, value in wanted.items() if key != "Tags"})


def _holds(live: object, wanted: object) -> bool:
    """Whether ``live`` has every member ``wanted`` asks for, as asked.

    The service may add members it fills in; those are not a difference.
    """
    if isinstance(wanted, Mapping) and isinstance(live, Mapping):
        asked, have = cast("Mapping[str, object]", wanted), cast("Mapping[str, object]", live)
        return all(key in have and _holds(have[key], value) for key, value in asked.items())
    if isinstance(wanted, list) and isinstance(live, list):
        items, found = cast("list[object]", wanted), cast("list[object]", live)
        return len(found) == len(items) and all(map(_holds, found, items))
    return live == wanted

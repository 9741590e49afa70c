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
from collections.abc import Callable
from typing import Any

from ._endpoint import Endpoint
from ._endpoint_state import EndpointState
from ._endpoint_status import EndpointStatus
from ._errors import SpecMismatch
from ._retry import NotYet, Settle
from ._service_errors import EndpointConfigNotFound, EndpointNotFound, ServiceError
from ._transport import Transport, parsed
from ._wire.calls import endpoint_request
from ._wire.endpoint import (
    EndpointRequests,
    config_request,
    described_config,
    described_config_name,
    endpoint_arn,
    holds_config,
    parse_endpoint_state,
    readable_endpoint,
    update_request,
)

__all__ = ["EndpointOperations"]


class EndpointOperations:
    """Describe, create, update, delete and tag endpoints and endpoint configs."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._sagemaker = transport.sagemaker

    # -- reading -----------------------------------------------------------------------------

    def describe(self, name: str, *, once: bool = False) -> EndpointState:
        """The endpoint and its live config; EndpointNotFound if there is none."""
        request: Any = endpoint_request(name)
        described = self._transport.call(
            "DescribeEndpoint",
            lambda: parsed(readable_endpoint, self._sagemaker.describe_endpoint(**request)),
            once=once,
        )
        config = self.config_or_none(described_config_name(described), once=once)
        return parse_endpoint_state(Endpoint, described, config)

    def describe_or_none(self, name: str, *, once: bool = False) -> EndpointState | None:
        """The endpoint, or ``None`` if there is no such endpoint."""
        try:
            return self.describe(name, once=once)
        except EndpointNotFound:
            return None

    def config_or_none(self, config_name: str, *, once: bool = False) -> dict[str, Any] | None:
        """DescribeEndpointConfig's answer (without what only Describe adds), or ``None``."""
        request: Any = config_request(config_name)
        try:
            return self._transport.call(
                "DescribeEndpointConfig",
                lambda: described_config(self._sagemaker.describe_endpoint_config(**request)),
                once=once,
            )
        except EndpointConfigNotFound:
            return None

    # -- writing -----------------------------------------------------------------------------

    def create_config(self, requests: EndpointRequests) -> None:
        """Create the endpoint config ``requests`` names, unless it exists with this content.

        SpecMismatch if a config of that name holds other content: configs never change.
        """
        wanted: dict[str, Any] = dict(requests.config)
        name = requests.config_name

        def check() -> bool | None:
            live = self.config_or_none(name, once=True)
            if live is None:
                return None
            if holds_config(live, wanted):
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
        name, config_name = requests.name, requests.config_name

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
            lambda: parsed(endpoint_arn, self._sagemaker.create_endpoint(**requests.endpoint)),
            Settle(name, check),
        )

    def update(self, name: str, config_name: str) -> str:
        """Move endpoint ``name`` to config ``config_name`` (UpdateEndpoint); its ARN."""
        request: Any = update_request(name, config_name)

        def check() -> str | None:
            live = self.describe(name, once=True)
            if config_name in (live.config_name, live.pending_config_name):
                return live.arn
            if live.status is not None and not live.status.settled:
                raise NotYet(f"endpoint {name!r} is {live.status.value}")
            return None

        return self._transport.call(
            "UpdateEndpoint",
            lambda: parsed(endpoint_arn, self._sagemaker.update_endpoint(**request)),
            Settle(name, check),
        )

    def delete(self, name: str) -> None:
        """Delete endpoint ``name``; absent, or already deleting, is success."""
        request: Any = endpoint_request(name)

        def gone() -> bool:
            live = self.describe_or_none(name, once=True)
            return live is None or live.status is EndpointStatus.DELETING

        self._delete(
            "DeleteEndpoint",
            name,
            lambda: self._sagemaker.delete_endpoint(**request),
            gone,
            EndpointNotFound,
        )

    def delete_config(self, config_name: str) -> None:
        """Delete endpoint config ``config_name``; absent is success."""
        request: Any = config_request(config_name)
        self._delete(
            "DeleteEndpointConfig",
            config_name,
            lambda: self._sagemaker.delete_endpoint_config(**request),
            lambda: self.config_or_none(config_name, once=True) is None,
            EndpointConfigNotFound,
        )

    def _delete(
        self,
        operation: str,
        name: str,
        send: Callable[[], object],
        gone: Callable[[], bool],
        absent: type[ServiceError],
    ) -> None:
        """Send a delete settled by ``gone()``; ``absent`` (already gone) is success."""

        def check() -> bool | None:
            return True if gone() else None

        def deleted() -> bool:
            send()
            return True

        with contextlib.suppress(absent):
            self._transport.call(operation, deleted, Settle(name, check))

"""The Client's reading methods: describe, exists, list, and invoking."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from ._errors import WaitTimeout
from ._log import logger
from ._service_errors import NoCapacity
from ._state import ComponentState, ComponentSummary, InvokeResult, Status
from ._time import Deadline, Seconds, to_seconds
from ._wire.calls import render_list

if TYPE_CHECKING:
    from ._invoke import Invoker
    from ._operations import Operations
    from ._transport import Transport
    from ._waiting import Polling

__all__ = ["Reading"]


class Reading:
    """The part of [`Client`][icsdk.Client] that reads components and invokes them."""

    _operations: Operations
    _invoker: Invoker
    _transport: Transport
    _polling: Polling

    def describe(self, name: str) -> ComponentState:
        """The component's live state; [`ComponentNotFound`][icsdk.ComponentNotFound] if none.

        Examples:
            >>> from icsdk import ComponentNotFound
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     try:
            ...         local.client().describe("missing")
            ...     except ComponentNotFound as error:
            ...         print(error.code)
            ValidationException
        """
        return self._operations.describe(name)

    def exists(self, name: str) -> bool:
        """Whether a component called ``name`` exists (in any status).

        Examples:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     local.client().exists("missing")
            False
        """
        return self._operations.describe_or_none(name) is not None

    def list(
        self,
        *,
        endpoint: str | None = None,
        variant: str | None = None,
        status: Status | None = None,
        name_contains: str | None = None,
        created_after: datetime | None = None,
        created_before: datetime | None = None,
        modified_after: datetime | None = None,
        modified_before: datetime | None = None,
        sort_by: Literal["Name", "CreationTime", "Status"] | None = None,
        sort_order: Literal["Ascending", "Descending"] | None = None,
        page_size: int = 100,
    ) -> Iterator[ComponentSummary]:
        """Components matching every filter given, fetched a page at a time as you iterate.

        Filters are checked now ([`SpecError`][icsdk.SpecError]); pages are fetched lazily.

        Examples:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     [c.name for c in local.client().list(endpoint="shared-gpu")]
            []
        """
        request = render_list(
            endpoint=endpoint,
            variant=variant,
            status=status.value if status is not None else None,
            name_contains=name_contains,
            created_after=created_after,
            created_before=created_before,
            modified_after=modified_after,
            modified_before=modified_before,
            sort_by=sort_by,
            sort_order=sort_order,
            page_size=page_size,
        )
        return (entry for page in self._operations.pages(request) for entry in page)

    def invoke(
        self,
        name: str,
        body: bytes | str,
        *,
        content_type: str | None = None,
        accept: str | None = None,
        custom_attributes: str | None = None,
        inference_id: str | None = None,
        session_id: str | None = None,
        wait_for_capacity: Seconds | None = None,
    ) -> InvokeResult:
        """Send ``body`` to component ``name``; the endpoint is found from the component.

        A component scaled to zero answers [`NoCapacity`][icsdk.NoCapacity], and that request
        is what wakes it (its alarm counts ``NoCapacityInvocationFailures``). With
        ``wait_for_capacity`` (seconds or a timedelta), icsdk then polls the component until a
        copy runs and sends the request once more, until the time is up: then
        [`WaitTimeout`][icsdk.WaitTimeout]. AWS measured about 5 minutes for an 8B model to
        come back from zero (see the autoscaling page).

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     _ = client.apply(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     client.invoke("a", '{"inputs": "hi"}', content_type="application/json").json()
            {'component': 'a', 'model': 'm', 'input': {'inputs': 'hi'}}
        """
        options = {
            "content_type": content_type,
            "accept": accept,
            "custom_attributes": custom_attributes,
            "inference_id": inference_id,
            "session_id": session_id,
        }
        if wait_for_capacity is None:
            return self._invoker.invoke(name, body, options)
        clock = self._transport.clock
        deadline = Deadline(clock, to_seconds(wait_for_capacity))
        intervals = self._polling.intervals()
        while True:
            try:
                return self._invoker.invoke(name, body, options)
            except NoCapacity as refused:
                logger.info("invoke %s: no capacity; waiting for a copy", name)
                while True:
                    pause = next(intervals)
                    if pause > deadline.remaining():
                        raise WaitTimeout(name, deadline.elapsed(), "no copy running") from refused
                    clock.sleep(pause)
                    if (self._operations.describe(name).current_copies or 0) > 0:
                        break

    def invoke_stream(
        self,
        name: str,
        body: bytes | str,
        *,
        content_type: str | None = None,
        accept: str | None = None,
        custom_attributes: str | None = None,
        inference_id: str | None = None,
    ) -> Iterator[bytes]:
        """Send ``body`` to component ``name`` and iterate over the parts of its answer.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     local.register_handler("m", lambda invocation: [b"Hel", b"lo"])
            ...     client = local.client()
            ...     _ = client.apply(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     b"".join(client.invoke_stream("a", b"{}"))
            b'Hello'
        """
        options = {
            "content_type": content_type,
            "accept": accept,
            "custom_attributes": custom_attributes,
            "inference_id": inference_id,
        }
        return self._invoker.invoke_stream(name, body, options)

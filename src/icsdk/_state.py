"""What SageMaker says: typed results of Describe, List and Invoke."""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import attrs

from ._deployment import DeploymentConfig
from ._record import Record
from ._spec import InferenceComponent, Specification, deferred_validation
from ._wire.spec import deployment_from_wire, spec_from_summary

__all__ = ["ComponentState", "ComponentSummary", "InvokeResult", "Placement", "Status"]


class Status(enum.Enum):
    """An inference component's status, as SageMaker reports it.

    Examples:
        >>> Status("InService").settled, Status.CREATING.settled
        (True, False)
    """

    CREATING = "Creating"
    UPDATING = "Updating"
    IN_SERVICE = "InService"
    FAILED = "Failed"
    DELETING = "Deleting"

    @property
    def settled(self) -> bool:
        """Whether no change is in progress (InService or Failed).

        Examples:
            >>> Status.UPDATING.settled
            False
        """
        return self in (Status.IN_SERVICE, Status.FAILED)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Placement(Record):
    """How many copies run on one instance type.

    Examples:
        >>> Placement(instance_type="ml.g5.12xlarge", copies=2).copies
        2
    """

    instance_type: str
    copies: int


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ComponentSummary(Record):
    """One entry of [`Client.list`][icsdk.Client.list].

    Examples:
        >>> from datetime import datetime, UTC
        >>> now = datetime(2026, 1, 1, tzinfo=UTC)
        >>> ComponentSummary(
        ...     name="a", arn="arn:aws:sagemaker:us-east-1:1:inference-component/a",
        ...     endpoint="e", endpoint_arn="arn:aws:sagemaker:us-east-1:1:endpoint/e",
        ...     variant="AllTraffic", status=Status.IN_SERVICE, created=now, modified=now,
        ... ).status
        <Status.IN_SERVICE: 'InService'>
    """

    name: str
    arn: str
    endpoint: str
    endpoint_arn: str
    variant: str
    status: Status | None
    created: datetime
    modified: datetime


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ComponentState(Record):
    """A component as [`Client.describe`][icsdk.Client.describe] found it.

    ``component`` is the live spec as an [`InferenceComponent`][icsdk.InferenceComponent] (tags
    are not part of Describe), so it compares directly with the spec you deploy.

    Examples:
        >>> from icsdk.testing import LocalSageMaker
        >>> from icsdk import ComputeRequirements, InferenceComponent
        >>> with LocalSageMaker(clock="manual") as local:
        ...     _ = local.create_model("m")
        ...     _ = local.create_endpoint("e")
        ...     client = local.client()
        ...     _ = client.create(InferenceComponent.builder("a").endpoint("e").model("m")
        ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
        ...     state = client.describe("a")
        >>> state.status, state.desired_copies, state.current_copies
        (<Status.CREATING: 'Creating'>, 1, 0)
    """

    name: str
    arn: str
    endpoint: str
    endpoint_arn: str
    variant: str | None
    status: Status | None
    failure_reason: str | None
    desired_copies: int | None
    current_copies: int | None
    placements: tuple[Placement, ...]
    created: datetime
    modified: datetime
    # The specification as Describe returned it; turned into typed values on first access, so a
    # describe that only needs the status pays nothing for it.
    _wire_specification: Mapping[str, Any] | None = attrs.field(
        default=None, alias="wire_specification", repr=False
    )
    _wire_pools: Sequence[Mapping[str, Any]] | None = attrs.field(
        default=None, alias="wire_pools", repr=False
    )
    _wire_deployment: Mapping[str, Any] | None = attrs.field(
        default=None, alias="wire_deployment", repr=False
    )

    @functools.cached_property
    def specification(self) -> Specification | None:
        """The live specification (None when the component runs on instance pools).

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     _ = client.apply(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     state = client.describe("a")
            >>> state.specification.compute.min_memory_mb
            1024
        """
        wire = self._wire_specification
        return spec_from_summary(wire) if wire is not None else None

    @functools.cached_property
    def instance_pools(self) -> tuple[Specification, ...] | None:
        """The live per-instance-type specifications, if the component uses instance pools.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     _ = client.apply(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     state = client.describe("a")
            >>> state.instance_pools is None
            True
        """
        pools = self._wire_pools
        return tuple(spec_from_summary(pool) for pool in pools) if pools else None

    @functools.cached_property
    def last_deployment(self) -> DeploymentConfig | None:
        """How the last update was rolled out, if SageMaker reports it.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     _ = client.apply(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     state = client.describe("a")
            >>> state.last_deployment is None  # no update yet
            True
        """
        wire = self._wire_deployment
        return deployment_from_wire(wire) if wire is not None else None

    @property
    def component(self) -> InferenceComponent:
        """The live spec, in the form you deploy (without tags).

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     _ = client.apply(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     state = client.describe("a")
            >>> state.component.copies, state.component.specification.model_name
            (1, 'm')
        """
        with deferred_validation():  # the service's own state: already accepted once
            return InferenceComponent(
                name=self.name,
                endpoint=self.endpoint,
                variant=self.variant,
                specification=self.specification,
                instance_pools=self.instance_pools,
                copies=self.desired_copies,
            )

    @property
    def copies_settled(self) -> bool:
        """Whether every desired copy is running.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     _ = client.apply(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     state = client.describe("a")
            >>> state.copies_settled
            True
        """
        return self.desired_copies is None or self.current_copies == self.desired_copies


@attrs.frozen(kw_only=True, eq=False, repr=False)
class InvokeResult(Record):
    """What a model answered: the body and the response headers that matter.

    The body stays out of the repr (only its size shows): it is the model's output.

    Examples:
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

        Examples:
            >>> InvokeResult(body=b"[1, 2]").json()
            [1, 2]
        """
        return json.loads(self.body)

    def text(self, encoding: str = "utf-8") -> str:
        """The body decoded as text.

        Examples:
            >>> InvokeResult(body=b"hello").text()
            'hello'
        """
        return self.body.decode(encoding)

    def __repr__(self) -> str:
        return (
            f"InvokeResult({len(self.body)} bytes, content_type={self.content_type!r}, "
            f"invoked_variant={self.invoked_variant!r})"
        )

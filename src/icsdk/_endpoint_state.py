"""What SageMaker says about an endpoint: its status, its variants' instances, its live spec."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from ._endpoint_status import EndpointStatus
from ._record import Record

if TYPE_CHECKING:
    from ._endpoint import Endpoint

__all__ = ["EndpointState", "VariantState"]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class VariantState(Record):
    """One production variant as DescribeEndpoint reports it: its instances now and wanted.

    ``min_instances`` and ``max_instances`` are the managed instance scaling bounds (``None``
    without managed scaling); ``instance_type`` comes from the endpoint config.

    Examples:
        >>> VariantState(name="AllTraffic", instance_type="ml.g5.12xlarge",
        ...              current_instances=1, desired_instances=2).settled
        False
    """

    name: str
    instance_type: str | None = None
    current_instances: int | None = None
    desired_instances: int | None = None
    min_instances: int | None = None
    max_instances: int | None = None

    @property
    def settled(self) -> bool:
        """Whether every desired instance is running.

        Examples:
            >>> VariantState(name="v", current_instances=0, desired_instances=0).settled
            True
        """
        return self.current_instances == self.desired_instances


@attrs.frozen(kw_only=True, eq=False, repr=False)
class EndpointState(Record):
    """An endpoint as [`Client.describe_endpoint`][icsdk.Client.describe_endpoint] found it.

    ``endpoint`` is the live endpoint config as an [`Endpoint`][icsdk.Endpoint] (without tags),
    so it compares with the spec you apply; ``None`` when the config is gone or holds members an
    endpoint for components cannot have. ``pending_config_name`` names the config an update in
    progress moves to.

    Examples:
        >>> role = "arn:aws:iam::123456789012:role/sagemaker"
        >>> from icsdk import Endpoint
        >>> from icsdk.testing import LocalSageMaker
        >>> start = Endpoint.builder("e").role(role)
        >>> ep = start.variant("AllTraffic", instance_type="ml.g5.xlarge",
        ...                                    instances=1).build()
        >>> with LocalSageMaker() as local:
        ...     client = local.client()
        ...     _ = client.apply(ep)
        ...     state = client.describe_endpoint("e")
        >>> state.status, state.variants[0].current_instances, state.endpoint == ep
        (<EndpointStatus.IN_SERVICE: 'InService'>, 1, True)
    """

    name: str
    arn: str
    status: EndpointStatus | None
    config_name: str
    failure_reason: str | None
    variants: tuple[VariantState, ...]
    created: datetime
    modified: datetime
    pending_config_name: str | None = None
    endpoint: Endpoint | None = attrs.field(default=None, repr=False)

    def variant(self, name: str) -> VariantState | None:
        """The variant called ``name``, or ``None``.

        Examples:
            >>> from datetime import datetime, UTC
            >>> now = datetime(2026, 1, 1, tzinfo=UTC)
            >>> state = EndpointState(name="e", arn="arn:aws:sagemaker:us-east-1:1:endpoint/e",
            ...     status=EndpointStatus.IN_SERVICE, config_name="e-1", failure_reason=None,
            ...     variants=(VariantState(name="v"),), created=now, modified=now)
            >>> state.variant("v").name
            'v'
        """
        return next((variant for variant in self.variants if variant.name == name), None)

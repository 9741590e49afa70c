"""The endpoint-wide parts of an endpoint config: VPC, data capture, metrics, cross-Region cap."""

from __future__ import annotations

from typing import Literal

import attrs

from ._base import Spec, limit
from ._constraints import Problems, check_publish_frequency

__all__ = ["CaptureContentTypes", "CrossRegionTraffic", "DataCapture", "EndpointMetrics", "Vpc"]

CaptureMode = Literal["Input", "Output", "InputAndOutput"]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Vpc(Spec):
    """The VPC subnets and security groups the endpoint's instances (and components) use.

    Examples:
        >>> Vpc(security_group_ids=("sg-0123",), subnets=("subnet-a", "subnet-b")).subnets
        ('subnet-a', 'subnet-b')
    """

    security_group_ids: tuple[str, ...] = attrs.field(
        metadata=limit("VpcSecurityGroupIds", "security groups", item="SecurityGroupId")
    )
    subnets: tuple[str, ...] = attrs.field(metadata=limit("Subnets", "subnets", item="SubnetId"))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CaptureContentTypes(Spec):
    """Which content types data capture records as CSV and which as JSON.

    Examples:
        >>> CaptureContentTypes(json=("application/json",)).json
        ('application/json',)
    """

    csv: tuple[str, ...] | None = attrs.field(
        default=None, metadata=limit("CsvContentTypes", "content types", item="CsvContentType")
    )
    json: tuple[str, ...] | None = attrs.field(
        default=None, metadata=limit("JsonContentTypes", "content types", item="JsonContentType")
    )


@attrs.frozen(kw_only=True, eq=False, repr=False)
class DataCapture(Spec):
    """Capture a sample of requests and/or responses to S3.

    `capture_modes` lists what is captured (`Input`, `Output`, `InputAndOutput`); on the wire
    each is a `CaptureOptions` entry. `enabled` defaults to on at the service when unset.

    Examples:
        >>> capture = DataCapture(
        ...     sampling_percentage=10,
        ...     destination_s3_uri="s3://bucket/capture/",
        ...     capture_modes=("Input", "Output"),
        ... )
        >>> capture.capture_modes
        ('Input', 'Output')
    """

    sampling_percentage: int = attrs.field(metadata=limit("SamplingPercentage", "%"))
    destination_s3_uri: str = attrs.field(metadata=limit("DestinationS3Uri"))
    capture_modes: tuple[CaptureMode, ...] = attrs.field(
        metadata=limit("CaptureOptionList", "capture modes", item="CaptureMode")
    )
    enabled: bool | None = attrs.field(default=None, metadata=limit("EnableCapture"))
    kms_key_id: str | None = attrs.field(default=None, metadata=limit("KmsKeyId"))
    content_types: CaptureContentTypes | None = None


@attrs.frozen(kw_only=True, eq=False, repr=False)
class EndpointMetrics(Spec):
    """Utilization metrics of the endpoint: enhanced, detailed observability, how often.

    Examples:
        >>> EndpointMetrics(enhanced=True, publish_frequency_s=10).publish_frequency_s
        10
    """

    enhanced: bool | None = attrs.field(default=None, metadata=limit("EnableEnhancedMetrics"))
    detailed_observability: bool | None = attrs.field(
        default=None, metadata=limit("EnableDetailedObservability")
    )
    publish_frequency_s: int | None = attrs.field(
        default=None, metadata=limit("MetricPublishFrequencyInSeconds", "seconds")
    )

    def _rules(self, p: Problems) -> None:
        check_publish_frequency(p, "publish_frequency_s", self.publish_frequency_s)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CrossRegionTraffic(Spec):
    """A cap on requests the endpoint accepts from inference routers in other Regions.

    Examples:
        >>> CrossRegionTraffic(
        ...     max_invocations_per_second_per_instance=50, max_cross_region_percent=20
        ... ).max_cross_region_percent
        20
    """

    max_invocations_per_second_per_instance: int = attrs.field(
        metadata=limit("CrossRegionMaxInvocationsPerSecondPerInstance", "invocations per second")
    )
    max_cross_region_percent: int = attrs.field(
        metadata=limit("CrossRegionPercentPerEndpoint", "%")
    )

"""The fluent, immutable builder behind `Endpoint.builder()`.

Like the component builder, it holds values by dotted path and makes the endpoint only in
`build()`, which reports every problem at once with its full path (`variants[0].instances`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from ._base import SpecBuilder, deferred_validation
from ._endpoint_parts import CrossRegionTraffic, DataCapture, EndpointMetrics, Vpc
from ._specification import Tag
from ._variant import ManagedInstanceScaling, Routing, Variant

if TYPE_CHECKING:
    from typing import Self

    from ._endpoint import Endpoint

__all__ = ["EndpointBuilder"]


class EndpointBuilder(SpecBuilder["Endpoint"]):
    """Assembles an [`Endpoint`][icsdk.Endpoint] one call at a time.

    Every call returns a new builder, so a half-built one is a template. Nothing is checked until
    `build()`, which raises one [`SpecError`][icsdk.SpecError] listing every problem.

    Examples:
        >>> from icsdk import Endpoint
        >>> base = Endpoint.builder("template").role("arn:aws:iam::123456789012:role/sagemaker")
        >>> a = base.name("gpu-a").variant("AllTraffic", instance_type="ml.g5.xlarge").build()
        >>> b = base.name("gpu-b").variant("AllTraffic", instance_type="ml.g6.xlarge").build()
        >>> a.variants[0].instance_type, b.variants[0].instance_type
        ('ml.g5.xlarge', 'ml.g6.xlarge')
    """

    __slots__ = ()

    def name(self, name: str) -> EndpointBuilder:
        """Set the endpoint's name.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint
            >>> Endpoint.builder("a").role(role).name("b").variant("v").build().name
            'b'
        """
        return self.set("name", name)

    def config_name(self, name: str) -> EndpointBuilder:
        """Name the endpoint config (unset, it takes the endpoint's name).

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint
            >>> ep = Endpoint.builder("gpu").role(role).config_name("gpu-v2").variant("v").build()
            >>> ep.to_boto3().config["EndpointConfigName"]
            'gpu-v2'
        """
        return self.set("config_name", name)

    def role(self, arn: str) -> EndpointBuilder:
        """Set the execution role SageMaker assumes for the endpoint (and its components).

        Examples:
            >>> from icsdk import Endpoint
            >>> role = "arn:aws:iam::123456789012:role/sm"
            >>> Endpoint.builder("e").role(role).variant("v").build().role_arn
            'arn:aws:iam::123456789012:role/sm'
        """
        return self.set("role_arn", arn)

    def variant(
        self,
        name: str,
        *,
        instance_type: str | None = None,
        instances: int | None = None,
        scaling: ManagedInstanceScaling | None = None,
        routing: Routing | None = None,
        volume_size_gb: int | None = None,
        model_data_download_timeout_s: int | None = None,
        container_startup_health_check_timeout_s: int | None = None,
    ) -> EndpointBuilder:
        """Add a production variant (replacing one of the same name); see `add_variant` for all.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint, ManagedInstanceScaling
            >>> ep = Endpoint.builder("e").role(role).variant(
            ...     "AllTraffic", instance_type="ml.g5.12xlarge", instances=1,
            ...     scaling=ManagedInstanceScaling(min_instances=0, max_instances=4),
            ... ).build()
            >>> ep.variants[0].scaling.max_instances
            4
        """
        with deferred_validation():  # checked, with its full path, by build()
            variant = Variant(
                name=name,
                instance_type=instance_type,
                instances=instances,
                scaling=scaling,
                routing=routing,
                volume_size_gb=volume_size_gb,
                model_data_download_timeout_s=model_data_download_timeout_s,
                container_startup_health_check_timeout_s=container_startup_health_check_timeout_s,
            )
        return self.add_variant(variant)

    def add_variant(self, variant: Variant) -> EndpointBuilder:
        """Add a [`Variant`][icsdk.Variant] with any of its fields (replacing one of its name).

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint, InstancePool, Variant
            >>> pools = (InstancePool(instance_type="ml.g6e.xlarge", priority=1),)
            >>> ep = Endpoint.builder("e").role(role).add_variant(
            ...     Variant(name="v", instance_pools=pools, provision_timeout_s=900)
            ... ).build()
            >>> ep.variants[0].instance_pools[0].priority
            1
        """
        current = self._get("variants")
        kept = cast("tuple[Variant, ...]", current) if isinstance(current, tuple) else ()
        replaced = [v if v.name != variant.name else variant for v in kept]
        if variant not in replaced:
            replaced.append(variant)
        return self.set("variants", tuple(replaced))

    def vpc(
        self, *, security_group_ids: tuple[str, ...], subnets: tuple[str, ...]
    ) -> EndpointBuilder:
        """Run the endpoint's instances in a VPC.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint
            >>> ep = Endpoint.builder("e").role(role).variant("v").vpc(
            ...     security_group_ids=("sg-1",), subnets=("subnet-1",)).build()
            >>> ep.vpc.subnets
            ('subnet-1',)
        """
        with deferred_validation():
            vpc = Vpc(security_group_ids=security_group_ids, subnets=subnets)
        return self.set("vpc", vpc)

    def network_isolation(self, enabled: bool = True) -> EndpointBuilder:
        """Isolate every model container on the endpoint from the network.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint
            >>> start = Endpoint.builder("e").role(role)
            >>> start.variant("v").network_isolation().build().network_isolation
            True
        """
        return self.set("network_isolation", enabled)

    def kms_key(self, key_id: str) -> EndpointBuilder:
        """Encrypt the instances' storage volumes with a KMS key (ID, ARN or alias).

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint
            >>> Endpoint.builder("e").role(role).variant("v").kms_key("alias/ml").build().kms_key_id
            'alias/ml'
        """
        return self.set("kms_key_id", key_id)

    def data_capture(self, capture: DataCapture) -> EndpointBuilder:
        """Capture a sample of requests and responses to S3.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import DataCapture, Endpoint
            >>> ep = Endpoint.builder("e").role(role).variant("v").data_capture(DataCapture(
            ...     sampling_percentage=5, destination_s3_uri="s3://b/c", capture_modes=("Input",)
            ... )).build()
            >>> ep.data_capture.sampling_percentage
            5
        """
        return self.set("data_capture", capture)

    def metrics(self, metrics: EndpointMetrics) -> EndpointBuilder:
        """Configure the endpoint's utilization metrics.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint, EndpointMetrics
            >>> metrics = EndpointMetrics(enhanced=True)
            >>> start = Endpoint.builder("e").role(role)
            >>> start.variant("v").metrics(metrics).build().metrics.enhanced
            True
        """
        return self.set("metrics", metrics)

    def cross_region_traffic(self, cap: CrossRegionTraffic) -> EndpointBuilder:
        """Cap the requests the endpoint accepts from other Regions.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import CrossRegionTraffic, Endpoint
            >>> cap = CrossRegionTraffic(
            ...     max_invocations_per_second_per_instance=10, max_cross_region_percent=50)
            >>> start = Endpoint.builder("e").role(role)
            >>> start.variant("v").cross_region_traffic(cap).build() is not None
            True
        """
        return self.set("cross_region_traffic", cap)

    def tag(self, key: str, value: str) -> EndpointBuilder:
        """Add one tag to the endpoint and its config (a later one with the same key replaces it).

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint
            >>> start = Endpoint.builder("e").role(role)
            >>> ep = start.variant("v").tag("team", "a").tag("team", "b").build()
            >>> [(tag.key, tag.value) for tag in ep.tags]
            [('team', 'b')]
        """
        current = self._get("tags")
        tags = cast("tuple[Tag, ...]", current) if isinstance(current, tuple) else ()
        with deferred_validation():
            tag = Tag(key=key, value=value)
        return self.set("tags", (*(kept for kept in tags if kept.key != key), tag))

    def tags(self, tags: Mapping[str, str]) -> EndpointBuilder:
        """Add several tags at once.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint
            >>> start = Endpoint.builder("e").role(role)
            >>> len(start.variant("v").tags({"a": "1", "b": "2"}).build().tags)
            2
        """
        builder = self
        for key, value in tags.items():
            builder = builder.tag(key, value)
        return builder

    def set(self, path: str, value: object) -> Self:
        """Set any value by its dotted path.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint
            >>> start = Endpoint.builder("e").role(role)
            >>> ep = start.variant("v").set("network_isolation", False).build()
            >>> ep.network_isolation
            False
        """
        return super().set(path, value)

    def build(self) -> Endpoint:
        """Validate everything and return the endpoint.

        Raises [`SpecError`][icsdk.SpecError] listing every problem, each with its path.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint, SpecError
            >>> try:
            ...     Endpoint.builder("bad name").role(role).variant(
            ...         "v", instances=0, volume_size_gb=0).build()
            ... except SpecError as error:
            ...     print(*error.paths, sep="\\n")
            name
            variants[0].instances
            variants[0].volume_size_gb
        """
        return super().build()

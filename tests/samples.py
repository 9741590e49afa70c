"""Spec objects used across the tests: a component with every field set, and its variants."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from botocore.model import Shape

from icsdk import (
    AcceleratorPartitionLayout,
    Adapter,
    AvailabilityZoneBalance,
    CapacityReservation,
    CapacitySize,
    CaptureContentTypes,
    Client,
    Clock,
    ComputeRequirements,
    Container,
    ContainerMetrics,
    CoreDump,
    CrossRegionTraffic,
    DataCapture,
    DeploymentConfig,
    Endpoint,
    EndpointMetrics,
    InferenceComponent,
    InstancePool,
    ManagedInstanceScaling,
    MetricsEndpoint,
    Polling,
    PrefixAwareRouting,
    RetryPolicy,
    RollingUpdate,
    Routing,
    ScaleInPolicy,
    Scheduling,
    Specification,
    StartupParameters,
    Tag,
    Variant,
    Vpc,
)
from icsdk._constraints import Limit

if TYPE_CHECKING:
    from mypy_boto3_sagemaker import SageMakerClient

    from icsdk.testing import LocalSageMaker

CANARY = "canary-s3cr3t-value-7f1c"
"""An environment value that must never appear in a repr, a log record or an error message."""


def full_specification(instance_type: str | None = None) -> Specification:
    return Specification(
        model_name="llama-8b-model",
        container=Container(
            image="123456789012.dkr.ecr.us-east-1.amazonaws.com/tgi:3.0",
            artifact_url="s3://models/llama-8b/model.tar.gz",
            environment={"HF_TOKEN": CANARY, "MAX_INPUT_LENGTH": "4096"},
            metrics=ContainerMetrics(
                endpoints=(MetricsEndpoint(path="/metrics", publish_frequency_s=60),)
            ),
        ),
        startup=StartupParameters(
            model_data_download_timeout_s=900, container_startup_health_check_timeout_s=600
        ),
        compute=ComputeRequirements(
            min_memory_mb=16_384,
            max_memory_mb=24_576,
            cpu_cores=4,
            accelerators=1,
            accelerator_partition_type="mig-1g.10gb",
        ),
        data_caching=True,
        scheduling=Scheduling(
            placement_strategy="SPREAD",
            availability_zone_balance=AvailabilityZoneBalance(max_imbalance=1),
        ),
        instance_type=instance_type,
    )


def full_component(name: str = "llama-8b", endpoint: str = "shared-gpu") -> InferenceComponent:
    """A component with every field of the single-specification form set."""
    return InferenceComponent(
        name=name,
        endpoint=endpoint,
        variant="AllTraffic",
        specification=full_specification(),
        copies=2,
        tags=(Tag(key="team", value="search"), Tag(key="cost-center", value="ml:42")),
    )


def pooled_component() -> InferenceComponent:
    """A component on two instance pools."""
    return InferenceComponent(
        name="llama-pools",
        endpoint="shared-gpu",
        instance_pools=(full_specification("ml.g5.2xlarge"), full_specification("ml.g6.2xlarge")),
        copies=1,
    )


def adapter_component(base: str = "llama-8b", name: str = "llama-8b-sql") -> InferenceComponent:
    return InferenceComponent(
        name=name,
        endpoint="shared-gpu",
        specification=Specification(
            adapter=Adapter(base=base, artifact_url="s3://bucket/adapters/sql/"),
            container=Container(environment={"ADAPTER_TOKEN": CANARY}),
        ),
    )


def small_component(
    name: str = "small", endpoint: str = "shared-gpu", copies: int = 1
) -> InferenceComponent:
    return (
        InferenceComponent.builder(name)
        .endpoint(endpoint)
        .model("small-model")
        .compute(ComputeRequirements(min_memory_mb=1024, cpu_cores=1))
        .copies(copies)
        .build()
    )


def full_deployment() -> DeploymentConfig:
    return DeploymentConfig(
        rolling_update=RollingUpdate(
            maximum_batch_size=CapacitySize(type="COPY_COUNT", value=1),
            wait_interval_s=30,
            maximum_execution_timeout_s=1800,
            rollback_maximum_batch_size=CapacitySize(type="CAPACITY_PERCENT", value=50),
        ),
        auto_rollback_alarms=("p99-latency-high", "error-rate-high"),
    )


def pooled_adapter_component() -> InferenceComponent:
    """An adapter whose specification is given as an instance pool."""
    adapter = Adapter(base="llama-pools", artifact_url="https://adapters.example.com/sql/")
    return InferenceComponent(
        name="llama-pools-sql",
        endpoint="shared-gpu",
        instance_pools=(Specification(adapter=adapter, instance_type="ml.g5.2xlarge"),),
    )


class RecordingClock:
    """A clock whose sleeps take no real time: each is recorded and moves its time forward.

    Given ``advance`` (a manual-clock LocalSageMaker's), each sleep moves the service too.
    """

    def __init__(self, advance: Callable[[float], None] | None = None) -> None:
        self.slept: list[float] = []
        self.advance = advance
        self._offset = 0.0

    def now(self) -> float:
        return time.time() + self._offset

    def monotonic(self) -> float:
        return time.monotonic() + self._offset

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self._offset += seconds
        if self.advance is not None:
            self.advance(seconds)


def client_for(
    local: LocalSageMaker,
    *,
    retry: RetryPolicy | None = None,
    clock: Clock | None = None,
    sagemaker: SageMakerClient | None = None,
) -> Client:
    """An icsdk Client on ``local`` with the given retry policy, clock or boto3 client.

    A RecordingClock without ``advance`` is bound to ``local``'s (manual) clock.
    """
    if isinstance(clock, RecordingClock) and clock.advance is None:
        clock.advance = local.advance
    if sagemaker is not None:
        return Client(sagemaker, local.runtime_client(), retry=retry, clock=clock)
    return Client.from_endpoint(
        local.endpoint_url,
        region=local.region,
        credentials=("testing", "testing"),
        retry=retry,
        clock=clock,
        polling=Polling(initial=0.02, maximum=0.2),
    )


def create_model(local: LocalSageMaker, name: str = "small-model") -> None:
    """A SageMaker model on ``local`` (components name models; a replace checks they exist)."""
    local.sagemaker_client().create_model(
        ModelName=name,
        ExecutionRoleArn="arn:aws:iam::123456789012:role/sagemaker",
        PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/tgi:latest"},
    )


def full_endpoint() -> Endpoint:
    """An endpoint with every member of CreateEndpointConfig / CreateEndpoint icsdk types."""
    return Endpoint(
        name="shared-gpu",
        config_name="shared-gpu-v1",
        variants=(
            Variant(
                name="AllTraffic",
                instance_type="ml.p4d.24xlarge",
                instances=1,
                instance_pools=(
                    InstancePool(instance_type="ml.p4d.24xlarge", priority=1),
                    InstancePool(instance_type="ml.p4de.24xlarge", priority=2),
                ),
                provision_timeout_s=900,
                volume_size_gb=256,
                model_data_download_timeout_s=1200,
                container_startup_health_check_timeout_s=600,
                scaling=ManagedInstanceScaling(
                    min_instances=0,
                    max_instances=4,
                    scale_in=ScaleInPolicy(
                        strategy="CONSOLIDATION", maximum_step_size=2, cooldown_minutes=30
                    ),
                ),
                routing=Routing(
                    strategy="PREFIX_AWARE",
                    prefix_aware=PrefixAwareRouting(prefix_length=4096, concurrency_threshold=16),
                ),
                inference_ami_version="al2-ami-sagemaker-inference-gpu-3-1",
                capacity_reservation=CapacityReservation(
                    preference="capacity-reservations-only",
                    ml_reservation_arn=(
                        "arn:aws:sagemaker:us-east-1:123456789012:training-plan/plan-a"
                    ),
                ),
                accelerator_partition_layouts=(
                    AcceleratorPartitionLayout(partition_types=("mig-3g.20gb", "mig-3g.20gb")),
                ),
                core_dump=CoreDump(destination_s3_uri="s3://dumps/gpu/", kms_key_id="alias/ml"),
            ),
            Variant(name="Secondary", instance_type="ml.g5.12xlarge", instances=1),
        ),
        role_arn="arn:aws:iam::123456789012:role/sagemaker",
        vpc=Vpc(security_group_ids=("sg-0123abcd",), subnets=("subnet-a1", "subnet-b2")),
        network_isolation=True,
        kms_key_id="alias/ml",
        data_capture=DataCapture(
            enabled=True,
            sampling_percentage=10,
            destination_s3_uri="s3://capture/shared-gpu/",
            kms_key_id="alias/ml",
            capture_modes=("Input", "Output"),
            content_types=CaptureContentTypes(csv=("text/csv",), json=("application/json",)),
        ),
        metrics=EndpointMetrics(enhanced=True, detailed_observability=True, publish_frequency_s=10),
        cross_region_traffic=CrossRegionTraffic(
            max_invocations_per_second_per_instance=50, max_cross_region_percent=20
        ),
        tags=(Tag(key="team", value="search"),),
    )


def model_limit(shape: Shape) -> Limit:
    """A botocore shape's limits as icsdk's table (`icsdk._limits.LIMITS`) writes them."""
    meta = shape.metadata
    enum = getattr(shape, "enum", None) or None
    return Limit(
        shape.type_name,
        meta.get("min"),
        meta.get("max"),
        meta.get("pattern"),
        tuple(enum) if enum else None,
    )

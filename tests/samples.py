"""Spec objects used across the tests: a component with every field set, and its variants."""

from __future__ import annotations

from icsdk import (
    Adapter,
    AvailabilityZoneBalance,
    CapacitySize,
    ComputeRequirements,
    Container,
    ContainerMetrics,
    DeploymentConfig,
    InferenceComponent,
    MetricsEndpoint,
    RollingUpdate,
    Scheduling,
    Specification,
    StartupParameters,
    Tag,
)

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

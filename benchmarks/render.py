"""Rendering a request: ``InferenceComponent.to_boto3()`` against a dict written by hand."""

from __future__ import annotations

from functools import partial
from typing import Any

from icsdk import (
    AvailabilityZoneBalance,
    ComputeRequirements,
    InferenceComponent,
    Scheduling,
    StartupParameters,
)

from ._harness import CALL_TIMING, Report, Row, paired, per_call_seconds


def full_component() -> InferenceComponent:
    return (
        InferenceComponent.builder("llama-8b")
        .endpoint("shared-gpu", variant="AllTraffic")
        .model("llama-8b-model")
        .image("123456789012.dkr.ecr.us-east-1.amazonaws.com/tgi:3.0")
        .artifact_url("s3://models/llama-8b/")
        .environment(HF_TOKEN="hf_x", MAX_INPUT_LENGTH="4096")
        .metrics("/metrics", publish_frequency_s=60)
        .startup(
            StartupParameters(
                model_data_download_timeout_s=900, container_startup_health_check_timeout_s=600
            )
        )
        .compute(
            ComputeRequirements(
                min_memory_mb=16_384,
                max_memory_mb=24_576,
                cpu_cores=4,
                accelerators=1,
                accelerator_partition_type="mig-1g.10gb",
            )
        )
        .data_caching()
        .scheduling(
            Scheduling(
                placement_strategy="SPREAD",
                availability_zone_balance=AvailabilityZoneBalance(max_imbalance=1),
            )
        )
        .copies(2)
        .tag("team", "search")
        .build()
    )


def typical_component() -> InferenceComponent:
    return (
        InferenceComponent.builder("llama-8b")
        .endpoint("shared-gpu", variant="AllTraffic")
        .model("llama-8b-model")
        .compute(ComputeRequirements(min_memory_mb=16_384, accelerators=1, cpu_cores=4))
        .copies(2)
        .tag("team", "search")
        .build()
    )


def by_hand_full(name: str) -> dict[str, Any]:
    return {
        "InferenceComponentName": name,
        "EndpointName": "shared-gpu",
        "VariantName": "AllTraffic",
        "Specification": {
            "ModelName": "llama-8b-model",
            "Container": {
                "Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/tgi:3.0",
                "ArtifactUrl": "s3://models/llama-8b/",
                "Environment": {"HF_TOKEN": "hf_x", "MAX_INPUT_LENGTH": "4096"},
                "ContainerMetricsConfig": {
                    "MetricsEndpoints": [
                        {"MetricsEndpointPath": "/metrics", "MetricPublishFrequencyInSeconds": 60}
                    ]
                },
            },
            "StartupParameters": {
                "ModelDataDownloadTimeoutInSeconds": 900,
                "ContainerStartupHealthCheckTimeoutInSeconds": 600,
            },
            "ComputeResourceRequirements": {
                "MinMemoryRequiredInMb": 16_384,
                "MaxMemoryRequiredInMb": 24_576,
                "NumberOfCpuCoresRequired": 4,
                "NumberOfAcceleratorDevicesRequired": 1,
                "AcceleratorPartitionType": "mig-1g.10gb",
            },
            "SchedulingConfig": {
                "PlacementStrategy": "SPREAD",
                "AvailabilityZoneBalance": {"EnforcementMode": "PERMISSIVE", "MaxImbalance": 1},
            },
            "DataCacheConfig": {"EnableCaching": True},
        },
        "RuntimeConfig": {"CopyCount": 2},
        "Tags": [{"Key": "team", "Value": "search"}],
    }


def by_hand_typical(name: str) -> dict[str, Any]:
    return {
        "InferenceComponentName": name,
        "EndpointName": "shared-gpu",
        "VariantName": "AllTraffic",
        "Specification": {
            "ModelName": "llama-8b-model",
            "ComputeResourceRequirements": {
                "MinMemoryRequiredInMb": 16_384,
                "NumberOfAcceleratorDevicesRequired": 1,
                "NumberOfCpuCoresRequired": 4,
            },
        },
        "RuntimeConfig": {"CopyCount": 2},
        "Tags": [{"Key": "team", "Value": "search"}],
    }


LIMIT = 5e-6
"""What rendering a request may cost icsdk, in seconds: a ceiling, since the hand-written
dict literal it is paired with costs next to nothing and a ratio to it would say little."""


def run(rounds: int = 15, number: int = 20_000) -> Report:
    report = Report(
        "Rendering a request",
        f"python -m benchmarks render  # {rounds} paired rounds",
        timing=CALL_TIMING,
    )
    for label, ic, by_hand in (
        ("every field set", full_component(), by_hand_full),
        ("typical (model, compute, copies, tag)", typical_component(), by_hand_typical),
    ):
        if ic.to_boto3() != by_hand(ic.name):
            raise AssertionError("the hand-written request differs from icsdk's")
        icsdk, boto3, ratio = paired(
            per_call_seconds(ic.to_boto3, number),
            per_call_seconds(partial(by_hand, "llama-8b"), number),
            rounds,
        )
        report.rows.append(
            Row(
                f"`to_boto3()`, {label}, vs a dict literal",
                icsdk,
                boto3,
                "us",
                paired=ratio,
                limit=LIMIT,
            )
        )
    return report

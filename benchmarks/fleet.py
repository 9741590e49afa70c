"""Fleet scale: LocalSageMaker's cost per component must not grow with the number of components.

For each size, a fresh manual-clock LocalSageMaker gets that many components through a real
boto3 client, its clock moves past the deployment delay, and every component is listed (100 a
page, as ``wait_many`` lists). Linear growth means 5,000 components cost about 5x 1,000, so the
time per component stays flat; the ratio of the two per-component times is the figure to watch.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from icsdk.testing import LocalSageMaker

from ._harness import Report

# Big instances, so every copy fits and placement does real work for each component.
INSTANCE_TYPE = "ml.g5.48xlarge"
COPIES_PER_INSTANCE = 768  # 192 CPU cores / 0.25 per copy


def measure(count: int) -> dict[str, float]:
    """Seconds to create ``count`` components, settle them, and list them all."""
    instances = count // COPIES_PER_INSTANCE + 1
    with LocalSageMaker(require_models=False, clock="manual", create_delay=60) as local:
        local.create_endpoint("fleet", instance_type=INSTANCE_TYPE, instance_count=instances)
        sagemaker: Any = local.sagemaker_client()
        started = time.perf_counter()
        for index in range(count):
            sagemaker.create_inference_component(
                InferenceComponentName=f"c-{index:05d}",
                EndpointName="fleet",
                VariantName="AllTraffic",
                Specification={
                    "ModelName": f"m-{index:05d}",
                    "ComputeResourceRequirements": {
                        "MinMemoryRequiredInMb": 1024,
                        "NumberOfCpuCoresRequired": 0.25,
                    },
                },
                RuntimeConfig={"CopyCount": 1},
            )
        created = time.perf_counter()
        local.advance(60)
        settled = time.perf_counter()
        listed = 0
        in_service = 0
        for page in sagemaker.get_paginator("list_inference_components").paginate(
            EndpointNameEquals="fleet", PaginationConfig={"PageSize": 100}
        ):
            for summary in page["InferenceComponents"]:
                listed += 1
                in_service += summary["InferenceComponentStatus"] == "InService"
        finished = time.perf_counter()
    if (listed, in_service) != (count, count):
        raise AssertionError(f"listed {listed}, {in_service} InService, of {count}")
    return {
        "create": created - started,
        "settle": settled - created,
        "list": finished - settled,
        "total": finished - started,
    }


def run(counts: Sequence[int] = (1_000, 5_000)) -> Report:
    small, large = counts
    first, second = measure(small), measure(large)
    per_small = first["total"] / small
    per_large = second["total"] / large
    report = Report(
        "Fleet scale (LocalSageMaker)",
        f"python -m benchmarks fleet  # {small:,} then {large:,} components, manual clock",
        timing="wall time, once per size",
    )
    for count, result in ((small, first), (large, second)):
        report.facts.append(
            (
                f"{count:,} components: create / settle / list all",
                f"{result['create']:.2f} s / {result['settle'] * 1000:.0f} ms / "
                f"{result['list']:.2f} s (total {result['total']:.2f} s, "
                f"{result['total'] / count * 1e6:.0f} µs per component)",
            )
        )
    report.facts.append(
        (
            f"Cost per component, {large:,} vs {small:,} (linear: 1.0; target ≤ 1.5)",
            f"{per_large / per_small:.2f}× ({second['total'] / first['total']:.1f}× the time "
            f"for {large / small:g}× the components)",
        )
    )
    return report


if __name__ == "__main__":
    from ._harness import summary

    print(summary([run()]))

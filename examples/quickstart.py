"""Describe an inference component and print the exact request boto3 would send."""

from __future__ import annotations

import json

from icsdk import ComputeRequirements, InferenceComponent


def main() -> None:
    ic = (
        InferenceComponent.builder("llama-8b")
        .endpoint("shared-gpu", variant="AllTraffic")
        .model("llama-8b-model")
        .compute(ComputeRequirements(min_memory_mb=16_384, accelerators=1, cpu_cores=4))
        .copies(2)
        .tag("team", "search")
        .build()
    )
    print(json.dumps(ic.to_boto3(), indent=2))


if __name__ == "__main__":
    main()

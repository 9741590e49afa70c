"""Existing boto3 kwargs -> a typed, validated spec -> a plan against what is deployed."""

from __future__ import annotations

import attrs

from icsdk import InferenceComponent, SpecError
from icsdk.testing import LocalSageMaker

# What a script written against raw boto3 already has.
KWARGS = {
    "InferenceComponentName": "llama-8b",
    "EndpointName": "shared-gpu",
    "VariantName": "AllTraffic",
    "Specification": {
        "ModelName": "llama-8b-model",
        "ComputeResourceRequirements": {
            "MinMemoryRequiredInMb": 16384,
            "NumberOfAcceleratorDevicesRequired": 1,
            "NumberOfCpuCoresRequired": 4,
        },
    },
    "RuntimeConfig": {"CopyCount": 2},
    "Tags": [{"Key": "team", "Value": "search"}],
}


def main() -> int:
    ic = InferenceComponent.from_boto3(KWARGS)
    assert ic.to_boto3() == KWARGS  # exact round trip
    print(f"typed spec: {ic.name} on {ic.endpoint}, {ic.copies} copies")

    broken = {**KWARGS, "RuntimeConfig": {"CopyCount": -1}, "ClientToken": "x"}
    try:
        InferenceComponent.from_boto3(broken)
    except SpecError as error:
        print(error)

    with LocalSageMaker() as local:
        local.create_endpoint("shared-gpu")
        local.create_model("llama-8b-model")
        # The component as the old script deployed it, with raw boto3.
        local.sagemaker_client().create_inference_component(**ic.to_boto3())
        client = local.client()
        client.wait(ic.name)
        print(client.plan(ic))  # nothing to do: icsdk sees the same component
        print(client.plan(attrs.evolve(ic, copies=4)))
        client.delete(ic.name, wait=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

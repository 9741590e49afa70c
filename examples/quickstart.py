"""The whole inference-component lifecycle: deploy, invoke, scale, add a LoRA adapter, delete.

Runs on the embedded LocalSageMaker unless told to use AWS:

    python examples/quickstart.py                      # local, no AWS account needed
    python examples/quickstart.py --aws --endpoint my-endpoint --model my-model \\
        --adapter-url s3://my-bucket/adapters/sql/     # an existing endpoint and model on AWS
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Generator
from typing import Any

import boto3

from icsdk import Adapter, Client, ComputeRequirements, ConsoleProgress, InferenceComponent
from icsdk.testing import LocalSageMaker


def step(text: str) -> None:
    print(f"\n== {text}", flush=True)


@contextlib.contextmanager
def local_service() -> Generator[tuple[Client, str, str]]:
    """A LocalSageMaker with a model and an endpoint that can host components."""
    with LocalSageMaker(create_delay=1.5, update_delay=1.0, delete_delay=0.5) as local:
        step(f"LocalSageMaker on {local.endpoint_url} (no AWS account used)")
        sagemaker = local.sagemaker_client()
        sagemaker.create_model(
            ModelName="llama-8b-model",
            ExecutionRoleArn="arn:aws:iam::123456789012:role/sagemaker",
            PrimaryContainer={"Image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:3.0"},
        )
        sagemaker.create_endpoint_config(
            EndpointConfigName="shared-gpu-config",
            ExecutionRoleArn="arn:aws:iam::123456789012:role/sagemaker",
            ProductionVariants=[
                {
                    "VariantName": "AllTraffic",
                    "InstanceType": "ml.g5.12xlarge",
                    "InitialInstanceCount": 1,
                }
            ],
        )
        sagemaker.create_endpoint(EndpointName="shared-gpu", EndpointConfigName="shared-gpu-config")
        status = sagemaker.describe_endpoint(EndpointName="shared-gpu")["EndpointStatus"]
        print(f"model llama-8b-model and endpoint shared-gpu created; endpoint is {status}")
        local.register_handler(
            "llama-8b-model",
            lambda invocation: {
                "generated_text": f"[{invocation.component}] hello from llama-8b",
            },
        )
        yield local.client(), "shared-gpu", "llama-8b-model"
        sagemaker.delete_endpoint(EndpointName="shared-gpu")
        sagemaker.delete_endpoint_config(EndpointConfigName="shared-gpu-config")
        sagemaker.delete_model(ModelName="llama-8b-model")
        print("endpoint and model deleted")


def run(client: Client, endpoint: str, model: str, adapter_url: str) -> None:
    progress = ConsoleProgress(stream=sys.stdout)
    ic = (
        InferenceComponent.builder("llama-8b")
        .endpoint(endpoint, variant="AllTraffic")
        .model(model)
        .compute(ComputeRequirements(min_memory_mb=16_384, accelerators=1, cpu_cores=4))
        .copies(1)
        .tag("team", "search")
        .build()
    )
    step("Plan")
    print(client.plan(ic))

    step("Apply (create and wait)")
    client.apply(ic, on_progress=progress)

    step("Invoke")
    answer: Any = client.invoke("llama-8b", b'{"inputs": "hi"}', content_type="application/json")
    print(answer.json())

    step("Scale to 2 copies")
    client.scale("llama-8b", 2, wait=True, on_progress=progress)
    state = client.describe("llama-8b")
    print(
        f"{state.name}: {state.status.value if state.status else '?'}, "
        f"{state.current_copies}/{state.desired_copies} copies"
    )

    step("Add a LoRA adapter on it")
    sql = (
        InferenceComponent.builder("llama-8b-sql")
        .endpoint(endpoint)
        .adapter(Adapter(base="llama-8b", artifact_url=adapter_url))
        .build()
    )
    client.apply(sql, on_progress=progress)
    print(client.invoke("llama-8b-sql", b'{"inputs": "SELECT"}').json())

    step("Plan again: no drift")
    desired = (
        InferenceComponent.builder("llama-8b")
        .endpoint(endpoint)
        .model(model)
        .compute(ComputeRequirements(min_memory_mb=16_384, accelerators=1, cpu_cores=4))
        .copies(2)
        .tag("team", "search")
        .build()
    )
    for plan in (client.plan(desired), client.plan(sql)):
        print(plan)

    step("Delete (adapter first)")
    client.delete("llama-8b-sql", wait=True, on_progress=progress)
    client.delete("llama-8b", wait=True, on_progress=progress)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--aws", action="store_true", help="use AWS (needs the names below)")
    parser.add_argument("--endpoint", help="an existing endpoint that hosts components")
    parser.add_argument("--model", help="an existing SageMaker model")
    parser.add_argument("--adapter-url", default="s3://bucket/adapters/sql/")
    args = parser.parse_args(argv)
    if args.aws:
        if not (args.endpoint and args.model):
            parser.error("--aws needs --endpoint and --model")
        if boto3.Session().get_credentials() is None:
            parser.error("--aws needs AWS credentials (none are configured)")
        run(Client(), args.endpoint, args.model, args.adapter_url)
        return 0
    with local_service() as (client, endpoint, model):
        run(client, endpoint, model, args.adapter_url)
    step("Done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The whole lifecycle from specs: an endpoint, a component, invoke, scale, a LoRA adapter,
scale to zero and back, delete.

Runs on the embedded LocalSageMaker unless told to use AWS:

    python examples/quickstart.py                      # local, no AWS account needed
    python examples/quickstart.py --aws --endpoint my-endpoint --model my-model \\
        --adapter-url s3://my-bucket/adapters/sql/     # an existing endpoint and model on AWS
    python examples/quickstart.py --aws --endpoint my-endpoint --model my-model \\
        --role arn:aws:iam::123456789012:role/sagemaker   # also create (and delete) the endpoint
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Generator
from typing import Any

import boto3

from icsdk import (
    Adapter,
    Autoscaling,
    Client,
    ComputeRequirements,
    ConsoleProgress,
    Endpoint,
    InferenceComponent,
    ManagedInstanceScaling,
    NoCapacity,
    Routing,
)
from icsdk.testing import LocalSageMaker

# LocalSageMaker checks a role's shape, never its permissions.
LOCAL_ROLE = "arn:aws:iam::123456789012:role/sagemaker"


def step(text: str) -> None:
    print(f"\n== {text}", flush=True)


def endpoint_spec(name: str, role: str, instance_type: str) -> Endpoint:
    """An endpoint built for components: instances on its variant, no model; scales to zero."""
    return (
        Endpoint.builder(name)
        .role(role)
        .variant(
            "AllTraffic",
            instance_type=instance_type,
            instances=1,
            scaling=ManagedInstanceScaling(min_instances=0, max_instances=2),
            routing=Routing(strategy="LEAST_OUTSTANDING_REQUESTS"),
        )
        .build()
    )


@contextlib.contextmanager
def local_service() -> Generator[tuple[LocalSageMaker, str, str]]:
    """A LocalSageMaker with a model; the endpoint comes from a spec, in `deploy_endpoint`.

    Its clock is manual: waits move it forward instead of sleeping, so minutes of deploying,
    idling and waking take no time here, and the times printed are the service's.
    """
    with LocalSageMaker(
        clock="manual", create_delay=90, update_delay=60, delete_delay=20, endpoint_delay=300
    ) as local:
        step(f"LocalSageMaker on {local.endpoint_url} (no AWS account used; manual clock)")
        local.create_model("llama-8b-model")
        local.register_handler(
            "llama-8b-model",
            lambda invocation: {
                "generated_text": f"[{invocation.component}] hello from llama-8b",
            },
        )
        print("model llama-8b-model registered")
        yield local, "shared-gpu", "llama-8b-model"


def deploy_endpoint(client: Client, ep: Endpoint) -> None:
    step("Endpoint: plan and apply")
    print(client.plan(ep))
    client.apply(ep, on_progress=ConsoleProgress(stream=sys.stdout))
    state = client.describe_endpoint(ep.name)
    for variant in state.variants:
        print(
            f"{state.name}/{variant.name}: {state.status.value if state.status else '?'}, "
            f"{variant.current_instances} x {variant.instance_type} "
            f"(scales {variant.min_instances}..{variant.max_instances})"
        )


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
    step("Plan (with how its copies fit on the endpoint's instances)")
    print(client.plan(ic))

    step("Apply (create and wait)")
    client.apply(ic, on_progress=progress)

    step("Invoke")
    answer: Any = client.invoke("llama-8b", b'{"inputs": "hi"}', content_type="application/json")
    print(answer.json())

    step("Scale to 2 copies")
    client.scale("llama-8b", 2, wait=True, on_progress=progress)

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


def scale_to_zero(local: LocalSageMaker, client: Client, endpoint: str, model: str) -> None:
    """Autoscaling down to zero copies, idle, a request that wakes it, the answer."""
    progress = ConsoleProgress(stream=sys.stdout)
    ic = (
        InferenceComponent.builder("llama-8b-auto")
        .endpoint(endpoint)
        .model(model)
        .compute(ComputeRequirements(min_memory_mb=16_384, accelerators=1, cpu_cores=4))
        .copies(1)
        .autoscaling(Autoscaling(min_copies=0, max_copies=4, invocations_per_copy=5))
        .build()
    )
    step("Autoscaling: plan and apply (target, tracking policy, wake-up policy and alarm)")
    print(client.plan(ic))
    client.apply(ic, on_progress=progress)

    step("Idle for 30 minutes: target tracking takes the copies to zero")
    local.advance(30 * 60)
    print(f"llama-8b-auto: {client.describe('llama-8b-auto').current_copies} copies")

    step("A request at zero copies")
    try:
        client.invoke("llama-8b-auto", b'{"inputs": "hi"}')
    except NoCapacity as error:
        print(f"NoCapacity: {error.message}")

    step("The alarm wakes it; invoke waits for the copy (wait_for_capacity)")
    started = local.now()
    answer: Any = client.invoke("llama-8b-auto", b'{"inputs": "hi"}', wait_for_capacity=15 * 60)
    print(f"{answer.json()} after {local.now() - started:.0f} s of service time")
    client.delete("llama-8b-auto", wait=True, on_progress=progress)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--aws", action="store_true", help="use AWS (needs the names below)")
    parser.add_argument("--endpoint", help="an existing endpoint that hosts components")
    parser.add_argument("--model", help="an existing SageMaker model")
    parser.add_argument("--adapter-url", default="s3://bucket/adapters/sql/")
    parser.add_argument("--role", help="with --aws: create the endpoint, with this execution role")
    parser.add_argument("--instance-type", default="ml.g5.12xlarge")
    args = parser.parse_args(argv)
    if args.aws:
        if not (args.endpoint and args.model):
            parser.error("--aws needs --endpoint and --model")
        if boto3.Session().get_credentials() is None:
            parser.error("--aws needs AWS credentials (none are configured)")
        client = Client()
        if args.role is not None:
            deploy_endpoint(client, endpoint_spec(args.endpoint, args.role, args.instance_type))
        run(client, args.endpoint, args.model, args.adapter_url)
        if args.role is not None:
            client.delete_endpoint(args.endpoint, wait=True)
        return 0
    with local_service() as (local, endpoint, model):
        client = local.client()
        deploy_endpoint(client, endpoint_spec(endpoint, LOCAL_ROLE, args.instance_type))
        run(client, endpoint, model, args.adapter_url)
        scale_to_zero(local, client, endpoint, model)
        step("Delete the endpoint (and its config)")
        client.delete_endpoint(endpoint, wait=True, on_progress=ConsoleProgress(sys.stdout))
    step("Done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

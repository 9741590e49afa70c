"""A base model and three LoRA adapters on it, each invoked by name, on LocalSageMaker."""

from __future__ import annotations

import json

from icsdk import Adapter, ComputeRequirements, InferenceComponent
from icsdk.testing import Invocation, LocalSageMaker

TASKS = ("sql", "summarise", "translate")


def answer(invocation: Invocation) -> dict[str, str]:
    prompt = json.loads(invocation.body)["inputs"]
    return {"component": invocation.component, "generated_text": f"{prompt} -> ..."}


def main() -> int:
    with LocalSageMaker() as local:
        local.create_endpoint("shared-gpu", instance_type="ml.g5.12xlarge")
        local.create_model("llama-8b-model")
        local.register_handler("llama-8b-model", answer)
        client = local.client()

        base = (
            InferenceComponent.builder("llama-8b")
            .endpoint("shared-gpu")
            .model("llama-8b-model")
            .compute(ComputeRequirements(min_memory_mb=16_384, accelerators=1))
            .copies(2)
            .build()
        )
        client.apply(base)
        print(f"base {base.name}: {client.describe(base.name).current_copies} copies")

        adapters = [
            InferenceComponent.builder(f"llama-8b-{task}")
            .endpoint("shared-gpu")
            .adapter(Adapter(base="llama-8b", artifact_url=f"s3://bucket/adapters/{task}/"))
            .build()
            for task in TASKS
        ]
        for adapter in adapters:
            client.create(adapter)
        client.wait_many([adapter.name for adapter in adapters], endpoint="shared-gpu")

        for adapter in adapters:
            body = json.dumps({"inputs": f"task {adapter.name}"}).encode()
            print(client.invoke(adapter.name, body, content_type="application/json").json())

        for adapter in adapters:  # adapters first: a base with adapters cannot be deleted
            client.delete(adapter.name)
        client.wait_many([adapter.name for adapter in adapters], until="deleted")
        client.delete(base.name, wait=True)
        print("all deleted")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Stamp out 50 components from one builder template, apply them, wait for all, tear down."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

from icsdk import ComputeRequirements, ConsoleProgress, InferenceComponent, Progress, Status
from icsdk.testing import LocalSageMaker

SIZE = 50


def main() -> int:
    with LocalSageMaker(create_delay=1.0, delete_delay=0.5) as local:
        local.create_endpoint("fleet", instance_type="ml.g5.48xlarge", instance_count=2)
        for i in range(SIZE):  # the models the components name
            local.create_model(f"model-{i:02d}")
        client = local.client()

        template = (
            InferenceComponent.builder("template")
            .endpoint("fleet")
            .compute(ComputeRequirements(min_memory_mb=4_096, cpu_cores=1))
            .copies(1)
            .tag("fleet", "demo")
        )
        fleet = [
            template.name(f"model-{i:02d}").model(f"model-{i:02d}").build() for i in range(SIZE)
        ]
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(client.create, fleet))
        print(f"created {SIZE} components; waiting for all of them with List calls")
        show = ConsoleProgress(sys.stdout)

        def first_only(progress: Progress) -> None:  # keeps the output short
            if progress.name == "model-00":
                show(progress)

        statuses = client.wait_many(endpoint="fleet", on_progress=first_only)
        in_service = sum(status is Status.IN_SERVICE for status in statuses.values())
        print(f"{in_service}/{SIZE} InService")

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(client.delete, [ic.name for ic in fleet]))
        client.wait_many([ic.name for ic in fleet], until="deleted")
        print(f"torn down; {local.journal.count(operation='ListInferenceComponents')} List calls")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

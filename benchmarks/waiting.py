"""Waiting cost: API calls to wait for N components through a simulated deployment.

A manual-clock LocalSageMaker keeps every component Creating for ``deployment_s`` seconds;
icsdk's sleeps advance that clock, so ten minutes pass in well under a second.
"""

from __future__ import annotations

from icsdk import Client, ComputeRequirements, InferenceComponent, Polling
from icsdk.testing import LocalSageMaker, set_testing

from ._harness import Report


def run(count: int = 200, deployment_s: float = 600.0, describe_every_s: float = 5.0) -> Report:
    with LocalSageMaker(require_models=False, clock="manual", create_delay=deployment_s) as local:
        local.create_endpoint("fleet", instance_type="ml.g5.48xlarge", instance_count=2)
        client: Client = local.client(polling=Polling())
        template = (
            InferenceComponent.builder("t")
            .endpoint("fleet")
            .compute(ComputeRequirements(min_memory_mb=1024, cpu_cores=0.25))
            .copies(1)
        )
        for index in range(count):
            client.create(template.name(f"c-{index:03d}").model(f"m-{index:03d}").build())
        local.journal.clear()
        started = local.now()
        set_testing(sleep=local.advance)
        try:
            client.wait_many(endpoint="fleet")
        finally:
            set_testing(False)
        calls = len(local.journal)
        waited = local.now() - started
    per_component = int(count * deployment_s / describe_every_s)
    report = Report(
        "Waiting cost",
        f"python -m benchmarks waiting  # {count} components, {deployment_s:g} s deployment",
    )
    report.facts += [
        ("icsdk `wait_many` API calls (target ≤ 150)", f"{calls} over {waited:.0f} simulated s"),
        (
            f"Describe each component every {describe_every_s:g} s (arithmetic)",
            f"{per_component:,}",
        ),
    ]
    return report

"""Chaos: hundreds of random operations under random faults; the end state must be right."""

from __future__ import annotations

import os
import random
from collections import Counter

import attrs
from botocore.config import Config

from icsdk import (
    Action,
    Client,
    ComputeRequirements,
    InferenceComponent,
    Polling,
    RetryPolicy,
)
from icsdk.testing import FaultKind, LocalSageMaker, set_testing

FAULTS = [
    FaultKind.THROTTLE,
    FaultKind.INTERNAL_ERROR,
    FaultKind.SERVICE_UNAVAILABLE,
    FaultKind.BAD_GATEWAY,
    FaultKind.RESET_BEFORE,
    FaultKind.RESET_AFTER,
    FaultKind.MALFORMED,
]


def spec(name: str, rng: random.Random) -> InferenceComponent:
    return (
        InferenceComponent.builder(name)
        .endpoint("chaos")
        .model(f"model-{rng.randrange(3)}")
        .compute(ComputeRequirements(min_memory_mb=rng.choice([1024, 2048, 4096]), cpu_cores=1))
        .copies(rng.randrange(1, 4))
        .build()
    )


def test_random_operations_under_random_faults_end_in_the_desired_state() -> None:
    seed = int(os.environ.get("ICSDK_CHAOS_SEED", random.SystemRandom().randrange(2**32)))
    operations = int(os.environ.get("ICSDK_CHAOS_OPERATIONS", "300"))
    print(f"chaos seed: {seed} (replay with ICSDK_CHAOS_SEED={seed})")
    rng = random.Random(seed)
    names = [f"c{i:02d}" for i in range(12)]
    desired: dict[str, InferenceComponent | None] = dict.fromkeys(names)
    creates: Counter[str] = Counter()
    with LocalSageMaker(clock="manual", create_delay=45, update_delay=20, delete_delay=10) as local:
        local.create_endpoint("chaos", instance_type="ml.g5.48xlarge", instance_count=2)
        client = Client(
            local.sagemaker_client(config=_one_attempt()),
            local.runtime_client(config=_one_attempt()),
            # Many attempts: the point is what survives faults, not when retrying gives up.
            retry=RetryPolicy(attempts=20, deadline=900),
            polling=Polling(),
        )
        set_testing(sleep=local.advance)
        local.faults.randomly(0.25, FAULTS, seed=seed)
        try:
            for _ in range(operations):
                name = rng.choice(names)
                current = desired[name]
                choice = rng.random()
                if current is None or choice < 0.35:
                    wanted = spec(name, rng)
                    plan = client.apply(wanted)
                    creates[name] += plan.action in (Action.CREATE, Action.REPLACE)
                    desired[name] = wanted
                elif choice < 0.7:
                    copies = rng.randrange(0, 5)
                    client.scale(name, copies, wait=True)
                    desired[name] = attrs.evolve(current, copies=copies)
                else:
                    client.delete(name, wait=True)
                    desired[name] = None
            local.faults.clear()
            for name, final in desired.items():
                if final is None:
                    assert not client.exists(name), f"{name} should be gone (seed {seed})"
                    continue
                assert client.exists(name), f"{name} was lost (seed {seed})"
                assert client.plan(final).is_noop, f"{name} drifted (seed {seed})"
            committed = Counter(
                c.name
                for c in local.journal.calls(operation="CreateInferenceComponent", committed=True)
            )
            assert committed == creates, f"duplicate or lost creates (seed {seed})"
            faults = sum(1 for c in local.journal if c.outcome in {k.name for k in FAULTS})
            assert faults / len(local.journal) >= 0.15
        finally:
            set_testing(False)


def _one_attempt() -> Config:
    return Config(retries={"total_max_attempts": 1}, read_timeout=5)

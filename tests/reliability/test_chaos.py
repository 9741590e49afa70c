"""Chaos: hundreds of random operations under random faults; the end state must be right."""

from __future__ import annotations

import os
import random
from collections import Counter
from collections.abc import Callable

import attrs
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from icsdk import (
    Action,
    Client,
    ComputeRequirements,
    InferenceComponent,
    Polling,
    RetryPolicy,
)
from icsdk.testing import FaultKind, LocalSageMaker

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


BASE_SEED = int(os.environ.get("ICSDK_CHAOS_SEED", random.SystemRandom().randrange(2**32)))
RUNS = int(os.environ.get("ICSDK_CHAOS_RUNS", "3"))
OPERATIONS = int(os.environ.get("ICSDK_CHAOS_OPERATIONS", "150"))
NAMES = [f"c{i:02d}" for i in range(12)]
# The autoscaler owns these components' copy counts: their desired spec leaves copies alone.
AUTOSCALED = frozenset(NAMES[::3])


class Others:
    """Writers other than the application: an autoscaler, and someone deleting components.

    They act between the application's calls, with faults paused so that what they did is
    known exactly; the application's calls race them through every fault.
    """

    def __init__(self, local: LocalSageMaker, rng: random.Random) -> None:
        self._local = local
        self._rng = rng
        self._raw = local.sagemaker_client()

    def _quietly(self, act: Callable[[], object]) -> bool:
        self._local.faults.clear()
        try:
            act()
        except ClientError:
            return False  # refused (busy, gone): it did nothing
        finally:
            self._local.faults.randomly(0.25, FAULTS, seed=self._rng.randrange(2**32))
        return True

    def autoscale(self, name: str) -> bool:
        copies = self._rng.randrange(0, 4)
        return self._quietly(
            lambda: self._raw.update_inference_component_runtime_config(
                InferenceComponentName=name, DesiredRuntimeConfig={"CopyCount": copies}
            )
        )

    def delete(self, name: str) -> bool:
        return self._quietly(
            lambda: self._raw.delete_inference_component(InferenceComponentName=name)
        )


@pytest.mark.parametrize("run", range(RUNS))
def test_random_operations_under_random_faults_end_in_the_desired_state(run: int) -> None:
    seed = BASE_SEED + run
    print(f"chaos seed: {seed} (replay with ICSDK_CHAOS_SEED={seed} ICSDK_CHAOS_RUNS=1)")
    rng = random.Random(seed)
    desired: dict[str, InferenceComponent | None] = dict.fromkeys(NAMES)
    creates: Counter[str] = Counter()
    with LocalSageMaker(
        require_models=False, clock="manual", create_delay=45, update_delay=20, delete_delay=10
    ) as local:
        local.create_endpoint("chaos", instance_type="ml.g5.48xlarge", instance_count=2)
        # Odd runs use boto3 clients that retry on their own, as an application's may.
        config = _retrying() if seed % 2 else _one_attempt()
        client = Client(
            local.sagemaker_client(config=config),
            local.runtime_client(config=config),
            # Many attempts: the point is what survives faults, not when retrying gives up.
            retry=RetryPolicy(attempts=20, deadline=900),
            polling=Polling(),
            clock=local.clock,
        )
        others = Others(local, rng)
        local.faults.randomly(0.25, FAULTS, seed=seed)
        for _ in range(OPERATIONS):
            name = rng.choice(NAMES)
            current = desired[name]
            choice = rng.random()
            if current is not None and choice < 0.1:
                if name in AUTOSCALED:
                    others.autoscale(name)
                elif others.delete(name):
                    desired[name] = None
                continue
            if current is None or choice < 0.45:
                wanted = spec(name, rng)
                plan = client.apply(wanted)
                creates[name] += plan.action in (Action.CREATE, Action.REPLACE)
                desired[name] = wanted
                # Reported done means done: the live component is the spec, right now.
                assert client.plan(wanted).is_noop, f"apply of {name} was not true (seed {seed})"
            elif choice < 0.75:
                copies = rng.randrange(0, 5)
                client.wait(name)  # an autoscaler's change may be rolling out: scaling waits
                client.scale(name, copies, wait=True)
                desired[name] = attrs.evolve(current, copies=copies)
                assert client.describe(name).desired_copies == copies, f"scale (seed {seed})"
            else:
                client.delete(name, wait=True)
                desired[name] = None
                assert not client.exists(name), f"delete of {name} was not true (seed {seed})"
        local.faults.clear()
        local.advance(120)  # let the others' last changes finish
        for name, final in desired.items():
            if final is None:
                assert not client.exists(name), f"{name} should be gone (seed {seed})"
                continue
            assert client.exists(name), f"{name} was lost (seed {seed})"
            owned = attrs.evolve(final, copies=None) if name in AUTOSCALED else final
            assert client.plan(owned).is_noop, f"{name} drifted (seed {seed})"
        committed = Counter(
            c.name
            for c in local.journal.calls(operation="CreateInferenceComponent", committed=True)
        )
        assert committed == creates, f"duplicate or lost creates (seed {seed})"
        faults = sum(1 for c in local.journal if c.outcome in {k.name for k in FAULTS})
        assert faults / len(local.journal) >= 0.1


def _one_attempt() -> Config:
    return Config(retries={"total_max_attempts": 1}, read_timeout=5)


def _retrying() -> Config:
    return Config(retries={"mode": "standard", "max_attempts": 4}, read_timeout=5)

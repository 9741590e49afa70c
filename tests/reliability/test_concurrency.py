"""32 threads sharing one Client run whole lifecycles on distinct components."""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import ThreadPoolExecutor

from botocore.config import Config

from icsdk import Client, IcsdkError, Polling, RetryPolicy, Status
from icsdk.testing import LocalSageMaker

from ..samples import small_component


def test_thirty_two_threads_share_one_client() -> None:
    with LocalSageMaker(
        require_models=False, create_delay=0.05, update_delay=0.05, delete_delay=0.02
    ) as local:
        local.create_endpoint("shared-gpu", instance_type="ml.g5.48xlarge", instance_count=2)
        client: Client = local.client(polling=Polling(initial=0.01, maximum=0.05))

        def lifecycle(index: int) -> str:
            name = f"worker-{index:02d}"
            client.apply(small_component(name, copies=1))
            answer = client.invoke(name, b"{}").json()
            client.scale(name, 2, wait=True)
            state = client.describe(name)
            assert state.status is Status.IN_SERVICE
            assert state.current_copies == 2
            client.delete(name, wait=True)
            return str(answer["component"])

        with ThreadPoolExecutor(32) as pool:
            names = list(pool.map(lifecycle, range(32)))
        assert names == [f"worker-{i:02d}" for i in range(32)]
        assert list(client.list()) == []
        assert local.journal.count(operation="CreateInferenceComponent", committed=True) == 32


def test_the_deadline_bounds_every_call_of_32_throttled_threads() -> None:
    """Pacing, attempts, backoff and settling all fit in the deadline (plus one read timeout)."""
    deadline, read_timeout = 2.0, 1.0
    with LocalSageMaker(require_models=False) as local:
        local.create_endpoint("shared-gpu")
        local.rate_limits.set("DescribeInferenceComponent", tps=2, burst=2)
        local.rate_limits.set("CreateInferenceComponent", tps=2, burst=2)
        one_attempt = Config(read_timeout=read_timeout, retries={"total_max_attempts": 1})
        client = Client(
            local.sagemaker_client(config=one_attempt),
            retry=RetryPolicy(attempts=50, deadline=deadline),
        )

        def timed(index: int) -> float:
            started = time.monotonic()
            with contextlib.suppress(IcsdkError):
                if index % 2:
                    client.describe(f"c{index}")
                else:
                    client.create(small_component(f"c{index}"))
            return time.monotonic() - started

        with ThreadPoolExecutor(32) as pool:
            durations = list(pool.map(timed, range(96)))
    slowest = max(durations)
    # Loopback answers in milliseconds: the margin is for a loaded machine, not for retries.
    assert slowest <= deadline + read_timeout + 0.5, sorted(durations)[-5:]

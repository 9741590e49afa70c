"""32 threads sharing one Client run whole lifecycles on distinct components."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from icsdk import Client, Polling, Status
from icsdk.testing import LocalSageMaker

from ..samples import small_component


def test_thirty_two_threads_share_one_client() -> None:
    with LocalSageMaker(create_delay=0.05, update_delay=0.05, delete_delay=0.02) as local:
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

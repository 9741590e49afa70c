"""One request's cost does not depend on how many components the service holds.

Counted in the service's own units of work (transitions taken from the schedule, components
looked at by placement, components filtered into list views), not in wall time, so the test is
exact on a loaded machine.
"""

from __future__ import annotations

from typing import Any

import pytest

from icsdk.testing import InstanceCapacity
from icsdk.testing._service import Service, Work

# Room for every copy: the fleet's size, not its capacity, is what varies.
BIG = InstanceCapacity(cpu_cores=1_000, accelerators=0, memory_mb=10_000_000)


class Fleet:
    """A service on a hand-moved clock, holding ``size`` InService components."""

    def __init__(self, size: int) -> None:
        self.time = 1_700_000_000.0
        self.service = Service(
            now=lambda: self.time,
            region="us-east-1",
            account="123456789012",
            create_delay=30,
            update_delay=20,
            delete_delay=10,
            endpoint_delay=0,
            instances={"big": BIG},
            # Each component names a model of its own; creating them would only slow the fleet.
            require_models=False,
        )
        self.service.create_endpoint(
            "fleet", instance_type="big", instance_count=2, variant="AllTraffic"
        )
        for index in range(size):
            self.create(f"c-{index:04d}")
            self.time += 0.01  # distinct creation times, as on a real clock
        self.advance(60)

    def call(self, operation: str, **params: Any) -> dict[str, Any]:
        return self.service.handle(operation, params)

    def create(self, name: str) -> None:
        self.call(
            "CreateInferenceComponent",
            InferenceComponentName=name,
            EndpointName="fleet",
            VariantName="AllTraffic",
            Specification={
                "ModelName": name,
                "ComputeResourceRequirements": {
                    "MinMemoryRequiredInMb": 1024,
                    "NumberOfCpuCoresRequired": 0.25,
                },
            },
            RuntimeConfig={"CopyCount": 1},
        )

    def advance(self, seconds: float) -> None:
        self.time += seconds
        self.service.settle()

    def status(self, name: str) -> str:
        described = self.call("DescribeInferenceComponent", InferenceComponentName=name)
        return str(described["InferenceComponentStatus"])

    def work_of(self, steps: Any) -> Work:
        before = self.service.work
        steps()
        after = self.service.work
        return Work(*(a - b for a, b in zip(after, before, strict=True)))


def lifecycle_of_one_more(fleet: Fleet) -> None:
    """A describe, then one component's whole life: create, scale, delete."""
    fleet.status("c-0000")
    fleet.create("extra")
    fleet.advance(30)
    assert fleet.status("extra") == "InService"
    fleet.call(
        "UpdateInferenceComponentRuntimeConfig",
        InferenceComponentName="extra",
        DesiredRuntimeConfig={"CopyCount": 3},
    )
    fleet.advance(20)
    fleet.call("DeleteInferenceComponent", InferenceComponentName="extra")
    fleet.advance(10)
    fleet.status("c-0001")


@pytest.fixture(scope="module")
def fleets() -> dict[int, Fleet]:
    return {size: Fleet(size) for size in (100, 400)}


def test_a_request_costs_the_same_in_a_fleet_four_times_larger(fleets: dict[int, Fleet]) -> None:
    small = fleets[100].work_of(lambda: lifecycle_of_one_more(fleets[100]))
    large = fleets[400].work_of(lambda: lifecycle_of_one_more(fleets[400]))
    assert (large.transitions, large.placements) == (small.transitions, small.placements)
    # Three transitions (created, scaled, deleted), placed twice (after create and scale).
    assert (small.transitions, small.placements) == (3, 2)


def test_settling_the_fleet_takes_one_step_per_component() -> None:
    fleet = Fleet(0)
    for index in range(300):
        fleet.create(f"c-{index:04d}")
    work = fleet.work_of(lambda: fleet.advance(30))
    assert (work.transitions, work.placements) == (300, 300)
    assert fleet.work_of(lambda: fleet.status("c-0000")) == Work(0, 0, 0)


@pytest.mark.parametrize("size", [100, 400])
def test_paging_through_every_component_filters_them_once(
    fleets: dict[int, Fleet], size: int
) -> None:
    fleet = fleets[size]
    names: list[str] = []

    def page_through() -> None:
        token: str | None = None
        for _ in range(size):  # bounded: far more pages than needed
            params: dict[str, Any] = {"EndpointNameEquals": "fleet", "MaxResults": 10}
            if token is not None:
                params["NextToken"] = token
            page = fleet.call("ListInferenceComponents", **params)
            names.extend(c["InferenceComponentName"] for c in page["InferenceComponents"])
            token = page.get("NextToken")
            if token is None:
                return

    work = fleet.work_of(page_through)
    assert names == sorted(names, reverse=True)  # newest first
    assert len(names) == size
    assert work.listed == size  # one view for every page, not one per page


def test_a_status_change_keeps_views_that_do_not_depend_on_status() -> None:
    fleet = Fleet(50)
    first = fleet.call("ListInferenceComponents", MaxResults=10)
    fleet.call(
        "UpdateInferenceComponentRuntimeConfig",
        InferenceComponentName="c-0049",
        DesiredRuntimeConfig={"CopyCount": 2},
    )

    def next_pages() -> None:
        page = fleet.call("ListInferenceComponents", MaxResults=10, NextToken=first["NextToken"])
        assert page["InferenceComponents"][0]["InferenceComponentName"] == "c-0039"
        updating = fleet.call("ListInferenceComponents", StatusEquals="Updating")
        assert [c["InferenceComponentName"] for c in updating["InferenceComponents"]] == ["c-0049"]

    assert fleet.work_of(next_pages).listed == 50  # only the view by status was rebuilt


def test_freed_room_goes_where_a_walk_in_creation_order_would_put_it() -> None:
    # Placing only what changed must place exactly as walking every component, oldest first,
    # on every request. Three deployments finish in one settle: room freed by B goes to C
    # (after B in the walk) in the same pass; A, before B, had its turn while the room was
    # still taken, so A's scale fails for want of room.
    fleet = Fleet(0)
    fleet.service.create_endpoint(
        "small", instance_type="ml.g5.xlarge", instance_count=1, variant="AllTraffic"
    )

    def create(name: str, copies: int) -> None:
        fleet.call(
            "CreateInferenceComponent",
            InferenceComponentName=name,
            EndpointName="small",
            VariantName="AllTraffic",
            Specification={
                "ModelName": name,
                "ComputeResourceRequirements": {
                    "MinMemoryRequiredInMb": 1024,
                    "NumberOfAcceleratorDevicesRequired": 1,
                },
            },
            RuntimeConfig={"CopyCount": copies},
        )

    def scale(name: str, copies: int) -> None:
        fleet.call(
            "UpdateInferenceComponentRuntimeConfig",
            InferenceComponentName=name,
            DesiredRuntimeConfig={"CopyCount": copies},
        )

    def placed() -> list[tuple[str, int]]:
        described = [
            fleet.call("DescribeInferenceComponent", InferenceComponentName=name) for name in "abc"
        ]
        return [
            (d["InferenceComponentStatus"], d["RuntimeConfig"]["CurrentCopyCount"])
            for d in described
        ]

    create("a", 0)
    fleet.time += 1
    create("b", 1)
    fleet.advance(30)
    create("c", 1)  # finishes in 30 s, with the two scales below (20 s)
    fleet.advance(10)
    scale("a", 1)
    scale("b", 0)
    fleet.advance(20)
    assert placed() == [("Failed", 0), ("InService", 0), ("InService", 1)]
    fleet.advance(1)
    assert placed() == [("Failed", 0), ("InService", 0), ("InService", 1)]


def test_the_fleet_benchmark_runs() -> None:
    from benchmarks import fleet

    report = fleet.run(counts=(5, 10))
    assert len(report.facts) == 3

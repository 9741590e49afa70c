"""The lifecycle against LocalSageMaker with real boto3 clients, on a manual clock."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import attrs
import pytest

from icsdk import (
    Action,
    Client,
    ComponentConflict,
    ComponentNotFound,
    ComputeRequirements,
    DeploymentFailed,
    EndpointNotFound,
    InferenceComponent,
    InvalidState,
    Polling,
    Progress,
    ReplaceRequired,
    SpecError,
    Status,
    Tag,
    WaitTimeout,
)
from icsdk.testing import LocalSageMaker

from ..samples import (
    adapter_component,
    create_model,
    full_component,
    full_deployment,
    small_component,
)


def test_create_wait_describe(client: Client, local: LocalSageMaker) -> None:
    ic = full_component()
    arn = client.create(ic)
    assert arn == "arn:aws:sagemaker:us-east-1:123456789012:inference-component/llama-8b"
    state = client.describe("llama-8b")
    assert state.status is Status.CREATING
    assert (state.desired_copies, state.current_copies) == (2, 0)
    ready = client.wait("llama-8b")
    assert ready is not None
    assert ready.status is Status.IN_SERVICE
    assert ready.current_copies == 2
    assert ready.placements[0].instance_type == "ml.g5.12xlarge"
    assert ready.specification == ic.specification
    assert ready.component == attrs.evolve(ic, tags=None)
    assert ready.created.tzinfo is not None
    assert ready.endpoint_arn.endswith(":endpoint/shared-gpu")
    assert client.exists("llama-8b")
    assert not client.exists("nope")
    assert local.journal.count(operation="CreateInferenceComponent") == 1


def test_nothing_is_sent_for_an_invalid_spec(client: Client, local: LocalSageMaker) -> None:
    template = InferenceComponent.builder("a").endpoint("shared-gpu").model("m")
    with pytest.raises(SpecError):
        client.create(template.compute(ComputeRequirements(min_memory_mb=64)).build())
    assert len(local.journal) == 0


def test_scale_update_and_delete(client: Client, local: LocalSageMaker) -> None:
    client.apply(small_component("a", copies=1))
    client.scale("a", 3, wait=True)
    assert client.describe("a").current_copies == 3
    bigger = attrs.evolve(
        small_component("a"),
        copies=None,
        specification=attrs.evolve(
            small_component("a").specification,  # type: ignore[misc]
            compute=ComputeRequirements(min_memory_mb=2048, cpu_cores=1),
        ),
    )
    client.update(bigger, deployment=full_deployment(), wait=True)
    state = client.describe("a")
    assert state.specification is not None
    assert state.specification.compute == ComputeRequirements(min_memory_mb=2048, cpu_cores=1)
    assert state.current_copies == 3  # an update without copies keeps them
    assert state.last_deployment == full_deployment()
    update = local.journal.calls(operation="UpdateInferenceComponent")[0]
    assert "RuntimeConfig" not in update.params
    client.delete("a", wait=True)
    assert not client.exists("a")
    client.delete("a")  # absent: still fine
    assert local.journal.count(operation="DeleteInferenceComponent", committed=True) == 1


def test_delete_while_deleting_is_success(client: Client, local: LocalSageMaker) -> None:
    client.apply(small_component("a"))
    client.delete("a")
    client.delete("a")
    assert client.describe("a").status is Status.DELETING


def test_busy_components_raise_invalid_state(client: Client) -> None:
    client.create(small_component("a"))
    with pytest.raises(InvalidState, match="Creating status"):
        client.scale("a", 2)


def test_missing_things_raise_lookup_errors(client: Client) -> None:
    with pytest.raises(ComponentNotFound) as caught:
        client.describe("missing")
    assert isinstance(caught.value, LookupError)
    assert caught.value.request_id
    with pytest.raises(EndpointNotFound):
        client.create(small_component("a", endpoint="nowhere"))
    with pytest.raises(ComponentNotFound):
        client.create(adapter_component(base="missing"))


def test_create_of_an_existing_component_conflicts(client: Client) -> None:
    client.create(small_component("a"))
    with pytest.raises(ComponentConflict):
        client.create(small_component("a"))


def test_list_is_lazy_and_filtered(client: Client, local: LocalSageMaker) -> None:
    local.create_endpoint("other")
    for index in range(5):
        client.create(
            small_component(f"ic-{index}", endpoint="shared-gpu" if index < 3 else "other")
        )
        local.advance(1)
    listing = client.list(
        endpoint="shared-gpu", page_size=2, sort_by="Name", sort_order="Ascending"
    )
    assert local.journal.count(operation="ListInferenceComponents") == 0
    assert [c.name for c in listing] == ["ic-0", "ic-1", "ic-2"]
    assert local.journal.count(operation="ListInferenceComponents") == 2
    assert {c.name for c in client.list(name_contains="ic-4")} == {"ic-4"}
    assert [c.status for c in client.list(status=Status.CREATING, endpoint="other")] == [
        Status.CREATING,
        Status.CREATING,
    ]
    start = datetime.fromtimestamp(local.now(), UTC)
    assert list(client.list(created_after=start + timedelta(hours=1))) == []
    with pytest.raises(SpecError):
        client.list(page_size=500)


def test_wait_reports_failure_at_once(client: Client, local: LocalSageMaker) -> None:
    local.fail_next_deployment("a", "CUDA out of memory")
    client.create(small_component("a"))
    with pytest.raises(DeploymentFailed) as caught:
        client.wait("a")
    assert caught.value.reason == "CUDA out of memory"
    assert local.journal.count(operation="DescribeInferenceComponent") < 12


def test_wait_times_out_at_the_deadline(client: Client, local: LocalSageMaker) -> None:
    client.create(small_component("a"))
    with pytest.raises(WaitTimeout) as caught:
        client.wait("a", timeout=timedelta(seconds=20))
    assert caught.value.last_status == "Creating"
    assert caught.value.seconds <= 20
    assert isinstance(caught.value, TimeoutError)


def test_polling_backs_off_to_its_cap(client: Client, local: LocalSageMaker) -> None:
    client.create(small_component("a"))
    before = local.now()
    client.wait("a", polling=Polling(initial=1, factor=2, maximum=8))
    times = [c.at - before for c in local.journal.calls(operation="DescribeInferenceComponent")]
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(times)]
    assert gaps == [1, 2, 4, 8, 8, 8, 8, 8, 8, 8][: len(gaps)]
    assert times[-1] >= 60


def test_progress_events_are_typed(client: Client) -> None:
    seen: list[Progress] = []
    client.create(small_component("a", copies=2))
    client.wait("a", until="copies_settled", on_progress=seen.append)
    assert [(p.status, p.current_copies) for p in seen] == [
        (Status.CREATING, 0),
        (Status.IN_SERVICE, 2),
    ]
    assert seen[-1].elapsed >= 60
    client.delete("a")
    seen.clear()
    assert client.wait("a", until="deleted", on_progress=seen.append) is None
    assert seen[-1].status is None


def test_wait_many_uses_list_not_describe(client: Client, local: LocalSageMaker) -> None:
    names = [f"ic-{i}" for i in range(30)]
    for name in names:
        client.create(small_component(name))
    local.journal.clear()
    seen: list[Progress] = []
    result = client.wait_many(names, endpoint="shared-gpu", on_progress=seen.append)
    assert set(result.values()) == {Status.IN_SERVICE}
    assert local.journal.count(operation="DescribeInferenceComponent") == 0
    assert local.journal.count(operation="ListInferenceComponents") <= 20
    assert {p.name for p in seen if p.status is Status.IN_SERVICE} == set(names)


def test_wait_many_reports_a_failure(client: Client, local: LocalSageMaker) -> None:
    local.fail_next_deployment("b", "image not found")
    for name in ("a", "b"):
        client.create(small_component(name))
    with pytest.raises(DeploymentFailed, match="image not found"):
        client.wait_many(endpoint="shared-gpu")


def test_wait_many_for_deletion_and_copies(client: Client) -> None:
    for name in ("a", "b"):
        client.create(small_component(name, copies=2))
    assert client.wait_many(["a", "b"], until="copies_settled") == {
        "a": Status.IN_SERVICE,
        "b": Status.IN_SERVICE,
    }
    for name in ("a", "b"):
        client.delete(name)
    assert client.wait_many(["a", "b"], until="deleted") == {"a": None, "b": None}
    client.create(small_component("c"))
    with pytest.raises(WaitTimeout):
        client.wait_many(["c"], timeout=5)


def test_plan_and_apply_every_action(client: Client, local: LocalSageMaker) -> None:
    ic = attrs.evolve(small_component("a", copies=1), tags=(Tag(key="team", value="search"),))
    assert client.plan(ic).action is Action.CREATE
    assert client.apply(ic).action is Action.CREATE
    assert client.plan(ic).is_noop
    scaled = attrs.evolve(ic, copies=2)
    plan = client.plan(scaled)
    assert plan.action is Action.SCALE
    assert [str(change) for change in plan.changes] == ["copies: 1 -> 2"]
    client.apply(scaled)
    retagged = attrs.evolve(scaled, tags=(Tag(key="team", value="ml"), Tag(key="env", value="x")))
    plan = client.apply(retagged)
    assert plan.action is Action.TAGS
    assert client.plan(retagged).is_noop
    untagged = attrs.evolve(retagged, tags=(Tag(key="env", value="x"),))
    assert client.plan(untagged).tags_to_remove == ("team",)
    changed = attrs.evolve(
        scaled,
        tags=None,
        specification=attrs.evolve(
            scaled.specification,  # type: ignore[misc]
            compute=ComputeRequirements(min_memory_mb=4096, cpu_cores=2),
        ),
    )
    plan = client.plan(changed)
    assert plan.action is Action.UPDATE
    assert {c.path for c in plan.changes} == {
        "specification.compute.min_memory_mb",
        "specification.compute.cpu_cores",
    }
    client.apply(changed)
    assert client.plan(changed).is_noop
    moved = attrs.evolve(changed, endpoint="other")
    local.create_endpoint("other")
    plan = client.plan(moved)
    assert plan.action is Action.REPLACE
    with pytest.raises(ReplaceRequired, match="allow_replace=True"):
        client.apply(moved)
    assert client.describe("a").endpoint == "shared-gpu"
    create_model(local)
    client.apply(moved, allow_replace=True)
    assert client.describe("a").endpoint == "other"


def test_apply_waits_for_changes_in_progress(client: Client, local: LocalSageMaker) -> None:
    ic = small_component("a", copies=1)
    client.create(ic)
    plan = client.apply(attrs.evolve(ic, copies=2))
    assert plan.action is Action.SCALE
    assert client.describe("a").current_copies == 2


def test_apply_refuses_to_silently_replace_a_failed_component(
    client: Client, local: LocalSageMaker
) -> None:
    local.fail_next_deployment("a", "bad weights")
    ic = small_component("a")
    client.create(ic)
    with pytest.raises(ReplaceRequired, match="bad weights"):
        client.apply(ic)
    create_model(local)
    client.apply(ic, allow_replace=True)
    assert client.describe("a").status is Status.IN_SERVICE


def test_environment_changes_are_shown_without_values(client: Client) -> None:
    ic = full_component()
    client.apply(ic)
    spec = ic.specification
    assert spec is not None
    assert spec.container is not None
    changed = attrs.evolve(
        ic,
        specification=attrs.evolve(
            spec, container=attrs.evolve(spec.container, environment={"HF_TOKEN": "new-secret"})
        ),
    )
    plan = client.plan(changed)
    assert [str(c) for c in plan.changes] == [
        "specification.container.environment['HF_TOKEN']: '***' -> '***'",
        "specification.container.environment['MAX_INPUT_LENGTH']: '***' -> None",
    ]
    assert "new-secret" not in str(plan)

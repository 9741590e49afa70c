"""Endpoints from specs: plan, apply, describe and delete in order, against LocalSageMaker."""

from __future__ import annotations

import attrs
import pytest
from botocore.exceptions import ClientError

from icsdk import (
    Action,
    Adapter,
    Client,
    ComponentNotFound,
    DeploymentFailed,
    Endpoint,
    EndpointNotEmpty,
    EndpointNotFound,
    EndpointStatus,
    InferenceComponent,
    ManagedInstanceScaling,
    Progress,
    ReplaceRequired,
    SpecMismatch,
)
from icsdk.testing import FaultKind, LocalSageMaker

from ..samples import small_component

ROLE = "arn:aws:iam::123456789012:role/sagemaker"


def gpu_endpoint(name: str = "gpu", instance_type: str = "ml.g5.12xlarge") -> Endpoint:
    return (
        Endpoint.builder(name)
        .role(ROLE)
        .variant(
            "AllTraffic",
            instance_type=instance_type,
            instances=1,
            scaling=ManagedInstanceScaling(min_instances=0, max_instances=4),
        )
        .tag("team", "search")
        .build()
    )


def test_apply_creates_the_config_and_the_endpoint_then_does_nothing(
    local: LocalSageMaker, client: Client
) -> None:
    ep = gpu_endpoint()
    seen: list[Progress] = []
    assert client.plan(ep).action is Action.CREATE
    assert client.apply(ep, on_progress=seen.append).action is Action.CREATE
    config, endpoint = ep.to_boto3()
    assert local.journal.calls(operation="CreateEndpointConfig")[0].params == config
    assert local.journal.calls(operation="CreateEndpoint")[0].params == endpoint
    assert seen[-1].status is EndpointStatus.IN_SERVICE
    assert seen[-1].describe().startswith("gpu: InService, 1/1 instances")
    again = client.apply(ep)
    assert again.is_noop
    assert local.journal.count(operation="CreateEndpointConfig") == 1


def test_describe_endpoint_gives_status_instances_and_the_live_spec(client: Client) -> None:
    ep = gpu_endpoint()
    client.apply(ep)
    state = client.describe_endpoint("gpu")
    assert state.status is EndpointStatus.IN_SERVICE
    assert state.config_name == ep.to_boto3().config["EndpointConfigName"]
    variant = state.variant("AllTraffic")
    assert variant is not None
    assert (variant.instance_type, variant.min_instances, variant.max_instances) == (
        "ml.g5.12xlarge",
        0,
        4,
    )
    assert state.endpoint == attrs.evolve(ep, tags=None)
    with pytest.raises(EndpointNotFound):
        client.describe_endpoint("nope")


def test_the_plan_of_a_change_shows_the_new_config_and_each_field(client: Client) -> None:
    client.apply(gpu_endpoint())
    bigger = gpu_endpoint(instance_type="ml.g5.48xlarge")
    plan = client.plan(bigger)
    assert plan.action is Action.UPDATE
    paths = [change.path for change in plan.changes]
    assert paths == ["config", "variants[0].instance_type"]
    assert plan.changes[0].desired == bigger.to_boto3().config["EndpointConfigName"]


def test_tags_alone_are_changed_in_place(local: LocalSageMaker, client: Client) -> None:
    client.apply(gpu_endpoint())
    retagged = gpu_endpoint().to_builder().tag("team", "ads").build()
    plan = client.apply(retagged)
    assert plan.action is Action.TAGS
    assert local.journal.count(operation="CreateEndpointConfig") == 1
    tags = client.sagemaker.list_tags(ResourceArn=client.describe_endpoint("gpu").arn)["Tags"]
    assert {"Key": "team", "Value": "ads"} in tags


def test_an_endpoint_made_elsewhere_with_the_same_content_is_left_alone(
    local: LocalSageMaker, client: Client
) -> None:
    ep = attrs.evolve(gpu_endpoint(), tags=None)
    config, _ = ep.to_boto3()
    config["EndpointConfigName"] = "handmade"
    sagemaker = local.sagemaker_client()
    sagemaker.create_endpoint_config(**config)
    sagemaker.create_endpoint(EndpointName="gpu", EndpointConfigName="handmade")
    client.wait_endpoint("gpu")
    assert client.plan(ep).is_noop


def test_an_ambiguous_create_of_the_config_is_settled_by_describing_it(
    local: LocalSageMaker, client: Client
) -> None:
    local.faults.script(FaultKind.RESET_AFTER, operation="CreateEndpointConfig")
    assert client.apply(gpu_endpoint()).action is Action.CREATE
    assert local.journal.count(operation="CreateEndpointConfig") == 1  # never sent twice
    assert client.describe_endpoint("gpu").status is EndpointStatus.IN_SERVICE


def test_an_ambiguous_create_of_the_endpoint_is_settled_by_describing_it(
    local: LocalSageMaker, client: Client
) -> None:
    local.faults.script(FaultKind.RESET_AFTER, operation="CreateEndpoint")
    client.apply(gpu_endpoint())
    assert local.journal.count(operation="CreateEndpoint") == 1


def test_a_named_config_taken_by_other_content_is_a_mismatch(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(gpu_endpoint().to_builder().config_name("fixed").build())
    changed = gpu_endpoint(instance_type="ml.g5.48xlarge").to_builder().config_name("fixed")
    with pytest.raises(SpecMismatch, match="endpoint configs cannot change"):
        client.apply(changed.build())
    assert local.journal.count(operation="UpdateEndpoint") == 0


def test_delete_endpoint_refuses_while_components_remain(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(small_component("a"))
    with pytest.raises(EndpointNotEmpty) as caught:
        client.delete_endpoint("shared-gpu")
    assert caught.value.components == ("a",)
    assert local.journal.count(operation="DeleteEndpoint") == 0


def test_forced_delete_removes_adapters_then_bases_then_endpoint_and_config(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(small_component("base"))
    adapter = (
        InferenceComponent.builder("base-sql")
        .endpoint("shared-gpu")
        .adapter(Adapter(base="base", artifact_url="s3://bucket/adapters/sql/"))
        .build()
    )
    client.apply(adapter)
    config_name = client.describe_endpoint("shared-gpu").config_name
    client.delete_endpoint("shared-gpu", force=True, wait=True)
    deletes = [
        entry.params.get("InferenceComponentName") or entry.params.get("EndpointName")
        for entry in local.journal.calls()
        if entry.operation in ("DeleteInferenceComponent", "DeleteEndpoint")
    ]
    assert deletes == ["base-sql", "base", "shared-gpu"]
    for name in ("base", "base-sql"):
        with pytest.raises(ComponentNotFound):
            client.describe(name)
    with pytest.raises(EndpointNotFound):
        client.describe_endpoint("shared-gpu")
    with pytest.raises(ClientError, match="Could not find endpoint configuration"):
        client.sagemaker.describe_endpoint_config(EndpointConfigName=config_name)
    client.delete_endpoint("shared-gpu", force=True, wait=True)  # idempotent


def test_waiting_for_a_failed_endpoint_raises_with_kind(client: Client) -> None:
    error = DeploymentFailed("gpu", "no capacity", kind="endpoint")
    assert str(error) == "endpoint 'gpu' failed: no capacity"
    with pytest.raises(EndpointNotFound):
        client.wait_endpoint("missing")
    assert client.wait_endpoint("missing", deleted=True) is None


def test_a_change_creates_a_config_updates_the_endpoint_and_deletes_the_old_config(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(gpu_endpoint())
    old = client.describe_endpoint("gpu").config_name
    bigger = gpu_endpoint(instance_type="ml.g5.48xlarge")
    plan = client.apply(bigger)
    assert plan.action is Action.UPDATE
    new = bigger.to_boto3().config["EndpointConfigName"]
    assert [entry.params for entry in local.journal.calls(operation="UpdateEndpoint")] == [
        {"EndpointName": "gpu", "EndpointConfigName": new}
    ]
    state = client.describe_endpoint("gpu")
    assert (state.status, state.config_name) == (EndpointStatus.IN_SERVICE, new)
    assert state.endpoint == attrs.evolve(bigger, tags=None)
    with pytest.raises(ClientError, match="Could not find endpoint configuration"):
        client.sagemaker.describe_endpoint_config(EndpointConfigName=old)
    assert client.plan(bigger).is_noop


def test_an_update_the_service_rolls_back_raises_with_its_reason(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(gpu_endpoint())
    old = client.describe_endpoint("gpu").config_name
    local.fail_next_endpoint_deployment("gpu", "health check failed")
    with pytest.raises(DeploymentFailed, match=r"rolled back: .*health check failed") as caught:
        client.apply(gpu_endpoint(instance_type="ml.g5.48xlarge"))
    assert caught.value.kind == "endpoint"
    state = client.describe_endpoint("gpu")
    assert state.config_name == old  # back on the old config, which is kept
    assert client.sagemaker.describe_endpoint_config(EndpointConfigName=old)
    assert client.plan(gpu_endpoint(instance_type="ml.g5.48xlarge")).action is Action.UPDATE


def test_without_wait_the_old_config_is_kept_for_the_running_update(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(gpu_endpoint())
    old = client.describe_endpoint("gpu").config_name
    client.apply(gpu_endpoint(instance_type="ml.g5.48xlarge"), wait=False)
    assert local.journal.count(operation="DeleteEndpointConfig") == 0
    assert client.sagemaker.describe_endpoint_config(EndpointConfigName=old)


def test_an_ambiguous_update_is_settled_by_the_pending_config(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(gpu_endpoint())
    local.faults.script(FaultKind.RESET_AFTER, operation="UpdateEndpoint")
    client.apply(gpu_endpoint(instance_type="ml.g5.48xlarge"))
    assert local.journal.count(operation="UpdateEndpoint") == 1
    assert client.describe_endpoint("gpu").variants[0].instance_type == "ml.g5.48xlarge"


def test_a_change_waits_out_an_update_in_progress_first(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(gpu_endpoint())
    client.apply(gpu_endpoint(instance_type="ml.g5.48xlarge"), wait=False)
    client.apply(gpu_endpoint(instance_type="ml.g6.12xlarge"))
    state = client.describe_endpoint("gpu")
    assert state.variants[0].instance_type == "ml.g6.12xlarge"
    assert local.journal.count(operation="UpdateEndpoint") == 2


def test_a_failed_endpoint_is_replaced_only_when_allowed(
    local: LocalSageMaker, client: Client
) -> None:
    local.fail_next_endpoint_deployment("gpu", "no capacity for ml.g5.12xlarge")
    with pytest.raises(DeploymentFailed, match="no capacity"):
        client.apply(gpu_endpoint())
    with pytest.raises(ReplaceRequired, match="it is Failed"):
        client.apply(gpu_endpoint())
    plan = client.apply(gpu_endpoint(), allow_replace=True)
    assert plan.action is Action.REPLACE
    assert client.describe_endpoint("gpu").status is EndpointStatus.IN_SERVICE


def test_a_delete_refused_while_the_endpoint_is_creating_waits_then_deletes() -> None:
    with LocalSageMaker(require_models=False, clock="manual", endpoint_delay=300) as slow:
        client = slow.client()
        client.apply(gpu_endpoint(), wait=False)
        assert client.describe_endpoint("gpu").status is EndpointStatus.CREATING
        client.delete_endpoint("gpu", wait=True)
        assert slow.journal.count(operation="DeleteEndpoint") == 2  # refused, then done
        with pytest.raises(EndpointNotFound):
            client.describe_endpoint("gpu")

"""Variants, adapters and bases: what the real service refuses, and what icsdk does about it."""

from __future__ import annotations

import pytest

from icsdk import AdaptersAttached, SpecError
from icsdk.testing import LocalSageMaker

from ..samples import adapter_component, small_component

ROLE = "arn:aws:iam::123456789012:role/sagemaker"


def test_the_one_hosting_variant_is_sent_and_looked_up_once(local: LocalSageMaker) -> None:
    client = local.client()
    client.create(small_component("a"))
    client.create(small_component("b"))
    sent = local.journal.calls(operation="CreateInferenceComponent")
    assert [c.params.get("VariantName") for c in sent] == ["AllTraffic", "AllTraffic"]
    assert local.journal.count(operation="DescribeEndpoint") == 1


def test_adapters_never_send_a_variant(local: LocalSageMaker) -> None:
    client = local.client()
    client.apply(small_component("llama-8b"))
    client.create(adapter_component(base="llama-8b"))
    adapter = local.journal.calls(operation="CreateInferenceComponent")[-1]
    assert "VariantName" not in adapter.params


def test_several_hosting_variants_are_named_in_the_error(local: LocalSageMaker) -> None:
    sagemaker = local.sagemaker_client()
    sagemaker.create_endpoint_config(
        EndpointConfigName="two-config",
        ExecutionRoleArn=ROLE,
        ProductionVariants=[
            {"VariantName": name, "InstanceType": "ml.g5.xlarge", "InitialInstanceCount": 1}
            for name in ("Blue", "Green")
        ],
    )
    sagemaker.create_endpoint(EndpointName="two", EndpointConfigName="two-config")
    local.advance(600)
    with pytest.raises(SpecError, match=r"2 variants that host components \(Blue, Green\)"):
        local.client().create(small_component("a", endpoint="two"))
    assert local.journal.count(operation="CreateInferenceComponent") == 0


def test_deleting_a_base_names_the_adapters_that_hold_it(local: LocalSageMaker) -> None:
    client = local.client()
    client.apply(small_component("llama-8b"))
    client.apply(adapter_component(base="llama-8b", name="sql"))
    client.apply(adapter_component(base="llama-8b", name="chat"))
    client.apply(small_component("other"))
    with pytest.raises(AdaptersAttached, match=r"attached: chat, sql") as caught:
        client.delete("llama-8b")
    assert caught.value.adapters == ("chat", "sql")
    assert "is a base inference component for one or more associated" in caught.value.message
    for adapter in caught.value.adapters:
        client.delete(adapter, wait=True)
    client.delete("llama-8b", wait=True)
    assert not client.exists("llama-8b")

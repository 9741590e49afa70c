"""The Endpoint spec: its builder, its rules, its refusals and its two boto3 requests."""

from __future__ import annotations

import copy
import re
from typing import Any, cast

import pytest
from hypothesis import given

from icsdk import (
    DataCapture,
    Endpoint,
    EndpointMetrics,
    ManagedInstanceScaling,
    PrefixAwareRouting,
    Routing,
    SpecError,
    Variant,
)
from icsdk._base import deferred_validation

from .samples import full_endpoint
from .strategies import endpoints

ROLE = "arn:aws:iam::123456789012:role/sagemaker"


def shared_gpu() -> Endpoint:
    return (
        Endpoint.builder("shared-gpu")
        .role(ROLE)
        .variant(
            "AllTraffic",
            instance_type="ml.g5.12xlarge",
            instances=1,
            scaling=ManagedInstanceScaling(min_instances=0, max_instances=4),
        )
        .build()
    )


def test_the_builder_makes_the_reference_shape_for_components() -> None:
    config, endpoint = shared_gpu().to_boto3()
    config_name = config["EndpointConfigName"]
    assert re.fullmatch(r"shared-gpu-[0-9a-f]{8}", config_name)
    assert config == {
        "EndpointConfigName": config_name,
        "ExecutionRoleArn": ROLE,
        "ProductionVariants": [
            {
                "VariantName": "AllTraffic",
                "InstanceType": "ml.g5.12xlarge",
                "InitialInstanceCount": 1,
                "ManagedInstanceScaling": {
                    "Status": "ENABLED",
                    "MinInstanceCount": 0,
                    "MaxInstanceCount": 4,
                },
            }
        ],
    }
    assert endpoint == {"EndpointName": "shared-gpu", "EndpointConfigName": config_name}


def test_a_named_config_and_tags_go_on_both_requests() -> None:
    ep = shared_gpu().to_builder().config_name("shared-gpu-v2").tag("team", "search").build()
    config, endpoint = ep.to_boto3()
    assert config["EndpointConfigName"] == endpoint["EndpointConfigName"] == "shared-gpu-v2"
    assert config.get("Tags") == endpoint.get("Tags") == [{"Key": "team", "Value": "search"}]


def test_an_unnamed_config_is_named_by_its_content_not_its_tags() -> None:
    name = shared_gpu().to_boto3().config["EndpointConfigName"]
    tagged = shared_gpu().to_builder().tag("team", "search").build()
    assert tagged.to_boto3().config["EndpointConfigName"] == name
    bigger = shared_gpu().to_builder().variant("AllTraffic", instance_type="ml.g5.48xlarge")
    assert bigger.build().to_boto3().config["EndpointConfigName"] != name


def test_a_long_name_still_gives_a_valid_config_name() -> None:
    ep = Endpoint.builder("a" * 63).role(ROLE).variant("v", instance_type="ml.g5.xlarge").build()
    config_name = ep.to_boto3().config["EndpointConfigName"]
    assert len(config_name) == 63
    assert Endpoint.from_boto3(*ep.to_boto3()) == ep


def test_the_derived_config_name_given_explicitly_is_the_default() -> None:
    name = shared_gpu().to_boto3().config["EndpointConfigName"]
    assert (
        Endpoint.from_boto3(*shared_gpu().to_builder().config_name(name).build().to_boto3())
        == shared_gpu()
    )


def test_a_config_named_like_its_endpoint_keeps_that_name() -> None:
    config, _ = shared_gpu().to_builder().config_name("shared-gpu").build().to_boto3()
    assert Endpoint.from_boto3(config).config_name == "shared-gpu"


def test_a_variant_of_the_same_name_replaces_the_earlier_one() -> None:
    ep = (
        Endpoint.builder("e")
        .role(ROLE)
        .variant("a", instance_type="ml.g5.xlarge")
        .variant("b")
        .variant("a", instance_type="ml.g6.xlarge")
        .build()
    )
    assert [(v.name, v.instance_type) for v in ep.variants] == [
        ("a", "ml.g6.xlarge"),
        ("b", None),
    ]


def test_the_builder_leaves_the_template_as_it_was() -> None:
    base = Endpoint.builder("e").role(ROLE)
    first = base.variant("v", instances=2).build()
    with pytest.raises(SpecError) as caught:
        base.build()
    assert caught.value.paths == ("variants",)
    assert first.variants[0].instances == 2


def test_build_reports_every_problem_with_its_path() -> None:
    with pytest.raises(SpecError) as caught:
        (
            Endpoint.builder("bad name")
            .role("not-an-arn")
            .variant("v", instances=0, instance_type="ml.nope", model_data_download_timeout_s=30)
            .vpc(security_group_ids=(), subnets=("subnet-1",))
            .kms_key("bad key!")
            .build()
        )
    assert set(caught.value.paths) == {
        "name",
        "role_arn",
        "variants[0].instances",
        "variants[0].instance_type",
        "variants[0].model_data_download_timeout_s",
        "vpc.security_group_ids",
        "kms_key_id",
    }


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda: ManagedInstanceScaling(min_instances=3, max_instances=2), "max_instances"),
        (lambda: ManagedInstanceScaling(max_instances=0), "max_instances"),
        (lambda: ManagedInstanceScaling(status=cast("Any", "ON")), "status"),
        (
            lambda: Routing(strategy="RANDOM", prefix_aware=PrefixAwareRouting(prefix_length=2048)),
            "prefix_aware",
        ),
        (lambda: Routing(strategy=cast("Any", "ROUND_ROBIN")), "strategy"),
        (lambda: PrefixAwareRouting(prefix_length=512), "prefix_length"),
        (lambda: EndpointMetrics(publish_frequency_s=15), "publish_frequency_s"),
        (
            lambda: DataCapture(
                sampling_percentage=101, destination_s3_uri="s3://b/c", capture_modes=("Input",)
            ),
            "sampling_percentage",
        ),
        (
            lambda: DataCapture(
                sampling_percentage=1,
                destination_s3_uri="s3://b/c",
                capture_modes=cast("Any", ("Both",)),
            ),
            "capture_modes[0]",
        ),
        (lambda: Variant(name="v", volume_size_gb=513), "volume_size_gb"),
        (lambda: Variant(name="v", provision_timeout_s=299), "provision_timeout_s"),
        (lambda: Variant(name="v", inference_ami_version="al1"), "inference_ami_version"),
    ],
)
def test_each_rule_is_enforced(make: Any, path: str) -> None:
    with pytest.raises(SpecError) as caught:
        make()
    assert caught.value.paths == (path,)


def test_prefix_aware_routing_takes_its_tuning_and_kv_aware_is_accepted() -> None:
    Routing(strategy="PREFIX_AWARE", prefix_aware=PrefixAwareRouting(prefix_length=65536))
    assert Routing(strategy="KV_AWARE").strategy == "KV_AWARE"


def test_scale_to_zero_is_allowed() -> None:
    assert ManagedInstanceScaling(min_instances=0, max_instances=1).min_instances == 0


# -- from_boto3 --------------------------------------------------------------------------------


def test_the_full_endpoint_round_trips_exactly() -> None:
    ep = full_endpoint()
    config, endpoint = ep.to_boto3()
    again = Endpoint.from_boto3(config, endpoint)
    assert again == ep
    assert again.to_boto3() == (config, endpoint)


@given(endpoints())
def test_any_endpoint_round_trips_exactly(ep: Endpoint) -> None:
    config, endpoint = ep.to_boto3()
    assert Endpoint.from_boto3(config, endpoint) == ep
    assert Endpoint.from_boto3(copy.deepcopy(config)).to_boto3().config == config


def test_a_config_alone_names_the_endpoint_after_itself() -> None:
    config, _ = full_endpoint().to_boto3()
    ep = Endpoint.from_boto3(config)
    assert ep.name == "shared-gpu-v1"
    assert ep.config_name == "shared-gpu-v1"
    assert ep.to_boto3().config == config


def test_a_status_left_out_stays_out() -> None:
    config = {
        "EndpointConfigName": "e",
        "ExecutionRoleArn": ROLE,
        "ProductionVariants": [
            {"VariantName": "v", "ManagedInstanceScaling": {"MaxInstanceCount": 2}}
        ],
    }
    ep = Endpoint.from_boto3(config)
    assert ep.variants[0].scaling is not None and ep.variants[0].scaling.status is None
    assert ep.to_boto3().config == config


@pytest.mark.parametrize(
    ("config", "endpoint", "paths"),
    [
        ({"ProductionVariants": [{"VariantName": "v"}]}, None, ("config_name",)),
        (
            {"EndpointConfigName": "c", "ProductionVariants": [{"VariantName": "v"}]},
            {"EndpointName": "e", "EndpointConfigName": "other"},
            ("config_name",),
        ),
        (
            {"EndpointConfigName": "c", "ProductionVariants": [{"VariantName": "v"}]},
            {"EndpointName": "e", "Tags": [{"Key": "a", "Value": "b"}]},
            ("tags",),
        ),
        (
            {"EndpointConfigName": "c", "ProductionVariants": [{"VariantName": "v"}]},
            {"EndpointName": "e", "Surprise": 1},
            ("",),
        ),
        (
            {"EndpointConfigName": "c", "ExecutionRoleArn": ROLE, "ProductionVariants": []},
            None,
            ("variants",),
        ),
        (
            {
                "EndpointConfigName": "c",
                "ExecutionRoleArn": ROLE,
                "ProductionVariants": [{"VariantName": "v", "Foo": 1}],
            },
            None,
            ("variants[0]",),
        ),
        (
            {"EndpointConfigName": "c", "ProductionVariants": [{"VariantName": "v"}]},
            None,
            ("role_arn",),
        ),
        (
            {
                "EndpointConfigName": "c",
                "ExecutionRoleArn": ROLE,
                "ProductionVariants": [
                    {"VariantName": "v", "InitialVariantWeight": 1.0, "EnableSSMAccess": True}
                ],
            },
            None,
            ("variants[0].initial_variant_weight", "variants[0].enable_ssm_access"),
        ),
        (
            {
                "EndpointConfigName": "c",
                "ExecutionRoleArn": ROLE,
                "ProductionVariants": [{"VariantName": "v"}],
                "DataCaptureConfig": {
                    "InitialSamplingPercentage": 1,
                    "DestinationS3Uri": "s3://b/c",
                    "CaptureOptions": ["Input"],
                },
            },
            None,
            ("data_capture.capture_modes",),
        ),
        ("not a mapping", None, ("",)),
    ],
)
def test_from_boto3_refuses_what_it_cannot_read(
    config: Any, endpoint: Any, paths: tuple[str, ...]
) -> None:
    with pytest.raises(SpecError) as caught:
        Endpoint.from_boto3(config, endpoint)
    assert caught.value.paths == paths


def test_validation_can_be_deferred_for_a_whole_tree() -> None:
    with deferred_validation():
        draft = Variant(name="v", instances=0)
    with pytest.raises(SpecError) as caught:
        Endpoint.builder("e").role(ROLE).add_variant(draft).build()
    assert caught.value.paths == ("variants[0].instances",)

"""icsdk reads AWS's error wording, not LocalSageMaker's: every message pattern against real text.

Each quote is copied exactly from the public page next to it (a user's pasted error, AWS's own
writing, or the substring a public client matches). `_aws_errors` reads message text only for
the patterns in its `_BY_MESSAGE` table; each must match a quote here, or be listed in
`ASSUMED` because no real wording is public (docs/local-fidelity.md, "Error wording icsdk
reads", says the same).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest
from botocore.exceptions import ClientError

from icsdk import (
    AdaptersAttached,
    ComponentConflict,
    ComponentNotFound,
    EndpointConfigNotFound,
    EndpointConflict,
    EndpointNotFound,
    InvalidState,
    ModelNotFound,
    NoCapacity,
    ServiceError,
)
from icsdk._aws_errors import _BY_MESSAGE, map_error
from icsdk.testing import LocalSageMaker

TF_IC = (
    "https://github.com/hashicorp/terraform-provider-aws/blob/"
    "d8492e49fb3bfecae64c3148f6fe97e53371a3e6/internal/service/sagemaker/inference_component.go"
    " (https://github.com/hashicorp/terraform-provider-aws/pull/48894)"
)
SCALE_TO_ZERO_BLOG = (
    "https://aws.amazon.com/blogs/machine-learning/"
    "unlock-cost-savings-with-the-new-scale-down-to-zero-feature-in-amazon-sagemaker-inference/"
)


class Quote(NamedTuple):
    operation: str
    code: str
    message: str
    source: str
    kind: type[ServiceError]


# Whole messages, as the real service sent them.
REAL: list[Quote] = [
    Quote(
        "DeleteEndpoint",
        "ValidationException",
        'Could not find endpoint "arn:aws:sagemaker:us-west-2:521695447989:endpoint/'
        'ipinsights-2021-05-11-00-23-29-162".',
        "https://github.com/aws/amazon-sagemaker-examples/issues/2402",
        EndpointNotFound,
    ),
    Quote(
        "DescribeEndpointConfig",
        "ValidationException",
        'Could not find endpoint configuration "arn:aws:sagemaker:us-west-2:521695447989:'
        'endpoint-config/demo-xgb-churn-pred-model-monitor-2021-05-11-00-02-22".',
        "https://github.com/aws/amazon-sagemaker-examples/issues/2339",
        EndpointConfigNotFound,
    ),
    Quote(
        "CreateEndpoint",
        "ValidationException",
        'Cannot create already existing endpoint "arn:aws:sagemaker:eu-west-2:***:endpoint/'
        'hmpps-probation-search-preprod-sagemaker-endpoint".',
        "https://github.com/ministryofjustice/modernisation-platform-environments/pull/9383",
        EndpointConflict,
    ),
    Quote(
        "CreateEndpointConfig",
        "ValidationException",
        'Cannot create already existing endpoint configuration "arn:aws-cn:sagemaker:'
        'cn-northwest-1:801869647304:endpoint-config/bert-sentiment-config".',
        "https://github.com/awslabs/spot-tagging-bot-for-digital-assets/issues/2",
        EndpointConflict,
    ),
    Quote(
        "CreateEndpoint",
        "ValidationException",
        'Could not find model "arn:aws:sagemaker:us-east-1:111111111111:model/'
        'xgboost-neo-ml-c5-ml-c5-2021-01-26-21-18-17-222".',
        "https://github.com/aws/sagemaker-python-sdk/issues/2112",
        ModelNotFound,
    ),
    Quote(
        "InvokeEndpoint",
        "ValidationError",
        "Endpoint DEMO-imageclassification-epc--2018-06-23-02-03-51 of account 548009560556 "
        "not found.",
        "https://github.com/aws/amazon-sagemaker-examples/issues/293",
        EndpointNotFound,
    ),
    Quote(
        "InvokeEndpoint",
        "ValidationError",
        "Endpoint driving-endpoint of account 127310796078 not found.",
        "https://github.com/aws/amazon-sagemaker-examples/issues/559",
        EndpointNotFound,
    ),
    Quote(
        "InvokeEndpoint",
        "ValidationError",
        "Inference Component has no capacity to process this request. ApplicationAutoScaling "
        "may be in-progress (if configured) or try to increase the capacity by invoking "
        "UpdateInferenceComponentRuntimeConfig API.",
        SCALE_TO_ZERO_BLOG,
        NoCapacity,
    ),
]

# Only a part of these messages is public: the substring public clients match in them.
SUBSTRINGS: list[Quote] = [
    Quote(
        "DescribeInferenceComponent",
        "ValidationException",
        # Also aws/sagemaker-python-sdk, src/sagemaker/serve/builder/model_builder.py
        # (ModelBuilder._does_ic_exist), whose unit tests stub this exact message.
        "Could not find inference component",
        TF_IC,
        ComponentNotFound,
    ),
    Quote(
        "DeleteInferenceComponent",
        "ValidationException",
        "DELETE_IN_PROGRESS",
        TF_IC,
        InvalidState,
    ),
    Quote(
        "DeleteInferenceComponent",
        "ValidationException",
        # The file's comment: ("is a base inference component for one or more associated").
        "is a base inference component for one or more associated",
        TF_IC,
        AdaptersAttached,
    ),
    Quote(
        "DeleteEndpoint",
        "ValidationException",
        # DeleteEndpointInProgressMessagePrefix; the same text answers UpdateEndpoint.
        "Cannot update in-progress endpoint",
        "https://github.com/aws/amazon-sagemaker-operator-for-k8s/blob/master/"
        "controllers/sdkutil/clientwrapper/sagemaker_client.go",
        InvalidState,
    ),
]

# Real messages that no pattern may misread: each stays a plain ServiceError.
OTHERS: list[Quote] = [
    Quote(
        "CreateModel",
        "ValidationException",
        'Cannot create already existing model "arn:aws:sagemaker:us-east-2:396807896376:model/'
        'provider-knn-model".',
        "https://github.com/astronomer/astronomer-providers/issues/1055",
        ServiceError,
    ),
    Quote(
        "InvokeEndpoint",
        "ValidationError",
        "Inference Component Name header is required for endpoints to which you plan to deploy "
        "inference components. Please include Inference Component Name header or consider using "
        "SageMaker models.",
        "https://github.com/aws-samples/amazon-kendra-langchain-extensions/issues/64",
        ServiceError,
    ),
    Quote(
        "CreateInferenceComponent",
        "ValidationException",
        "Invalid request provided: Inference Components are not supported in this Endpoint. "
        "Please make sure this endpoint can deploy inference components.",
        "https://github.com/pulumi/pulumi-aws/issues/4940",
        ServiceError,
    ),
    Quote(
        "CreateEndpointConfig",
        "ValidationException",
        "ManagedInstanceScaling is only supported for inference component endpoints.",
        "https://github.com/hashicorp/terraform-provider-aws/pull/45926",
        ServiceError,
    ),
]

# Patterns whose wording is not public; LocalSageMaker sends the wording they expect.
ASSUMED: dict[str, str] = {
    r"^Inference Component \S+ not found": "the runtime's answer for a component the endpoint "
    "does not host",
    r"^Cannot create already existing inference component": "by analogy with the model's real "
    'wording, "Cannot create already existing model "arn:..."."',
    r"because it is (already )?in \w+ status": "a change to a busy component: the refusal is "
    "public (aws/amazon-sagemaker-examples#3432), its wording is not",
}


def _error(quote: Quote) -> ClientError:
    response: dict[str, object] = {
        "Error": {"Code": quote.code, "Message": quote.message},
        "ResponseMetadata": {"RequestId": "r", "HTTPStatusCode": 400},
    }
    return ClientError(response, quote.operation)  # type: ignore[arg-type]


@pytest.mark.parametrize("quote", REAL + SUBSTRINGS + OTHERS, ids=lambda q: q.message[:40])
def test_real_wording_maps_to_its_error(quote: Quote) -> None:
    assert quote.source.startswith("https://")
    error = map_error(quote.operation, _error(quote))
    assert isinstance(error, ServiceError)
    assert type(error) is quote.kind
    assert (error.code, error.message) == (quote.code, quote.message)


def test_a_component_already_deleting_reads_as_deleting() -> None:
    (quote,) = (q for q in SUBSTRINGS if q.message == "DELETE_IN_PROGRESS")
    error = map_error(quote.operation, _error(quote))
    assert isinstance(error, InvalidState)
    assert error.component_status == "Deleting"


def test_every_pattern_is_held_to_real_wording_or_marked_assumed() -> None:
    quotes = [quote.message for quote in REAL + SUBSTRINGS]
    for pattern, _ in _BY_MESSAGE:
        matched = [message for message in quotes if re.search(pattern, message)]
        assert bool(matched) != (pattern in ASSUMED), pattern
    assert set(ASSUMED) <= {pattern for pattern, _ in _BY_MESSAGE}
    for quote in OTHERS:
        assert not any(re.search(pattern, quote.message) for pattern, _ in _BY_MESSAGE)


def test_local_sagemakers_assumed_wording_reads_as_icsdk_expects(local: LocalSageMaker) -> None:
    sagemaker, runtime = local.sagemaker_client(), local.runtime_client()
    request = {
        "InferenceComponentName": "a",
        "EndpointName": "shared-gpu",
        "VariantName": "AllTraffic",
        "Specification": {
            "ModelName": "m",
            "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024},
        },
        "RuntimeConfig": {"CopyCount": 1},
    }
    sagemaker.create_inference_component(**request)  # type: ignore[arg-type]
    refusals: list[tuple[str, type[ServiceError]]] = []
    for operation, call in (
        ("CreateInferenceComponent", lambda: sagemaker.create_inference_component(**request)),  # type: ignore[arg-type]
        (
            "UpdateInferenceComponentRuntimeConfig",
            lambda: sagemaker.update_inference_component_runtime_config(
                InferenceComponentName="a", DesiredRuntimeConfig={"CopyCount": 2}
            ),
        ),
        (
            "InvokeEndpoint",
            lambda: runtime.invoke_endpoint(
                EndpointName="shared-gpu", InferenceComponentName="b", Body=b"{}"
            ),
        ),
    ):
        with pytest.raises(ClientError) as caught:
            call()
        error = map_error(operation, caught.value)
        assert isinstance(error, ServiceError)
        assert any(re.search(pattern, error.message) for pattern in ASSUMED), error.message
        refusals.append((error.message, type(error)))
    assert [kind for _, kind in refusals] == [ComponentConflict, InvalidState, ComponentNotFound]

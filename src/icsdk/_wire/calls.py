"""Requests and responses of the calls the Client makes, other than the spec itself.

AWS member names for listing, describing, tagging and invoking live here; the spec's own
conversion lives in `icsdk._wire.spec`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from .._constraints import Problems
from .._errors import SpecError
from .._spec import Tag, deferred_validation
from .._state import ComponentState, ComponentSummary, InvokeResult, Placement, Status

__all__ = [
    "add_tags_request",
    "endpoint_config_of",
    "endpoint_request",
    "model_request",
    "variant_models",
    "arn_of",
    "delete_tags_request",
    "invoke_request",
    "name_request",
    "parse_invoke",
    "parse_page",
    "parse_state",
    "parse_summary",
    "parse_tags",
    "render_list",
    "stream_events",
    "tags_request",
]

if TYPE_CHECKING:
    from mypy_boto3_sagemaker.type_defs import ListInferenceComponentsInputTypeDef


def render_list(
    *,
    endpoint: str | None = None,
    variant: str | None = None,
    status: str | None = None,
    name_contains: str | None = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    modified_after: datetime | None = None,
    modified_before: datetime | None = None,
    sort_by: str | None = None,
    sort_order: str | None = None,
    page_size: int | None = None,
) -> ListInferenceComponentsInputTypeDef:
    """``list_inference_components`` kwargs (without ``NextToken``); SpecError if invalid."""
    p = Problems()
    request: dict[str, Any] = {}
    strings = (
        ("endpoint", endpoint, "EndpointNameEquals", "EndpointName"),
        ("variant", variant, "VariantNameEquals", "VariantName"),
        ("status", status, "StatusEquals", "InferenceComponentStatus"),
        ("name_contains", name_contains, "NameContains", "InferenceComponentNameContains"),
        ("sort_by", sort_by, "SortBy", "InferenceComponentSortKey"),
        ("sort_order", sort_order, "SortOrder", "OrderKey"),
    )
    for name, value, member, shape in strings:
        if value is not None:
            p.string(name, value, shape)
            request[member] = value
    times = (
        ("created_after", created_after, "CreationTimeAfter"),
        ("created_before", created_before, "CreationTimeBefore"),
        ("modified_after", modified_after, "LastModifiedTimeAfter"),
        ("modified_before", modified_before, "LastModifiedTimeBefore"),
    )
    for name, moment, member in times:
        if moment is not None:
            p.instance(name, moment, datetime, "a datetime")
            request[member] = moment
    if page_size is not None:
        p.number("page_size", page_size, "MaxResults")
        request["MaxResults"] = page_size
    if p.items:
        raise SpecError(p.items)
    return cast("ListInferenceComponentsInputTypeDef", request)


_STATUSES: Mapping[str, Status] = {status.value: status for status in Status}


def parse_state(response: Mapping[str, Any]) -> ComponentState:
    """A ComponentState from ``describe_inference_component``'s response."""

    get = response.get
    runtime: Mapping[str, Any] = get("RuntimeConfig") or {}
    status = get("InferenceComponentStatus")
    return ComponentState(
        name=response["InferenceComponentName"],
        arn=response["InferenceComponentArn"],
        endpoint=response["EndpointName"],
        endpoint_arn=response["EndpointArn"],
        variant=get("VariantName"),
        status=_STATUSES[status] if status is not None else None,
        failure_reason=get("FailureReason"),
        desired_copies=runtime.get("DesiredCopyCount"),
        current_copies=runtime.get("CurrentCopyCount"),
        placements=tuple(
            [
                Placement(instance_type=p["InstanceType"], copies=p["CurrentCopyCount"])
                for p in runtime.get("PlacementStatus", ())
            ]
        ),
        created=response["CreationTime"],
        modified=response["LastModifiedTime"],
        wire_specification=get("Specification"),
        wire_pools=get("Specifications"),
        wire_deployment=get("LastDeploymentConfig"),
    )


def parse_summary(entry: Mapping[str, Any]) -> ComponentSummary:
    """A ComponentSummary from one ``list_inference_components`` entry."""

    status = entry.get("InferenceComponentStatus")
    return ComponentSummary(
        name=entry["InferenceComponentName"],
        arn=entry["InferenceComponentArn"],
        endpoint=entry["EndpointName"],
        endpoint_arn=entry["EndpointArn"],
        variant=entry["VariantName"],
        status=Status(status) if status is not None else None,
        created=entry["CreationTime"],
        modified=entry["LastModifiedTime"],
    )


# -- small requests and responses the Client needs ---------------------------------------------


def name_request(name: str) -> dict[str, Any]:
    """Kwargs naming one component (Describe, Delete)."""
    return {"InferenceComponentName": name}


def arn_of(response: Mapping[str, Any]) -> str:
    """The component ARN a create or update answered with (KeyError if missing)."""
    return str(response["InferenceComponentArn"])


def parse_page(response: Mapping[str, Any]) -> list[ComponentSummary]:
    """The summaries on one page of ListInferenceComponents."""
    return [parse_summary(entry) for entry in response["InferenceComponents"]]


def tags_request(arn: str) -> dict[str, Any]:
    """Kwargs for ListTags on one ARN."""
    return {"ResourceArn": arn}


def parse_tags(response: Mapping[str, Any]) -> list[Tag]:
    """The tags on one page of ListTags."""
    with deferred_validation():
        return [Tag(key=t["Key"], value=t["Value"]) for t in response.get("Tags", [])]


def add_tags_request(arn: str, tags: tuple[Tag, ...]) -> dict[str, Any]:
    """Kwargs for AddTags."""
    return {"ResourceArn": arn, "Tags": [{"Key": tag.key, "Value": tag.value} for tag in tags]}


def delete_tags_request(arn: str, keys: tuple[str, ...]) -> dict[str, Any]:
    """Kwargs for DeleteTags."""
    return {"ResourceArn": arn, "TagKeys": list(keys)}


def invoke_request(
    endpoint: str,
    name: str,
    body: bytes | str,
    *,
    stream: bool,
    content_type: str | None = None,
    accept: str | None = None,
    custom_attributes: str | None = None,
    inference_id: str | None = None,
    session_id: str | None = None,
) -> dict[str, Any]:
    """Kwargs for InvokeEndpoint (or its response-stream form), unset options left out."""
    request: dict[str, Any] = {
        "EndpointName": endpoint,
        "InferenceComponentName": name,
        "Body": body,
    }
    options = {
        "ContentType": content_type,
        "Accept": accept,
        "CustomAttributes": custom_attributes,
        "InferenceId": inference_id,
        "SessionId": None if stream else session_id,
    }
    request.update({key: value for key, value in options.items() if value is not None})
    return request


def parse_invoke(response: Mapping[str, Any]) -> InvokeResult:
    """An InvokeResult from InvokeEndpoint's response (the body is read here)."""
    return InvokeResult(
        body=response["Body"].read(),
        content_type=response.get("ContentType"),
        invoked_variant=response.get("InvokedProductionVariant"),
        custom_attributes=response.get("CustomAttributes"),
    )


def stream_events(response: Mapping[str, Any]) -> Any:
    """The event stream of InvokeEndpointWithResponseStream's response."""
    return response["Body"]


def endpoint_request(name: str) -> dict[str, Any]:
    """Kwargs for DescribeEndpoint."""
    return {"EndpointName": name}


def endpoint_config_of(response: Mapping[str, Any]) -> dict[str, Any]:
    """Kwargs for DescribeEndpointConfig of the config a DescribeEndpoint answer names."""
    return {"EndpointConfigName": response["EndpointConfigName"]}


def variant_models(response: Mapping[str, Any]) -> dict[str, str | None]:
    """Each production variant of a DescribeEndpointConfig answer, with the model it serves."""
    return {
        variant["VariantName"]: variant.get("ModelName")
        for variant in response["ProductionVariants"]
    }


def model_request(name: str) -> dict[str, Any]:
    """Kwargs for DescribeModel."""
    return {"ModelName": name}

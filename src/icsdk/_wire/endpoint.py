"""An endpoint's two requests: `CreateEndpointConfig` and `CreateEndpoint`, and back.

The generic converter renders an `Endpoint` as one structure (its name beside the config's
members); this module splits it into the two requests boto3 takes, and joins them for parsing.
An endpoint and its config carry the same tags.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

import attrs

from .._base import Spec, deferred_validation
from .._constraints import Problem
from .._endpoint_state import EndpointState, VariantState
from .._endpoint_status import EndpointStatus
from .._errors import SpecError
from .names import mapping
from .spec import parse, parse_response, render

if TYPE_CHECKING:
    from mypy_boto3_sagemaker.type_defs import (
        CreateEndpointConfigInputTypeDef,
        CreateEndpointInputTypeDef,
    )

__all__ = [
    "EndpointRequests",
    "config_name_for",
    "config_request",
    "described_config",
    "described_config_name",
    "endpoint_arn",
    "holds_config",
    "readable_endpoint",
    "update_request",
    "parse_endpoint",
    "parse_endpoint_state",
    "render_endpoint",
]

_T = TypeVar("_T", bound=Spec)

# What CreateEndpoint carries besides the names; DeploymentConfig is refused when parsed.
_ENDPOINT_MEMBERS = frozenset({"EndpointName", "EndpointConfigName", "Tags", "DeploymentConfig"})
# What a derived config name leaves out of its digest: names, and tags (changed in place).
_NOT_CONTENT = frozenset({"EndpointName", "EndpointConfigName", "Tags"})
_NAME_ROOM = 63 - 9  # EndpointConfigName holds 63 characters; "-" and 8 hex digits follow


class EndpointRequests(NamedTuple):
    """The keyword arguments of boto3's `create_endpoint_config` and `create_endpoint`.

    Send `config` first: the endpoint names it.

    Examples:
        >>> from icsdk import Endpoint
        >>> requests = (
        ...     Endpoint.builder("shared-gpu")
        ...     .role("arn:aws:iam::123456789012:role/sagemaker")
        ...     .variant("AllTraffic", instance_type="ml.g5.12xlarge", instances=1)
        ...     .build()
        ...     .to_boto3()
        ... )
        >>> requests.endpoint
        {'EndpointName': 'shared-gpu', 'EndpointConfigName': 'shared-gpu-b5a7440a'}
    """

    config: CreateEndpointConfigInputTypeDef
    endpoint: CreateEndpointInputTypeDef

    @property
    def name(self) -> str:
        """The endpoint's name.

        Examples:
            >>> from icsdk import Endpoint
            >>> Endpoint.builder("e").role("arn:aws:iam::123456789012:role/r").variant(
            ...     "v").build().to_boto3().name
            'e'
        """
        return self.endpoint["EndpointName"]

    @property
    def config_name(self) -> str:
        """The name of the endpoint config both requests name.

        Examples:
            >>> from icsdk import Endpoint
            >>> Endpoint.builder("e").role("arn:aws:iam::123456789012:role/r").variant(
            ...     "v").build().to_boto3().config_name.startswith("e-")
            True
        """
        return self.endpoint["EndpointConfigName"]


def config_name_for(wire: Mapping[str, Any]) -> str:
    """The config name of a rendered endpoint that leaves it unset: its name and a digest.

    The digest covers the config's content (not its tags), so a changed spec gets a new
    config, which `UpdateEndpoint` needs, and an unchanged one keeps its name.
    """
    content = {key: value for key, value in wire.items() if key not in _NOT_CONTENT}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return f"{wire['EndpointName'][:_NAME_ROOM]}-{digest}"


def render_endpoint(endpoint: Spec) -> EndpointRequests:
    """Both requests of `endpoint` (an `Endpoint`); an unnamed config gets a derived name."""
    wire = render(endpoint)
    config_name = wire.pop("EndpointConfigName", None) or config_name_for(wire)
    name = wire.pop("EndpointName")
    config = {"EndpointConfigName": config_name, **wire}
    create: dict[str, Any] = {"EndpointName": name, "EndpointConfigName": config_name}
    if "Tags" in wire:
        create["Tags"] = wire["Tags"]
    return EndpointRequests(
        cast("CreateEndpointConfigInputTypeDef", config), cast("CreateEndpointInputTypeDef", create)
    )


def parse_endpoint(
    cls: type[_T], config: Mapping[str, Any], endpoint: Mapping[str, Any] | None = None
) -> _T:
    """A validated `cls` from `create_endpoint_config` kwargs (and `create_endpoint`'s)."""
    try:
        data = mapping(config)
        extra = {} if endpoint is None else mapping(endpoint)
    except TypeError as error:
        raise SpecError([Problem("", str(error))]) from None
    problems: list[Problem] = []
    unknown = sorted(set(extra) - _ENDPOINT_MEMBERS)
    if unknown:
        problems.append(Problem("", f"unknown key(s) of create_endpoint: {', '.join(unknown)}"))
    config_name = data.get("EndpointConfigName")
    if config_name is None:
        problems.append(Problem("config_name", "is required (EndpointConfigName)"))
    if "EndpointConfigName" in extra and extra["EndpointConfigName"] != config_name:
        problems.append(Problem("config_name", "create_endpoint names another EndpointConfigName"))
    if "Tags" in extra and extra["Tags"] != data.get("Tags"):
        problems.append(
            Problem("tags", "the endpoint's Tags differ from its config's; icsdk tags both alike")
        )
    if problems:
        raise SpecError(problems)
    data["EndpointName"] = extra.get("EndpointName", config_name)
    if "DeploymentConfig" in extra:
        data["DeploymentConfig"] = extra["DeploymentConfig"]
    return _derived(parse(cls, data))


def _derived(endpoint: _T) -> _T:
    """``endpoint`` with its config name unset if that name is the one icsdk derives.

    So an endpoint parsed from the requests it rendered compares equal to it.
    """
    if getattr(endpoint, "config_name", None) is None:
        return endpoint
    wire = render(endpoint)
    if wire["EndpointConfigName"] != config_name_for(wire):
        return endpoint
    with deferred_validation():  # valid already
        return attrs.evolve(endpoint, config_name=None)  # type: ignore[misc]


def parse_endpoint_state(
    cls: type[_T], described: Mapping[str, Any], config: Mapping[str, Any] | None
) -> EndpointState:
    """An EndpointState from DescribeEndpoint's answer and DescribeEndpointConfig's (if read).

    The config becomes the state's `endpoint` (a `cls`), read leniently: members newer than
    icsdk are dropped; a config an endpoint for components cannot have gives ``None``.
    """
    name = described["EndpointName"]
    live: _T | None = None
    types: dict[str, str] = {}
    if config is not None:
        types = {
            variant["VariantName"]: variant.get("InstanceType")
            for variant in config.get("ProductionVariants", ())
        }
        data = {key: value for key, value in config.items() if key != "Tags"}
        data["EndpointName"] = name
        try:
            live = _derived(parse_response(cls, data))
        except SpecError:
            live = None
    status = described.get("EndpointStatus")
    pending: Mapping[str, Any] = described.get("PendingDeploymentSummary") or {}
    return EndpointState(
        name=name,
        arn=described["EndpointArn"],
        status=EndpointStatus(status) if status in _STATUSES else None,
        config_name=described["EndpointConfigName"],
        failure_reason=described.get("FailureReason"),
        variants=tuple(
            _variant_state(summary, types.get(summary["VariantName"]))
            for summary in described.get("ProductionVariants", ())
        ),
        created=described["CreationTime"],
        modified=described["LastModifiedTime"],
        pending_config_name=pending.get("EndpointConfigName"),
        endpoint=cast("Any", live),
    )


_STATUSES = frozenset(status.value for status in EndpointStatus)


def _variant_state(summary: Mapping[str, Any], instance_type: str | None) -> VariantState:
    scaling: Mapping[str, Any] = summary.get("ManagedInstanceScaling") or {}
    enabled = scaling.get("Status", "ENABLED") == "ENABLED" and bool(scaling)
    return VariantState(
        name=summary["VariantName"],
        instance_type=instance_type,
        current_instances=summary.get("CurrentInstanceCount"),
        desired_instances=summary.get("DesiredInstanceCount"),
        min_instances=scaling.get("MinInstanceCount") if enabled else None,
        max_instances=scaling.get("MaxInstanceCount") if enabled else None,
    )


# -- the calls an endpoint takes ------------------------------------------------------------

# Members of DescribeEndpointConfig's answer that are not part of what was asked for.
_DESCRIBED_ONLY = frozenset({"EndpointConfigArn", "CreationTime", "ResponseMetadata"})


def config_request(config_name: str) -> dict[str, Any]:
    """Kwargs for DescribeEndpointConfig and DeleteEndpointConfig."""
    return {"EndpointConfigName": config_name}


def update_request(name: str, config_name: str) -> dict[str, Any]:
    """Kwargs for UpdateEndpoint: move endpoint ``name`` to config ``config_name``."""
    return {"EndpointName": name, "EndpointConfigName": config_name}


def readable_endpoint(response: Mapping[str, Any]) -> Mapping[str, Any]:
    """DescribeEndpoint's answer, once the members icsdk relies on are known to be there."""
    for member in ("EndpointName", "EndpointArn", "EndpointConfigName"):
        str(response[member])
    return response


def described_config_name(response: Mapping[str, Any]) -> str:
    """The config a (readable) DescribeEndpoint answer names."""
    return str(response["EndpointConfigName"])


def endpoint_arn(response: Mapping[str, Any]) -> str:
    """The ARN in a CreateEndpoint or UpdateEndpoint answer."""
    return str(response["EndpointArn"])


def described_config(response: Mapping[str, Any]) -> dict[str, Any]:
    """DescribeEndpointConfig's answer without what only Describe adds."""
    return {key: value for key, value in response.items() if key not in _DESCRIBED_ONLY}


def holds_config(live: Mapping[str, Any], wanted: Mapping[str, Any]) -> bool:
    """Whether a described config holds what CreateEndpointConfig ``wanted`` asks (tags aside)."""
    return _holds(live, {key: value for key, value in wanted.items() if key != "Tags"})


def _holds(live: object, wanted: object) -> bool:
    """Whether ``live`` has every member ``wanted`` asks for, as asked.

    The service may add members it fills in; those are not a difference.
    """
    if isinstance(wanted, Mapping) and isinstance(live, Mapping):
        asked, have = cast("Mapping[str, object]", wanted), cast("Mapping[str, object]", live)
        return all(key in have and _holds(have[key], value) for key, value in asked.items())
    if isinstance(wanted, list) and isinstance(live, list):
        items, found = cast("list[object]", wanted), cast("list[object]", live)
        return len(found) == len(items) and all(map(_holds, found, items))
    return live == wanted

"""An endpoint's two requests: `CreateEndpointConfig` and `CreateEndpoint`, and back.

The generic converter renders an `Endpoint` as one structure (its name beside the config's
members); this module splits it into the two requests boto3 takes, and joins them for parsing.
An endpoint and its config carry the same tags.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from .._base import Spec
from .._constraints import Problem
from .._errors import SpecError
from .names import mapping
from .spec import parse, render

if TYPE_CHECKING:
    from mypy_boto3_sagemaker.type_defs import (
        CreateEndpointConfigInputTypeDef,
        CreateEndpointInputTypeDef,
    )

__all__ = ["EndpointRequests", "parse_endpoint", "render_endpoint"]

_T = TypeVar("_T", bound=Spec)

# What CreateEndpoint carries besides the names; DeploymentConfig is refused when parsed.
_ENDPOINT_MEMBERS = frozenset({"EndpointName", "EndpointConfigName", "Tags", "DeploymentConfig"})


class EndpointRequests(NamedTuple):
    """The keyword arguments of boto3's `create_endpoint_config` and `create_endpoint`.

    Send `config` first: the endpoint names it.

    Example:
        >>> from icsdk import Endpoint
        >>> requests = (
        ...     Endpoint.builder("shared-gpu")
        ...     .role("arn:aws:iam::123456789012:role/sagemaker")
        ...     .variant("AllTraffic", instance_type="ml.g5.12xlarge", instances=1)
        ...     .build()
        ...     .to_boto3()
        ... )
        >>> requests.endpoint
        {'EndpointName': 'shared-gpu', 'EndpointConfigName': 'shared-gpu'}
    """

    config: CreateEndpointConfigInputTypeDef
    endpoint: CreateEndpointInputTypeDef


def render_endpoint(endpoint: Spec) -> EndpointRequests:
    """Both requests of `endpoint` (an `Endpoint`); the config is named after it unless named."""
    wire = render(endpoint)
    name = wire.pop("EndpointName")
    config_name = wire.pop("EndpointConfigName", name)
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
    return parse(cls, data)

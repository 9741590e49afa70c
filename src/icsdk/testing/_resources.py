"""Models, endpoint configurations, endpoints and tags: the resources components live among.

They are kept only as far as components need them: no container runs, and an endpoint is
InService ``endpoint_delay`` seconds after it is created. Names are unique whatever their case
(see `Names`); ARNs carry them lower-cased.

What the real service is known to refuse, it refuses here with its wording: a configuration
naming a model that does not exist ("Could not find model "arn:..."", quoted from
CreateEndpointConfig in user reports), and ``ManagedInstanceScaling`` on a variant that serves a
model ("ManagedInstanceScaling is only supported for inference component endpoints.",
terraform-provider-aws PR #45926's acceptance log). More than one accelerator partition layout
is refused because botocore's model says "Specify a single layout" (the wording is assumed).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from ._capacity import FALLBACK_INSTANCE, Instance, InstanceCapacity
from ._lifecycle import Lifecycle
from ._listing import Listed, decode_token, encode_token, page_of
from ._protocol import validation
from ._records import Endpoint, Store, stamp

__all__ = ["Resources"]


class Resources:
    """The operations on models, endpoint configurations, endpoints and tags."""

    def __init__(
        self,
        store: Store,
        lifecycle: Lifecycle,
        now: Callable[[], float],
        *,
        endpoint_delay: float,
        instances: Mapping[str, InstanceCapacity],
        require_models: bool,
    ) -> None:
        self._store = store
        self._lifecycle = lifecycle
        self._now = now
        self._endpoint_delay = endpoint_delay
        self._instances = dict(instances)
        self.require_models = require_models
        """Whether a model named by a configuration or a component must exist."""

    def require_model(self, name: str) -> None:
        """The service's refusal of a request naming a model that does not exist."""
        if self.require_models and name not in self._store.models:
            raise validation(f'Could not find model "{self._store.arn("model", name)}".')

    def endpoint(self, name: str) -> Endpoint:
        """The endpoint called ``name``, settled, or the service's ValidationException."""
        self._lifecycle.settle()
        found = self._store.endpoints.get(name)
        if found is None:
            raise validation(f'Could not find endpoint "{self._store.arn("endpoint", name)}".')
        return found

    # -- models ------------------------------------------------------------------------------

    def create_model(self, params: dict[str, Any]) -> dict[str, Any]:
        store = self._store
        name = params["ModelName"]
        if name in store.models:
            raise validation(f'Cannot create already existing model "{store.arn("model", name)}".')
        arn = store.arn("model", name)
        store.models[name] = {**params, "ModelArn": arn, "CreationTime": stamp(self._now())}
        store.models[name].pop("Tags", None)
        store.add_arn(arn)
        self.tag(arn, params.get("Tags"))
        return {"ModelArn": arn}

    def describe_model(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["ModelName"]
        if name not in self._store.models:
            raise validation(f'Could not find model "{self._store.arn("model", name)}".')
        return copy.deepcopy(self._store.models[name])

    def delete_model(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["ModelName"]
        model = self._store.models.pop(name, None)
        if model is None:
            raise validation(f'Could not find model "{self._store.arn("model", name)}".')
        self._store.drop_arn(model["ModelArn"])
        self._store.tags.pop(model["ModelArn"], None)
        return {}

    def list_models(self, params: dict[str, Any]) -> dict[str, Any]:
        records = [
            Listed(
                m["ModelName"],
                m["CreationTime"].timestamp(),
                {k: m[k] for k in ("ModelName", "ModelArn", "CreationTime")},
            )
            for m in self._store.models.values()
        ]
        return page_of(records, params, "Models")

    # -- endpoint configurations -------------------------------------------------------------

    def create_endpoint_config(self, params: dict[str, Any]) -> dict[str, Any]:
        store = self._store
        name = params["EndpointConfigName"]
        arn = store.arn("endpoint-config", name)
        if name in store.configs:
            raise validation(f'Cannot create already existing endpoint configuration "{arn}".')
        for variant in params["ProductionVariants"]:
            self._check_variant(variant)
        store.configs[name] = {
            **params,
            "EndpointConfigArn": arn,
            "CreationTime": stamp(self._now()),
        }
        store.configs[name].pop("Tags", None)
        store.add_arn(arn)
        self.tag(arn, params.get("Tags"))
        return {"EndpointConfigArn": arn}

    def _check_variant(self, variant: dict[str, Any]) -> None:
        model = variant.get("ModelName")
        if model is not None:
            self.require_model(model)
            if "ManagedInstanceScaling" in variant:
                raise validation(
                    "ManagedInstanceScaling is only supported for inference component endpoints."
                )
        if len(variant.get("AcceleratorPartitionLayouts", ())) > 1:
            raise validation(
                f"Production variant {variant['VariantName']} declares more than one accelerator "
                "partition layout; specify a single layout."
            )

    def list_endpoint_configs(self, params: dict[str, Any]) -> dict[str, Any]:
        records = [
            Listed(
                c["EndpointConfigName"],
                c["CreationTime"].timestamp(),
                {k: c[k] for k in ("EndpointConfigName", "EndpointConfigArn", "CreationTime")},
            )
            for c in self._store.configs.values()
        ]
        return page_of(records, params, "EndpointConfigs")

    def describe_endpoint_config(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["EndpointConfigName"]
        if name not in self._store.configs:
            arn = self._store.arn("endpoint-config", name)
            raise validation(f'Could not find endpoint configuration "{arn}".')
        return copy.deepcopy(self._store.configs[name])

    def delete_endpoint_config(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["EndpointConfigName"]
        config = self._store.configs.pop(name, None)
        if config is None:
            arn = self._store.arn("endpoint-config", name)
            raise validation(f'Could not find endpoint configuration "{arn}".')
        self._store.drop_arn(config["EndpointConfigArn"])
        return {}

    # -- endpoints ---------------------------------------------------------------------------

    def create_endpoint(self, params: dict[str, Any]) -> dict[str, Any]:
        store = self._store
        name, config_name = params["EndpointName"], params["EndpointConfigName"]
        arn = store.arn("endpoint", name)
        if name in store.endpoints:
            raise validation(f'Cannot create already existing endpoint "{arn}".')
        config = store.configs.get(config_name)
        if config is None:
            config_arn = store.arn("endpoint-config", config_name)
            raise validation(f'Could not find endpoint configuration "{config_arn}".')
        variants = config["ProductionVariants"]
        hosts = all(
            "ModelName" not in v
            and ("InstanceType" in v or "InstancePools" in v)
            and "InitialInstanceCount" in v
            for v in variants
        )
        now = self._now()
        endpoint = Endpoint(
            name=name,
            arn=arn,
            config_name=config_name,
            variants=variants,
            hosts_components=hosts,
            status="Creating",
            created=now,
            modified=now,
            ready_at=now + self._endpoint_delay,
        )
        for variant in variants:
            endpoint.instances[variant["VariantName"]] = self._instances_of(variant)
        store.endpoints[name] = endpoint
        store.add_arn(arn)
        self._lifecycle.schedule_endpoint(endpoint)
        self.tag(arn, params.get("Tags"))
        return {"EndpointArn": arn}

    def capacity(self, instance_type: str) -> InstanceCapacity:
        """What one instance of ``instance_type`` offers, from the table this service was given."""
        return self._instances.get(instance_type, FALLBACK_INSTANCE)

    def _instances_of(self, variant: dict[str, Any]) -> list[Instance]:
        types = [variant["InstanceType"]] if "InstanceType" in variant else []
        types += [pool["InstanceType"] for pool in variant.get("InstancePools", [])]
        layouts = variant.get("AcceleratorPartitionLayouts")
        layout = list(layouts[0]["AcceleratorPartitionTypes"]) if layouts else None
        return [
            Instance(kind, self.capacity(kind))
            if layout is None
            else Instance.carved(kind, self.capacity(kind), layout)
            for kind in types
            for _ in range(variant.get("InitialInstanceCount", 1))
        ]

    def list_endpoints(self, params: dict[str, Any]) -> dict[str, Any]:
        self._lifecycle.settle()
        records = [
            Listed(
                e.name,
                e.created,
                {
                    "EndpointName": e.name,
                    "EndpointArn": e.arn,
                    "CreationTime": stamp(e.created),
                    "LastModifiedTime": stamp(e.modified),
                    "EndpointStatus": e.status,
                },
                modified=e.modified,
                status=e.status,
            )
            for e in self._store.endpoints.values()
        ]
        return page_of(records, params, "Endpoints")

    def describe_endpoint(self, params: dict[str, Any]) -> dict[str, Any]:
        endpoint = self.endpoint(params["EndpointName"])
        return {
            "EndpointName": endpoint.name,
            "EndpointArn": endpoint.arn,
            "EndpointConfigName": endpoint.config_name,
            "ProductionVariants": [
                {
                    "VariantName": v["VariantName"],
                    "CurrentWeight": v.get("InitialVariantWeight", 1.0),
                    "DesiredWeight": v.get("InitialVariantWeight", 1.0),
                    "CurrentInstanceCount": len(endpoint.instances[v["VariantName"]])
                    if endpoint.status == "InService"
                    else 0,
                    "DesiredInstanceCount": len(endpoint.instances[v["VariantName"]]),
                    **_echoed(v),
                }
                for v in endpoint.variants
            ],
            "EndpointStatus": endpoint.status,
            "CreationTime": stamp(endpoint.created),
            "LastModifiedTime": stamp(endpoint.modified),
        }

    def delete_endpoint(self, params: dict[str, Any]) -> dict[str, Any]:
        endpoint = self.endpoint(params["EndpointName"])
        hosted = self._store.hosted_by(endpoint.name)
        if hosted:
            # The real wording, captured in gruntwork-io/cloud-nuke PR #1142.
            raise validation(
                "Cannot delete endpoint with inference component associated. Please delete "
                "inference component and try it again."
            )
        del self._store.endpoints[endpoint.name]
        self._store.drop_arn(endpoint.arn)
        self._store.tags.pop(endpoint.arn, None)
        return {}

    # -- tags --------------------------------------------------------------------------------

    def tag(self, arn: str, tags: list[dict[str, str]] | None) -> None:
        """Add or replace ``tags`` on ``arn`` (nothing is checked: callers know it exists)."""
        if tags:
            existing = {t["Key"]: t for t in self._store.tags.get(arn, [])}
            existing.update({t["Key"]: dict(t) for t in tags})
            self._store.tags[arn] = list(existing.values())

    def _known(self, arn: str) -> None:
        self._lifecycle.settle()
        if not self._store.known(arn):
            raise validation(f'Could not find resource "{arn}".')

    def add_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        self._known(params["ResourceArn"])
        self.tag(params["ResourceArn"], params["Tags"])
        return {"Tags": params["Tags"]}

    def list_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        self._known(params["ResourceArn"])
        tags = self._store.tags.get(params["ResourceArn"], [])
        start = decode_token(params.get("NextToken"))
        size = params.get("MaxResults", 50)
        out: dict[str, Any] = {"Tags": tags[start : start + size]}
        if start + size < len(tags):
            out["NextToken"] = encode_token(start + size)
        return out

    def delete_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        self._known(params["ResourceArn"])
        keys = set(params["TagKeys"])
        arn = params["ResourceArn"]
        self._store.tags[arn] = [t for t in self._store.tags.get(arn, []) if t["Key"] not in keys]
        return {}


def _echoed(variant: dict[str, Any]) -> dict[str, Any]:
    """Members DescribeEndpoint's variant summary repeats from the configuration as given.

    The partition layout is returned "as you provided it when you created the variant, without
    normalization" (botocore's ``ProductionVariantSummary.AcceleratorPartitionLayouts``).
    """
    keys = ("ManagedInstanceScaling", "RoutingConfig", "AcceleratorPartitionLayouts")
    return {key: copy.deepcopy(variant[key]) for key in keys if key in variant}

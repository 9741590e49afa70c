"""Models, endpoint configurations, endpoints and tags: the resources components live among.

They are kept only as far as components need them: no container runs, and an endpoint is
InService ``endpoint_delay`` seconds after it is created.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from ._capacity import FALLBACK_INSTANCE, Instance, InstanceCapacity
from ._lifecycle import Lifecycle
from ._listing import decode_token, encode_token
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
    ) -> None:
        self._store = store
        self._lifecycle = lifecycle
        self._now = now
        self._endpoint_delay = endpoint_delay
        self._instances = dict(instances)

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
        return {}

    # -- endpoint configurations -------------------------------------------------------------

    def create_endpoint_config(self, params: dict[str, Any]) -> dict[str, Any]:
        store = self._store
        name = params["EndpointConfigName"]
        arn = store.arn("endpoint-config", name)
        if name in store.configs:
            raise validation(f'Cannot create already existing endpoint configuration "{arn}".')
        store.configs[name] = {
            **params,
            "EndpointConfigArn": arn,
            "CreationTime": stamp(self._now()),
        }
        store.configs[name].pop("Tags", None)
        store.add_arn(arn)
        self.tag(arn, params.get("Tags"))
        return {"EndpointConfigArn": arn}

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
            types = [variant["InstanceType"]] if "InstanceType" in variant else []
            types += [pool["InstanceType"] for pool in variant.get("InstancePools", [])]
            endpoint.instances[variant["VariantName"]] = [
                Instance(kind, self._instances.get(kind, FALLBACK_INSTANCE))
                for kind in types
                for _ in range(variant.get("InitialInstanceCount", 1))
            ]
        store.endpoints[name] = endpoint
        store.add_arn(arn)
        self._lifecycle.schedule_endpoint(endpoint)
        self.tag(arn, params.get("Tags"))
        return {"EndpointArn": arn}

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
            raise validation(
                f'Cannot delete endpoint "{endpoint.arn}" because it still hosts inference '
                f"components: {', '.join(hosted)}."
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

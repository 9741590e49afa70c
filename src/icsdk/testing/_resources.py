"""Models, endpoint configurations and tags: the resources endpoints and components live among.

They are kept only as far as components need them: no container runs. Names are unique whatever
their case (see `Names`); ARNs carry them lower-cased. Endpoints are in `_endpoints`.

What the real service is known to refuse in a configuration, it refuses here (`_endpoint_rules`),
with its wording where it is public: a configuration naming a model that does not exist ("Could
not find model "arn:..."", quoted from CreateEndpointConfig in user reports), and the shapes of
a variant that cannot host components.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from ._capacity import FALLBACK_INSTANCE, InstanceCapacity
from ._endpoint_rules import check_config
from ._endpoint_view import config_view
from ._lifecycle import Lifecycle
from ._listing import Listed, decode_token, encode_token, page_of
from ._protocol import validation
from ._records import Endpoint, Store, stamp

__all__ = ["Resources"]


class Resources:
    """The operations on models, endpoint configurations and tags."""

    def __init__(
        self,
        store: Store,
        lifecycle: Lifecycle,
        now: Callable[[], float],
        *,
        instances: Mapping[str, InstanceCapacity],
        require_models: bool,
    ) -> None:
        self._store = store
        self._lifecycle = lifecycle
        self._now = now
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
        check_config(params, self.require_model)
        store.configs[name] = {
            **params,
            "EndpointConfigArn": arn,
            "CreationTime": stamp(self._now()),
        }
        store.configs[name].pop("Tags", None)
        store.add_arn(arn)
        self.tag(arn, params.get("Tags"))
        return {"EndpointConfigArn": arn}

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
        return config_view(self._store.configs[name])

    def delete_endpoint_config(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["EndpointConfigName"]
        config = self._store.configs.pop(name, None)
        if config is None:
            arn = self._store.arn("endpoint-config", name)
            raise validation(f'Could not find endpoint configuration "{arn}".')
        self._store.drop_arn(config["EndpointConfigArn"])
        return {}

    def capacity(self, instance_type: str) -> InstanceCapacity:
        """What one instance of ``instance_type`` offers, from the table this service was given."""
        return self._instances.get(instance_type, FALLBACK_INSTANCE)

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

"""The local service's state: models, endpoints, inference components, tags, and their lifecycle.

Everything here runs under one lock held by the caller (:class:`~icsdk.testing.LocalSageMaker`).
Time comes from a :class:`Clock`; transitions (Creating -> InService, Deleting -> gone) are
settled lazily whenever the state is read, so a manual clock makes lifecycles exact.
"""

from __future__ import annotations

import base64
import copy
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from ._protocol import validation

__all__ = ["DEFAULT_INSTANCES", "Clock", "InstanceCapacity", "Service"]


class InstanceCapacity(NamedTuple):
    """What one instance offers to component copies."""

    cpu_cores: float
    accelerators: float
    memory_mb: int


#: A small table of instance types; others get :data:`FALLBACK_INSTANCE`.
DEFAULT_INSTANCES: Mapping[str, InstanceCapacity] = {
    "ml.m5.large": InstanceCapacity(2, 0, 8_192),
    "ml.m5.xlarge": InstanceCapacity(4, 0, 16_384),
    "ml.m5.2xlarge": InstanceCapacity(8, 0, 32_768),
    "ml.m5.4xlarge": InstanceCapacity(16, 0, 65_536),
    "ml.c5.xlarge": InstanceCapacity(4, 0, 8_192),
    "ml.c5.2xlarge": InstanceCapacity(8, 0, 16_384),
    "ml.g5.xlarge": InstanceCapacity(4, 1, 16_384),
    "ml.g5.2xlarge": InstanceCapacity(8, 1, 32_768),
    "ml.g5.12xlarge": InstanceCapacity(48, 4, 196_608),
    "ml.g5.48xlarge": InstanceCapacity(192, 8, 786_432),
    "ml.g6.xlarge": InstanceCapacity(4, 1, 16_384),
    "ml.g6.2xlarge": InstanceCapacity(8, 1, 32_768),
    "ml.g6.12xlarge": InstanceCapacity(48, 4, 196_608),
    "ml.g6e.2xlarge": InstanceCapacity(8, 1, 65_536),
    "ml.p4d.24xlarge": InstanceCapacity(96, 8, 1_179_648),
}
FALLBACK_INSTANCE = InstanceCapacity(8, 1, 32_768)

NO_CAPACITY_MESSAGE = (
    "Inference Component has no capacity to process this request. ApplicationAutoScaling may "
    "be in-progress (if configured) or try to increase the capacity by invoking "
    "UpdateInferenceComponentRuntimeConfig API."
)


class Clock:
    """Real time, or a manual clock that moves only when told (``advance``)."""

    def __init__(self, manual: bool = False) -> None:
        self.manual = manual
        self._offset = 0.0
        self._frozen = time.time()

    def now(self) -> float:
        return self._frozen + self._offset if self.manual else time.time()

    def advance(self, seconds: float) -> None:
        if not self.manual:
            raise RuntimeError("advance() needs LocalSageMaker(clock='manual')")
        self._offset += seconds


def _stamp(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


@dataclass
class Instance:
    instance_type: str
    capacity: InstanceCapacity
    used_cpu: float = 0.0
    used_accelerators: float = 0.0
    used_memory: int = 0

    def fits(self, need: InstanceCapacity) -> bool:
        return (
            self.used_cpu + need.cpu_cores <= self.capacity.cpu_cores
            and self.used_accelerators + need.accelerators <= self.capacity.accelerators
            and self.used_memory + need.memory_mb <= self.capacity.memory_mb
        )

    def take(self, need: InstanceCapacity, sign: int = 1) -> None:
        self.used_cpu += sign * need.cpu_cores
        self.used_accelerators += sign * need.accelerators
        self.used_memory += sign * need.memory_mb


@dataclass
class Endpoint:
    name: str
    arn: str
    config_name: str
    variants: list[dict[str, Any]]
    hosts_components: bool
    status: str
    created: float
    modified: float
    ready_at: float
    instances: dict[str, list[Instance]] = field(default_factory=dict[str, list[Instance]])


@dataclass
class Component:
    name: str
    arn: str
    endpoint: str
    variant: str
    specification: dict[str, Any] | None
    specifications: list[dict[str, Any]] | None
    desired_copies: int | None
    status: str
    created: float
    modified: float
    transition_at: float | None
    pending: dict[str, Any] | None = None
    failure_reason: str | None = None
    last_deployment: dict[str, Any] | None = None
    placed: list[Instance] = field(default_factory=list[Instance])

    @property
    def base(self) -> str | None:
        spec = self.specification or (self.specifications or [{}])[0]
        return spec.get("BaseInferenceComponentName")


class Service:
    """All state and every operation of the local SageMaker."""

    def __init__(
        self,
        *,
        clock: Clock,
        region: str,
        account: str,
        create_delay: float,
        update_delay: float,
        delete_delay: float,
        endpoint_delay: float,
        instances: Mapping[str, InstanceCapacity],
    ) -> None:
        self.clock = clock
        self.region = region
        self.account = account
        self.create_delay = create_delay
        self.update_delay = update_delay
        self.delete_delay = delete_delay
        self.endpoint_delay = endpoint_delay
        self.instance_table = dict(instances)
        self.models: dict[str, dict[str, Any]] = {}
        self.configs: dict[str, dict[str, Any]] = {}
        self.endpoints: dict[str, Endpoint] = {}
        self.components: dict[str, Component] = {}
        self.tags: dict[str, list[dict[str, str]]] = {}
        self.failures: dict[str, str] = {}

    # -- helpers -----------------------------------------------------------------------------

    def arn(self, kind: str, name: str) -> str:
        return f"arn:aws:sagemaker:{self.region}:{self.account}:{kind}/{name.lower()}"

    def fail_next_deployment(self, name: str, reason: str) -> None:
        self.failures[name] = reason

    def settle(self) -> None:
        """Apply every transition whose time has come."""
        now = self.clock.now()
        for endpoint in self.endpoints.values():
            if endpoint.status == "Creating" and endpoint.ready_at <= now:
                endpoint.status = "InService"
                endpoint.modified = endpoint.ready_at
        due = sorted(
            (c for c in self.components.values() if c.transition_at is not None),
            key=lambda c: c.transition_at or 0.0,
        )
        for component in due:
            if component.transition_at is not None and component.transition_at <= now:
                self._finish(component)
        self._place_all()

    def _finish(self, component: Component) -> None:
        when = component.transition_at or self.clock.now()
        component.transition_at = None
        component.modified = when
        if component.status == "Deleting":
            self._unplace(component, len(component.placed))
            del self.components[component.name]
            self.tags.pop(component.arn, None)
            return
        pending, component.pending = component.pending or {}, None
        reason = self.failures.pop(component.name, None)
        if reason is not None:
            component.status = "Failed"
            component.failure_reason = reason
            self._unplace(component, len(component.placed))
            return
        if "Specification" in pending or "Specifications" in pending:
            self._unplace(component, len(component.placed))
            component.specification = pending.get("Specification")
            component.specifications = pending.get("Specifications")
        if "DeploymentConfig" in pending:
            component.last_deployment = pending["DeploymentConfig"]
        component.status = "InService"
        component.failure_reason = None

    def _need(self, component: Component, instance_type: str) -> InstanceCapacity | None:
        specs = component.specifications or (
            [component.specification] if component.specification else []
        )
        for spec in specs:
            if component.specifications is not None and spec.get("InstanceType") != instance_type:
                continue
            compute = spec.get("ComputeResourceRequirements")
            if compute is None:
                return None
            return InstanceCapacity(
                compute.get("NumberOfCpuCoresRequired", 0.0),
                compute.get("NumberOfAcceleratorDevicesRequired", 0.0),
                compute["MinMemoryRequiredInMb"],
            )
        return None

    def _placement(self, component: Component) -> str:
        for spec in component.specifications or [component.specification or {}]:
            strategy = spec.get("SchedulingConfig", {}).get("PlacementStrategy")
            if strategy:
                return str(strategy)
        return "BINPACK"

    def _place_all(self) -> None:
        for component in sorted(self.components.values(), key=lambda c: c.created):
            if component.status != "InService" or component.base is not None:
                continue
            desired = component.desired_copies or 0
            if len(component.placed) > desired:
                self._unplace(component, len(component.placed) - desired)
            endpoint = self.endpoints.get(component.endpoint)
            if endpoint is None:
                continue
            instances = [i for pool in endpoint.instances.values() for i in pool]
            while len(component.placed) < desired:
                candidates = [
                    i
                    for i in instances
                    if (need := self._need(component, i.instance_type)) is not None and i.fits(need)
                ]
                if not candidates:
                    break
                if self._placement(component) == "SPREAD":
                    target = min(candidates, key=lambda i: sum(p is i for p in component.placed))
                else:
                    target = max(candidates, key=lambda i: i.used_memory)
                need = self._need(component, target.instance_type)
                assert need is not None
                target.take(need)
                component.placed.append(target)

    def _unplace(self, component: Component, count: int) -> None:
        for _ in range(count):
            instance = component.placed.pop()
            need = self._need(component, instance.instance_type)
            if need is not None:
                instance.take(need, -1)

    def current_copies(self, component: Component) -> int:
        if component.base is not None:
            base = self.components.get(component.base)
            return len(base.placed) if base is not None else 0
        return len(component.placed)

    def component(self, name: str) -> Component:
        self.settle()
        found = self.components.get(name)
        if found is None:
            raise validation(
                f'Could not find inference component "{self.arn("inference-component", name)}".'
            )
        return found

    def endpoint(self, name: str) -> Endpoint:
        self.settle()
        found = self.endpoints.get(name)
        if found is None:
            raise validation(f'Could not find endpoint "{self.arn("endpoint", name)}".')
        return found

    # -- models and endpoints ----------------------------------------------------------------

    def create_model(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["ModelName"]
        if name in self.models:
            raise validation(f'Cannot create already existing model "{self.arn("model", name)}".')
        arn = self.arn("model", name)
        self.models[name] = {**params, "ModelArn": arn, "CreationTime": _stamp(self.clock.now())}
        self.models[name].pop("Tags", None)
        self._tag(arn, params.get("Tags"))
        return {"ModelArn": arn}

    def describe_model(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["ModelName"]
        if name not in self.models:
            raise validation(f'Could not find model "{self.arn("model", name)}".')
        return copy.deepcopy(self.models[name])

    def delete_model(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["ModelName"]
        if self.models.pop(name, None) is None:
            raise validation(f'Could not find model "{self.arn("model", name)}".')
        return {}

    def create_endpoint_config(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["EndpointConfigName"]
        arn = self.arn("endpoint-config", name)
        if name in self.configs:
            raise validation(f'Cannot create already existing endpoint configuration "{arn}".')
        self.configs[name] = {
            **params,
            "EndpointConfigArn": arn,
            "CreationTime": _stamp(self.clock.now()),
        }
        self.configs[name].pop("Tags", None)
        self._tag(arn, params.get("Tags"))
        return {"EndpointConfigArn": arn}

    def describe_endpoint_config(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["EndpointConfigName"]
        if name not in self.configs:
            arn = self.arn("endpoint-config", name)
            raise validation(f'Could not find endpoint configuration "{arn}".')
        return copy.deepcopy(self.configs[name])

    def delete_endpoint_config(self, params: dict[str, Any]) -> dict[str, Any]:
        name = params["EndpointConfigName"]
        if self.configs.pop(name, None) is None:
            arn = self.arn("endpoint-config", name)
            raise validation(f'Could not find endpoint configuration "{arn}".')
        return {}

    def create_endpoint(self, params: dict[str, Any]) -> dict[str, Any]:
        name, config_name = params["EndpointName"], params["EndpointConfigName"]
        arn = self.arn("endpoint", name)
        if name in self.endpoints:
            raise validation(f'Cannot create already existing endpoint "{arn}".')
        config = self.configs.get(config_name)
        if config is None:
            config_arn = self.arn("endpoint-config", config_name)
            raise validation(f'Could not find endpoint configuration "{config_arn}".')
        variants = config["ProductionVariants"]
        hosts = all(
            "ModelName" not in v
            and ("InstanceType" in v or "InstancePools" in v)
            and "InitialInstanceCount" in v
            for v in variants
        )
        now = self.clock.now()
        endpoint = Endpoint(
            name=name,
            arn=arn,
            config_name=config_name,
            variants=variants,
            hosts_components=hosts,
            status="Creating",
            created=now,
            modified=now,
            ready_at=now + self.endpoint_delay,
        )
        for variant in variants:
            types = [variant["InstanceType"]] if "InstanceType" in variant else []
            types += [pool["InstanceType"] for pool in variant.get("InstancePools", [])]
            endpoint.instances[variant["VariantName"]] = [
                Instance(kind, self.instance_table.get(kind, FALLBACK_INSTANCE))
                for kind in types
                for _ in range(variant.get("InitialInstanceCount", 1))
            ]
        self.endpoints[name] = endpoint
        self._tag(arn, params.get("Tags"))
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
            "CreationTime": _stamp(endpoint.created),
            "LastModifiedTime": _stamp(endpoint.modified),
        }

    def delete_endpoint(self, params: dict[str, Any]) -> dict[str, Any]:
        endpoint = self.endpoint(params["EndpointName"])
        hosted = sorted(c.name for c in self.components.values() if c.endpoint == endpoint.name)
        if hosted:
            raise validation(
                f'Cannot delete endpoint "{endpoint.arn}" because it still hosts inference '
                f"components: {', '.join(hosted)}."
            )
        del self.endpoints[endpoint.name]
        self.tags.pop(endpoint.arn, None)
        return {}

    # -- inference components ----------------------------------------------------------------

    def create_inference_component(self, params: dict[str, Any]) -> dict[str, Any]:
        self.settle()
        name = params["InferenceComponentName"]
        arn = self.arn("inference-component", name)
        if name in self.components:
            raise validation(f'Cannot create already existing inference component "{arn}".')
        endpoint = self.endpoint(params["EndpointName"])
        if not endpoint.hosts_components:
            raise validation(
                "Inference Components are not supported in this Endpoint. Please make sure this "
                "endpoint can deploy inference components."
            )
        spec, specs = params.get("Specification"), params.get("Specifications")
        first = spec if specs is None else specs[0]
        if first is None or (spec is not None and specs is not None):
            raise validation("Exactly one of Specification or Specifications must be provided.")
        base = first.get("BaseInferenceComponentName")
        variant = params.get("VariantName")
        if base is not None:
            base_component = self.components.get(base)
            if base_component is None:
                base_arn = self.arn("inference-component", base)
                raise validation(f'Could not find base inference component "{base_arn}".')
            variant = variant or base_component.variant
        elif "RuntimeConfig" not in params:
            raise validation(
                "RuntimeConfig is required for an inference component that is not an adapter."
            )
        variant_names = [v["VariantName"] for v in endpoint.variants]
        if variant is None:
            variant = variant_names[0]
        elif variant not in variant_names:
            raise validation(f'Could not find variant "{variant}" on endpoint "{endpoint.arn}".')
        now = self.clock.now()
        self.components[name] = Component(
            name=name,
            arn=arn,
            endpoint=endpoint.name,
            variant=variant,
            specification=copy.deepcopy(spec),
            specifications=copy.deepcopy(specs),
            desired_copies=params.get("RuntimeConfig", {}).get("CopyCount"),
            status="Creating",
            created=now,
            modified=now,
            transition_at=now + self.create_delay,
        )
        self._tag(arn, params.get("Tags"))
        return {"InferenceComponentArn": arn}

    def _busy(self, component: Component, action: str) -> None:
        if component.status in ("Creating", "Updating", "Deleting"):
            raise validation(
                f'Cannot {action} inference component "{component.arn}" because it is in '
                f"{component.status} status."
            )

    def update_inference_component(self, params: dict[str, Any]) -> dict[str, Any]:
        component = self.component(params["InferenceComponentName"])
        self._busy(component, "update")
        if "Specification" in params and "Specifications" in params:
            raise validation("Specify either Specification or Specifications, not both.")
        pending: dict[str, Any] = {}
        for key in ("Specification", "Specifications", "DeploymentConfig"):
            if key in params:
                pending[key] = copy.deepcopy(params[key])
        if "RuntimeConfig" in params:
            pending["CopyCount"] = params["RuntimeConfig"]["CopyCount"]
        self._start_update(component, pending)
        return {"InferenceComponentArn": component.arn}

    def update_inference_component_runtime_config(self, params: dict[str, Any]) -> dict[str, Any]:
        component = self.component(params["InferenceComponentName"])
        self._busy(component, "update")
        if component.base is not None:
            raise validation(
                "The runtime config of an adapter inference component cannot be updated."
            )
        self._start_update(component, {"CopyCount": params["DesiredRuntimeConfig"]["CopyCount"]})
        return {"InferenceComponentArn": component.arn}

    def _start_update(self, component: Component, pending: dict[str, Any]) -> None:
        # The desired count changes at once, as on the service; copies follow when the update
        # completes.
        if "CopyCount" in pending:
            component.desired_copies = pending.pop("CopyCount")
        now = self.clock.now()
        component.status = "Updating"
        component.pending = pending
        component.modified = now
        component.transition_at = now + self.update_delay

    def describe_inference_component(self, params: dict[str, Any]) -> dict[str, Any]:
        component = self.component(params["InferenceComponentName"])
        endpoint = self.endpoints[component.endpoint]
        out: dict[str, Any] = {
            "InferenceComponentName": component.name,
            "InferenceComponentArn": component.arn,
            "EndpointName": endpoint.name,
            "EndpointArn": endpoint.arn,
            "VariantName": component.variant,
            "CreationTime": _stamp(component.created),
            "LastModifiedTime": _stamp(component.modified),
            "InferenceComponentStatus": component.status,
        }
        if component.failure_reason is not None:
            out["FailureReason"] = component.failure_reason
        if component.specification is not None:
            out["Specification"] = _summary(component.specification, component.created)
        if component.specifications is not None:
            out["Specifications"] = [
                _summary(s, component.created) for s in component.specifications
            ]
        if component.base is None:
            runtime: dict[str, Any] = {
                "DesiredCopyCount": component.desired_copies or 0,
                "CurrentCopyCount": len(component.placed),
            }
            kinds = sorted({i.instance_type for i in endpoint.instances.get(component.variant, [])})
            if kinds:
                runtime["PlacementStatus"] = [
                    {
                        "InstanceType": kind,
                        "CurrentCopyCount": sum(p.instance_type == kind for p in component.placed),
                    }
                    for kind in kinds
                ]
            out["RuntimeConfig"] = runtime
        if component.last_deployment is not None:
            out["LastDeploymentConfig"] = component.last_deployment
        return out

    def delete_inference_component(self, params: dict[str, Any]) -> dict[str, Any]:
        component = self.component(params["InferenceComponentName"])
        adapters = sorted(c.name for c in self.components.values() if c.base == component.name)
        if adapters:
            raise validation(
                f'Cannot delete inference component "{component.arn}" because adapter inference '
                f"components are attached to it: {', '.join(adapters)}."
            )
        if component.status == "Deleting":
            raise validation(
                f'Cannot delete inference component "{component.arn}" because it is already in '
                "Deleting status."
            )
        now = self.clock.now()
        component.status = "Deleting"
        component.pending = None
        component.modified = now
        component.transition_at = now + self.delete_delay
        return {}

    def list_inference_components(self, params: dict[str, Any]) -> dict[str, Any]:
        self.settle()
        found = list(self.components.values())
        filters: list[tuple[str, Callable[[Component, Any], bool]]] = [
            ("EndpointNameEquals", lambda c, v: c.endpoint == v),
            ("VariantNameEquals", lambda c, v: c.variant == v),
            ("StatusEquals", lambda c, v: c.status == v),
            ("NameContains", lambda c, v: v.lower() in c.name.lower()),
            ("CreationTimeBefore", lambda c, v: c.created < v),
            ("CreationTimeAfter", lambda c, v: c.created > v),
            ("LastModifiedTimeBefore", lambda c, v: c.modified < v),
            ("LastModifiedTimeAfter", lambda c, v: c.modified > v),
        ]
        for key, keep in filters:
            if key in params:
                found = [c for c in found if keep(c, params[key])]
        sort_keys: dict[str, Callable[[Component], Any]] = {
            "Name": lambda c: c.name,
            "CreationTime": lambda c: c.created,
            "Status": lambda c: c.status,
        }
        found.sort(
            key=sort_keys[params.get("SortBy", "CreationTime")],
            reverse=params.get("SortOrder", "Descending") == "Descending",
        )
        start = _decode_token(params.get("NextToken"))
        size = params.get("MaxResults", 10)
        page = found[start : start + size]
        out: dict[str, Any] = {
            "InferenceComponents": [
                {
                    "CreationTime": _stamp(c.created),
                    "InferenceComponentArn": c.arn,
                    "InferenceComponentName": c.name,
                    "EndpointArn": self.endpoints[c.endpoint].arn,
                    "EndpointName": c.endpoint,
                    "VariantName": c.variant,
                    "InferenceComponentStatus": c.status,
                    "LastModifiedTime": _stamp(c.modified),
                }
                for c in page
            ]
        }
        if start + size < len(found):
            out["NextToken"] = _encode_token(start + size)
        return out

    # -- tags --------------------------------------------------------------------------------

    def _tag(self, arn: str, tags: list[dict[str, str]] | None) -> None:
        if tags:
            existing = {t["Key"]: t for t in self.tags.get(arn, [])}
            existing.update({t["Key"]: dict(t) for t in tags})
            self.tags[arn] = list(existing.values())

    def _known(self, arn: str) -> None:
        self.settle()
        arns = {c.arn for c in self.components.values()} | {e.arn for e in self.endpoints.values()}
        arns |= {m["ModelArn"] for m in self.models.values()}
        arns |= {c["EndpointConfigArn"] for c in self.configs.values()}
        if arn not in arns:
            raise validation(f'Could not find resource "{arn}".')

    def add_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        self._known(params["ResourceArn"])
        self._tag(params["ResourceArn"], params["Tags"])
        return {"Tags": params["Tags"]}

    def list_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        self._known(params["ResourceArn"])
        tags = self.tags.get(params["ResourceArn"], [])
        start = _decode_token(params.get("NextToken"))
        size = params.get("MaxResults", 50)
        out: dict[str, Any] = {"Tags": tags[start : start + size]}
        if start + size < len(tags):
            out["NextToken"] = _encode_token(start + size)
        return out

    def delete_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        self._known(params["ResourceArn"])
        keys = set(params["TagKeys"])
        arn = params["ResourceArn"]
        self.tags[arn] = [t for t in self.tags.get(arn, []) if t["Key"] not in keys]
        return {}


def _summary(spec: dict[str, Any], created: float) -> dict[str, Any]:
    """A Specification as Describe returns it: the image resolved, caching summarised."""
    out = copy.deepcopy(spec)
    container = out.get("Container")
    if container is not None and "Image" in container:
        image = container.pop("Image")
        container["DeployedImage"] = {
            "SpecifiedImage": image,
            "ResolvedImage": image
            if "@sha256:" in image
            else f"{image.split(':')[0]}@sha256:{'0' * 64}",
            "ResolutionTime": _stamp(created),
        }
    return out


def _encode_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def _decode_token(token: str | None) -> int:
    if token is None:
        return 0
    try:
        kind, _, number = base64.urlsafe_b64decode(token.encode()).decode().partition(":")
        if kind != "offset":
            raise ValueError(kind)
        return int(number)
    except ValueError:
        raise validation("The NextToken is not valid.") from None

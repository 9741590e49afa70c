"""Managed instance scaling: instances added for copies that do not fit, idle ones given back.

A variant whose ``ManagedInstanceScaling`` is ``ENABLED`` grows and shrinks between its
``MinInstanceCount`` and ``MaxInstanceCount``:

- Copies that fit on no instance make the variant launch as many instances as they need (never
  past the maximum). The launch takes ``instance_delay``; meanwhile the endpoint reads
  ``Updating`` with ``DesiredInstanceCount`` above ``CurrentInstanceCount``, and the component
  keeps its Creating or Updating status until its copies are placed. An AWS sample deploys two
  copies on an endpoint of one instance and says "SageMaker AI will automatically launch another
  instances because we enabled ManagedInstanceScaling", pasting DescribeEndpoint with
  ``"CurrentInstanceCount": 1``, ``"DesiredInstanceCount": 2`` and ``"EndpointStatus":
  "Updating"`` while the component is still being created (aws-samples/
  sagemaker-genai-hosting-examples, 03-features/deployment/ic_rolling_deployment.ipynb). Copies
  that cannot fit even at the maximum fail their deployment as on a fixed fleet (`_lifecycle`).
- An instance that has held no copy for ``idle_delay`` is released, down to the minimum (0
  allowed). The AWS scale-to-zero blog: "After 10 additional minutes of inactivity, SageMaker
  automatically stops all underlying instances of the endpoint"; botocore's ``IDLE_RELEASE``:
  "Releases instances that have no hosted inference component copies." Releasing takes
  ``instance_delay`` too, the endpoint reading ``Updating`` meanwhile (the sample above, after
  its rolling update: "SageMaker AI will terminate additional instance", with ``Updating``).
- With ``ScaleInPolicy`` ``CONSOLIDATION``, "Consolidates inference component copies onto fewer
  instances to release more instances", at most ``MaximumStepSize`` (default 1) instances at a
  time, once ``CooldownInMinutes`` (default 20) have passed "after the last endpoint operation"
  (botocore). "Consolidation honors the scheduling configuration of each inference component":
  copies of a ``SPREAD`` component are never moved (assumed: moving them could only crowd them).

Assumed (no public evidence): a variant without ``MinInstanceCount`` keeps its initial count,
one without ``MaxInstanceCount`` never grows past its initial count; instance types are chosen
in priority order (``InstanceType``, then ``InstancePools`` by ``Priority``), the first whose
instance can host a waiting copy, since LocalSageMaker never runs out of capacity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, NamedTuple

from ._capacity import FALLBACK_INSTANCE, Instance, InstanceCapacity
from ._placement import Placement, need_of, pick, strategy_of
from ._records import Change, Component, Endpoint, Review, Store

__all__ = ["Fleet", "Scaling", "fleet_variants", "scaling_of", "types_of"]


class Scaling(NamedTuple):
    """A variant's managed instance scaling, defaults filled in."""

    minimum: int
    maximum: int
    consolidate: bool
    step: int
    cooldown: float
    """Seconds after the last endpoint operation before consolidation looks again."""


def scaling_of(variant: dict[str, Any] | None) -> Scaling | None:
    """The managed instance scaling of ``variant``, if its status is ``ENABLED``."""
    if variant is None:
        return None
    managed: dict[str, Any] = variant.get("ManagedInstanceScaling") or {}
    if managed.get("Status") != "ENABLED":
        return None
    initial: int = variant.get("InitialInstanceCount", 1)
    minimum: int = managed.get("MinInstanceCount", initial)
    policy: dict[str, Any] = managed.get("ScaleInPolicy") or {}
    return Scaling(
        minimum=minimum,
        maximum=managed.get("MaxInstanceCount", max(initial, minimum)),
        consolidate=policy.get("Strategy") == "CONSOLIDATION",
        step=policy.get("MaximumStepSize", 1),
        cooldown=60.0 * policy.get("CooldownInMinutes", 20),
    )


def fleet_variants(config: dict[str, Any]) -> list[dict[str, Any]]:
    """The variants of a configuration that get instances: production, then shadow."""
    return [*config["ProductionVariants"], *config.get("ShadowProductionVariants", ())]


def types_of(variant: dict[str, Any]) -> list[str]:
    """The instance types a variant provisions, in priority order."""
    pools = sorted(variant.get("InstancePools", ()), key=lambda p: p["Priority"])
    types = [variant["InstanceType"]] if "InstanceType" in variant else []
    return types + [p["InstanceType"] for p in pools if p["InstanceType"] not in types]


def _clone(instance: Instance) -> Instance:
    return replace(instance, free_partitions=Counter(instance.free_partitions))


class Fleet:
    """The instances of every endpoint variant: provisioned, added, released, consolidated."""

    def __init__(
        self,
        store: Store,
        placement: Placement,
        instances: Mapping[str, InstanceCapacity],
        *,
        instance_delay: float,
        idle_delay: float,
    ) -> None:
        self._store = store
        self._placement = placement
        self._table = instances
        self._instance_delay = instance_delay
        self._idle_delay = idle_delay
        self._consolidations: dict[tuple[Endpoint, str], float] = {}

    # -- instances ---------------------------------------------------------------------------

    def instance(self, variant: dict[str, Any], kind: str) -> Instance:
        """A new, empty instance of ``kind`` for ``variant`` (carved if it has a layout)."""
        capacity = self._table.get(kind, FALLBACK_INSTANCE)
        layouts = variant.get("AcceleratorPartitionLayouts")
        if layouts:
            return Instance.carved(kind, capacity, list(layouts[0]["AcceleratorPartitionTypes"]))
        return Instance(kind, capacity)

    def provision(self, variant: dict[str, Any], count: int | None = None) -> list[Instance]:
        """A new fleet for ``variant``: ``count`` instances (its initial count by default).

        Instances are of its first type: with instance pools, SageMaker "tries to provision
        instances from the highest-priority pool (priority 1)" and falls back only on an
        insufficient capacity error (https://docs.aws.amazon.com/sagemaker/latest/dg/
        realtime-endpoints-heterogeneous.html), which LocalSageMaker never has.
        """
        types = types_of(variant)
        if not types:
            return []
        size: int = variant.get("InitialInstanceCount", 1) if count is None else count
        return [self.instance(variant, types[0]) for _ in range(size)]

    def fit(
        self,
        component: Component,
        copies: int,
        instances: list[Instance],
        room: int,
        variant: dict[str, Any],
    ) -> tuple[list[Instance], list[Instance]] | None:
        """Place ``copies`` copies of ``component`` on ``instances``, taking their room.

        When no instance has room, up to ``room`` new ones join ``instances``. Returns where the
        copies went and the instances added, or ``None`` (and changes nothing) if they do not
        all fit.
        """
        placed: list[Instance] = []
        added: list[Instance] = []
        for _ in range(copies):
            target = pick(component, instances, placed)
            if target is None and len(added) < room:
                grown = self._grown(component, variant)
                if grown is not None:
                    instances.append(grown)
                    added.append(grown)
                    target = pick(component, instances, placed)
            if target is None:
                for instance in placed:
                    need = need_of(component, instance.instance_type)
                    assert need is not None
                    instance.take(need, -1)
                for instance in added:
                    instances.remove(instance)
                return None
            need = need_of(component, target.instance_type)
            assert need is not None
            target.take(need)
            placed.append(target)
        return placed, added

    def _grown(self, component: Component, variant: dict[str, Any]) -> Instance | None:
        """A new instance of the first type (in priority order) that can hold one copy."""
        for kind in types_of(variant):
            need = need_of(component, kind)
            candidate = self.instance(variant, kind)
            if need is not None and candidate.fits(need):
                return candidate
        return None

    # -- scaling out -------------------------------------------------------------------------

    def scale_out(
        self, endpoint: Endpoint, variant_name: str, short: list[Component], when: float
    ) -> list[Component]:
        """Launch the instances ``short`` components need; those that cannot fit at the maximum.

        The fleet is simulated as it will be once the launches already under way arrive;
        components are served oldest first, as placement serves them.
        """
        variant = endpoint.variant(variant_name)
        scaling = scaling_of(variant)
        if scaling is None or variant is None:
            return list(short)
        existing = endpoint.instances.get(variant_name, [])
        arriving = [c.instance for c in endpoint.changes if c.variant == variant_name and c.adding]
        trial = [_clone(i) for i in [*existing, *arriving]]
        room = scaling.maximum - len(trial)
        hopeless: list[Component] = []
        launches: list[str] = []
        for component in short:
            missing = (component.desired_copies or 0) - len(component.placed)
            fitted = self.fit(component, missing, trial, room - len(launches), variant)
            if fitted is None:
                hopeless.append(component)
            else:
                launches += [added.instance_type for added in fitted[1]]
        for kind in launches:
            self._change(endpoint, variant_name, self.instance(variant, kind), when, adding=True)
        return hopeless

    def adding(self, endpoint: Endpoint, variant_name: str) -> int:
        """Instances being launched for ``variant_name``."""
        return sum(c.adding for c in endpoint.changes if c.variant == variant_name)

    def _change(
        self, endpoint: Endpoint, variant: str, instance: Instance, when: float, *, adding: bool
    ) -> None:
        change = Change(endpoint, variant, instance, when, when + self._instance_delay, adding)
        endpoint.changes.append(change)
        endpoint.modified = max(endpoint.modified, when)
        endpoint.last_operation = max(endpoint.last_operation, when)
        self._store.schedule.push(change.due, change)

    def complete(self, change: Change) -> None:
        """An instance launch or release has finished."""
        endpoint = change.endpoint
        if change not in endpoint.changes:
            return
        endpoint.changes.remove(change)
        if change.adding:
            endpoint.instances.setdefault(change.variant, []).append(change.instance)
            self._placement.room_added(endpoint.name)
        endpoint.modified = max(endpoint.modified, change.due)
        endpoint.last_operation = max(endpoint.last_operation, change.due)

    # -- scaling in --------------------------------------------------------------------------

    def review(self, endpoint: Endpoint, when: float) -> None:
        """Copies moved on ``endpoint`` at ``when``: note idle instances, plan the next looks."""
        endpoint.last_operation = max(endpoint.last_operation, when)
        for variant in endpoint.variants:
            scaling = scaling_of(variant)
            if scaling is None:
                continue
            name = variant["VariantName"]
            for instance in endpoint.instances.get(name, []):
                if instance.used_memory > 0:
                    endpoint.idle_since.pop(instance, None)
                elif instance not in endpoint.idle_since:
                    endpoint.idle_since[instance] = when
                    review = Review(endpoint, name, consolidate=False)
                    self._store.schedule.push(when + self._idle_delay, review)
            due = endpoint.last_operation + scaling.cooldown
            if scaling.consolidate and self._consolidations.get((endpoint, name)) != due:
                self._consolidations[(endpoint, name)] = due
                self._store.schedule.push(due, Review(endpoint, name, consolidate=True))

    def check(self, review: Review, when: float) -> None:
        """A planned look at a variant: consolidate (if due), then release idle instances."""
        endpoint = review.endpoint
        scaling = scaling_of(endpoint.variant(review.variant))
        if scaling is None or endpoint.status != "InService":
            return  # an update in progress replaces the fleet, and reviews it when it is done
        if review.consolidate:
            self._consolidations.pop((endpoint, review.variant), None)
            if when >= endpoint.last_operation + scaling.cooldown:
                self._consolidate(endpoint, review.variant, scaling, when)
        instances = endpoint.instances.get(review.variant, [])
        idle = sorted(
            (since, index)
            for index, instance in enumerate(instances)
            if (since := endpoint.idle_since.get(instance)) is not None
            and since + self._idle_delay <= when
            and instance.used_memory == 0
        )
        spare = len(instances) - scaling.minimum
        for instance in [instances[index] for _, index in idle[: max(spare, 0)]]:
            self._release(endpoint, review.variant, instance, when)

    def _release(self, endpoint: Endpoint, variant: str, instance: Instance, when: float) -> None:
        endpoint.instances[variant].remove(instance)
        endpoint.idle_since.pop(instance, None)
        self._change(endpoint, variant, instance, when, adding=False)

    def _consolidate(self, endpoint: Endpoint, variant: str, scaling: Scaling, when: float) -> None:
        """Move the copies of the emptiest instances onto the others and release them."""
        instances = endpoint.instances.get(variant, [])
        hosted = [self._store.components[name] for name in self._store.hosted_by(endpoint.name)]
        components = [c for c in hosted if c.variant == variant and c.placed]
        released = 0
        for candidate in sorted(instances, key=lambda i: i.used_memory):
            if released >= scaling.step or len(instances) <= scaling.minimum:
                break
            if candidate.used_memory == 0:
                continue  # idle: released after the idle delay like any other
            copies = [
                (component, index)
                for component in components
                for index, instance in enumerate(component.placed)
                if instance is candidate
            ]
            if any(strategy_of(component) == "SPREAD" for component, _ in copies):
                continue
            others = [i for i in instances if i is not candidate]
            targets = self._targets(copies, others)
            if targets is None:
                continue
            for (component, index), target in zip(copies, targets, strict=True):
                old = need_of(component, candidate.instance_type)
                new = need_of(component, target.instance_type)
                assert old is not None and new is not None
                candidate.take(old, -1)
                target.take(new)
                component.placed[index] = target
            self._release(endpoint, variant, candidate, when)
            released += 1

    def _targets(
        self, copies: list[tuple[Component, int]], others: list[Instance]
    ) -> list[Instance] | None:
        """Where each copy could go among ``others`` (simulated on copies of them), or None."""
        trial = [_clone(i) for i in others]
        targets: list[Instance] = []
        for component, _ in copies:
            target = pick(component, trial)
            if target is None:
                return None
            need = need_of(component, target.instance_type)
            assert need is not None
            target.take(need)
            targets.append(others[trial.index(target)])
        return targets

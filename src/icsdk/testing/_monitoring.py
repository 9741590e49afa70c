"""Autoscaling on the service's clock: metrics in, alarms evaluated, policies acting on copies.

Every 10 seconds of service time (the manual clock moves in steps of at most 10 seconds; on the
real clock, the ticks due are taken when a request arrives, since nothing runs in the
background), in this order: the copy counts of components that changed are recorded, requests
in flight are sampled, every alarm is evaluated at the ends of its periods, and each alarm
action naming a scaling policy runs that policy. A policy changes a component's desired copy
count through UpdateInferenceComponentRuntimeConfig, the service's own path, so the copies
follow after the service's update delay (a copy added from zero serves only then) and a
component that is busy refuses the change. Each change is a scaling activity: ``InProgress``
until the component is InService with that many copies (``Successful``), ``Failed`` if the
change was refused or the deployment failed, ``Overridden`` if the desired count changed
otherwise first.

Wordings after a published DescribeScalingActivities of a SageMaker variant (a public script's
comment): Description "Setting desired instance count to 48.", Cause "monitor alarm
TargetTracking-endpoint/.../variant/variant1-AlarmHigh-... in state ALARM triggered policy
...", StatusMessage "Successfully set desired instance count to 48. Change successfully
fulfilled by sagemaker."; "copy count" in place of "instance count" is assumed.

Cooldowns (assumed simplification of the User Guide's rules): a step policy does nothing until
``Cooldown`` (default 300, botocore) has passed since its last activity; target tracking scales
out once ``ScaleOutCooldown`` has passed since its last scale-out, and in once
``ScaleInCooldown`` has passed since its last scale-in and ``ScaleOutCooldown`` since its last
scale-out (both 300 by default: the AWS scale-to-zero notebook marks 300 as "# default"). When
several policies fire at one tick they act one after another, each on the count the previous
left, not by the service's "largest capacity wins" rule.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from typing import Any

from ._alarms import AlarmBook, Firing
from ._cloudwatch import CloudWatch
from ._metrics import Metrics
from ._policies import step_capacity, tracking_capacity
from ._protocol import AwsError
from ._scaling import Scaling
from ._scaling_records import Activity, Policy, Target
from ._service import Service

__all__ = ["TICK", "Monitoring"]

TICK = 10.0
"""Seconds between evaluation ticks: the shortest period of a metric or an alarm."""
_DEFAULT_COOLDOWN = 300


class Monitoring:
    """Application Auto Scaling and CloudWatch beside one local SageMaker, on its clock."""

    def __init__(self, service: Service, metrics: Metrics, now: Callable[[], float]) -> None:
        self._service = service
        self._now = now
        store = service.store
        self.metrics = metrics
        self.alarms = AlarmBook(store.region, store.account)
        self.cloudwatch = CloudWatch(self.alarms, metrics)
        self.scaling = Scaling(
            store,
            put_alarm=self._put_managed_alarm,
            delete_alarms=self.alarms.delete,
            alarms_acting_for=self._acting_for,
            forget_action=self.alarms.forget_action,
        )
        self.scaling.on_bounds = self._fit_bounds
        self._version: tuple[int, ...] = ()
        self._sampled_to: float | None = None
        self._pending: list[Activity] = []

    @property
    def lock(self) -> threading.RLock:
        """The service's lock: scaling changes the service's components."""
        return self._service.lock

    # -- the tick ----------------------------------------------------------------------------------

    def settle(self, now: float) -> None:
        """Do every tick's work due by ``now``."""
        service = self._service
        with service.lock:
            service.lifecycle.settle()
            self._record_copies(now)
            if self._sampled_to is None:
                self._sampled_to = math.floor(now / TICK) * TICK
            while self._sampled_to + TICK <= now:
                self._sampled_to += TICK
                self.metrics.sample_in_flight(self._sampled_to)
            for firing in self.alarms.evaluate(self.metrics, now):
                self._fire(firing, now)
            self._follow_activities(now)

    def _record_copies(self, now: float) -> None:
        """Record the copy counts of the watched components, if any component changed.

        Watched: those invoked, scaled or named by an alarm, so that a request's cost grows
        with them, not with the fleet.
        """
        store = self._service.store
        version = (
            store.version,
            len(self.scaling.targets),
            len(self.alarms.alarms),
            len(self.metrics.tracked()),
        )
        if version == self._version:
            return
        self._version = version
        watched = {*self.metrics.tracked(), *(t.component for t in self.scaling.targets.values())}
        for alarm in self.alarms.alarms.values():
            watched.update(
                d["Value"]
                for d in alarm.params.get("Dimensions", [])
                if d["Name"] == "InferenceComponentName"
            )
        placement = self._service.placement
        for name in watched:
            found = store.components.get(name)
            copies = 0 if found is None or found.name != name else placement.current_copies(found)
            self.metrics.serving(name, now, copies)

    # -- alarms and policies -----------------------------------------------------------------------

    def _put_managed_alarm(self, params: dict[str, Any], policy_arn: str) -> str:
        alarm = self.alarms.put(
            {
                **params,
                "AlarmActions": [policy_arn],
                "AlarmDescription": f"DO NOT EDIT OR DELETE. For TargetTrackingScaling policy "
                f"{policy_arn}.",
            },
            self._now(),
            managed_by=policy_arn,
        )
        return alarm.name

    def _acting_for(self, policy_arn: str) -> list[dict[str, str]]:
        return [
            {"AlarmName": alarm.name, "AlarmARN": alarm.arn}
            for _, alarm in sorted(self.alarms.alarms.items())
            if policy_arn in alarm.params.get("AlarmActions", [])
        ]

    def _fire(self, firing: Firing, now: float) -> None:
        policy = self.scaling.policies.get(firing.action)
        if policy is None:
            return
        target = self.scaling.targets.get(policy.resource_id)
        component = self._service.store.components.get(policy.resource_id.split("/", 1)[1])
        if target is None or component is None:
            return
        current = component.desired_copies or 0
        wanted = self._wanted(policy, firing, current, now)
        if wanted is None:
            return
        wanted = max(target.minimum, min(target.maximum, wanted))
        if wanted == current or target.suspended.get(
            "DynamicScalingOutSuspended" if wanted > current else "DynamicScalingInSuspended"
        ):
            return
        if wanted > current:
            policy.last_out = now
        else:
            policy.last_in = now
        cause = f"monitor alarm {firing.alarm.name} in state ALARM triggered policy {policy.name}"
        self._set_copies(target, wanted, cause, now)

    def _wanted(self, policy: Policy, firing: Firing, current: int, now: float) -> int | None:
        config = policy.configuration
        if policy.kind == "StepScaling":
            last = max(policy.last_out or -math.inf, policy.last_in or -math.inf)
            if now - last < config.get("Cooldown", _DEFAULT_COOLDOWN):
                return None
            threshold = float(firing.alarm.params["Threshold"])
            return step_capacity(config, current, firing.value, threshold)
        wanted = tracking_capacity(current, firing.value, float(config["TargetValue"]))
        out_cooldown = config.get("ScaleOutCooldown", _DEFAULT_COOLDOWN)
        since_out = now - (policy.last_out if policy.last_out is not None else -math.inf)
        if firing.alarm.params["ComparisonOperator"] == "GreaterThanThreshold":
            return wanted if wanted > current and since_out >= out_cooldown else None
        since_in = now - (policy.last_in if policy.last_in is not None else -math.inf)
        in_cooldown = config.get("ScaleInCooldown", _DEFAULT_COOLDOWN)
        if config.get("DisableScaleIn") or since_in < in_cooldown or since_out < out_cooldown:
            return None
        return wanted if wanted < current else None

    def _set_copies(self, target: Target, wanted: int, cause: str, now: float) -> None:
        activity = Activity(target.resource_id, wanted, cause, now)
        self.scaling.activities.append(activity)
        self._pending.append(activity)
        try:
            self._service.handle(
                "UpdateInferenceComponentRuntimeConfig",
                {
                    "InferenceComponentName": target.component,
                    "DesiredRuntimeConfig": {"CopyCount": wanted},
                },
            )
        except AwsError as error:
            activity.status = "Failed"
            activity.ended = now
            activity.message = (
                f"Failed to set desired copy count to {wanted}. Reason: {error.message}"
            )

    def _fit_bounds(self, target: Target, now: float) -> None:
        """Put the component's copy count back inside the target's new bounds.

        "If it's below the minimum capacity or above the maximum capacity, Application Auto
        Scaling adjusts the capacity of the scalable target to place it within these bounds"
        (botocore RegisterScalableTarget); "If the specified resource is not active in the
        target service, this operation does not change the resource's current capacity."
        """
        component = self._service.store.components.get(target.component)
        if component is None or component.status != "InService":
            return
        current = component.desired_copies or 0
        wanted = max(target.minimum, min(target.maximum, current))
        if wanted != current:
            cause = (
                f"the scalable target's capacity bounds changed to {target.minimum}-"
                f"{target.maximum}"
            )
            self._set_copies(target, wanted, cause, now)

    def _follow_activities(self, now: float) -> None:
        store = self._service.store
        for activity in self._pending:
            if activity.status != "InProgress":
                continue
            name = activity.resource_id.split("/", 1)[1]
            component = store.components.get(name)
            if component is None:
                activity.status, activity.ended = "Failed", now
                activity.message = f"Inference component {name} no longer exists."
            elif component.desired_copies != activity.desired:
                activity.status, activity.ended = "Overridden", now
                activity.message = "The desired copy count was changed by another request."
            elif component.status == "Failed":
                activity.status, activity.ended = "Failed", now
                activity.message = (
                    f"Failed to set desired copy count to {activity.desired}. Reason: "
                    f"{component.failure_reason}"
                )
            elif (
                component.status == "InService"
                and self._service.placement.current_copies(component) == activity.desired
            ):
                activity.status, activity.ended = "Successful", now
                activity.message = (
                    f"Successfully set desired copy count to {activity.desired}. Change "
                    "successfully fulfilled by sagemaker."
                )
        self._pending = [a for a in self._pending if a.status == "InProgress"]

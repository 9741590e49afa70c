"""Application Auto Scaling's records and operations, for the inference-component slice.

A scalable target is service namespace ``sagemaker``, resource ``inference-component/NAME``,
dimension ``sagemaker:inference-component:DesiredCopyCount`` (botocore
``RegisterScalableTarget.ResourceId``: "SageMaker inference component - The resource type is
inference-component and the unique identifier is the resource ID. Example:
inference-component/my-inference-component."). Other namespaces and dimensions are a limit of
this test double, refused as such.

Known wordings, quoted from public reports: "No scalable target registered for service
namespace: dynamodb, resource ID: tablename, scalable dimension: dynamodb:table:ReadCapacityUnits"
(ObjectNotFoundException from PutScalingPolicy, ansible/ansible#40237); "No scalable target found
for service namespace: dynamodb, resource ID: ..., scalable dimension: ..." (from
DeregisterScalableTarget, a lab run against AWS that published its output; moto answers the
same); "The scalable target that you tried to tag already exists. To update tags on an existing
scalable target, use the TagResource API." (hashicorp/terraform-provider-aws#31839); "Scalable
dimension sagemaker:variant:DesiredProvisionedConcurrency only supports the following predefined
metric types: SageMakerVariantProvisionedConcurrencyUtilization" (aws/aws-cdk#29065, the same
refusal for another SageMaker dimension). Other wordings are assumed.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

from ._listing import decode_token, encode_token
from ._policies import PREDEFINED, check_step_configuration, managed_alarms
from ._protocol import AwsError
from ._records import Store
from ._scaling_records import DIMENSION, NAMESPACE, PREFIX, Activity, Policy, Target

__all__ = ["Scaling"]

# The service-linked role Application Auto Scaling uses for SageMaker (assumed to be the same
# role for inference components as for endpoint variants).
_ROLE = (
    "arn:aws:iam::{account}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com"
    "/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint"
)


def _validation(message: str) -> AwsError:
    return AwsError("ValidationException", message)


class Scaling:
    """Scalable targets, scaling policies and scaling activities of one account and region."""

    def __init__(
        self,
        store: Store,
        *,
        put_alarm: Callable[[dict[str, Any], str], str],
        delete_alarms: Callable[[list[str]], None],
        alarms_acting_for: Callable[[str], list[dict[str, str]]],
        forget_action: Callable[[str], None],
    ) -> None:
        self._store = store
        self._put_alarm = put_alarm
        self._delete_alarms = delete_alarms
        self._alarms_acting_for = alarms_acting_for
        self._forget_action = forget_action
        self.targets: dict[str, Target] = {}
        self.policies: dict[str, Policy] = {}
        """Policies by ARN."""
        self.activities: list[Activity] = []
        self.on_bounds: Callable[[Target, float], None] = lambda target, now: None
        """Called after a target's bounds change: its capacity is put back inside them."""

    # -- the slice LocalSageMaker emulates ---------------------------------------------------------

    def _target_of(self, params: dict[str, Any], *, registered: bool) -> Target | None:
        namespace, resource, dimension = (
            params["ServiceNamespace"],
            params["ResourceId"],
            params["ScalableDimension"],
        )
        if namespace != NAMESPACE:
            raise _validation(
                "LocalSageMaker emulates Application Auto Scaling only for SageMaker inference "
                f"components (service namespace {NAMESPACE}, scalable dimension {DIMENSION})."
            )
        if (dimension == DIMENSION) != resource.startswith(PREFIX) or resource == PREFIX:
            # moto answers this wording for a resource ID its dimension does not fit
            # (getmoto/moto#3304); AWS's own is not public (assumed the same).
            raise _validation("Unsupported service namespace, resource type or scalable dimension")
        if dimension != DIMENSION:
            raise _validation(
                f"LocalSageMaker emulates only the scalable dimension {DIMENSION} of namespace "
                f"{NAMESPACE}."
            )
        target = self.targets.get(resource)
        if target is None and registered:
            raise AwsError(
                "ObjectNotFoundException",
                f"No scalable target registered for service namespace: {namespace}, resource "
                f"ID: {resource}, scalable dimension: {dimension}",
            )
        return target

    # -- scalable targets --------------------------------------------------------------------------

    def register_scalable_target(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        target = self._target_of(params, registered=False)
        resource = params["ResourceId"]
        name = resource.removeprefix(PREFIX)
        if self._store.components.get(name) is None or self._store.components[name].name != name:
            # The refusal is known (a lab run against AWS: "Real Application Auto Scaling
            # answers ValidationException for a table that does not exist"); the wording is
            # assumed.
            raise _validation(
                f"Inference component {name} does not exist, so it cannot be registered as a "
                "scalable target."
            )
        component = self._store.components[name]
        if component.base is not None:
            raise _validation(
                f"Inference component {name} is an adapter: it has no copies of its own to scale."
            )
        minimum = params.get("MinCapacity", target.minimum if target else None)
        maximum = params.get("MaxCapacity", target.maximum if target else None)
        if minimum is None or maximum is None:
            # "This property is required when registering a new scalable target." (botocore)
            raise _validation(
                "MinCapacity and MaxCapacity are required to register a new scalable target."
            )
        if minimum < 0:
            # "For the following resources, the minimum value allowed is 0. ... SageMaker
            # inference components" (botocore RegisterScalableTarget.MinCapacity)
            raise _validation("Minimum capacity must be greater than or equal to 0.")
        if minimum > maximum:
            raise _validation("Minimum capacity cannot be greater than maximum capacity.")
        if target is not None and params.get("Tags"):
            raise _validation(
                "The scalable target that you tried to tag already exists. To update tags on an "
                "existing scalable target, use the TagResource API."
            )
        if target is None:
            target = Target(
                resource_id=resource,
                arn=(
                    f"arn:aws:application-autoscaling:{self._store.region}:{self._store.account}"
                    f":scalable-target/sgm{uuid.uuid4().hex[:25]}"
                ),
                role=params.get("RoleARN", _ROLE.format(account=self._store.account)),
                created=now,
                minimum=minimum,
                maximum=maximum,
            )
            self.targets[resource] = target
        target.minimum, target.maximum = minimum, maximum
        target.suspended.update(params.get("SuspendedState", {}))
        self.on_bounds(target, now)
        return {"ScalableTargetARN": target.arn}

    def deregister_scalable_target(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        resource = params["ResourceId"]
        if self._target_of(params, registered=False) is None:
            raise AwsError(
                "ObjectNotFoundException",
                f"No scalable target found for service namespace: {params['ServiceNamespace']}, "
                f"resource ID: {resource}, scalable dimension: {params['ScalableDimension']}",
            )
        # "Deregistering a scalable target deletes the scaling policies and the scheduled
        # actions that are associated with it." (botocore DeregisterScalableTarget)
        for policy in [p for p in self.policies.values() if p.resource_id == resource]:
            self._remove_policy(policy)
        del self.targets[resource]
        return {}

    def describe_scalable_targets(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        if params["ServiceNamespace"] != NAMESPACE:
            return {"ScalableTargets": []}
        ids = params.get("ResourceIds")
        dimension = params.get("ScalableDimension")
        found = [
            t.describe()
            for resource, t in sorted(self.targets.items())
            if (not ids or resource in ids) and dimension in (None, DIMENSION)
        ]
        return _page(found, params, "ScalableTargets")

    # -- scaling policies --------------------------------------------------------------------------

    def put_scaling_policy(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        target = self._target_of(params, registered=True)
        assert target is not None
        name = params["PolicyName"]
        existing = self._policy(target.resource_id, name)
        kind = params.get("PolicyType", existing.kind if existing else None)
        if kind is None:
            # "This parameter is required if you are creating a scaling policy." (botocore)
            raise _validation("PolicyType is required to create a scaling policy.")
        if kind == "PredictiveScaling":
            # "PredictiveScaling—Only supported for Amazon ECS" (botocore PutScalingPolicy)
            raise _validation("PredictiveScaling policies are only supported for Amazon ECS.")
        if existing is not None and existing.kind != kind:
            raise _validation(
                f"Scaling policy {name} is a {existing.kind} policy; its type cannot change."
            )
        if kind == "TargetTrackingScaling":
            configuration = params.get("TargetTrackingScalingPolicyConfiguration")
            if configuration is None:
                raise _validation(
                    "TargetTrackingScalingPolicyConfiguration is required for a "
                    "TargetTrackingScaling policy."
                )
            _check_tracking(configuration)
        else:
            configuration = params.get("StepScalingPolicyConfiguration")
            if configuration is None:
                raise _validation(
                    "StepScalingPolicyConfiguration is required for a StepScaling policy."
                )
            check_step_configuration(configuration)
        if existing is None:
            existing = Policy(
                name=name,
                arn=(
                    f"arn:aws:autoscaling:{self._store.region}:{self._store.account}:scalingPolicy"
                    f":{uuid.uuid4()}:resource/{NAMESPACE}/{target.resource_id}:policyName/{name}"
                ),
                resource_id=target.resource_id,
                kind=kind,
                configuration={},
                created=now,
            )
            self.policies[existing.arn] = existing
        existing.configuration = copy.deepcopy(configuration)
        out: dict[str, Any] = {"PolicyARN": existing.arn}
        if kind == "TargetTrackingScaling":
            self._delete_alarms(existing.alarms)
            existing.alarms = [
                self._put_alarm(alarm, existing.arn)
                for alarm in managed_alarms(target.resource_id, target.component, configuration)
            ]
            out["Alarms"] = self._alarm_refs(existing)
        return out

    def _policy(self, resource: str, name: str) -> Policy | None:
        return next(
            (p for p in self.policies.values() if p.resource_id == resource and p.name == name),
            None,
        )

    def _alarm_refs(self, policy: Policy) -> list[dict[str, str]]:
        if policy.kind == "TargetTrackingScaling":
            return [
                ref
                for ref in self._alarms_acting_for(policy.arn)
                if ref["AlarmName"] in policy.alarms
            ]
        return self._alarms_acting_for(policy.arn)

    def _remove_policy(self, policy: Policy) -> None:
        # Target tracking's own alarms go with it; a step policy's alarm stays, without the
        # action: "Deleting a step scaling policy deletes the underlying alarm action, but does
        # not delete the CloudWatch alarm associated with the scaling policy" (botocore).
        self._delete_alarms(policy.alarms)
        self._forget_action(policy.arn)
        del self.policies[policy.arn]

    def delete_scaling_policy(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        self._target_of(params, registered=False)
        policy = self._policy(params["ResourceId"], params["PolicyName"])
        if policy is None:
            # The wording moto and other emulators answer (assumed to be AWS's).
            raise AwsError(
                "ObjectNotFoundException",
                f"No scaling policy found for service namespace: {params['ServiceNamespace']}, "
                f"resource ID: {params['ResourceId']}, scalable dimension: "
                f"{params['ScalableDimension']}, policy name: {params['PolicyName']}",
            )
        self._remove_policy(policy)
        return {}

    def describe_scaling_policies(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        if params["ServiceNamespace"] != NAMESPACE:
            return {"ScalingPolicies": []}
        names = params.get("PolicyNames")
        resource = params.get("ResourceId")
        dimension = params.get("ScalableDimension")
        found = [
            p.describe(self._alarm_refs(p))
            for p in sorted(self.policies.values(), key=lambda p: (p.resource_id, p.name))
            if (not names or p.name in names)
            and resource in (None, p.resource_id)
            and dimension in (None, DIMENSION)
        ]
        return _page(found, params, "ScalingPolicies")

    # -- scaling activities ------------------------------------------------------------------------

    def describe_scaling_activities(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        if params["ServiceNamespace"] != NAMESPACE:
            return {"ScalingActivities": []}
        resource = params.get("ResourceId")
        dimension = params.get("ScalableDimension")
        found = [
            a.describe()
            for a in reversed(self.activities)
            if resource in (None, a.resource_id) and dimension in (None, DIMENSION)
        ]
        return _page(found, params, "ScalingActivities")


def _check_tracking(configuration: dict[str, Any]) -> None:
    predefined = configuration.get("PredefinedMetricSpecification")
    custom = configuration.get("CustomizedMetricSpecification")
    if (predefined is None) == (custom is None):
        # "You can specify either a predefined metric or a customized metric." (botocore)
        raise _validation(
            "Exactly one of PredefinedMetricSpecification or CustomizedMetricSpecification "
            "must be specified."
        )
    if predefined is not None and predefined["PredefinedMetricType"] not in PREDEFINED:
        raise _validation(
            f"Scalable dimension {DIMENSION} only supports the following predefined metric "
            f"types: {', '.join(PREDEFINED)}"
        )
    if custom is not None and "Metrics" in custom:
        raise _validation(
            "LocalSageMaker evaluates customized metrics of one metric only (MetricName and "
            "Namespace); metric math is not supported."
        )
    if custom is not None and ("MetricName" not in custom or "Namespace" not in custom):
        raise _validation("A customized metric needs MetricName, Namespace and Statistic.")


def _page(items: list[dict[str, Any]], params: dict[str, Any], key: str) -> dict[str, Any]:
    try:
        start = decode_token(params.get("NextToken"))
    except AwsError:
        raise AwsError("InvalidNextTokenException", "The next token supplied is invalid.") from None
    size = params.get("MaxResults", 50)
    out: dict[str, Any] = {key: items[start : start + size]}
    if start + size < len(items):
        out["NextToken"] = encode_token(start + size)
    return out

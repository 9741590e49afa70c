"""Application Auto Scaling's records: scalable targets, scaling policies, scaling activities.

Each describes itself as botocore's shape of it (``ScalableTarget``, ``ScalingPolicy``,
``ScalingActivity``) for the one slice LocalSageMaker emulates.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from typing import Any

from ._records import stamp

__all__ = ["DIMENSION", "NAMESPACE", "PREFIX", "Activity", "Policy", "Target"]

NAMESPACE = "sagemaker"
DIMENSION = "sagemaker:inference-component:DesiredCopyCount"
PREFIX = "inference-component/"


@dataclass(eq=False)
class Target:
    resource_id: str
    arn: str
    role: str
    created: float
    minimum: int
    maximum: int
    suspended: dict[str, bool] = field(default_factory=dict[str, bool])

    @property
    def component(self) -> str:
        return self.resource_id.removeprefix(PREFIX)

    def describe(self) -> dict[str, Any]:
        return {
            "ServiceNamespace": NAMESPACE,
            "ResourceId": self.resource_id,
            "ScalableDimension": DIMENSION,
            "MinCapacity": self.minimum,
            "MaxCapacity": self.maximum,
            "RoleARN": self.role,
            "CreationTime": stamp(self.created),
            "SuspendedState": {
                "DynamicScalingInSuspended": self.suspended.get("DynamicScalingInSuspended", False),
                "DynamicScalingOutSuspended": self.suspended.get(
                    "DynamicScalingOutSuspended", False
                ),
                "ScheduledScalingSuspended": self.suspended.get("ScheduledScalingSuspended", False),
            },
            "ScalableTargetARN": self.arn,
        }


@dataclass(eq=False)
class Policy:
    name: str
    arn: str
    resource_id: str
    kind: str
    configuration: dict[str, Any]
    created: float
    alarms: list[str] = field(default_factory=list[str])
    """Names of the alarms target tracking made for it."""
    last_out: float | None = None
    last_in: float | None = None

    def describe(self, alarms: list[dict[str, str]]) -> dict[str, Any]:
        key = (
            "TargetTrackingScalingPolicyConfiguration"
            if self.kind == "TargetTrackingScaling"
            else "StepScalingPolicyConfiguration"
        )
        return {
            "PolicyARN": self.arn,
            "PolicyName": self.name,
            "ServiceNamespace": NAMESPACE,
            "ResourceId": self.resource_id,
            "ScalableDimension": DIMENSION,
            "PolicyType": self.kind,
            key: copy.deepcopy(self.configuration),
            "Alarms": alarms,
            "CreationTime": stamp(self.created),
        }


@dataclass(eq=False)
class Activity:
    resource_id: str
    desired: int
    cause: str
    started: float
    status: str = "InProgress"
    message: str | None = None
    ended: float | None = None
    activity_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ActivityId": self.activity_id,
            "ServiceNamespace": NAMESPACE,
            "ResourceId": self.resource_id,
            "ScalableDimension": DIMENSION,
            "Description": f"Setting desired copy count to {self.desired}.",
            "Cause": self.cause,
            "StartTime": stamp(self.started),
            "StatusCode": self.status,
        }
        if self.ended is not None:
            out["EndTime"] = stamp(self.ended)
        if self.message is not None:
            out["StatusMessage"] = self.message
        return out

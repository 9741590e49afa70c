"""The service models' limits, copied from botocore's models, shape by shape.

Every number, pattern and enum below is the model's: for the shapes of the inference-component
operations' inputs and of `CreateEndpointConfig` / `CreateEndpoint` (the members an endpoint
for components uses), from the SageMaker model, keyed by shape name; and for the members an
autoscaled component renders, from the Application Auto Scaling and CloudWatch models, keyed
`service:Shape` (`cloudwatch:Period`), since the three models reuse shape names with other
limits (`AlarmName`). `tests/test_api_coverage.py` and `tests/test_autoscaling_wire.py` walk the
installed models and fail if anything here differs or is missing. The checks built on this table
are in `icsdk._constraints`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, NamedTuple

from ._instance_types import INSTANCE_TYPES

__all__ = ["INSTANCE_TYPES", "LIMITS", "Limit", "model_of"]


class Limit(NamedTuple):
    """One shape's constraints: `kind` is the botocore type name (string, integer, list, ...)."""

    kind: str
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    enum: tuple[str, ...] | None = None


_NAME = r"[a-zA-Z0-9]([\-a-zA-Z0-9]*[a-zA-Z0-9])?"
_ENDPOINT = r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
_TAG = r"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)"
_CAPACITY_TYPES = ("COPY_COUNT", "CAPACITY_PERCENT")
_SCALE_IN = ("IDLE_RELEASE", "CONSOLIDATION")
_ROUTING = ("LEAST_OUTSTANDING_REQUESTS", "RANDOM", "PREFIX_AWARE", "KV_AWARE")
_AMI_VERSIONS = (
    "al2-ami-sagemaker-inference-gpu-2",
    "al2-ami-sagemaker-inference-gpu-2-1",
    "al2-ami-sagemaker-inference-gpu-3-1",
    "al2-ami-sagemaker-inference-neuron-2",
    "al2023-ami-sagemaker-inference-gpu-4-1",
)
_ROLE_ARN = r"arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+"
_RESERVATION_ARN = r"arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z0-9\-]{1,14}/.*"
_AGGREGATIONS = ("Average", "Minimum", "Maximum")
_STATISTICS = ("SampleCount", "Average", "Sum", "Minimum", "Maximum")
_COMPARISONS = (
    "GreaterThanOrEqualToThreshold",
    "GreaterThanThreshold",
    "LessThanThreshold",
    "LessThanOrEqualToThreshold",
    "LessThanLowerOrGreaterThanUpperThreshold",
    "LessThanLowerThreshold",
    "GreaterThanUpperThreshold",
)
_CONTENT_TYPE = r"[a-zA-Z0-9](-*[a-zA-Z0-9])*\/[a-zA-Z0-9](-*[a-zA-Z0-9.])*"

LIMITS: Final[Mapping[str, Limit]] = {
    "InferenceComponentName": Limit("string", 0, 63, _NAME),
    "EndpointName": Limit("string", 0, 63, _ENDPOINT),
    "VariantName": Limit("string", 0, 63, _ENDPOINT),
    "ModelName": Limit("string", 0, 63, _NAME),
    "ProductionVariantInstanceType": Limit("string", enum=INSTANCE_TYPES),
    "ContainerImage": Limit("string", 0, 255, r"[\S]+"),
    "Url": Limit("string", 0, 1024, r"(https|s3)://([^/]+)/?(.*)"),
    "EnvironmentMap": Limit("map", 0, 100),
    "EnvironmentKey": Limit("string", 0, 1024, r"[a-zA-Z_][a-zA-Z0-9_]*"),
    "EnvironmentValue": Limit("string", 0, 1024, r"[\S\s]*"),
    "MetricsEndpointList": Limit("list", 0, 1),
    "MetricsEndpointPath": Limit("string", 0, 256, r"/(?!.*\.\.)[a-zA-Z0-9/_.\-]+"),
    "MetricPublishFrequencyInSeconds": Limit("integer"),
    "ProductionVariantModelDataDownloadTimeoutInSeconds": Limit("integer", 60, 3600),
    "ProductionVariantContainerStartupHealthCheckTimeoutInSeconds": Limit("integer", 60, 3600),
    "NumberOfCpuCores": Limit("float", 0.25),
    "NumberOfAcceleratorDevices": Limit("float", 1),
    "MemoryInMb": Limit("integer", 128),
    "AcceleratorPartitionType": Limit("string", 0, 32, r"mig-[0-9]+g\.[0-9]+gb([+-][a-z0-9.]+)*"),
    "EnableCaching": Limit("boolean"),
    "InferenceComponentPlacementStrategy": Limit("string", enum=("SPREAD", "BINPACK")),
    "AvailabilityZoneBalanceEnforcementMode": Limit("string", enum=("PERMISSIVE",)),
    "AvailabilityZoneBalanceMaxImbalance": Limit("integer", 0, 100),
    "InferenceComponentSpecificationList": Limit("list", 1, 5),
    "InferenceComponentCopyCount": Limit("integer", 0),
    "TagList": Limit("list", 0, 50),
    "TagKey": Limit("string", 1, 128, _TAG),
    "TagValue": Limit("string", 0, 256, _TAG),
    "InferenceComponentCapacitySizeType": Limit("string", enum=_CAPACITY_TYPES),
    "CapacitySizeValue": Limit("integer", 1),
    "WaitIntervalInSeconds": Limit("integer", 0, 3600),
    "MaximumExecutionTimeoutInSeconds": Limit("integer", 600, 28800),
    "AlarmList": Limit("list", 1, 10),
    "AlarmName": Limit("string", 1, 255, r"(?!\s*$).+"),
    "InferenceComponentSortKey": Limit("string", enum=("Name", "CreationTime", "Status")),
    "OrderKey": Limit("string", enum=("Ascending", "Descending")),
    "PaginationToken": Limit("string", 0, 8192, r".*"),
    "MaxResults": Limit("integer", 1, 100),
    "InferenceComponentNameContains": Limit("string", 0, 63, r"[a-zA-Z0-9-]+"),
    "Timestamp": Limit("timestamp"),
    # -- CreateEndpointConfig and CreateEndpoint: the members an endpoint for components uses --
    "EndpointConfigName": Limit("string", 0, 63, _ENDPOINT),
    "ProductionVariantList": Limit("list", 1, 10),
    "InitialTaskCount": Limit("integer", 1),
    "InstancePoolList": Limit("list", 1, 5),
    "InstancePoolPriority": Limit("integer", 1, 5),
    "VariantInstanceProvisionTimeoutInSeconds": Limit("integer", 300, 3600),
    "VariantWeight": Limit("float", 0),
    "DestinationS3Uri": Limit("string", 0, 512, r"(https|s3)://([^/])/?(.*)"),
    "KmsKeyId": Limit("string", 0, 2048, r"[a-zA-Z0-9:/_-]*"),
    "ProductionVariantVolumeSizeInGB": Limit("integer", 1, 512),
    "ProductionVariantSSMAccess": Limit("boolean"),
    "ManagedInstanceScalingStatus": Limit("string", enum=("ENABLED", "DISABLED")),
    "ManagedInstanceScalingMinInstanceCount": Limit("integer", 0),
    "ManagedInstanceScalingMaxInstanceCount": Limit("integer", 1),
    "ManagedInstanceScalingScaleInStrategy": Limit("string", enum=_SCALE_IN),
    "ManagedInstanceScalingMaximumStepSize": Limit("integer", 1, 100),
    "ManagedInstanceScalingCooldownInMinutes": Limit("integer", 5, 1440),
    "RoutingStrategy": Limit("string", enum=_ROUTING),
    "PrefixAwareRoutingPrefixLength": Limit("integer", 1024, 65536),
    "PrefixAwareRoutingConcurrencyThreshold": Limit("integer", 1, 1024),
    "ProductionVariantInferenceAmiVersion": Limit("string", enum=_AMI_VERSIONS),
    "CapacityReservationPreference": Limit("string", enum=("capacity-reservations-only",)),
    "MlReservationArn": Limit("string", 20, 258, _RESERVATION_ARN),
    "ProductionVariantAcceleratorPartitionLayoutsList": Limit("list", 1, 32),
    "AcceleratorPartitionTypeList": Limit("list", 0, 32),
    "RoleArn": Limit("string", 20, 2048, _ROLE_ARN),
    "VpcSecurityGroupIds": Limit("list", 1, 5),
    "SecurityGroupId": Limit("string", 0, 32, r"[-0-9a-zA-Z]+"),
    "Subnets": Limit("list", 1, 16),
    "SubnetId": Limit("string", 0, 32, r"[-0-9a-zA-Z]+"),
    "Boolean": Limit("boolean"),
    "EnableEnhancedMetrics": Limit("boolean"),
    "EnableDetailedObservability": Limit("boolean"),
    "CrossRegionMaxInvocationsPerSecondPerInstance": Limit("integer", 1, 10000),
    "CrossRegionPercentPerEndpoint": Limit("integer", 1, 100),
    "EnableCapture": Limit("boolean"),
    "SamplingPercentage": Limit("integer", 0, 100),
    "CaptureOptionList": Limit("list", 1, 32),
    "CaptureMode": Limit("string", enum=("Input", "Output", "InputAndOutput")),
    "CsvContentTypes": Limit("list", 1, 10),
    "CsvContentType": Limit("string", 1, 256, _CONTENT_TYPE),
    "JsonContentTypes": Limit("list", 1, 10),
    "JsonContentType": Limit("string", 1, 256, _CONTENT_TYPE),
    # -- Application Auto Scaling: RegisterScalableTarget and PutScalingPolicy --
    "application-autoscaling:ResourceCapacity": Limit("integer"),
    "application-autoscaling:MetricScale": Limit("double"),
    "application-autoscaling:Cooldown": Limit("integer"),
    "application-autoscaling:ScalingAdjustment": Limit("integer"),
    "application-autoscaling:MetricAggregationType": Limit("string", enum=_AGGREGATIONS),
    # -- CloudWatch: PutMetricAlarm --
    "cloudwatch:Period": Limit("integer", 1),
    "cloudwatch:EvaluationPeriods": Limit("integer", 1),
    "cloudwatch:DatapointsToAlarm": Limit("integer", 1),
    "cloudwatch:Threshold": Limit("double"),
    "cloudwatch:Statistic": Limit("string", enum=_STATISTICS),
    "cloudwatch:ComparisonOperator": Limit("string", enum=_COMPARISONS),
    "cloudwatch:TreatMissingData": Limit("string", 1, 255),
    # -- responses --
    "InferenceComponentStatus": Limit(
        "string", enum=("InService", "Creating", "Updating", "Failed", "Deleting")
    ),
}


def model_of(shape: str) -> tuple[str, str]:
    """The botocore service and shape name of a key of `LIMITS`.

    Examples:
        >>> model_of("MemoryInMb"), model_of("cloudwatch:Period")
        (('sagemaker', 'MemoryInMb'), ('cloudwatch', 'Period'))
    """
    service, _, name = shape.rpartition(":")
    return service or "sagemaker", name

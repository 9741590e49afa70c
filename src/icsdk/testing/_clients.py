"""boto3 clients for the services LocalSageMaker answers beside SageMaker and its runtime."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._transport import explicit_client

if TYPE_CHECKING:
    from botocore.config import Config
    from mypy_boto3_application_autoscaling import ApplicationAutoScalingClient
    from mypy_boto3_cloudwatch import CloudWatchClient

__all__ = ["ScalingClients"]


class ScalingClients:
    """Application Auto Scaling and CloudWatch clients on the same ``endpoint_url``.

    Part of [`LocalSageMaker`][icsdk.testing.LocalSageMaker].
    """

    def _client_kwargs(self, config: Config | None) -> dict[str, Any]:
        raise NotImplementedError

    def autoscaling_client(self, *, config: Config | None = None) -> ApplicationAutoScalingClient:
        """A real boto3 ``application-autoscaling`` client pointed at this service.

        Example:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     aas = local.autoscaling_client()
            ...     aas.describe_scalable_targets(ServiceNamespace="sagemaker")["ScalableTargets"]
            []
        """
        client: ApplicationAutoScalingClient = explicit_client(
            "application-autoscaling", **self._client_kwargs(config)
        )
        return client

    def cloudwatch_client(self, *, config: Config | None = None) -> CloudWatchClient:
        """A real boto3 ``cloudwatch`` client pointed at this service.

        Example:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     local.cloudwatch_client().describe_alarms()["MetricAlarms"]
            []
        """
        client: CloudWatchClient = explicit_client("cloudwatch", **self._client_kwargs(config))
        return client

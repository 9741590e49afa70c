"""boto3 clients for the services LocalSageMaker answers: SageMaker, its runtime, autoscaling."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._transport import explicit_client

if TYPE_CHECKING:
    from botocore.config import Config
    from mypy_boto3_application_autoscaling import ApplicationAutoScalingClient
    from mypy_boto3_cloudwatch import CloudWatchClient
    from mypy_boto3_sagemaker import SageMakerClient
    from mypy_boto3_sagemaker_runtime import SageMakerRuntimeClient

__all__ = ["BotoClients"]


class BotoClients:
    """Real boto3 clients of every service LocalSageMaker answers, on its ``endpoint_url``.

    Part of [`LocalSageMaker`][icsdk.testing.LocalSageMaker]; dummy credentials.
    """

    region: str

    @property
    def endpoint_url(self) -> str:
        raise NotImplementedError

    def _client_kwargs(self, config: Config | None) -> dict[str, Any]:
        return {
            "region_name": self.region,
            "endpoint_url": self.endpoint_url,
            "aws_access_key_id": "testing",
            "aws_secret_access_key": "testing",
            "config": config,
        }

    def sagemaker_client(self, *, config: Config | None = None) -> SageMakerClient:
        """A real boto3 ``sagemaker`` client pointed at this service (dummy credentials).

        Examples:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     local.sagemaker_client().list_inference_components()["InferenceComponents"]
            []
        """
        client: SageMakerClient = explicit_client("sagemaker", **self._client_kwargs(config))
        return client

    def runtime_client(self, *, config: Config | None = None) -> SageMakerRuntimeClient:
        """A real boto3 ``sagemaker-runtime`` client pointed at this service.

        Examples:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     local.runtime_client().meta.service_model.service_name
            'sagemaker-runtime'
        """
        client: SageMakerRuntimeClient = explicit_client(
            "sagemaker-runtime", **self._client_kwargs(config)
        )
        return client

    def autoscaling_client(self, *, config: Config | None = None) -> ApplicationAutoScalingClient:
        """A real boto3 ``application-autoscaling`` client pointed at this service.

        Examples:
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

        Examples:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     local.cloudwatch_client().describe_alarms()["MetricAlarms"]
            []
        """
        client: CloudWatchClient = explicit_client("cloudwatch", **self._client_kwargs(config))
        return client

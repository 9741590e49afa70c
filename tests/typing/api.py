"""Typing tests: checked by mypy --strict and pyright strict, never executed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import timedelta
from typing import assert_type

import boto3
from mypy_boto3_application_autoscaling.type_defs import (
    PutScalingPolicyRequestTypeDef,
    RegisterScalableTargetRequestTypeDef,
)
from mypy_boto3_cloudwatch.type_defs import PutMetricAlarmInputTypeDef
from mypy_boto3_sagemaker.type_defs import CreateInferenceComponentInputTypeDef

from icsdk import (
    AccessDenied,
    Action,
    Adapter,
    AlarmStatistic,
    Autoscaling,
    AutoscalingRequests,
    CapacityFit,
    Change,
    Client,
    ComponentConflict,
    ComponentNotFound,
    ComponentState,
    ComponentSummary,
    ComputeRequirements,
    ConnectionFailed,
    ConsoleProgress,
    DeploymentFailed,
    Endpoint,
    EndpointNotEmpty,
    EndpointNotFound,
    EndpointState,
    EndpointStatus,
    Environment,
    Fault,
    IcsdkError,
    InferenceComponent,
    InferenceComponentBuilder,
    InvalidState,
    InvokeResult,
    ModelError,
    ModelNotReady,
    NoCapacity,
    OutcomeUnknown,
    Placement,
    Plan,
    Polling,
    Problem,
    QuotaExceeded,
    ReplaceRequired,
    RetryPolicy,
    ServiceError,
    SpecError,
    Specification,
    SpecMismatch,
    Status,
    Throttled,
    Until,
    VariantState,
    WaitTimeout,
    WakeOnRequest,
)
from icsdk.testing import Call, FaultKind, LocalSageMaker, set_testing


def builder_chains() -> None:
    builder = InferenceComponent.builder("a")
    assert_type(builder, InferenceComponentBuilder)
    assert_type(builder.endpoint("e", variant="v").model("m"), InferenceComponentBuilder)
    assert_type(
        builder.compute(ComputeRequirements(min_memory_mb=128)).copies(1).tag("k", "v"),
        InferenceComponentBuilder,
    )
    assert_type(builder.environment({"A": "1"}, B="2"), InferenceComponentBuilder)
    assert_type(
        builder.adapter(Adapter(base="b", artifact_url="s3://b/a")), InferenceComponentBuilder
    )
    ic = builder.build()
    assert_type(ic, InferenceComponent)
    assert_type(ic.to_boto3(), CreateInferenceComponentInputTypeDef)
    assert_type(InferenceComponent.from_boto3(ic.to_boto3()), InferenceComponent)
    assert_type(ic.specification, Specification | None)
    assert_type(ic.copies, int | None)
    assert_type(ic.is_adapter, bool)


def autoscaling(ic: InferenceComponent) -> None:
    scaling = Autoscaling(min_copies=0, max_copies=4, invocations_per_copy=5)
    assert_type(scaling.wake, WakeOnRequest | None)
    assert_type(scaling.invocations_per_copy, float | None)
    assert_type(WakeOnRequest().statistic, AlarmStatistic)
    assert_type(ic.autoscaling, Autoscaling | None)
    assert_type(InferenceComponent.builder("a").autoscaling(scaling), InferenceComponentBuilder)
    requests = ic.autoscaling_to_boto3()
    assert_type(requests, AutoscalingRequests | None)
    if requests is not None:
        assert_type(requests.scalable_target, RegisterScalableTargetRequestTypeDef)
        assert_type(requests.target_tracking, PutScalingPolicyRequestTypeDef)
        assert_type(requests.wake_policy, PutScalingPolicyRequestTypeDef | None)
        assert_type(requests.wake_alarm("arn"), PutMetricAlarmInputTypeDef | None)


def values() -> None:
    compute = ComputeRequirements(min_memory_mb=128, cpu_cores=0.5, accelerators=1)
    assert_type(compute.min_memory_mb, int)
    assert_type(compute.cpu_cores, float | None)
    assert_type(Environment({"A": "1"})["A"], str)


def errors(error: SpecError) -> None:
    assert_type(error.problems, tuple[Problem, ...])
    assert_type(error.paths, tuple[str, ...])
    assert_type(error.problems[0].path, str)


def client_api(client: Client, ic: InferenceComponent) -> None:
    assert_type(client.create(ic), str)
    assert_type(client.describe("a"), ComponentState)
    assert_type(client.exists("a"), bool)
    assert_type(client.list(endpoint="e", status=Status.IN_SERVICE), Iterator[ComponentSummary])
    assert_type(client.update(ic, deployment=None), str)
    assert_type(client.scale("a", 2, timeout=timedelta(minutes=5)), str)
    assert_type(client.delete("a", wait=True), None)
    assert_type(client.plan(ic), Plan)
    assert_type(client.apply(ic, allow_replace=False), Plan)
    assert_type(client.apply(ic, allow_oversized=True, wait=False), Plan)
    assert_type(client.plan(ic).capacity, CapacityFit | None)
    assert_type(client.plan(ic).scaling, Plan | None)
    assert_type(client.invoke("a", b"{}", wait_for_capacity=timedelta(minutes=15)), InvokeResult)
    assert_type(client.wait("a", until="copies_settled"), ComponentState | None)
    assert_type(client.wait_many(["a"], endpoint="e"), Mapping[str, Status | None])
    assert_type(client.invoke("a", b"{}", content_type="application/json"), InvokeResult)
    assert_type(client.invoke_stream("a", b"{}"), Iterator[bytes])
    assert_type(client.plan(ic).action, Action)
    assert_type(client.plan(ic).changes, tuple[Change, ...])
    state = client.describe("a")
    assert_type(state.status, Status | None)
    assert_type(state.component, InferenceComponent)
    assert_type(state.placements, tuple[Placement, ...])


def endpoint_api(client: Client, ep: Endpoint) -> None:
    assert_type(client.plan(ep), Plan)
    assert_type(client.apply(ep, wait=False, timeout=timedelta(hours=2)), Plan)
    assert_type(client.describe_endpoint("e"), EndpointState)
    assert_type(client.wait_endpoint("e", deleted=True), EndpointState | None)
    assert_type(client.delete_endpoint("e", force=True, wait=True), None)
    state = client.describe_endpoint("e")
    assert_type(state.status, EndpointStatus | None)
    assert_type(state.variants, tuple[VariantState, ...])
    assert_type(state.endpoint, Endpoint | None)
    assert_type(EndpointNotEmpty("e", ("a",)).components, tuple[str, ...])


def constructors(session: boto3.Session) -> None:
    assert_type(Client(), Client)
    assert_type(Client.from_session(session), Client)
    assert_type(RetryPolicy(attempts=3, deadline=timedelta(seconds=30)), RetryPolicy)
    assert_type(Polling(initial=0.5, maximum=5), Polling)
    assert_type(ConsoleProgress(), ConsoleProgress)
    assert_type(Until("deleted"), Until)


def error_tree(error: IcsdkError) -> None:
    if isinstance(error, ServiceError):
        assert_type(error.code, str)
        assert_type(error.request_id, str | None)
        assert_type(error.status, int | None)
        assert_type(error.throttling, bool)
        assert_type(error.applied, bool | None)
        assert_type(error.fault, Fault | None)
    if isinstance(error, OutcomeUnknown):
        assert_type(error.what_to_check, str)
    if isinstance(error, SpecMismatch | ReplaceRequired):
        assert_type(error.name, str)
    if isinstance(error, ModelError):
        assert_type(error.original_status, int | None)
    if isinstance(error, DeploymentFailed):
        assert_type(error.reason, str | None)
    if isinstance(error, WaitTimeout):
        assert_type(error.seconds, float)
    issubclass(ComponentNotFound, LookupError)
    issubclass(ConnectionFailed, ConnectionError)
    issubclass(AccessDenied, PermissionError)
    for kind in (
        ComponentConflict,
        EndpointNotFound,
        InvalidState,
        QuotaExceeded,
        Throttled,
        NoCapacity,
        ModelNotReady,
    ):
        assert_type(kind.__mro__, tuple[type, ...])


def testing_api(local: LocalSageMaker) -> None:
    assert_type(local.endpoint_url, str)
    assert_type(local.client(), Client)
    assert_type(local.create_endpoint("e"), str)
    assert_type(local.journal.calls(operation="CreateInferenceComponent"), list[Call])
    assert_type(local.journal.count(), int)
    local.faults.script(FaultKind.RESET_AFTER, operation="CreateInferenceComponent")
    with set_testing(sleep=local.advance):
        pass

"""One retry layer: what is retried, backoff, deadlines, and writes whose outcome is unknown."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from icsdk import (
    AccessDenied,
    Client,
    ComponentConflict,
    ConnectionFailed,
    QuotaExceeded,
    RetryPolicy,
    ServiceError,
    SpecMismatch,
    Throttled,
)
from icsdk.testing import FaultKind, LocalSageMaker

from ..samples import CANARY, RecordingClock, client_for, full_component, small_component


def policy(attempts: int = 4, deadline: float = 120.0) -> tuple[RetryPolicy, RecordingClock]:
    return RetryPolicy(attempts=attempts, deadline=deadline, random=lambda: 1.0), RecordingClock()


def test_backoff_is_full_jitter_exponential_and_capped() -> None:
    retry = RetryPolicy(random=lambda: 1.0)
    assert [retry.backoff(attempt=n, throttled=True) for n in range(1, 8)] == [
        1,
        2,
        4,
        8,
        16,
        20,
        20,
    ]
    assert [retry.backoff(attempt=n, throttled=False) for n in range(1, 9)] == [
        0.1,
        0.2,
        0.4,
        0.8,
        1.6,
        3.2,
        5.0,
        5.0,
    ]
    assert RetryPolicy(random=lambda: 0.25).backoff(attempt=3, throttled=True) == 1.0
    with pytest.raises(ValueError, match="attempts"):
        RetryPolicy(attempts=0)
    with pytest.raises(ValueError, match="deadline"):
        RetryPolicy(deadline=0)


def test_throttling_is_retried_with_the_throttle_backoff(local: LocalSageMaker) -> None:
    retry, clock = policy()
    client = client_for(local, retry=retry, clock=clock)
    slept = clock.slept
    local.faults.script(FaultKind.THROTTLE, operation="DescribeInferenceComponent", times=2)
    client.create(small_component("a"))
    assert client.describe("a").name == "a"
    assert slept == [1.0, 2.0]
    assert local.journal.count(operation="DescribeInferenceComponent") == 3


def test_attempts_are_bounded_and_the_last_error_is_typed(local: LocalSageMaker) -> None:
    retry, clock = policy(attempts=3)
    client = client_for(local, retry=retry, clock=clock)
    slept = clock.slept
    local.faults.script(FaultKind.THROTTLE, operation="DescribeInferenceComponent", times=5)
    with pytest.raises(Throttled) as caught:
        client.describe("a")
    assert caught.value.throttling
    assert caught.value.__cause__ is not None
    assert local.journal.count(operation="DescribeInferenceComponent") == 3
    assert len(slept) == 2


def test_the_deadline_bounds_the_time_spent(local: LocalSageMaker) -> None:
    retry, clock = policy(attempts=50, deadline=10)
    client = client_for(local, retry=retry, clock=clock)
    slept = clock.slept
    local.faults.script(FaultKind.THROTTLE, operation="DescribeInferenceComponent", times=50)
    with pytest.raises(Throttled):
        client.describe("a")
    assert sum(slept) <= 10
    assert local.journal.count(operation="DescribeInferenceComponent") == len(slept) + 1


@pytest.mark.parametrize(
    ("kind", "error"),
    [(FaultKind.QUOTA, QuotaExceeded), (FaultKind.ACCESS_DENIED, AccessDenied)],
)
def test_quota_and_auth_errors_are_never_retried(
    local: LocalSageMaker, kind: FaultKind, error: type[ServiceError]
) -> None:
    retry, clock = policy()
    local.faults.script(kind, operation="CreateInferenceComponent")
    with pytest.raises(error):
        client_for(local, retry=retry, clock=clock).create(small_component("a"))
    assert clock.slept == []
    assert local.journal.count(operation="CreateInferenceComponent") == 1


def test_validation_errors_are_never_retried(local: LocalSageMaker) -> None:
    retry, clock = policy()
    client = client_for(local, retry=retry, clock=clock)
    slept = clock.slept
    with pytest.raises(ServiceError) as caught:
        client.scale("missing", 2)
    assert caught.value.code == "ValidationException"
    assert (caught.value.fault, caught.value.applied) == ("client", False)
    assert slept == []


@pytest.mark.parametrize(
    "kind",
    [
        FaultKind.RESET_AFTER,
        FaultKind.MALFORMED,
        FaultKind.RESET_BEFORE,
        FaultKind.INTERNAL_ERROR,
        FaultKind.SERVICE_UNAVAILABLE,
        FaultKind.BAD_GATEWAY,
        FaultKind.THROTTLE,
    ],
)
def test_an_ambiguous_create_makes_exactly_one_component(
    local: LocalSageMaker, kind: FaultKind
) -> None:
    retry, clock = policy()
    client = client_for(local, retry=retry, clock=clock)
    local.faults.script(kind, operation="CreateInferenceComponent")
    arn = client.create(small_component("a"))
    assert arn.endswith("inference-component/a")
    assert local.journal.count(operation="CreateInferenceComponent", committed=True) == 1
    assert [c.name for c in client.list()] == ["a"]


def test_a_create_that_timed_out_is_settled_not_repeated() -> None:
    with LocalSageMaker(require_models=False) as local:
        local.create_endpoint("shared-gpu")
        local.faults.script(FaultKind.SLOW, operation="CreateInferenceComponent", delay=1.2)
        client = client_for(  # a boto3 client with a short read timeout
            local,
            sagemaker=local.sagemaker_client(
                config=Config(read_timeout=0.4, retries={"total_max_attempts": 1})
            ),
        )
        assert client.create(small_component("a")).endswith("inference-component/a")
        assert local.journal.count(operation="CreateInferenceComponent", committed=True) == 1


def test_an_ambiguous_create_that_made_another_spec_is_a_conflict(local: LocalSageMaker) -> None:
    retry, clock = policy()
    client = client_for(local, retry=retry, clock=clock)
    # Someone else made "a" with another spec; our create fails ambiguously (a 500).
    # A standard component names its variant on the wire (icsdk fills it in; raw boto3 must).
    request: Any = {**small_component("a").to_boto3(), "VariantName": "AllTraffic"}
    local.sagemaker_client().create_inference_component(**request)
    local.faults.script(FaultKind.INTERNAL_ERROR, operation="CreateInferenceComponent")
    with pytest.raises(SpecMismatch, match="different spec") as caught:
        client.create(full_component("a"))
    assert "specification.compute.min_memory_mb" in str(caught.value)
    assert CANARY not in str(caught.value)
    assert local.journal.count(operation="CreateInferenceComponent", committed=True) == 1


def test_creating_an_existing_component_is_a_conflict(local: LocalSageMaker) -> None:
    client = local.client()
    client.create(small_component("a"))
    with pytest.raises(ComponentConflict, match="already existing"):
        client.create(small_component("a"))


@pytest.mark.parametrize("kind", [FaultKind.RESET_AFTER, FaultKind.INTERNAL_ERROR])
def test_ambiguous_scale_update_delete_are_settled(local: LocalSageMaker, kind: FaultKind) -> None:
    retry, clock = policy()
    client = client_for(local, retry=retry, clock=clock)
    client.apply(small_component("a", copies=1))
    for operation in ("UpdateInferenceComponentRuntimeConfig", "DeleteInferenceComponent"):
        local.faults.script(kind, operation=operation)
    client.scale("a", 2, wait=True)
    assert client.describe("a").current_copies == 2
    assert (
        local.journal.count(operation="UpdateInferenceComponentRuntimeConfig", committed=True) == 1
    )
    client.delete("a", wait=True)
    assert not client.exists("a")
    assert local.journal.count(operation="DeleteInferenceComponent", committed=True) == 1


def test_connection_failures_surface_as_connection_failed() -> None:
    client = Client.from_endpoint(
        "http://127.0.0.1:9",
        region="us-east-1",
        credentials=("t", "t"),
        retry=RetryPolicy(attempts=2),
        clock=RecordingClock(),
    )
    with pytest.raises(ConnectionFailed) as caught:
        client.describe("a")
    assert isinstance(caught.value, ConnectionError)
    assert caught.value.applied is False  # nothing reached a service


@pytest.mark.parametrize(
    "retries",
    [
        {"total_max_attempts": 10},
        {"mode": "standard", "max_attempts": 9},
        {"mode": "legacy"},
        {"mode": "adaptive", "total_max_attempts": 6},
    ],
    ids=["total_max_attempts", "standard", "legacy", "adaptive"],
)
def test_a_client_passed_in_never_resends_icsdks_requests(
    local: LocalSageMaker, retries: dict[str, Any]
) -> None:
    theirs = local.sagemaker_client(config=Config(retries=retries))  # type: ignore[arg-type]
    clock = RecordingClock(local.advance)
    client = client_for(
        local, retry=RetryPolicy(attempts=5, random=lambda: 1.0), clock=clock, sagemaker=theirs
    )
    # A create whose answer is lost: botocore would resend it and report "already exists".
    local.faults.script(FaultKind.RESET_AFTER, operation="CreateInferenceComponent")
    assert client.create(small_component("a")).endswith("inference-component/a")
    assert local.journal.count(operation="CreateInferenceComponent") == 1
    # Throttled without end: icsdk sends at most RetryPolicy.attempts requests in all.
    # (8 throttles outlast 5 attempts; adaptive mode's own client-side pacing makes more slow.)
    local.faults.script(FaultKind.THROTTLE, operation="DescribeInferenceComponent", times=8)
    with pytest.raises(Throttled):
        client.describe("a")
    assert local.journal.count(operation="DescribeInferenceComponent") <= 5 + 1  # +1: settling
    local.faults.clear()
    # The application's own calls through the same client keep botocore's retries.
    local.journal.clear()
    local.faults.script(FaultKind.THROTTLE, operation="ListInferenceComponents", times=1)
    assert theirs.list_inference_components()["InferenceComponents"]
    assert local.journal.count(operation="ListInferenceComponents") == 2


def test_a_retrying_client_is_left_alone_for_its_own_calls(local: LocalSageMaker) -> None:
    theirs = local.sagemaker_client(config=Config(retries={"total_max_attempts": 3}))
    client = client_for(local, sagemaker=theirs)
    assert client.retry.attempts == RetryPolicy().attempts  # icsdk keeps its own budget
    local.faults.script(FaultKind.INTERNAL_ERROR, operation="DescribeInferenceComponent")
    with pytest.raises(ClientError, match="Could not find"):
        theirs.describe_inference_component(InferenceComponentName="missing")
    assert local.journal.count(operation="DescribeInferenceComponent") == 2


def test_built_clients_make_one_attempt_with_timeouts() -> None:
    client = Client(region="us-east-1")
    config: Any = client.sagemaker.meta.config
    assert config.retries == {"mode": "standard", "total_max_attempts": 1}
    assert (config.connect_timeout, config.read_timeout) == (5, 30)
    runtime_config: Any = client.runtime.meta.config
    assert runtime_config.read_timeout == 70


def test_retries_are_logged_without_secrets(
    local: LocalSageMaker, caplog: pytest.LogCaptureFixture
) -> None:
    retry, clock = policy()
    client = client_for(local, retry=retry, clock=clock)
    local.faults.script(FaultKind.THROTTLE, operation="CreateInferenceComponent")
    with caplog.at_level(logging.INFO, logger="icsdk"):
        client.apply(full_component())
    messages = [record.getMessage() for record in caplog.records]
    assert (
        "CreateInferenceComponent: ThrottlingException on attempt 1; retrying in 1.00 s" in messages
    )
    assert any(m.startswith("waiting: llama-8b: InService") for m in messages)
    assert all(CANARY not in m for m in messages)


def test_the_pacer_spaces_sends_after_a_throttle() -> None:
    from icsdk._pacing import Pacer
    from icsdk._time import Deadline

    clock = RecordingClock()
    pacer, deadline = Pacer(clock), Deadline(clock, 60)
    for _ in range(20):  # a burst: 20 sends in well under a second
        pacer.wait("Op", deadline)
    pacer.throttled("Op")
    gap = pacer._gap["Op"]
    assert 0 < gap < 0.06  # 90 % of a rate of at least 20 a second
    pacer.throttled("Op")  # the same burst's throttles count once
    assert pacer._gap["Op"] == gap
    pacer.succeeded("Op")
    assert pacer._gap["Op"] == pytest.approx(gap * 0.99)
    before = clock.monotonic()
    pacer.wait("Op", deadline)
    pacer.wait("Op", deadline)  # the second send waits one gap behind the first
    assert clock.monotonic() - before >= pacer._gap["Op"] * 0.9
    assert "Other" not in pacer._gap  # other operations are not slowed


def test_threads_sharing_a_client_stay_near_the_rate_limit() -> None:
    from concurrent.futures import ThreadPoolExecutor

    with LocalSageMaker(require_models=False) as local:
        local.create_endpoint("shared-gpu")
        local.rate_limits.set("CreateInferenceComponent", tps=50, burst=5)
        client = local.client(retry=RetryPolicy(attempts=5))
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(client.create, [small_component(f"c{i}") for i in range(60)]))
        throttled = local.journal.count(operation="CreateInferenceComponent", outcome="RateLimited")
        assert local.journal.count(operation="CreateInferenceComponent", committed=True) == 60
        assert throttled < 60  # without pacing, retries of 8 threads collide far more often

"""The server itself: loopback only, real clients, isolation, clean shutdown, CLI."""

from __future__ import annotations

import threading
import time

import pytest

from icsdk.testing import LocalSageMaker
from icsdk.testing.__main__ import main


def test_serves_on_loopback_with_real_clients() -> None:
    with LocalSageMaker(require_models=False) as local:
        assert local.endpoint_url.startswith("http://127.0.0.1:")
        client = local.sagemaker_client()
        assert client.meta.endpoint_url == local.endpoint_url
        assert client.list_inference_components()["InferenceComponents"] == []


def test_instances_are_isolated() -> None:
    with (
        LocalSageMaker(require_models=False) as first,
        LocalSageMaker(require_models=False) as second,
    ):
        first.create_endpoint("only-here")
        assert first.sagemaker_client().describe_endpoint(EndpointName="only-here")
        with pytest.raises(second.sagemaker_client().exceptions.ClientError):
            second.sagemaker_client().describe_endpoint(EndpointName="only-here")


def test_stop_leaves_no_threads_even_with_open_connections() -> None:
    before = threading.active_count()
    local = LocalSageMaker(require_models=False).start()
    client = local.sagemaker_client()
    for _ in range(3):
        client.list_inference_components()  # keep-alive connections stay open
    local.stop()
    deadline = time.monotonic() + 5
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert threading.active_count() == before
    with pytest.raises(RuntimeError, match="not running"):
        _ = local.endpoint_url
    local.stop()  # idempotent


def test_command_line_serves_until_stopped(capsys: pytest.CaptureFixture[str]) -> None:
    stop = threading.Event()
    runner = threading.Thread(target=main, args=(["--port", "0"],), kwargs={"stop": stop})
    runner.start()
    deadline = time.monotonic() + 5
    while "serving on" not in capsys.readouterr().out and time.monotonic() < deadline:
        time.sleep(0.02)
    stop.set()
    runner.join(timeout=5)
    assert not runner.is_alive()


def test_manual_clock_needs_manual_mode() -> None:
    with pytest.raises(RuntimeError, match="clock='manual'"):
        LocalSageMaker(require_models=False).advance(1)

"""LocalSageMaker holds under bad clients: raw sockets send what boto3 never would."""

from __future__ import annotations

import json
import logging
import socket
import struct
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from icsdk.testing import FaultKind, LocalSageMaker

TIMEOUT = 0.4  # the server's per-connection timeout in these tests, seconds


@pytest.fixture
def quiet(capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fails the test if anything reaches stderr (tracebacks from threads) or a log record."""
    caplog.set_level(logging.DEBUG)
    yield
    assert capfd.readouterr().err == ""
    noisy = [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]
    assert noisy == []


@pytest.fixture
def server(quiet: None) -> Iterator[LocalSageMaker]:
    with LocalSageMaker(
        require_models=False, connection_timeout=TIMEOUT, max_connections=16
    ) as local:
        local.create_endpoint("shared-gpu")
        yield local


def address(local: LocalSageMaker) -> tuple[str, int]:
    parts = urlsplit(local.endpoint_url)
    assert parts.hostname is not None and parts.port is not None
    return parts.hostname, parts.port


def request(target: str, body: bytes, *, length: str | None = None, extra: str = "") -> bytes:
    head = (
        "POST / HTTP/1.1\r\nHost: localhost\r\n"
        "Content-Type: application/x-amz-json-1.1\r\nConnection: close\r\n"
        f"X-Amz-Target: {target}\r\n"
        f"Content-Length: {len(body) if length is None else length}\r\n{extra}\r\n"
    )
    return head.encode("latin-1") + body


def exchange(local: LocalSageMaker, raw: bytes, *, shut_write: bool = False) -> bytes:
    """Send ``raw`` and read until the server closes (every refusal closes the connection)."""
    with socket.create_connection(address(local), timeout=3) as sock:
        sock.sendall(raw)
        if shut_write:
            sock.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
        return received


def parsed(received: bytes) -> tuple[int, dict[str, str], Any]:
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, json.loads(body)


LIST = "SageMaker.ListInferenceComponents"
NESTED = b"[" * 100_000 + b"]" * 100_000
# case: (request, status, error code, whether the server must close: the request's end unknown)
BAD_REQUESTS = {
    "length-not-a-number": (request(LIST, b"{}", length="abc"), 400, "SerializationException", 1),
    "length-negative": (request(LIST, b"{}", length="-1"), 400, "SerializationException", 1),
    "length-plus-sign": (request(LIST, b"{}", length="+2"), 400, "SerializationException", 1),
    "length-over-the-limit": (
        request(LIST, b"{}", length=str(10**12)),
        413,
        "RequestEntityTooLargeException",
        1,
    ),
    "chunked-body": (
        request(LIST, b"2\r\n{}\r\n0\r\n\r\n", extra="Transfer-Encoding: chunked\r\n"),
        400,
        "SerializationException",
        1,
    ),
    "nested-100000-deep": (request(LIST, NESTED), 400, "SerializationException", 0),
    "not-utf-8": (request(LIST, b'{"NameContains": "\xff\xfe"}'), 400, "SerializationException", 0),
    "not-json": (request(LIST, b"{nope"), 400, "SerializationException", 0),
    "unknown-target": (request("Nope.Thing", b"{}"), 400, "UnknownOperationException", 0),
    "unknown-operation": (request("SageMaker.Nope", b"{}"), 400, "UnknownOperationException", 0),
    "get": (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", 405, "UnknownOperationException", 1),
    "bad-request-line": (b"HELLO\r\n\r\n", 400, "SerializationException", 1),
    "bad-version": (b"POST / HTTP/9.9\r\n\r\n", 505, "BadRequest", 1),
}


@pytest.mark.parametrize("case", sorted(BAD_REQUESTS))
def test_bad_requests_get_aws_shaped_errors(server: LocalSageMaker, case: str) -> None:
    raw, status, code, closes = BAD_REQUESTS[case]
    answer, headers, body = parsed(exchange(server, raw))
    assert (answer, body["__type"]) == (status, code)
    assert body["message"]
    assert (headers.get("connection") == "close") == bool(closes)


def test_a_body_shorter_than_its_length_is_refused(server: LocalSageMaker) -> None:
    raw = request(LIST, b'{"Max', length="100")
    status, _, body = parsed(exchange(server, raw, shut_write=True))
    assert (status, body["__type"]) == (400, "SerializationException")
    assert body["message"] == "Request body ended after 5 of 100 bytes."


def test_a_stalled_request_is_closed_after_the_timeout(server: LocalSageMaker) -> None:
    started = time.monotonic()
    received = exchange(server, request(LIST, b'{"Max', length="100"))
    assert received == b""  # closed unanswered: the rest of the request never came
    assert TIMEOUT <= time.monotonic() - started < TIMEOUT + 2


def test_a_binary_payload_is_a_valid_invocation(server: LocalSageMaker) -> None:
    payload = b"\xff\xfe\x00binary"
    raw = (
        b"POST /endpoints/shared-gpu/invocations HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        b"X-Amzn-SageMaker-Inference-Component: missing\r\n"
        + f"Content-Length: {len(payload)}\r\n\r\n".encode()
        + payload
    )
    status, headers, body = parsed(exchange(server, raw))
    # Read in full and routed; refused only because the component does not exist.
    assert (status, headers["x-amzn-errortype"]) == (400, "ValidationError:")
    assert body["message"] == "Inference Component missing not found for endpoint shared-gpu."


def test_runtime_refusals_use_the_runtime_framing(server: LocalSageMaker) -> None:
    raw = b"POST /endpoints/shared-gpu/invocations HTTP/1.1\r\nContent-Length: x\r\n\r\n"
    status, headers, body = parsed(exchange(server, raw))
    assert (status, headers["x-amzn-errortype"]) == (400, "SerializationException:")
    assert "__type" not in body


def _abort(sock: socket.socket) -> None:
    # SO_LINGER 0: close() resets the connection, as a client killed mid-request does.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


@pytest.mark.parametrize("operation", ["ListInferenceComponents", "InvokeEndpoint"])
def test_clients_that_go_away_are_quiet(server: LocalSageMaker, operation: str) -> None:
    server.faults.script(FaultKind.SLOW, operation=operation, times=3, delay=0.2)
    if operation == "InvokeEndpoint":
        server.register_handler("shared-gpu", lambda invocation: b"x" * 1_000_000)
        raw = b"POST /endpoints/shared-gpu/invocations HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
    else:
        raw = request(LIST, b"{}")
    for _ in range(3):
        sock = socket.create_connection(address(server), timeout=3)
        sock.sendall(raw)
        _abort(sock)  # gone before the (delayed, large) answer is written
    time.sleep(0.4)
    assert server.sagemaker_client().list_inference_components()["InferenceComponents"] == []


def test_half_sent_requests_do_not_hold_a_thread_each(server: LocalSageMaker) -> None:
    before = threading.active_count()
    sockets: list[socket.socket] = []
    try:
        for _ in range(200):
            sock = socket.create_connection(address(server), timeout=3)
            sock.sendall(request(LIST, b"{", length="100"))
            sockets.append(sock)
        time.sleep(0.1)
        assert threading.active_count() - before <= 16  # max_connections
    finally:
        for sock in sockets:
            sock.close()
    # Still serving, and the handler threads are gone once their clients are.
    assert server.sagemaker_client().list_inference_components()["InferenceComponents"] == []
    deadline = time.monotonic() + 3
    while threading.active_count() > before + 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert threading.active_count() <= before + 1  # at most the boto3 client's connection


def test_a_full_server_makes_new_connections_wait(quiet: None) -> None:
    with LocalSageMaker(
        require_models=False, max_connections=1, connection_timeout=TIMEOUT
    ) as local:
        holder = socket.create_connection(address(local), timeout=3)
        holder.sendall(request(LIST, b"{", length="100"))  # holds the only slot
        try:
            started = time.monotonic()
            waiting = exchange(local, request(LIST, b"{}", extra="Connection: close\r\n"))
            # Served once the holder timed out, not refused at once.
            assert parsed(waiting)[0] == 200
            assert time.monotonic() - started >= TIMEOUT / 2
        finally:
            holder.close()


def test_limits_are_checked() -> None:
    with pytest.raises(ValueError, match="max_connections"):
        LocalSageMaker(require_models=False, max_connections=0)
    with pytest.raises(ValueError, match="connection_timeout"):
        LocalSageMaker(require_models=False, connection_timeout=0)

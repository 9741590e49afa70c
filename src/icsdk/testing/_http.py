"""HTTP: the threaded server on 127.0.0.1, reading requests and framing replies.

The server knows the two protocols' routing and nothing of the service: a SageMaker request is
``POST /`` with ``X-Amz-Target: SageMaker.<Operation>`` and a JSON body; a runtime request is
``POST /endpoints/<name>/invocations[-response-stream]`` with the payload as its body; any other
request (Application Auto Scaling by its target, CloudWatch by its path) goes whole to the
application's ``other``. Each is handed to the application, and the `Reply` that comes back is
written out: as one response, a chunked event stream, a response cut short, or a dropped
connection.

It holds up under clients that misbehave, since a test double that crashes or hangs on a bad
request hides the client's bug behind its own:

- a `Content-Length` that is not a number, is negative, or is over `MAX_BODY`, a chunked request
  body, a body that ends before its length, JSON the parser cannot take (invalid, not UTF-8,
  nested deeper than the parser's recursion limit), an unknown method, target or path: each is
  answered with an AWS-shaped JSON error (400, or 404/405 for routes) and, where the request's
  end cannot be known, the connection is closed;
- at most ``max_connections`` connections are served at once (one thread each); the next one
  waits up to twice ``connection_timeout`` for a slot (time enough for a stalled connection to
  time out) and is then closed unanswered;
- every socket read or write gives up after ``connection_timeout`` seconds (a client that sends
  half a request, or stops reading, costs one slot for that long);
- a client that disconnects (``BrokenPipeError``, ``ConnectionResetError``) or times out ends
  its connection quietly: nothing is printed or logged.

Assumed (no public evidence): the exact codes and messages the real front end sends for
malformed HTTP; these are the stricter plausible behaviour (refuse, then close).
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import struct
import threading
import time
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ._protocol import AwsError, InvokeRequest, Reply, encode_event, error_reply

__all__ = ["MAX_BODY", "Control", "HttpServer", "Invoke", "Other"]

Control = Callable[[str, Any], Reply]
"""Serves one SageMaker operation: its name and its parsed JSON parameters."""
Invoke = Callable[[InvokeRequest], Reply]
"""Serves one runtime invocation."""
Other = Callable[[str, str, bytes], Reply]
"""Serves a request for another service: its path, its ``X-Amz-Target`` and its body."""

MAX_BODY = 32 * 1024 * 1024
"""Largest request body read; above it the request is refused unread (memory stays bounded)."""

_INVOKE = re.compile(r"^/endpoints/(?P<endpoint>[^/]+)/(?P<kind>invocations(-response-stream)?)$")
# Codes for errors raised by http.server itself (bad request line, headers too long, ...).
_HTTP_CODES = {
    400: "SerializationException",
    404: "UnknownOperationException",
    405: "UnknownOperationException",
    408: "RequestTimeoutException",
    413: "RequestEntityTooLargeException",
    414: "RequestURITooLongException",
    431: "RequestHeaderFieldsTooLargeException",
    501: "UnknownOperationException",
}
# A connection whose client went away (BrokenPipeError, ConnectionResetError) or stalled
# (TimeoutError): expected, so never reported. All are OSErrors.
_GONE = OSError


class _Refusal(Exception):
    """A request refused before it reaches the application; the connection then closes."""

    def __init__(self, error: AwsError, *, rest: bool) -> None:
        super().__init__(error.message)
        self.reply = error_reply(error, rest=rest)


class HttpServer:
    """A threaded HTTP server on 127.0.0.1, serving from the moment it is made until stopped."""

    def __init__(
        self,
        port: int,
        control: Control,
        invoke: Invoke,
        *,
        max_connections: int,
        connection_timeout: float,
        other: Other | None = None,
    ) -> None:
        self._server = _Server(
            ("127.0.0.1", port),
            max_connections=max_connections,
            connection_timeout=connection_timeout,
        )
        self._server.control = control
        self._server.invoke = invoke
        self._server.other = other
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            name="LocalSageMaker",
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def stop(self) -> None:
        """Stop serving, close every connection and wait for the server's threads."""
        self._server.closing.set()
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        self._thread.join()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # Connections waiting for a slot queue in the kernel rather than being refused at once.
    request_queue_size = 256
    control: Control
    invoke: Invoke
    other: Other | None

    def __init__(
        self, address: tuple[str, int], *, max_connections: int, connection_timeout: float
    ) -> None:
        super().__init__(address, _RequestHandler)
        self.connection_timeout = connection_timeout
        self.closing = threading.Event()
        self._slots = threading.BoundedSemaphore(max_connections)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._workers: set[threading.Thread] = set()

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._wait_for_slot():
            # Refused unanswered: answering would mean reading a request, which needs a thread.
            self._close_quietly(request)
            return
        with self._open_lock:
            self._open.add(request)
        worker = threading.Thread(
            target=self.process_request_thread, args=(request, client_address), daemon=True
        )
        with self._open_lock:
            self._workers = {t for t in self._workers if t.is_alive()} | {worker}
        worker.start()

    def _wait_for_slot(self) -> bool:
        # Twice the timeout: a slot held by a stalled client frees within one. Short steps, so
        # that stop() is never held up by a full server.
        deadline = time.monotonic() + 2 * self.connection_timeout
        while not self._slots.acquire(timeout=0.05):
            if self.closing.is_set() or time.monotonic() >= deadline:
                return False
        return True

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: a client that went away is not the server's failure, and nothing else raises.

        The handler answers the application's own exceptions with a 500, so what reaches here
        is a connection that broke, timed out or was reset.
        """

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        self._close_quietly(request)

    @staticmethod
    def _close_quietly(request: socket.socket) -> None:
        with contextlib.suppress(OSError):
            request.shutdown(socket.SHUT_WR)
        with contextlib.suppress(OSError):
            request.close()

    def close_connections(self) -> None:
        with self._open_lock:
            sockets, workers = list(self._open), list(self._workers)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for worker in workers:
            worker.join(timeout=5)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without TCP_NODELAY, Nagle's algorithm and
    # delayed ACKs add ~40 ms to every keep-alive request.
    disable_nagle_algorithm = True
    server: _Server  # pyright: ignore[reportIncompatibleVariableOverride]

    def setup(self) -> None:
        super().setup()
        # On the socket, so it bounds every read and write, not only the wait for a request.
        self.connection.settimeout(self.server.connection_timeout)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the journal records every request."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (bad request line, long headers), AWS-shaped."""
        # An unreadable request line leaves the version at HTTP/0.9, which has no status line
        # or headers; the answer is HTTP/1.1 whatever the client sent.
        self.request_version = self.protocol_version
        error = AwsError(_HTTP_CODES.get(code, "BadRequest"), message or "Bad request", code)
        self._refuse(error_reply(error, rest=False))

    def do_POST(self) -> None:
        rest = _INVOKE.match(self.path) is not None
        try:
            body = self._body(rest=rest)
        except _Refusal as refusal:
            self._refuse(refusal.reply)
            return
        try:
            reply = self._serve(body)
        except Exception as crash:  # a bug in the service answers 500, never a traceback
            error = AwsError("InternalFailure", f"{type(crash).__name__}: {crash}", 500)
            reply = error_reply(error, rest=rest)
        self._write(reply)

    def _not_routed(self) -> None:
        rest = self.path.startswith("/endpoints/")
        self._discard_body()
        error = AwsError("UnknownOperationException", f"No route for {self.command}", 405)
        self._refuse(error_reply(error, rest=rest))

    do_GET = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _not_routed

    def _discard_body(self) -> None:
        with contextlib.suppress(_Refusal, _GONE):
            self._body(rest=False)

    def _body(self, *, rest: bool) -> bytes:
        """The request body, exactly as long as its Content-Length says, or a refusal."""
        if "Transfer-Encoding" in self.headers:
            # Where a chunked body ends is unknown to this server: refuse, then close.
            raise _Refusal(_bad("Chunked request bodies are not supported."), rest=rest)
        declared = self.headers.get("Content-Length", "0").strip()
        # ``int()`` takes "+5", " 5" and "5_0"; HTTP's Content-Length is digits only.
        if not declared.isdigit() or not declared.isascii():
            raise _Refusal(_bad(f"Invalid Content-Length {declared[:40]!r}."), rest=rest)
        length = int(declared)
        if length > MAX_BODY:
            message = f"Request body of {length} bytes is over the limit of {MAX_BODY} bytes."
            raise _Refusal(AwsError("RequestEntityTooLargeException", message, 413), rest=rest)
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            message = f"Request body ended after {len(body)} of {length} bytes."
            raise _Refusal(_bad(message), rest=rest)
        return body

    def _serve(self, body: bytes) -> Reply:
        match = _INVOKE.match(self.path)
        if match is not None:
            stream = match["kind"].endswith("stream")
            headers = self.headers
            return self.server.invoke(
                InvokeRequest(
                    endpoint=match["endpoint"],
                    stream=stream,
                    component=headers.get("X-Amzn-SageMaker-Inference-Component"),
                    body=body,
                    content_type=headers.get("Content-Type"),
                    accept=headers.get("X-Amzn-SageMaker-Accept" if stream else "Accept"),
                    custom_attributes=headers.get("X-Amzn-SageMaker-Custom-Attributes"),
                )
            )
        target = self.headers.get("X-Amz-Target", "")
        if self.server.other is not None and not target.startswith("SageMaker."):
            # Application Auto Scaling (by its target) and CloudWatch (by its path).
            return self.server.other(self.path, target, body)
        if not target.startswith("SageMaker."):
            error = AwsError("UnknownOperationException", f"Unknown target {target[:80]!r}")
            return error_reply(error, rest=False)
        try:
            params: Any = json.loads(body or b"{}")
        except (ValueError, RecursionError):
            # ValueError covers bodies that are not UTF-8 (UnicodeDecodeError); RecursionError,
            # JSON nested deeper than the parser goes.
            error = AwsError("SerializationException", "The request body is not valid JSON.")
            return error_reply(error, rest=False)
        return self.server.control(target.removeprefix("SageMaker."), params)

    def _refuse(self, reply: Reply) -> None:
        """Answer ``reply`` and close: what follows on this connection cannot be trusted."""
        self.close_connection = True
        self._write(reply, closing=True)

    def _write(self, reply: Reply, *, closing: bool = False) -> None:
        try:
            self._send(reply, closing=closing)
        except _GONE:
            self.close_connection = True

    def _send(self, reply: Reply, *, closing: bool) -> None:
        if reply.delay:
            # Real time even on a manual clock: this delay is for the client's read timeout.
            time.sleep(reply.delay)
        if reply.reset:
            self._reset()
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        for name, value in reply.headers:
            self.send_header(name, value)
        if closing or reply.cut_short:
            self.send_header("Connection", "close")
        if reply.events is None:
            self._send_body(reply)
        else:
            self._send_events(reply)

    def _send_body(self, reply: Reply) -> None:
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if reply.cut_short:
            # The length promised, half the body sent, then the connection closed: a response
            # truncated in flight.
            self.wfile.write(reply.body[: len(reply.body) // 2])
            self._close()
            return
        self.wfile.write(reply.body)

    def _send_events(self, reply: Reply) -> None:
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        events = reply.events or ()
        failure = reply.stream_failure
        if reply.cut_short:
            events = events[:1]
        elif failure is not None:
            events = events[: failure.after]
        for part in events:
            self._chunk(encode_event("PayloadPart", part))  # Bytes is the event's payload
        if reply.cut_short:
            # No closing chunk: the stream ends in the middle, as a dropped connection ends it.
            self._close()
            return
        if failure is not None:
            self._chunk(encode_event(failure.code, failure.payload(), message_type="exception"))
        self.wfile.write(b"0\r\n\r\n")

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):X}\r\n".encode() + data + b"\r\n")

    def _close(self) -> None:
        self.wfile.flush()
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _reset(self) -> None:
        # SO_LINGER 0: close() sends RST, as a load balancer dropping the connection does.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


def _bad(message: str) -> AwsError:
    return AwsError("SerializationException", message)

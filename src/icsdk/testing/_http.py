"""HTTP: the threaded server on 127.0.0.1, reading requests and framing replies.

The server knows the two protocols' routing and nothing of the service: a SageMaker request is
``POST /`` with ``X-Amz-Target: SageMaker.<Operation>`` and a JSON body; a runtime request is
``POST /endpoints/<name>/invocations[-response-stream]`` with the payload as its body. Each is
handed to the application, and the `Reply` that comes back is written out: as one response,
a chunked event stream, or a dropped connection.
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

__all__ = ["Control", "HttpServer", "Invoke"]

Control = Callable[[str, Any], Reply]
"""Serves one SageMaker operation: its name and its parsed JSON parameters."""
Invoke = Callable[[InvokeRequest], Reply]
"""Serves one runtime invocation."""

_INVOKE = re.compile(r"^/endpoints/(?P<endpoint>[^/]+)/(?P<kind>invocations(-response-stream)?)$")


class HttpServer:
    """A threaded HTTP server on 127.0.0.1, serving from the moment it is made until stopped."""

    def __init__(self, port: int, control: Control, invoke: Invoke) -> None:
        self._server = _Server(("127.0.0.1", port), _RequestHandler)
        self._server.control = control
        self._server.invoke = invoke
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
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        self._thread.join()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    control: Control
    invoke: Invoke

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._workers: set[threading.Thread] = set()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        worker = threading.Thread(
            target=self.process_request_thread, args=(request, client_address), daemon=True
        )
        with self._open_lock:
            self._workers = {t for t in self._workers if t.is_alive()} | {worker}
        worker.start()

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

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

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the journal records every request."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length) if length else b""
        self._write(self._serve(body))

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
        if not target.startswith("SageMaker."):
            error = AwsError("UnknownOperationException", f"Unknown target {target!r}")
            return error_reply(error, rest=False)
        try:
            params: Any = json.loads(body or b"{}")
        except ValueError:
            error = AwsError("SerializationException", "The request body is not valid JSON.")
            return error_reply(error, rest=False)
        return self.server.control(target.removeprefix("SageMaker."), params)

    def _write(self, reply: Reply) -> None:
        if reply.delay:
            # Real time even on a manual clock: this delay is for the client's read timeout.
            time.sleep(reply.delay)
        if reply.reset:
            self._reset()
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        if reply.events is None:
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            for name, value in reply.headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)
            return
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for chunk in reply.events:
            event = encode_event("PayloadPart", chunk)  # Bytes is the event's payload
            self.wfile.write(f"{len(event):X}\r\n".encode() + event + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def _reset(self) -> None:
        # SO_LINGER 0: close() sends RST, as a load balancer dropping the connection does.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

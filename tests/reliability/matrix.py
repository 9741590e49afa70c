"""The fault matrix: every Client operation against every fault LocalSageMaker can inject.

``EXPECTED`` is the single source of both the parametrized tests and the table in
docs/reliability.md (``python -m tests.reliability.matrix`` rewrites it; a test checks it).
"""

from __future__ import annotations

import sys
from pathlib import Path

OPERATIONS = ("create", "describe", "list", "update", "scale", "delete", "invoke")

# Faults injected into the operation's request (one occurrence each).
INJECTED = (
    "THROTTLE",
    "INTERNAL_ERROR",
    "SERVICE_UNAVAILABLE",
    "BAD_GATEWAY",
    "RESET_BEFORE",
    "RESET_AFTER",
    "SLOW",
    "MALFORMED",
    "QUOTA",
    "ACCESS_DENIED",
    "MODEL_ERROR",
    "NO_CAPACITY",
    "MODEL_NOT_READY",
    "TRUNCATED",
    "MODEL_STREAM_ERROR",
    "INTERNAL_STREAM_FAILURE",
)
# Service states that make the operation fail on its own.
SITUATIONS = ("NOT_FOUND", "CONFLICT", "IN_PROGRESS")

_RECOVERED = dict.fromkeys(INJECTED[:8], "ok")
# Stream faults act on InvokeEndpointWithResponseStream only (tests/client/test_invoke_failures.py
# holds them there); every other operation is served as usual.
_CONTROL = {
    **_RECOVERED,
    "QUOTA": "QuotaExceeded",
    "ACCESS_DENIED": "AccessDenied",
    "TRUNCATED": "ok",
    "MODEL_STREAM_ERROR": "ok",
    "INTERNAL_STREAM_FAILURE": "ok",
}

EXPECTED: dict[tuple[str, str], str] = {}
for _op in OPERATIONS[:-1]:
    EXPECTED.update({(_op, kind): outcome for kind, outcome in _CONTROL.items()})
EXPECTED.update(
    {
        ("invoke", "THROTTLE"): "ok",
        ("invoke", "INTERNAL_ERROR"): "ok",
        ("invoke", "SERVICE_UNAVAILABLE"): "ok",
        ("invoke", "BAD_GATEWAY"): "ok",
        ("invoke", "RESET_BEFORE"): "ok",
        ("invoke", "RESET_AFTER"): "ok",
        ("invoke", "SLOW"): "ok",
        ("invoke", "QUOTA"): "QuotaExceeded",
        ("invoke", "ACCESS_DENIED"): "AccessDenied",
        ("invoke", "MODEL_ERROR"): "ModelError",
        ("invoke", "NO_CAPACITY"): "NoCapacity",
        ("invoke", "MODEL_NOT_READY"): "ok",
        ("invoke", "TRUNCATED"): "ok",
        ("invoke", "MODEL_STREAM_ERROR"): "ok",
        ("invoke", "INTERNAL_STREAM_FAILURE"): "ok",
        ("create", "NOT_FOUND"): "EndpointNotFound",
        ("describe", "NOT_FOUND"): "ComponentNotFound",
        ("list", "NOT_FOUND"): "ok",
        ("update", "NOT_FOUND"): "ComponentNotFound",
        ("scale", "NOT_FOUND"): "ComponentNotFound",
        ("delete", "NOT_FOUND"): "ok",
        ("invoke", "NOT_FOUND"): "ComponentNotFound",
        ("create", "CONFLICT"): "ComponentConflict",
        ("update", "IN_PROGRESS"): "InvalidState",
        ("scale", "IN_PROGRESS"): "InvalidState",
        # LocalSageMaker refuses a delete mid-transition, as the real service is reported to
        # (docs/local-fidelity.md); icsdk's delete() waits the transition out, then deletes.
        ("delete", "IN_PROGRESS"): "ok",
    }
)

NOTES = {
    "SLOW": "the answer comes after the client's read timeout",
    "MALFORMED": "200 with a body that is not JSON",
    "RESET_AFTER": "processed, then the connection is reset",
    "TRUNCATED": "processed, then the answer is cut short and the connection closed",
    "MODEL_STREAM_ERROR": "response streams only; other operations are served as usual",
    "INTERNAL_STREAM_FAILURE": "response streams only; other operations are served as usual",
    "NOT_FOUND": "no such component (create: no such endpoint)",
    "CONFLICT": "create a component that exists",
    "IN_PROGRESS": "change a component that is still Creating",
}


def render() -> str:
    columns = (*INJECTED, *SITUATIONS)
    lines = [
        "| fault | " + " | ".join(OPERATIONS) + " |",
        "|---|" + "---|" * len(OPERATIONS),
    ]
    for kind in columns:
        cells = [EXPECTED.get((op, kind), "—") for op in OPERATIONS]
        label = f"`{kind}`" + (f" ({NOTES[kind]})" if kind in NOTES else "")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


DOCS = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"
BEGIN, END = "<!-- matrix -->", "<!-- /matrix -->"


def documented() -> str:
    text = DOCS.read_text()
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip()


if __name__ == "__main__":
    text = DOCS.read_text()
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    DOCS.write_text(f"{head}{BEGIN}\n{render()}\n{END}{tail}")
    sys.exit(0)

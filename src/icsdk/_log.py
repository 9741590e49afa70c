"""The `icsdk` logger, and container environment values kept out of botocore's log records.

icsdk logs to the `icsdk` logger, which has a `NullHandler`: applications decide where records
go.

At DEBUG, botocore logs every request's parameters (`botocore.endpoint`) and every response
body (`botocore.parsers`), and with them the `Environment` of each container icsdk sends or
describes. [`install_redaction`][icsdk._log.install_redaction] puts a
[`RedactingFilter`][icsdk._log.RedactingFilter] on botocore's loggers; it rewrites a record
only when its message holds an `Environment` mapping, replacing each value with `***` and
keeping the keys.

A filter on a logger sees only the records created on that logger (not those its children
propagate), so the filter goes on every `botocore` logger that exists, on the ones known to log
bodies even before botocore creates them, and again on any created since, each time a Client is
built. A filter runs only for records that are emitted: a Client that does not log at DEBUG
pays nothing.
"""

from __future__ import annotations

import logging
import re
import threading

__all__ = ["RedactingFilter", "install_redaction", "logger", "redact"]

logger = logging.getLogger("icsdk")
logger.addHandler(logging.NullHandler())


class _Pattern:
    """A regular expression compiled on first use: most programs never redact anything."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    def get(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled


# An `Environment` key, quoted as JSON or a Python repr writes it. Backslashes before the
# closing quote mean JSON quoted inside JSON, which the parser below does not read.
_HEAD = _Pattern(r"""(?<=["'])Environment(\\*)["']\s*:\s*""")
_EMPTY = _Pattern(r"\s*\}")
# SageMaker's pattern for environment keys: a key never needs escaping.
_KEY = _Pattern(r"""\s*(["'])[A-Za-z_][A-Za-z0-9_]*\1\s*:\s*""")
# A string as JSON or a Python repr writes it: a backslash escapes the next character.
_PLAIN_VALUE = _Pattern(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""", re.DOTALL)
# JSON inside the repr of bytes (how botocore logs bodies): JSON's \\ and \" read \\\\ and \\".
_NESTED_VALUE = _Pattern(r'"(?:\\\\\\\\|\\\\"|\\.|[^"\\])*"', re.DOTALL)
_NEXT = _Pattern(r"\s*(?:(,)\s*|\})")

MASK = "***"
_UNREADABLE = "{***} [rest of the message redacted]"


def _values(text: str, start: int, value: _Pattern) -> tuple[int, list[tuple[int, int]]] | None:
    """The end of the mapping opened before `start` and its values' spans; `None` if unreadable."""
    spans: list[tuple[int, int]] = []
    empty = _EMPTY.get().match(text, start)
    if empty is not None:
        return empty.end(), spans
    at = start
    while True:
        key = _KEY.get().match(text, at)
        if key is None:
            return None
        found = value.get().match(text, key.end())
        if found is None:
            return None
        spans.append((found.start() + 1, found.end() - 1))
        after = _NEXT.get().match(text, found.end())
        if after is None:
            return None
        at = after.end()
        if after.group(1) is None:
            return at, spans


def redact(text: str) -> str:
    """`text` with the value of every `Environment` entry replaced by `***`, keys kept.

    Reads JSON (as str, or inside the repr of the bytes botocore logs) and Python reprs of
    dicts, wherever the `Environment` mapping sits (in `Container`, under `Specification` or
    `Specifications`). A mapping it cannot read is redacted with everything after it. Text
    without `Environment` comes back as the same object, after one substring test.

    Examples:
        >>> redact('{"Container": {"Environment": {"HF_TOKEN": "hf_abc", "A": "1"}}}')
        '{"Container": {"Environment": {"HF_TOKEN": "***", "A": "***"}}}'
        >>> redact("{'Environment': {'HF_TOKEN': 'hf_abc'}, 'Image': 'tgi'}")
        "{'Environment': {'HF_TOKEN': '***'}, 'Image': 'tgi'}"
        >>> import json
        >>> body = json.dumps({"Environment": {"K": 'say "hi"'}}).encode()
        >>> print(redact(repr(body)))
        b'{"Environment": {"K": "***"}}'
    """
    if "Environment" not in text:
        return text
    parts: list[str] = []
    done = 0
    for head in _HEAD.get().finditer(text):
        if head.start() < done:
            continue  # the word inside a value already redacted
        brace = head.end()
        readable = not head.group(1) and text.startswith("{", brace)
        readings = [
            reading
            for value in (_PLAIN_VALUE, _NESTED_VALUE)
            if readable and (reading := _values(text, brace + 1, value)) is not None
        ]
        if not readings:
            parts += (text[done:brace], _UNREADABLE)
            return "".join(parts)
        # Both readings are tried: the one that reaches further leaves no value half-read
        # (a value holding `"}` ends the shorter reading early).
        end, spans = max(readings, key=lambda reading: reading[0])
        for value_start, value_end in spans:
            parts += (text[done:value_start], MASK)
            done = value_end
        parts.append(text[done:end])
        done = end
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


class RedactingFilter(logging.Filter):
    """A `logging.Filter` that redacts environment values in a record; it never drops one.

    The message is formatted once to look for `Environment`; a record without it is left as it
    is. A record with it gets the redacted message and no arguments, so neither the message, nor
    the arguments, nor a formatted traceback or stack holds a value.

    Examples:
        >>> record = logging.LogRecord(
        ...     "botocore.parsers", logging.DEBUG, __file__, 1, "Response body:\\n%r",
        ...     (b'{"Environment": {"HF_TOKEN": "hf_abc"}}',), None,
        ... )
        >>> RedactingFilter().filter(record)
        True
        >>> print(record.getMessage())
        Response body:
        b'{"Environment": {"HF_TOKEN": "***"}}'
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            # A record that cannot be formatted is the handler's to report, as logging does.
            return True
        redacted = redact(message)
        if redacted is not message:
            record.msg, record.args = redacted, ()
        if record.exc_info is not None and record.exc_info[0] is not None:
            text = record.exc_text or _FORMATTER.formatException(record.exc_info)
            redacted = redact(text)
            if redacted is not text:
                # Formatters print `exc_text` when set; dropping `exc_info` keeps the ones that
                # format the exception themselves from printing it unredacted.
                record.exc_text, record.exc_info = redacted, None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_FORMATTER = logging.Formatter()
_FILTER = RedactingFilter()

# The loggers of botocore modules that log parameters or bodies, given the filter even before
# botocore imports them (`logging.getLogger` then returns the logger that has it).
_BODY_LOGGERS = (
    "botocore",
    "botocore.auth",
    "botocore.awsrequest",
    "botocore.client",
    "botocore.endpoint",
    "botocore.eventstream",
    "botocore.hooks",
    "botocore.httpchecksum",
    "botocore.httpsession",
    "botocore.parsers",
    "botocore.retries.adaptive",
    "botocore.retries.standard",
    "botocore.retryhandler",
    "botocore.utils",
)


class _Installed:
    """How many loggers existed when the filter was last installed: the cheap check's memory."""

    lock = threading.Lock()
    loggers = -1


def install_redaction() -> None:
    """Put the redacting filter on every botocore logger; idempotent, thread-safe.

    Covers the loggers that exist now and the ones known to log bodies. A call made when no
    logger was created since the last one costs one `len()`.

    Examples:
        >>> install_redaction()
        >>> _FILTER in logging.getLogger("botocore.endpoint").filters
        True
    """
    loggers = logging.Logger.manager.loggerDict
    if len(loggers) == _Installed.loggers:
        return
    with _Installed.lock:
        names = {name for name in list(loggers) if name.startswith("botocore.")}
        for name in names.union(_BODY_LOGGERS):
            # `addFilter` adds a filter once, however often it is called.
            logging.getLogger(name).addFilter(_FILTER)
        _Installed.loggers = len(loggers)

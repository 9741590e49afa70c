"""The List operations: filters, sort orders, and pages that cost only what they return.

Tokens are offsets into the filtered, sorted list, as the service's tokens behave for a list
that does not change. Filtering and sorting happen once per request shape: the result is kept
until a change could alter it, so paging through N components costs O(N log N) once, not once
per page.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from ._protocol import validation
from ._records import Component, Store, stamp

__all__ = ["Listed", "Listing", "decode_token", "encode_token", "page_of"]

_FILTERS: tuple[tuple[str, Callable[[Component, Any], bool]], ...] = (
    ("EndpointNameEquals", lambda c, v: c.endpoint == v),
    ("VariantNameEquals", lambda c, v: c.variant == v),
    ("StatusEquals", lambda c, v: c.status == v),
    ("NameContains", lambda c, v: v.lower() in c.name.lower()),
    ("CreationTimeBefore", lambda c, v: c.created < v),
    ("CreationTimeAfter", lambda c, v: c.created > v),
    ("LastModifiedTimeBefore", lambda c, v: c.modified < v),
    ("LastModifiedTimeAfter", lambda c, v: c.modified > v),
)
_SORT_KEYS: dict[str, Callable[[Component], Any]] = {
    "Name": lambda c: c.name,
    "CreationTime": lambda c: c.created,
    "Status": lambda c: c.status,
}
# Filters whose answer changes when a component changes status or is modified.
_BY_STATE = ("StatusEquals", "LastModifiedTimeBefore", "LastModifiedTimeAfter")
# Views kept at once: a few callers paging with different filters; more is a leak.
_MAX_VIEWS = 16


def encode_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_token(token: str | None) -> int:
    if token is None:
        return 0
    try:
        kind, _, number = base64.urlsafe_b64decode(token.encode()).decode().partition(":")
        if kind != "offset":
            raise ValueError(kind)
        return int(number)
    except ValueError:
        raise validation("The NextToken is not valid.") from None


@dataclass(frozen=True)
class Listed:
    """One model, endpoint configuration or endpoint as its List operation sees it."""

    name: str
    created: float
    summary: dict[str, Any]
    modified: float | None = None
    status: str | None = None


_RESOURCE_FILTERS: tuple[tuple[str, Callable[[Listed, Any], bool]], ...] = (
    ("NameContains", lambda r, v: v.lower() in r.name.lower()),
    ("CreationTimeBefore", lambda r, v: r.created < v),
    ("CreationTimeAfter", lambda r, v: r.created > v),
    ("LastModifiedTimeBefore", lambda r, v: r.modified is not None and r.modified < v),
    ("LastModifiedTimeAfter", lambda r, v: r.modified is not None and r.modified > v),
    ("StatusEquals", lambda r, v: r.status == v),
)
_RESOURCE_SORT_KEYS: dict[str, Callable[[Listed], Any]] = {
    "Name": lambda r: r.name,
    "CreationTime": lambda r: r.created,
    "Status": lambda r: r.status or "",
}


def page_of(records: list[Listed], params: dict[str, Any], key: str) -> dict[str, Any]:
    """One page of ListModels, ListEndpointConfigs or ListEndpoints, under ``key``.

    The same filters, sort orders (newest first by default) and offset tokens as
    ListInferenceComponents. These lists are short, so each page is filtered afresh.
    """
    found = records
    for name, keep in _RESOURCE_FILTERS:
        if name in params:
            value = params[name]
            found = [r for r in found if keep(r, value)]
    found = sorted(
        found,
        key=_RESOURCE_SORT_KEYS[params.get("SortBy", "CreationTime")],
        reverse=params.get("SortOrder", "Descending") == "Descending",
    )
    start = decode_token(params.get("NextToken"))
    size = params.get("MaxResults", 10)
    out: dict[str, Any] = {key: [r.summary for r in found[start : start + size]]}
    if start + size < len(found):
        out["NextToken"] = encode_token(start + size)
    return out


class Listing:
    """Pages of ListInferenceComponents, from views cached while the components do not change."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._views: dict[Hashable, tuple[int, list[Component]]] = {}
        self.scanned = 0
        """Components filtered into views so far (a measure of work, for tests)."""

    def page(self, params: dict[str, Any]) -> dict[str, Any]:
        """One page of the answer to a ListInferenceComponents request."""
        found = self._view(params)
        start = decode_token(params.get("NextToken"))
        size = params.get("MaxResults", 10)
        endpoints = self._store.endpoints
        out: dict[str, Any] = {
            "InferenceComponents": [
                {
                    "CreationTime": stamp(c.created),
                    "InferenceComponentArn": c.arn,
                    "InferenceComponentName": c.name,
                    "EndpointArn": endpoints[c.endpoint].arn,
                    "EndpointName": c.endpoint,
                    "VariantName": c.variant,
                    "InferenceComponentStatus": c.status,
                    "LastModifiedTime": stamp(c.modified),
                }
                for c in found[start : start + size]
            ]
        }
        if start + size < len(found):
            out["NextToken"] = encode_token(start + size)
        return out

    def _view(self, params: dict[str, Any]) -> list[Component]:
        sort_by = params.get("SortBy", "CreationTime")
        key = (
            tuple((name, params[name]) for name, _ in _FILTERS if name in params),
            sort_by,
            params.get("SortOrder", "Descending"),
        )
        # A view by name, endpoint, variant or creation time holds while no component comes or
        # goes: status changes (every transition) leave it valid, so a caller paging while
        # components deploy keeps its view.
        store = self._store
        by_state = sort_by == "Status" or any(name in params for name in _BY_STATE)
        valid_at = store.version if by_state else store.members
        cached = self._views.get(key)
        if cached is not None and cached[0] == valid_at:
            return cached[1]
        if len(self._views) >= _MAX_VIEWS:
            self._views.clear()
        view = self._build(params)
        self._views[key] = (valid_at, view)
        return view

    def _build(self, params: dict[str, Any]) -> list[Component]:
        found = list(self._store.components.values())
        self.scanned += len(found)
        for name, keep in _FILTERS:
            if name in params:
                value = params[name]
                found = [c for c in found if keep(c, value)]
        found.sort(
            key=_SORT_KEYS[params.get("SortBy", "CreationTime")],
            reverse=params.get("SortOrder", "Descending") == "Descending",
        )
        return found

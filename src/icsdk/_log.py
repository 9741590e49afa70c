"""The ``icsdk`` logger (with a ``NullHandler``: applications decide where records go)."""

from __future__ import annotations

import logging

__all__ = ["logger"]

logger = logging.getLogger("icsdk")
logger.addHandler(logging.NullHandler())

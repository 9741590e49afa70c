"""The wire layer: the only code that knows AWS member names (``spec`` and ``calls``)."""

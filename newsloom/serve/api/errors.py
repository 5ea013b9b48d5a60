"""422 answers in FastAPI's own validation-error shape, so /openapi.json describes them too."""

from __future__ import annotations

from fastapi.exceptions import RequestValidationError


def invalid(location: str, name: str, value: object, message: str) -> RequestValidationError:
    """`{"detail": [{"loc": [location, name], "msg": message, "type": "value_error"}]}`."""
    return RequestValidationError(
        [{"type": "value_error", "loc": (location, name), "msg": message, "input": value}]
    )

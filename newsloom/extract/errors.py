from __future__ import annotations


class ExtractionError(Exception):
    """An input that cannot become an article; `reason` is counted in the run."""

    def __init__(self, reason: str, message: str = "") -> None:
        super().__init__(f"{reason}: {message}" if message else reason)
        self.reason = reason
        self.message = message

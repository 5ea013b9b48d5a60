from __future__ import annotations

from newsloom.record import Article


class ExtractionError(Exception):
    """An input that cannot become an article; `reason` is counted in the run.

    `partial` carries what could still be read (title, date, url) when the page
    has metadata but no article body, so callers can report or score it.
    """

    def __init__(self, reason: str, message: str = "", partial: Article | None = None) -> None:
        super().__init__(f"{reason}: {message}" if message else reason)
        self.reason = reason
        self.message = message
        self.partial = partial

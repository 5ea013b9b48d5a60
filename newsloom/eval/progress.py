"""A one-line progress counter on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

from typing import TextIO


class Progress:
    def __init__(self, label: str, total: int, stream: TextIO) -> None:
        self.label = label
        self.total = total
        self.stream = stream
        self.count = 0
        self.enabled = _is_tty(stream)

    def step(self) -> None:
        self.count += 1
        if self.enabled:
            self.stream.write(f"\r{self.label}: {self.count}/{self.total}")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled and self.count:
            self.stream.write("\n")
            self.stream.flush()


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False

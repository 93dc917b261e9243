"""A progress line for long builds: shown on a terminal, silent in CI logs and in tests."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


class Progress:
    """Rewrites one status line ('Pages rendered: 120/10000') at most a few times a second."""

    def __init__(self, enabled: bool, stream: TextIO = sys.stderr, interval: float = 0.2):
        self.enabled, self.stream, self.interval = enabled, stream, interval
        self._last_shown = 0.0
        self._showing = False

    @classmethod
    def for_terminal(cls, stream: TextIO = sys.stderr) -> Progress:
        """Enabled only when writing to a terminal outside CI, so logs stay clean."""
        return cls(enabled=stream.isatty() and not os.environ.get("CI"), stream=stream)

    def show(self, label: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last_shown < self.interval:
            return
        self._last_shown = now
        self.stream.write(f"\r{label}: {done}/{total}\x1b[K")
        self.stream.flush()
        self._showing = True

    def finish(self) -> None:
        if self.enabled and self._showing:
            self.stream.write("\n")
            self.stream.flush()
            self._showing = False


QUIET = Progress(enabled=False)
"""For library use and tests: no output."""

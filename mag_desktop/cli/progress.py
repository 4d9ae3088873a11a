"""A one-line progress bar on the terminal (only when stderr is a terminal)."""

from __future__ import annotations

import sys
import time


class TerminalProgress:
    def __init__(self, enabled: bool | None = None, width: int = 30) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.width = width
        self._last = 0.0
        self._shown = False

    def __call__(self, fraction: float, message: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and fraction < 1.0:
            return
        self._last = now
        filled = int(self.width * max(0.0, min(1.0, fraction)))
        bar = "█" * filled + "·" * (self.width - filled)
        sys.stderr.write(f"\r{bar} {fraction:4.0%} {message[:60]:<60}")
        sys.stderr.flush()
        self._shown = True

    def done(self) -> None:
        if self._shown:
            sys.stderr.write("\r" + " " * (self.width + 67) + "\r")
            sys.stderr.flush()
            self._shown = False

"""The one exception ``ingest`` raises for a file it cannot (or will not) load."""

from __future__ import annotations

from pathlib import Path


class LoadError(Exception):
    """A file that could not be loaded, with a specific one-line reason.

    ``str(error)`` names the file and the reason, e.g. ``"minutes.pdf: encrypted, password required"``.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = " ".join(str(reason).split()) or "could not be loaded"
        super().__init__(f"{' '.join(self.path.split())}: {self.reason}")


def describe(exc: BaseException) -> str:
    """A short one-line description of an unexpected library error."""
    text = " ".join(str(exc).split())[:160]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

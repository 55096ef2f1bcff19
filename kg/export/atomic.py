"""An output folder written all-or-nothing, and locked against two builds at once.

Everything is written into ``OUT/.staging-<pid>/`` and moved into place with ``os.replace`` only
when the whole build has succeeded, so an interrupted or failed run leaves the previous
outputs intact. A lock file (``OUT/.kg-build.lock``, held with ``flock``) stops a second build
from writing to the same folder; the lock dies with its process, so a killed build leaves no
stale lock.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path
from types import TracebackType

from kg.errors import OutputError

LOCK_NAME = ".kg-build.lock"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class StagedOutput:
    """Stage files for an output folder and commit them together."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.stage = self.out / f".staging-{os.getpid()}"
        self._lock_fd: int | None = None

    def __enter__(self) -> StagedOutput:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot write the output folder: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise OutputError(f"{self.out}: another kg build is writing to this folder; wait for it") from exc
        self._lock_fd = fd
        for stale in self.out.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        for stale in self.out.glob(".old-*"):
            shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink(missing_ok=True)
        try:
            self.stage.mkdir()
        except OSError as exc:
            self._release()
            raise OutputError(f"{self.out}: cannot write the output folder: {exc.strerror or exc}") from exc
        return self

    def path(self, relative: str) -> Path:
        """Where to stage the file that will end up at ``OUT/relative``."""
        target = self.stage / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_text(self, relative: str, text: str) -> None:
        """Stage a UTF-8 text file (newlines written as given), flushed to disk."""
        with open(self.path(relative), "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())

    def commit(self) -> None:
        """Move every staged entry into the output folder."""
        try:
            for staged in sorted(self.stage.iterdir()):
                target = self.out / staged.name
                if staged.is_dir() and target.exists():
                    old = self.out / f".old-{os.getpid()}-{staged.name}"
                    os.replace(target, old)
                    os.replace(staged, target)
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    os.replace(staged, target)
            _fsync_dir(self.out)
        except OSError as exc:
            raise OutputError(f"{self.out}: cannot move the new outputs into place: {exc.strerror or exc}") from exc

    def _release(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        shutil.rmtree(self.stage, ignore_errors=True)
        self._release()

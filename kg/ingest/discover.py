"""Finding the documents to read: files and folders (recursive), with stable document ids."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}


@dataclass(frozen=True)
class Found:
    """A document to read: its id (path relative to the input folder) and its path."""

    id: str
    path: Path


@dataclass(frozen=True)
class Skipped:
    """Something that was not read, with the reason in one line."""

    path: str
    reason: str


def kind_of(path: Path) -> str | None:
    """The document kind for a file name, or None if the extension is not supported."""
    return SUPPORTED.get(path.suffix.lower())


def _walk(root: Path) -> tuple[list[Path], list[Skipped]]:
    files: list[Path] = []
    skipped: list[Skipped] = []
    visited: set[tuple[int, int]] = set()

    def visit(folder: Path) -> None:
        try:
            info = folder.stat()
        except OSError as exc:
            skipped.append(Skipped(str(folder), f"cannot open folder: {exc.strerror or exc}"))
            return
        key = (info.st_dev, info.st_ino)
        if key in visited:
            skipped.append(Skipped(str(folder), "symbolic link loop (folder already visited); not followed"))
            return
        visited.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(str(folder), f"cannot list folder: {exc.strerror or exc}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows links
                is_file = entry.is_file()
            except OSError as exc:
                reason = "symbolic link loop" if exc.errno == errno.ELOOP else f"cannot read: {exc.strerror or exc}"
                skipped.append(Skipped(str(path), reason))
                continue
            if is_dir:
                visit(path)
            elif is_file:
                if kind_of(path):
                    files.append(path)
            elif entry.is_symlink():
                reason = "broken symbolic link"
                try:
                    path.stat()
                except OSError as exc:
                    if exc.errno == errno.ELOOP:
                        reason = "symbolic link loop"
                skipped.append(Skipped(str(path), reason))

    visit(root)
    return files, skipped


def discover(inputs: list[Path]) -> tuple[list[Found], list[Skipped]]:
    """Every supported document under the inputs, with unique ids, and what was passed over."""
    found: list[Found] = []
    skipped: list[Skipped] = []
    used: set[str] = set()

    def add(doc_id: str, path: Path, prefix: str) -> None:
        if doc_id in used:
            doc_id = f"{prefix}/{doc_id}"
        base, n = doc_id, 2
        while doc_id in used:
            doc_id, n = f"{base}#{n}", n + 1
        used.add(doc_id)
        found.append(Found(doc_id, path))

    for given in inputs:
        path = Path(given)
        if path.is_dir():
            files, passed = _walk(path)
            skipped += passed
            for file in files:
                add(file.relative_to(path).as_posix(), file, path.name or "input")
        elif path.is_file():
            if kind_of(path):
                add(path.name, path, path.parent.name or "input")
            else:
                skipped.append(
                    Skipped(
                        str(path),
                        f"unsupported file type {path.suffix or '(none)'!r}; kg reads {', '.join(sorted(SUPPORTED))}",
                    )
                )
        elif path.is_symlink():
            skipped.append(Skipped(str(path), "broken symbolic link or symbolic link loop"))
        else:
            skipped.append(Skipped(str(path), "no such file or folder"))
    return found, skipped

"""Errors that reach the user as one line, never as a traceback.

Every problem a user can cause (a file that cannot be read, a malformed rule file, an output
folder that cannot be written) is raised as a subclass of ``KgError`` whose message names the
file and says what is wrong. The CLI prints ``kg: <message>`` and exits with a status code.
"""

from __future__ import annotations


class KgError(Exception):
    """A problem the user can fix; ``str(error)`` is a complete one-line message."""

    exit_code = 2


class InputError(KgError):
    """A document that cannot be read; the build skips it and goes on (unless ``--strict``)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class RuleError(KgError):
    """A rule file that is malformed: the message is ``file:line: what is wrong``."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


class OutputError(KgError):
    """The output folder cannot be written or is locked by another build."""


class QueryError(KgError):
    """A SPARQL query that does not parse or cannot run."""

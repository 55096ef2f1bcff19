"""Ingest: files → decoded original text → cleaned text → match text → sentences.

``ingest(found, rules)`` is the entry point. It raises ``InputError`` with a one-line reason for
any file that cannot be read; the offsets of everything it returns point into the decoded
original text.
"""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

from kg.errors import InputError
from kg.ingest.clean import clean
from kg.ingest.decode import UndecodableError, declared_charset, decode_bytes
from kg.ingest.discover import Found, Skipped, discover, kind_of
from kg.ingest.docx import DocxError, docx_to_text
from kg.ingest.html import html_to_text
from kg.ingest.normalize import detect_script, fold_width, to_simplified
from kg.ingest.sentences import split_sentences
from kg.ingest.sniff import OLE_MAGIC, binary_kind
from kg.model import PreparedDoc, SourceDoc
from kg.offsets import identity
from kg.rules import RuleSet

__all__ = ["Found", "Skipped", "discover", "ingest", "prepare", "read_source"]


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise InputError(str(path), "is a folder, not a file")
        return path.read_bytes()
    except OSError as exc:
        reason = "symbolic link loop" if exc.errno == errno.ELOOP else (exc.strerror or str(exc))
        raise InputError(str(path), f"cannot read: {reason}") from exc


def read_source(found: Found, rules: RuleSet, encoding: str | None = None) -> SourceDoc:
    """Read and decode one file into its original text (HTML and docx: their extracted text)."""
    path = found.path
    kind = kind_of(path) or "txt"
    data = _read_bytes(path)
    if not data:
        raise InputError(str(path), "empty file (0 bytes)")
    warnings: list[str] = []
    try:
        if kind == "docx":
            if data.startswith(OLE_MAGIC):
                raise InputError(
                    str(path),
                    "an old binary Word .doc file, not .docx: open it in Word or LibreOffice and save as .docx",
                )
            if not data.startswith(b"PK"):
                what = binary_kind(data)
                raise InputError(str(path), f"not a .docx file ({'this is ' + what if what else 'not a zip'})")
            text, used = docx_to_text(path), "docx"
        elif kind == "html":
            markup, used, warnings = decode_bytes(data, encoding, declared_charset(data))
            text = html_to_text(markup, rules.junk.html)
            if not text.strip():
                raise InputError(str(path), "the page has no text (only scripts, styles or menus)")
        else:
            text, used, warnings = decode_bytes(data, encoding)
    except (UndecodableError, DocxError) as exc:
        raise InputError(str(path), str(exc)) from exc
    if not text.strip():
        raise InputError(str(path), "contains only whitespace")
    digest = hashlib.sha256(data).hexdigest()
    return SourceDoc(found.id, path, digest, kind, used, text, tuple(warnings))


def prepare(source: SourceDoc, rules: RuleSet) -> PreparedDoc:
    """Clean, normalise and split a read document; offsets stay in original coordinates."""
    cleaned, _counts = clean(identity(source.text), rules.junk)
    folded = fold_width(cleaned.text)
    script = detect_script(folded)
    match = to_simplified(folded, script)
    assert len(match) == len(cleaned.text), "match text must keep the cleaned text's length"
    sentences = split_sentences(source.id, source.text, cleaned, match)
    warnings = source.warnings
    if not sentences:
        raise InputError(str(source.path), "no text left after removing web chrome and junk")
    return PreparedDoc(source, cleaned, match, script, sentences, warnings)


def ingest(found: Found, rules: RuleSet, encoding: str | None = None) -> PreparedDoc:
    """Read, decode, clean and split one document."""
    return prepare(read_source(found, rules, encoding), rules)

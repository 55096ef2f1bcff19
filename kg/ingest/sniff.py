"""Recognise files that are not text at all, so the error can say what they are."""

from __future__ import annotations

# (leading bytes, what the file is)
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF media file (WebP, WAV or AVI)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office (OLE) file such as .doc or .xls"),
    (b"PK\x03\x04", "a zip archive (perhaps .docx, .xlsx or .zip)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable program"),
    (b"{\\rtf", "an RTF document (save it as .docx or .txt)"),
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def binary_kind(data: bytes) -> str | None:
    """What a non-text file is, from its leading bytes; None if it does not look binary."""
    for magic, kind in SIGNATURES:
        if data.startswith(magic):
            return kind
    return None

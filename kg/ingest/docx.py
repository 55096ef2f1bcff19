"""docx → text: paragraphs and table cells in body order (python-docx's ``paragraphs`` skips
tables), after checking that the zip is a real, sane Word document."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

# A .docx whose members declare more than this many bytes in all, or one member that
# compresses better than MAX_RATIO, is refused as a possible zip bomb.
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 16 * 1024 * 1024


class DocxError(ValueError):
    """The file is not a readable .docx."""


def check_zip(path: Path) -> None:
    """Refuse damaged zips, non-Word zips and zip bombs before python-docx opens the file."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
    except zipfile.BadZipFile as exc:
        raise DocxError(f"not a valid .docx (damaged or truncated zip: {exc})") from exc
    if "word/document.xml" not in names:
        raise DocxError("a zip archive but not a Word document (no word/document.xml)")
    total = 0
    for m in members:
        total += m.file_size
        if m.file_size > RATIO_FLOOR_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise DocxError(
                f"member {m.filename} declares {m.file_size} bytes from {m.compress_size} compressed "
                "(possible zip bomb); refusing"
            )
    if total > MAX_TOTAL_BYTES:
        raise DocxError(f"members declare {total} bytes in all (possible zip bomb); refusing")


def _cell_lines(table: Table) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell appears once per grid column it spans
                continue
            seen.add(id(cell._tc))
            for block in _blocks(cell._tc, cell):
                lines.extend(block)
    return lines


def _blocks(container, parent) -> list[list[str]]:
    out: list[list[str]] = []
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            out.append([Paragraph(child, parent).text])
        elif child.tag == qn("w:tbl"):
            out.append(_cell_lines(Table(child, parent)))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                out.extend(_blocks(content, parent))
    return out


def docx_to_text(path: Path) -> str:
    """The text of a .docx: one line per paragraph and per table cell, in document order."""
    check_zip(path)
    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise DocxError(f"not a readable .docx ({type(exc).__name__}: {exc})") from exc
    lines = [line for block in _blocks(document.element.body, document) for line in block]
    return "\n".join(lines) + "\n"

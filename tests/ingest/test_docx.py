"""docx: paragraphs and table cells in body order; broken and dangerous files refused."""

from __future__ import annotations

import zipfile

import pytest
from docx import Document

from kg.ingest.docx import DocxError, docx_to_text


def _make_docx(path):
    doc = Document()
    doc.add_paragraph("吉隆口岸是中尼边境的重要口岸。")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "口岸"
    table.cell(0, 1).text = "所在县"
    table.cell(1, 0).text = "樟木口岸"
    table.cell(1, 1).text = "聂拉木县"
    doc.add_paragraph("表后的段落。")
    doc.save(path)
    return path


def test_paragraphs_and_tables_in_body_order(tmp_path):
    text = docx_to_text(_make_docx(tmp_path / "a.docx"))
    assert text.splitlines() == [
        "吉隆口岸是中尼边境的重要口岸。",
        "口岸",
        "所在县",
        "樟木口岸",
        "聂拉木县",
        "表后的段落。",
    ]


def test_truncated_docx_is_refused(tmp_path):
    good = _make_docx(tmp_path / "a.docx").read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(good[: len(good) // 2])
    with pytest.raises(DocxError, match="damaged or truncated"):
        docx_to_text(broken)


def test_zip_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (64 * 1024 * 1024))
    with pytest.raises(DocxError, match="zip bomb"):
        docx_to_text(bomb)


def test_zip_that_is_not_word_is_refused(tmp_path):
    other = tmp_path / "other.docx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(DocxError, match="not a Word document"):
        docx_to_text(other)

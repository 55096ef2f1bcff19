"""Bad input: a one-line error naming the file and the problem; the run goes on; nothing lost.

Each case is a real file written here, read by ``kg build`` next to one good document.
"""

from __future__ import annotations

import codecs
import json
import os
import zipfile
from pathlib import Path

import pytest
from docx import Document

GOOD = "吉隆口岸是中尼边境最大的陆路口岸。"


def _docx_bytes(tmp_path: Path) -> bytes:
    doc = Document()
    doc.add_paragraph(GOOD)
    doc.save(tmp_path / "_made.docx")
    data = (tmp_path / "_made.docx").read_bytes()
    (tmp_path / "_made.docx").unlink()
    return data


# name → (bytes or a callable making them, text expected in the one-line reason)
BAD = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (" \n\t\r\n\u3000 ".encode(), "only whitespace"),
    "scan.txt": (b"%PDF-1.5\n%\xb5\xed\xae\xfb\n4 0 obj\n<<", "PDF"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "PNG"),
    "old.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "save as .docx"),
    "truncated.docx": (lambda tmp: _docx_bytes(tmp)[:900], "damaged or truncated"),
    "scripts.html": (b"<html><body><script>var a='\xe5\x8f\xa3\xe5\xb2\xb8';</script></body></html>", "no text"),
}


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(GOOD, encoding="utf-8")
    return docs


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_skipped_with_one_line(kg, folder, tmp_path, name):
    data, reason = BAD[name]
    (folder / name).write_bytes(data(tmp_path) if callable(data) else data)
    run = kg("build", folder, "-o", tmp_path / "out")
    assert run.code == 1  # built, but something was skipped
    lines = [line for line in run.err.splitlines() if name in line]
    assert len(lines) == 1 and reason in lines[0] and lines[0].startswith("kg: skipped")
    assert "Traceback" not in run.err
    docs = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    assert [d["doc"] for d in docs] == ["good.txt"]


def test_strict_makes_a_skip_fatal_and_writes_nothing(kg, folder, tmp_path):
    (folder / "empty.txt").write_bytes(b"")
    run = kg("build", folder, "-o", tmp_path / "out", "--strict")
    assert run.code == 2 and "empty.txt" in run.err and "--strict" in run.err
    assert not (tmp_path / "out" / "documents.jsonl").exists()


@pytest.mark.parametrize(
    "name, data, expected_encoding, expected_text",
    [
        (
            "gb.txt",
            "鄌郚镇与亹源、勐腊县磨憨口岸的对外开放持续推进,霍尔果斯口岸通关便利化。".encode("gb18030"),
            "gb18030",
            "鄌郚镇与亹源",
        ),
        (
            "big5.txt",
            "新疆維吾爾自治區霍爾果斯口岸、艋舺與鹿港的對外開放持續推進,邊境經濟合作區建設。".encode("big5hkscs"),
            "big5hkscs",
            "新疆維吾爾自治區",
        ),
        ("bom.txt", codecs.BOM_UTF8 + GOOD.encode(), "utf-8-sig", GOOD),
        ("utf16.txt", GOOD.encode("utf-16"), "utf-16", GOOD),
    ],
)
def test_encodings_without_declaration(kg, tmp_path, name, data, expected_encoding, expected_text):
    (tmp_path / name).write_bytes(data)
    run = kg("build", tmp_path / name, "-o", tmp_path / "out")
    assert run.code == 0, run.err
    doc = json.loads((tmp_path / "out" / "documents.jsonl").read_text())
    assert doc["encoding"] == expected_encoding
    text = (tmp_path / "out" / "texts" / f"{name}.txt").read_text(encoding="utf-8")
    assert text.startswith(expected_text)  # offsets start at the first real character (no BOM)
    first = json.loads((tmp_path / "out" / "sentences.jsonl").read_text().splitlines()[0])
    assert first["start"] == 0 and text[first["start"] : first["end"]] == first["text"]


def test_invalid_bytes_inside_good_utf8_are_a_warning(kg, tmp_path):
    (tmp_path / "mixed.txt").write_bytes((GOOD * 10).encode() + b"\xc3\x28\xff" + GOOD.encode())
    run = kg("build", tmp_path / "mixed.txt", "-o", tmp_path / "out")
    assert run.code == 0 and "mixed.txt" in run.err and "invalid UTF-8" in run.err


def test_five_megabyte_single_line(kg, tmp_path):
    line = ("吉隆口岸、樟木口岸和里孜口岸,推动边境贸易发展," * 200_000)[: 5 * 1024 * 1024 // 3]
    (tmp_path / "long.txt").write_text(line, encoding="utf-8")
    run = kg("build", tmp_path / "long.txt", "-o", tmp_path / "out")
    assert run.code == 0, run.err
    longest = max(len(json.loads(s)["text"]) for s in (tmp_path / "out" / "sentences.jsonl").open())
    assert longest <= 500


def test_unreadable_file(kg, folder, tmp_path, monkeypatch):
    target = folder / "secret.txt"
    target.write_text(GOOD, encoding="utf-8")
    target.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail the way it would for a user
        real = Path.read_bytes

        def deny(self):
            if self.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", deny)
    run = kg("build", folder, "-o", tmp_path / "out")
    assert run.code == 1 and "secret.txt: cannot read: Permission denied" in run.err


def test_symlink_loop_in_input_folder(kg, folder, tmp_path):
    os.symlink(folder, folder / "again")
    run = kg("build", folder, "-o", tmp_path / "out")
    assert run.code == 1 and "again" in run.err and "loop" in run.err


def test_names_with_spaces_and_chinese(kg, tmp_path):
    docs = tmp_path / "政策 文件"
    docs.mkdir()
    (docs / "吉隆 口岸 通知.txt").write_text(GOOD, encoding="utf-8")
    run = kg("build", docs, "-o", tmp_path / "输出 目录")
    assert run.code == 0, run.err
    assert (tmp_path / "输出 目录" / "texts" / "吉隆 口岸 通知.txt.txt").read_text(encoding="utf-8") == GOOD


def test_output_folder_that_cannot_be_written(kg, folder, tmp_path):
    (tmp_path / "a-file").write_text("x")
    run = kg("build", folder, "-o", tmp_path / "a-file" / "out")
    assert run.code == 2
    assert len(run.err.strip().splitlines()) == 1 and "a-file" in run.err and "cannot write" in run.err


def test_control_characters_and_surrogates_are_removed_through_the_offset_map(kg, tmp_path):
    text = GOOD * 5 + "吉隆\x00口岸。樟木\x0c口岸。" + GOOD * 5
    lone_surrogate = b"\xed\xa0\x80"  # U+D800 written as UTF-8 (WTF-8), invalid in real UTF-8
    (tmp_path / "ctl.txt").write_bytes(text.encode("utf-8") + lone_surrogate + GOOD.encode())
    run = kg("build", tmp_path / "ctl.txt", "-o", tmp_path / "out")
    assert run.code == 0, run.err
    original = (tmp_path / "out" / "texts" / "ctl.txt.txt").read_text(encoding="utf-8")
    for line in (tmp_path / "out" / "sentences.jsonl").open(encoding="utf-8"):
        s = json.loads(line)
        assert original[s["start"] : s["end"]] == s["text"]
        assert not any(ch in s["text"] for ch in "\x00\x0c") and "\ud800" not in s["text"]


def test_docx_with_a_zip_bomb(kg, folder, tmp_path):
    with zipfile.ZipFile(folder / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * (40 * 1024 * 1024))
    run = kg("build", folder, "-o", tmp_path / "out")
    assert run.code == 1 and "bomb.docx" in run.err and "zip bomb" in run.err

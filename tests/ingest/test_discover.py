"""Finding documents: recursive, ids relative to the input folder, loops and odd names handled."""

from __future__ import annotations

import os

from kg.ingest import discover


def test_ids_are_paths_relative_to_the_input_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "x.txt").write_text("吉隆口岸。", encoding="utf-8")
    (tmp_path / "b" / "带 空格 的文件.md").write_text("樟木口岸。", encoding="utf-8")
    (tmp_path / "b" / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    found, skipped = discover([tmp_path])
    assert [f.id for f in found] == ["a/x.txt", "b/x.txt", "b/带 空格 的文件.md"]
    assert skipped == []


def test_symlink_loop_is_reported_not_followed_forever(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("吉隆口岸。", encoding="utf-8")
    os.symlink(tmp_path / "docs", tmp_path / "docs" / "loop")
    os.symlink("self.txt", tmp_path / "docs" / "self.txt")
    found, skipped = discover([tmp_path / "docs"])
    assert [f.id for f in found] == ["a.txt"]
    reasons = {os.path.basename(s.path): s.reason for s in skipped}
    assert "loop" in reasons["loop"] and "loop" in reasons["self.txt"]


def test_same_file_name_from_two_inputs_stays_distinct(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("口岸。", encoding="utf-8")
    found, _ = discover([tmp_path / "one", tmp_path / "two"])
    assert [f.id for f in found] == ["a.txt", "two/a.txt"]


def test_missing_and_unsupported_inputs_are_reported(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    found, skipped = discover([tmp_path / "nope.txt", tmp_path / "scan.pdf"])
    assert found == []
    assert [s.reason.split(";")[0] for s in skipped] == ["no such file or folder", "unsupported file type '.pdf'"]

"""Outputs are all-or-nothing: a killed or failed build leaves the previous output intact."""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import OutputError
from kg.export import StagedOutput
from tests.conftest import CORPUS


def _snapshot(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)
    }


def test_killed_build_leaves_previous_output_intact(kg, tmp_path):
    out = tmp_path / "out"
    assert kg("build", CORPUS, "-o", out).code == 0
    before = _snapshot(out)
    big = tmp_path / "big"
    big.mkdir()
    text = (CORPUS / "003_271d3f2f514edc40.txt").read_text(encoding="utf-8")
    for i in range(8):
        (big / f"copy{i:02d}.txt").write_text(text, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(big), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not list(out.glob(".staging-*")):
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)  # while it writes its outputs
    proc.wait()
    after = _snapshot(out)
    if after != before:  # it finished moving the outputs in before the signal landed: all new, then
        assert len((out / "documents.jsonl").read_text().splitlines()) == 8
        assert len([k for k in after if k.startswith("texts/")]) == 8
    # the lock died with the process: a new build goes through and cleans the staging leftovers
    assert kg("build", CORPUS, "-o", out).code == 0
    assert not list(out.glob(".staging-*"))


def test_failed_build_leaves_previous_output_intact(kg, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert kg("build", CORPUS, "-o", out).code == 0
    before = _snapshot(out)

    def explode(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.build.write_outputs", explode)
    run = kg("build", CORPUS, "-o", out)
    assert run.code != 0 and "Traceback" not in run.err
    assert _snapshot(out) == before


def test_second_build_on_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / ".kg-build.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(OutputError, match="another kg build"), StagedOutput(out):
            pass
    finally:
        os.close(fd)


def test_commit_replaces_folders_and_files(tmp_path):
    out = tmp_path / "out"
    with StagedOutput(out) as stage:
        stage.write_text("texts/a.txt", "旧")
        stage.write_text("report.json", "{}")
        stage.commit()
    with StagedOutput(out) as stage:
        stage.write_text("texts/b.txt", "新")
        stage.write_text("report.json", '{"n": 1}')
        stage.commit()
    assert sorted(p.name for p in (out / "texts").iterdir()) == ["b.txt"]
    assert (out / "report.json").read_text() == '{"n": 1}'
    assert not [p for p in out.iterdir() if p.name.startswith((".staging", ".old"))]

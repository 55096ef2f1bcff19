"""A writable copy of the project's rules folder, for tests that break one file on purpose."""

from __future__ import annotations

import shutil

import pytest

from kg.rules import default_rules_dir


@pytest.fixture
def rules_copy(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), folder)
    return folder

"""Every notebook in notebooks/ runs top to bottom on the bundled build and draws its figures.

The kernel is this interpreter (the venv's python) through a kernel spec written to a temporary
folder, so the test needs no Jupyter installation or user kernel spec: only the venv.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
KERNEL = "kg-venv"


@pytest.fixture(scope="module")
def kernel_specs(tmp_path_factory) -> KernelSpecManager:
    """A kernel spec that runs ``sys.executable`` (the venv's python) and nothing else."""
    folder = tmp_path_factory.mktemp("kernels")
    spec = folder / KERNEL
    spec.mkdir()
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": KERNEL, "language": "python"}))
    return KernelSpecManager(kernel_dirs=[str(folder)])


def test_there_are_notebooks_and_they_are_stored_clean():
    assert NOTEBOOKS, "no notebook in notebooks/"
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name}: stored with outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_draws(path, bundled, kernel_specs, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_OUT", str(bundled.out))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))  # no user profile or startup files
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("MPLBACKEND", "Agg")  # %matplotlib inline in the notebook takes over
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = nbformat.read(path, as_version=4)
    manager = KernelManager(kernel_name=KERNEL, kernel_spec_manager=kernel_specs)
    client = NotebookClient(nb, km=manager, timeout=120, resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError, naming the cell, on the first error

    def images(cell) -> int:
        return sum("image/png" in out.get("data", {}) for out in cell.outputs)

    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)
    errors = [out for c in code for out in c.outputs if out.output_type == "error"]
    assert not errors
    figures = [c for c in code if "figure" in c.metadata.get("tags", [])]
    assert figures, f"{path.name}: tag the cells that draw with 'figure'"
    for cell in figures:
        assert images(cell) >= 1, f"{path.name}: cell {cell.id} drew nothing"
    warnings = [out.text for c in code for out in c.outputs if out.output_type == "stream" and out.name == "stderr"]
    assert not [w for w in warnings if "Glyph" in w or "font" in w.lower()], warnings  # Chinese labels render

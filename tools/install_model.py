"""Install pkuseg's trained segmentation model and save kg's spaCy pipeline (set-up time only).

The model ships inside the PyPI sdist ``pkuseg==0.0.25`` at ``pkuseg/models/default``. This
script has pip download that sdist (no compiler needed), extracts ``features.pkl`` and
``weights.npz``, builds the spaCy pipeline with them and saves it with ``nlp.to_disk`` to
``kg.nlp.model.pipeline_dir()``, so that ``kg`` only ever loads it from disk.

    python tools/install_model.py [--force]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from kg.nlp.model import create_pipeline, load_pipeline, pipeline_dir

SDIST = "pkuseg==0.0.25"
MODEL_FILES = ("features.pkl", "weights.npz")


def download_sdist(folder: Path) -> Path:
    """Have pip fetch the pkuseg sdist into ``folder`` and return the archive's path."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            "--no-build-isolation",
            SDIST,
            "-d",
            str(folder),
        ],
        check=True,
    )
    archives = sorted(folder.glob("pkuseg-*.tar.gz"))
    if not archives:
        sys.exit(f"install_model: pip did not download {SDIST}")
    return archives[0]


def extract_model(archive: Path, target: Path) -> Path:
    """Extract the default model's files from the sdist into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if parts[-3:-1] == ("models", "default") and parts[-1] in MODEL_FILES:
                source = tar.extractfile(member)
                if source is None:
                    continue
                (target / parts[-1]).write_bytes(source.read())
    missing = [name for name in MODEL_FILES if not (target / name).is_file()]
    if missing:
        sys.exit(f"install_model: {archive.name} has no models/default/{', '.join(missing)}")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="reinstall even if the pipeline exists")
    args = parser.parse_args()
    destination = pipeline_dir()
    if (destination / "config.cfg").is_file() and not args.force:
        print(f"install_model: pipeline already at {destination}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        archive = download_sdist(Path(tmp))
        model = extract_model(archive, Path(tmp) / "model")
        nlp = create_pipeline(model)
        destination.parent.mkdir(parents=True, exist_ok=True)
        nlp.to_disk(destination)
    started = time.perf_counter()
    load_pipeline(destination)
    print(f"install_model: saved the pkuseg pipeline to {destination} (loads in {time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()

"""The spaCy pipeline with pkuseg's trained model: created once at set-up, loaded at run time.

``tools/install_model.py`` takes the model files (``features.pkl``, ``weights.npz``) from the
``pkuseg==0.0.25`` sdist and calls ``create_pipeline``; the saved pipeline lives in the virtual
environment (``.venv/share/kg/zh_pkuseg``) unless ``KG_MODEL`` points elsewhere. Nothing is ever
downloaded at run time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import spacy
from spacy.language import Language

from kg.errors import KgError


def pipeline_dir() -> Path:
    """Where the saved pipeline lives: ``$KG_MODEL`` or the virtual environment's share/kg."""
    env = os.environ.get("KG_MODEL")
    return Path(env) if env else Path(sys.prefix) / "share" / "kg" / "zh_pkuseg"


def create_pipeline(pkuseg_model: Path) -> Language:
    """A blank Chinese pipeline whose tokenizer is pkuseg initialised from ``pkuseg_model``."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_model))
    return nlp


_LOADED: dict[Path, Language] = {}


def load_pipeline(path: Path | None = None) -> Language:
    """Load the saved pipeline (once per process); a clear error if set-up has not been run."""
    path = (path or pipeline_dir()).resolve()
    if path not in _LOADED:
        if not (path / "config.cfg").is_file():
            raise KgError(f"{path}: the segmentation model is not installed; run `make setup` (or set KG_MODEL)")
        _LOADED[path] = spacy.load(path)
    return _LOADED[path]

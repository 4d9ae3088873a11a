"""Where the bundled files live, in a source checkout, an installed package or a frozen bundle.

Every lookup of ``resources/`` and ``data/`` goes through this module, so the layout is known
in one place: PyInstaller puts both folders under ``sys._MEIPASS``; a checkout (or an editable
install) keeps them beside the ``mag_desktop`` package. ``MAG_RESOURCES`` / ``MAG_DATA`` override
either, which tests and packagers may use.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _base() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The folder of bundled reference data, fonts, icons and templates."""
    override = os.environ.get("MAG_RESOURCES")
    return Path(override) if override else _base() / "resources"


def data_dir() -> Path:
    """The folder of the sample dataset a clerk can import."""
    override = os.environ.get("MAG_DATA")
    return Path(override) if override else _base() / "data"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``; raises FileNotFoundError with the path when it is missing."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {path}")
    return path

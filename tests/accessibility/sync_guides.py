"""Copy the guides (docs/member.md, clerk.md, officer.md) and the pictures they show into
resources/guides, where the application's Help reads them offline and the PyInstaller build
(which bundles resources/) carries them.

Run after changing a guide or its pictures (tests/gui/test_accessibility_help.py fails until
the copies match):

    .venv/bin/python tests/accessibility/sync_guides.py
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
TARGET = ROOT / "resources" / "guides"
GUIDES = ("member", "clerk", "officer")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")


def wanted() -> dict[Path, Path]:
    """Each file to bundle (under resources/guides) and its source under docs/."""
    files: dict[Path, Path] = {}
    for stem in GUIDES:
        source = DOCS / f"{stem}.md"
        files[TARGET / source.name] = source
        for image in IMAGE.findall(source.read_text(encoding="utf-8")):
            files[TARGET / image] = DOCS / image
    return files


def sync() -> list[Path]:
    """Bring resources/guides in line with docs/; returns the files written or removed."""
    files = wanted()
    changed = []
    for target, source in files.items():
        if not target.exists() or target.read_bytes() != source.read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            changed.append(target)
    for old in TARGET.rglob("*"):
        if old.is_file() and old not in files and old.name != "README.md":
            old.unlink()
            changed.append(old)
    return changed


if __name__ == "__main__":
    for path in sync():
        print(path.relative_to(ROOT))

"""The core never imports Qt: import every core module in a fresh interpreter and check."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import importlib, pkgutil, sys
import mag_desktop.core as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, "mag_desktop.core.")]
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(len(names))
print(",".join(qt))
"""


def test_core_imports_no_qt() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert int(out[0]) >= 10  # the walk really found the core's modules
    assert out[1] == "", f"Qt modules loaded by the core: {out[1]}"

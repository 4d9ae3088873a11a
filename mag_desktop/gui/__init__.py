"""The PySide6 shell: shows what the core computes; never opens a file or database itself.

The core's own libraries are imported here, before any Qt module: once PySide6 is loaded it
reads the source of every module imported after it (to look for its ``__feature__`` switches),
which costs a fifth of a second at start when pandas and pyarrow come after it.
"""

import pandas  # noqa: F401  (imported before PySide6, above)
import pyarrow  # noqa: F401

import mag_desktop.core.query  # noqa: F401

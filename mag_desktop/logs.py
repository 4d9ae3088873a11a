"""The application's log: a rotating file in the platform's log folder, with the whole traceback
of any failure in the window or the command line, so a fault can be understood afterwards.

It holds what happened (commands, imports, packs, faults) and file names, never figures, names
of people or the user's login. ``--debug`` also prints it to the terminal. When the folder
cannot be written (a locked-down laptop), the application runs on without a log file.
"""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_dir

from mag_desktop.core.store.location import APP_AUTHOR, APP_NAME

LOG_FILE = "mag-desktop.log"
MAX_BYTES = 1_000_000
KEEP = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d %(threadName)s] %(message)s"

log = logging.getLogger("mag_desktop")


def log_folder() -> Path:
    """The platform's per-user log folder (``MAG_LOG_DIR`` overrides it)."""
    return Path(os.environ.get("MAG_LOG_DIR") or user_log_dir(APP_NAME, APP_AUTHOR))


def setup(debug: bool = False) -> Path | None:
    """Start logging once per process; returns the log file, or None when it cannot be written."""
    root = logging.getLogger("mag_desktop")
    if getattr(root, "_mag_ready", False):
        return getattr(root, "_mag_file", None)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    root.propagate = False
    path: Path | None = log_folder() / LOG_FILE
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(path, maxBytes=MAX_BYTES,
                                                       backupCount=KEEP, encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    except OSError:
        path = None
    if debug:
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(console)
    root._mag_ready = True  # type: ignore[attr-defined]
    root._mag_file = path  # type: ignore[attr-defined]
    return path


def reset() -> None:
    """Close the handlers (for tests that start logging again elsewhere)."""
    root = logging.getLogger("mag_desktop")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root._mag_ready = False  # type: ignore[attr-defined]

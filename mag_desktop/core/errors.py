"""Errors the core raises for people to read: each message is one plain sentence.

The CLI prints ``str(error)`` on one line and exits non-zero; the window shows it in a dialog.
Anything else that escapes is a bug, shown as such (with the traceback only under ``--debug``).
"""

from __future__ import annotations


class MagError(Exception):
    """Base class: a problem the user can understand and act on."""

    exit_code = 1


class UsageError(MagError):
    exit_code = 2


class StoreError(MagError):
    """The store cannot be opened, read or written."""


class StoreBusyError(StoreError):
    """Another process is writing to the store."""


class StoreReadOnlyError(StoreError):
    """This copy of the store was opened read-only."""

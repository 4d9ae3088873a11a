"""The command line: ``mag-desktop`` (no arguments opens the window)."""

from mag_desktop.cli.main import gui_main, main

__all__ = ["gui_main", "main"]

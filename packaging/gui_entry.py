"""Entry point of the frozen ``mag-desktop-gui`` executable (the window; no console on Windows)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # ward batches and large imports run workers as this exe

    from mag_desktop.cli import gui_main

    sys.exit(gui_main())

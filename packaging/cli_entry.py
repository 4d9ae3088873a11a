"""Entry point of the frozen ``mag-desktop`` executable (the command line; console)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # Ward batches and a large import (its disclosure control) start worker processes with
    # "spawn": in a frozen bundle each worker is this executable again, and freeze_support()
    # turns it into the worker before anything else runs.
    multiprocessing.freeze_support()

    from mag_desktop.cli import main

    sys.exit(main())

"""``python -m mag_desktop``: the same as the ``mag-desktop`` command."""

from mag_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

"""MAG Desktop: offline briefings for the WMCA Race Equalities Taskforce Members Advisory Group."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mag-desktop")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"

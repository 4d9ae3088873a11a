"""Signed data releases: the clerk publishes the store as one signed file, members open it.

A release is a zip of three entries (see :mod:`.container`): ``manifest.json`` (what the release
is), ``manifest.sig`` (its Ed25519 signature) and ``snapshot.sqlite`` (a read-only copy of the
store holding nothing the window would not show). Opening verifies the signature against a
trusted publisher's key and the snapshot against the manifest's SHA-256 before anything is used.
"""

from mag_desktop.core.release.manifest import Manifest, ReleaseError

__all__ = ["Manifest", "ReleaseError"]

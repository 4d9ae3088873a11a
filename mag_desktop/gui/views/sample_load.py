"""Loading the bundled sample data from the window (File › Load the sample data, and the start
page's button): the core's demo import as a write operation, after which the window reloads
(after a stop too: the files imported before it are kept); a failure is said in the
window's error dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from mag_desktop.core.demo import load_sample as load_sample_files
from mag_desktop.core.store import Store
from mag_desktop.core.tasks import CancelToken
from mag_desktop.gui.operation import Operations
from mag_desktop.gui.runner import Progress


def load_sample(ops: Operations, parent: QWidget | None) -> None:
    """Import the bundled sample data in the background, then show it."""

    def work(store: Store, progress: Progress, cancel: CancelToken) -> list[str]:
        return [r.status for r in load_sample_files(store, progress, cancel)]

    def done(statuses: list[str]) -> None:
        ops.tell(f"Sample data loaded ({statuses.count('ok')} files imported)")

    ops.write(parent, work, success=done, partial=True) \
        .with_progress("Loading the sample data").run_in_background()

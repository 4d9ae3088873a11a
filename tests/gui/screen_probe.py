"""Run as a script under a configured screen (QT_QPA_PLATFORM=offscreen:configfile=…, maybe
QT_SCALE_FACTOR): opens the window over a store with a saved geometry larger than the screen,
then every dialog from the File menu, and prints what a member would see as JSON, with the
window's pictures saved in a folder when one is given. Used by test_screen_fit.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from mag_desktop.gui.app import application, open_window, wait_until_idle
from mag_desktop.gui.settings import Settings

DIALOGS = ("open_pack", "open_import", "open_history", "open_batch", "open_pack_log")


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def inside(outer: QRect, inner: QRect) -> bool:
    return outer.contains(inner)


def main(store: Path, settings_file: Path, pictures: Path | None) -> dict[str, Any]:
    app = application()
    settings = Settings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    big = QWidget()  # a geometry saved on a larger screen, far to the right and down
    big.setGeometry(700, 500, 1900, 1200)
    settings.set_geometry("main", big.saveGeometry())
    window = open_window(store, settings)
    window.unattended = True
    window.show()
    assert wait_until_idle(window)
    screen = app.primaryScreen()
    area = screen.availableGeometry()
    out: dict[str, Any] = {"available": rect(area), "windows": {}, "failed": {}}
    out["windows"]["main"] = rect(window.frameGeometry())
    bar = window.statusBar()
    out["status_bar"] = rect(QRect(bar.mapToGlobal(bar.rect().topLeft()), bar.size()))
    panel = window.filters
    out["period_visible"] = [not combo.visibleRegion().isEmpty() and combo.isVisible()
                             for combo in (panel.period_from, panel.period_to)]
    out["list_rows"] = {c.list.accessibleName(): c.list.viewport().height()
                        / max(1, c.list.sizeHintForRow(0))
                        for c in (panel.authorities, panel.wards, panel.themes, panel.statuses,
                                  panel.groups)}
    window.show_tab("indicators")
    assert wait_until_idle(window)
    table = window.indicators.table
    out["indicator_rows"] = table.viewport().height() / table.verticalHeader().defaultSectionSize()
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    model = table.model()
    out["headings"] = {
        str(model.headerData(i, header.orientation())):
        header.sectionSize(i) - max(metrics.horizontalAdvance(w) for w in
                                    str(model.headerData(i, header.orientation())).split())
        for i in range(model.columnCount())}
    if pictures is not None:
        pictures.mkdir(parents=True, exist_ok=True)
        for tab in ("overview", "commitments", "indicators", "ward"):
            window.show_tab(tab)
            wait_until_idle(window)
            window.grab().save(str(pictures / f"{tab}.png"))
    QDialog.exec = lambda self: self.show() or 0  # type: ignore[method-assign,assignment]
    for name in DIALOGS:
        try:
            getattr(window.controller, name)()
        except Exception as exc:  # a dialog that cannot open is reported, not raised
            out["failed"][name] = repr(exc)
        app.processEvents()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget is not window and isinstance(widget, QDialog):
                key = f"{name}: {widget.windowTitle()}"
                out["windows"][key] = rect(widget.frameGeometry())
                if pictures is not None:
                    widget.grab().save(str(pictures / f"{name}.png"))
                widget.hide()
                widget.deleteLater()
        app.processEvents()
    window.close()
    window.runner.wait()
    window.session.close()
    return out


if __name__ == "__main__":
    folder = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]), folder)))

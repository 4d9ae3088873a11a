"""Per-user settings (QSettings): "my authority, wards and themes", window geometry, widths.

Declared once with defaults and a version; an older version's values are dropped cleanly.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from mag_desktop.core.query import Filter

VERSION = 1
ORGANISATION = "WMCA"
APPLICATION = "MAG Desktop"
MY_KEYS = ("authorities", "wards", "themes")


class Settings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings(ORGANISATION, APPLICATION)
        if self._s.value("version", 0, int) != VERSION:
            self._s.clear()
            self._s.setValue("version", VERSION)

    def my_filter(self) -> Filter:
        """The member's own authority, wards and themes (an empty filter when none is set)."""
        raw = self._s.value("my_filter", "")
        try:
            data: dict[str, Any] = json.loads(str(raw)) if raw else {}
        except ValueError:
            data = {}
        return Filter.from_dict({k: v for k, v in data.items() if k in MY_KEYS})

    def set_my_filter(self, flt: Filter) -> None:
        self._s.setValue("my_filter", json.dumps(flt.to_dict(MY_KEYS)))
        self._s.sync()

    def geometry(self, name: str) -> QByteArray | None:
        value = self._s.value(f"geometry/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._s.setValue(f"geometry/{name}", value)

    def widths(self, table: str) -> list[int]:
        raw = self._s.value(f"widths/{table}", "")
        try:
            values = json.loads(str(raw)) if raw else []
        except ValueError:
            return []
        return [int(v) for v in values if isinstance(v, int)]

    def set_widths(self, table: str, widths: list[int]) -> None:
        self._s.setValue(f"widths/{table}", json.dumps(widths))

    def text(self, key: str) -> str:
        """A plain text setting ("" when unset), e.g. the watched folder for releases."""
        return str(self._s.value(key, "") or "")

    def set_text(self, key: str, value: str) -> None:
        self._s.setValue(key, value)
        self._s.sync()

    def sync(self) -> None:
        self._s.sync()

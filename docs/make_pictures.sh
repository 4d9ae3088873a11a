#!/usr/bin/env bash
# Makes the pictures of the user guide (docs/images/) from the sample data, so that they always
# show the current product. Run it from anywhere after installing the package:
#
#     docs/make_pictures.sh
#
# It builds a temporary store with `mag-desktop demo`, takes a screenshot of each tab of the
# window (offscreen: no screen is needed), two more with a saved filter ("my authority"), and
# renders pages of a Birmingham authority pack and of an Erdington ward pack at 60 dpi with
# tests/pdf_pictures.py (QtPdf, part of PySide6: no poppler-utils needed).
# The Publish release dialog and View › My notes are taken on home-like folders
# (/tmp/clerk-laptop, /tmp/member-laptop) so that the paths they show read naturally.
# Running it again replaces the pictures with fresh ones and nothing else in docs/images/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
images="$here/images"

mag="${MAG_DESKTOP:-$(command -v mag-desktop || true)}"
if [[ -z "$mag" ]]; then
    echo "make_pictures.sh: mag-desktop is not on PATH; activate the virtual environment" \
         "or set MAG_DESKTOP=/path/to/mag-desktop" >&2
    exit 2
fi
python="${PYTHON:-$(dirname "$mag")/python}"
pdf_pictures="$here/../tests/pdf_pictures.py"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
store="$work/store.sqlite"
fresh="$work/images"
mkdir -p "$fresh"

# The window's own settings stay inside the temporary folder, never the user's.
export QT_QPA_PLATFORM=offscreen
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
unset MAG_STORE

"$mag" demo --store "$store" >/dev/null

# shot NAME TAB: a screenshot of the window at TAB as NAME.png (Qt's chatter about the
# offscreen platform is shown only if the screenshot fails).
shot() {
    if ! "$mag" gui --store "$store" --screenshot "$fresh/$1.png" --tab "$2" 2>"$work/gui.err"
    then
        cat "$work/gui.err" >&2
        exit 1
    fi
}

# The four tabs, with no filter (everything the sample holds).
for tab in overview commitments indicators ward; do
    shot "tab-$tab" "$tab"
done

# save_mine CODES…: what the Save as my authority button stores (authorities, wards, themes),
# so that the next window opens with that filter applied.
save_mine() {
    "$python" - "$@" <<'PY'
import sys

from mag_desktop.core.query import Filter
from mag_desktop.gui.settings import Settings

authorities, wards, themes = (tuple(x.split(",")) if x else () for x in sys.argv[1:4])
Settings().set_my_filter(Filter(authorities=authorities, wards=wards, themes=themes))
PY
}

# Birmingham and Housing saved as "my authority": the overview for that filter.
save_mine E08000025 "" HOUSING
shot my-authority-overview overview
# Birmingham with one ward ticked (Erdington): the ward profile of that ward.
save_mine E08000025 E05011135 ""
shot my-ward-profile ward

# The dialogs the gui command cannot open by itself: the import wizard's report on a faulty
# file, the import history, and the pack dialog with a preview; then a commitment's detail
# showing "Is it working?". The window is driven offscreen on a copy of the store, exactly as a
# person would click through it.
cp "$store" "$work/dialogs.sqlite"
cat >"$work/faulty.csv" <<'CSV'
Indicator ID,Period,Area code,Ethnic group,Value,Lower 95% limit,Upper 95% limit
EMP_RATE,2026 Q4,E08000025,All ethnic groups,71.4,71.3,71.5
EMP_RATE,2026 Q4,Bimingham,Indian,76.3,75.9,76.7
EMP_RATE,2026 Q5,E08000025,Pakistani,57.2,56.9,57.5
EMP_RATE,2026 Q4,E08000026,All ethnic groups,77.6,77.4,77.8
CSV
"$python" - "$work/dialogs.sqlite" "$work/faulty.csv" "$fresh" 2>"$work/dialogs.err" <<'PY' || {
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from mag_desktop.gui import screen
from mag_desktop.gui.app import application, open_window, wait_until_idle
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.history import HistoryDialog
from mag_desktop.gui.views.import_wizard import ImportWizard
from mag_desktop.gui.views.pack_dialog import PackDialog

store, faulty, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
app = application()
window = open_window(store, Settings())
window.resize(1500, 950)
window.show()
if not wait_until_idle(window):
    sys.exit("the window did not load its data")


def settle(until, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not until():
        if time.monotonic() > deadline:
            sys.exit("a dialog did not finish in time")
        QApplication.processEvents()
        time.sleep(0.02)
    for _ in range(30):  # let the last paint happen
        QApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, name: str) -> None:
    if not widget.grab().save(str(out / f"{name}.png")):
        sys.exit(f"cannot save {name}.png")


wizard = ImportWizard(window_operations(window), window)
wizard.resize(1150, 480)
wizard.show()
wizard.path.setText(faulty)
wizard.run(dry_run=True)
settle(lambda: wizard.result is not None)
save(wizard, "import-report")
wizard.close()

history = HistoryDialog(window_operations(window), window.settings, window)
history.resize(1300, 480)
history.show()
settle(lambda: history.model.rowCount() > 0)
save(history, "import-history")
history.close()

dialog = PackDialog(window_operations(window), window.choices, window.filters.current, window)
dialog.resize(1300, 900)
dialog.show()
dialog.authority.setCurrentIndex(dialog.authority.findData("E08000025"))
dialog.meeting.setText("Members Advisory Group")
dialog.preview()
settle(lambda: dialog.pack is not None)
save(dialog, "pack-dialog")
dialog.close()

# Is it working? in a commitment's detail: the window at its full picture size (not fitted to
# the default offscreen screen), the detail pane given most of the height and scrolled to the
# part, for a Birmingham commitment linked to temporary accommodation.
screen.unwatch(window)
window.resize(1500, 950)
window.controller.open_commitment("RET-HOUSING-010")
detail, tab = window.commitments.detail, window.commitments
settle(lambda: detail.links is not None and bool(detail.links.progress))
tab.split.setSizes([250, 650])
settle(lambda: True)
row = int(tab.model.frame["id"].eq("RET-HOUSING-010").to_numpy().nonzero()[0][0])
tab.table.scrollTo(tab.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
detail.verticalScrollBar().setValue(detail.links.y() - 40)  # from the part's heading
detail.horizontalScrollBar().setValue(0)
settle(lambda: True)
save(window, "link-commitment")

window.runner.wait()
window.close()
window.session.close()
app.quit()
PY
    cat "$work/dialogs.err" >&2
    exit 1
}

# Two pictures as a clerk's and a member's laptop show them, so their paths read naturally
# (never the temporary folder): the Publish release dialog just after publishing, with the
# fingerprint to read aloud, and View › My notes with notes from two quarters. Each laptop is a
# home-like folder of its own in /tmp, made here and removed at the end.
laptops=(/tmp/clerk-laptop /tmp/member-laptop)
rm -rf -- "${laptops[@]}"
trap 'rm -rf "$work" "${laptops[@]}"' EXIT
# laptop_shot HOME WHAT: the picture WHAT (publish or notes) taken with HOME as the laptop.
laptop_shot() {
    local home="$1"
    mkdir -p "$home/Documents"
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    MAG_KEYS_DIR="$home/.config/MAG Desktop/keys" \
    MAG_RELEASES_DIR="$home/.local/share/MAG Desktop/releases" \
    MAG_NOTES="$home/.local/share/MAG Desktop/mag-desktop-notes.sqlite" \
    "$python" - "$work/dialogs.sqlite" "$fresh" "$2" 2>"$work/laptop.err" <<'PY' || {
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from mag_desktop.core.notes import NoteBook, resolve_notes_path
from mag_desktop.core.release import keys
from mag_desktop.gui.app import application, open_window, wait_until_idle
from mag_desktop.gui.operation import window_operations
from mag_desktop.gui.settings import Settings
from mag_desktop.gui.views.release_dialogs import PublishDialog

store, out, what = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
app = application()
window = open_window(store, Settings())
window.resize(1366, 768)
window.show()
if not wait_until_idle(window):
    sys.exit("the window did not load its data")


def settle(until, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not until():
        if time.monotonic() > deadline:
            sys.exit(f"the {what} picture did not finish in time")
        QApplication.processEvents()
        time.sleep(0.02)
    for _ in range(30):  # let the last paint happen
        QApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, name: str) -> None:
    if widget.width() > 1366 or widget.height() > 768:
        sys.exit(f"{name} is larger than a 1366×768 screen")
    if not widget.grab().save(str(out / f"{name}.png")):
        sys.exit(f"cannot save {name}.png")


if what == "publish":
    keys.keygen("the Taskforce clerk")  # made once, as the guide says, before the first release
    dialog = PublishDialog(window_operations(window), window)
    dialog.show()
    settle(lambda: dialog.state is not None)
    quarter = dialog.as_at.currentText()
    dialog.out.setText(str(Path.home() / "Documents" / "Releases"
                           / f"{quarter.replace(' ', '-')}.magrelease"))
    dialog.publish_button.click()
    settle(lambda: dialog.published is not None or dialog.outcome.text().startswith("<b>Not"))
    if dialog.published is None:
        sys.exit(dialog.outcome.text())
    dialog.publish_button.setFocus()  # no text cursor left in the Publisher box
    settle(lambda: True)
    save(dialog, "release-publish")
else:
    rows = [window.commitments.model.row(i) for i in range(3)]
    with NoteBook.open(resolve_notes_path(None, store)) as book:
        book.add("commitment", str(rows[0]["id"]), "Ask the lead officer when the funding gap "
                 "will close.", quarter="2026 Q3")
        book.add("indicator", "EMP_RATE", "Compare the gap for Pakistani residents with "
                 "the census.", area_code="E08000025",
                 quarter="2026 Q3")
        book.add("commitment", str(rows[2]["id"]), "Raised in the spring: check it is still on "
                 "track.", quarter="2026 Q2")
    window.releases.show_notes()
    notes = window.releases.notes_dialog
    settle(lambda: notes.groups is not None)
    save(notes, "my-notes-list")
    notes.close()
window.runner.wait()
window.close()
window.session.close()
app.quit()
PY
        cat "$work/laptop.err" >&2
        exit 1
    }
}
laptop_shot /tmp/clerk-laptop publish
laptop_shot /tmp/member-laptop notes

# page NUMBER FILE.pdf NAME: one page of a pack as docs/images/NAME.png at 60 dpi.
page() {
    "$python" "$pdf_pictures" render "$2" "$1" "$fresh/$3.png" --dpi 60
}

authority_pack="$work/birmingham.pdf"
"$mag" pack --store "$store" --authority Birmingham \
    --meeting "Members Advisory Group" --date 2026-12-09 \
    --out "$authority_pack" >/dev/null
page 1 "$authority_pack" pack-authority-cover
page 3 "$authority_pack" pack-authority-summary

# first_page FILE.pdf TEXT…: the number of the first page holding every TEXT (exits if none).
first_page() {
    "$python" "$pdf_pictures" find "$@" || exit 1
}

# The first indicator page with its chart and the disparity sentences.
indicator_page="$(first_page "$authority_pack" "By ethnic group:" \
    "Differences between ethnic groups")"
page "$indicator_page" "$authority_pack" pack-authority-indicator

ward_pack="$work/erdington.pdf"
"$mag" pack --store "$store" --authority Birmingham --ward Erdington \
    --meeting "Members Advisory Group" --date 2026-12-09 \
    --out "$ward_pack" >/dev/null
page 1 "$ward_pack" pack-ward-cover
ward_page="$(first_page "$ward_pack" "Ward profile: Erdington" \
    "Erdington is a ward of Birmingham")"
page "$ward_page" "$ward_pack" pack-ward-profile

# Replace the pictures this script owns; leave any other file in docs/images/ alone.
mkdir -p "$images"
shopt -s nullglob
rm -f -- "$images"/tab-*.png "$images"/my-authority-*.png "$images"/my-ward-*.png \
    "$images"/my-notes-list.png "$images"/pack-*.png "$images"/import-*.png \
    "$images"/release-publish.png "$images"/link-commitment.png
cp "$fresh"/*.png "$images/"
echo "pictures in $images (authority pack page $indicator_page, ward pack page $ward_page):"
ls -1 "$fresh"

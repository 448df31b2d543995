"""Save docs/meetings-panel.png: the main window with the meetings panel open on a SOM agenda.

    QT_QPA_PLATFORM=offscreen python docs/make_meeting_screenshot.py [OUT.png]

(or under `xvfb-run -a` for the desktop style). The demo plan is the one of
docs/make_screenshots.py (statuses, notes, focal points); the meeting is the SOM of
docs/make_sample_brief.py (five items, RESTRICTED, the outcome of the previous SOM as the
background of 2.1(c)), made through the Desk API. 2.1(c) is selected in the agenda and the tree.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))

from make_sample_brief import AGENDA  # noqa: E402
from make_screenshots import build_demo  # noqa: E402

from app.service import Desk  # noqa: E402

SELECTED = "2.1(c)"


def build_meetings(path: Path) -> None:
    desk = Desk.open(path)
    try:
        mm = desk.meetings
        earlier = mm.create("SOM", "28th ASEAN-EU Senior Officials' Meeting", date(2025, 3, 6),
                            "Brussels", "RESTRICTED", SELECTED).id
        mm.edit_item(mm.find_item(earlier, SELECTED),
                     outcome="Both sides welcomed the resumption of the JWG and asked it to "
                             "report on the pending issues.")
        meeting = mm.create("SOM", "29th ASEAN-EU Senior Officials' Meeting", date(2026, 3, 5),
                            "Jakarta, ASEAN Secretariat", "RESTRICTED", list(AGENDA)).id
        for ref, fields in AGENDA.items():
            mm.edit_item(mm.find_item(meeting, ref), **fields)
        for ref, status in (("1.1(a)", "Recurring"), ("2.1(c)", "Being addressed"),
                            ("1.3(b)", "Recurring"), ("3.5(i)", "Being addressed")):
            desk.set_status(desk.resolve_ref(ref), status)
        aid = desk.resolve_ref(SELECTED)
        desk.set_notes(aid, "The JWG met in Bangkok on 20-21 January: stocktaking of the draft "
                            "Framework done; sustainability chapter and procurement still open.")
        desk.set_lines_to_take(aid, "The EU remains committed to a region-to-region FTA; the "
                                    "bilateral FTAs are building blocks towards it.")
    finally:
        desk.close()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "meetings-panel.png"
    from PySide6.QtCore import QCoreApplication, Qt

    from app.ui.main import application
    from app.ui.main_window import MainWindow
    from app.ui.settings import UiSettings

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build_demo(db)
        build_meetings(db)
        app = application()
        settings = UiSettings(Path(tmp) / "ui.ini")
        window = MainWindow(Desk.open(db), settings)
        window.resize(1680, 980)
        window.show()
        panel = window.meetings.show_panel()
        window.resizeDocks([window.meetings.dock], [620], Qt.Orientation.Horizontal)
        window.splitter.setSizes([520, 540])
        panel.meeting_combo.setCurrentIndex(1)  # the 29th SOM
        row = [i.ref for i in panel.agenda_model.items].index(SELECTED)
        panel.agenda_view.setCurrentIndex(panel.agenda_model.index(row, 0))
        panel.splitter.setSizes([200, 620])
        window.tree.collapse(window.tree.index_of("p1"))  # pillar 2 in view
        window.select_key(f"a{SELECTED}")
        panel.agenda_view.setFocus()
        for _ in range(10):
            QCoreApplication.processEvents()
        window.grab().save(str(out))
        window.close()
        app.processEvents()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

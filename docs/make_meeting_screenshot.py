"""Save docs/meetings-panel.png: the main window with the meetings panel open on a SOM agenda.

    Xvfb :99 -screen 0 1280x720x24 -noreset & DISPLAY=:99 openbox &
    DISPLAY=:99 python docs/make_meeting_screenshot.py [OUT.png]

(a 1280x720 laptop's screen with a window manager; QT_QPA_PLATFORM=offscreen grabs the window
alone). The demo plan is the one of
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

from make_sample_brief import add_sample_meetings  # noqa: E402
from make_screenshots import build_demo, shoot  # noqa: E402

from app.service import Desk  # noqa: E402

SELECTED = "2.1(c)"


def build_meetings(path: Path) -> None:
    from app.activities.values import ActivityFields
    from app.values import Target

    desk = Desk.open(path)
    try:
        add_sample_meetings(desk)  # the 29th SOM; the 28th's outcome on 2.1(c)
        aid = desk.resolve_ref(SELECTED)
        desk.set_notes(aid, "The JWG met in Bangkok on 20-21 January: stocktaking of the draft "
                            "Framework done; sustainability chapter and procurement still open.")
        desk.set_lines_to_take(aid, "The EU remains committed to a region-to-region FTA; the "
                                    "bilateral FTAs are building blocks towards it.")
        desk.activities.add(Target(action_id=aid), ActivityFields(
            "ASEAN-EU Trade and Investment Working Group", "meeting", date(2026, 1, 20),
            date(2026, 1, 21), place="Bangkok"))
    finally:
        desk.close()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "meetings-panel.png"
    from PySide6.QtCore import QCoreApplication

    from app.ui.main import application
    from app.ui.shell.settings import UiSettings
    from app.ui.window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build_demo(db)
        build_meetings(db)
        app = application()
        settings = UiSettings(Path(tmp) / "ui.ini")
        window = MainWindow(Desk.open(db), settings)
        window.show()  # the first start: the screen's available area (1280x720 under Xvfb)
        panel = window.meetings.show_panel()
        for _ in range(5):
            QCoreApplication.processEvents()  # the panes share the width as they do for a user
        panel.meeting_combo.setCurrentIndex(1)  # the 29th SOM
        row = [i.ref for i in panel.agenda_model.items].index(SELECTED)
        panel.agenda_view.setCurrentIndex(panel.agenda_model.index(row, 0))
        panel.splitter.setSizes([170, 480])
        window.tree.collapse(window.tree.index_of("p1"))  # pillar 2 in view
        window.select_key(f"a{SELECTED}")
        panel.agenda_view.setFocus()
        for _ in range(10):
            QCoreApplication.processEvents()
        shoot(window, out)
        window.close()
        app.processEvents()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

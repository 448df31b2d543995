"""Save docs/new-meeting.png: the New Meeting form (Ctrl+N) over the main window at 1280x720,
filled in as on the quick path (issue 19): title, date, venue and the whole agenda in one line.

    xvfb-run -a -s "-screen 0 1280x720x24" python docs/make_new_meeting_screenshot.py [OUT.png]

(under Xvfb with a window manager such as openbox for the desktop's frames; offscreen, the
form alone is grabbed). The demo plan is the one of docs/make_screenshots.py.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))

from make_screenshots import build_demo, shoot  # noqa: E402

from app.service import Desk  # noqa: E402

AGENDA = '1.3b, 2.1(c), 3.5, 5a, "Any other business"'


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "new-meeting.png"
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from app.ui.main import application
    from app.ui.meetings import meeting_form
    from app.ui.shell.settings import UiSettings
    from app.ui.window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build_demo(db)
        app = application()
        settings = UiSettings(Path(tmp) / "ui.ini")
        window = MainWindow(Desk.open(db), settings)
        window.resize(1280, 720)
        window.move(0, 0)
        window.show()
        shown: list[meeting_form.MeetingForm] = []

        def show(dialog: meeting_form.MeetingForm) -> bool:  # the real form, not modal
            shown.append(dialog)
            dialog.show()
            return False

        meeting_form.run_dialog = show  # type: ignore[assignment]
        window.meetings.show_panel().new_meeting()
        form = shown[0]
        for _ in range(10):
            QCoreApplication.processEvents()
        for text in ("ASEAN-EU SOM", "\t", "5 March 2027", "\t", "Jakarta", "\t", AGENDA):
            focused = QGuiApplication.focusObject() or form.title_edit
            if text == "\t":
                QTest.keyClick(focused, Qt.Key.Key_Tab)  # type: ignore[call-overload]
            else:
                QTest.keyClicks(focused, text)  # type: ignore[call-overload]
        for _ in range(10):
            QCoreApplication.processEvents()
        shoot(form, out, move=False)
        form.close()
        window.close()
        app.processEvents()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

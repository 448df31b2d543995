"""Build a demo database, open the main window on it with 1.3(b) selected, save the picture.

    Xvfb :99 -screen 0 1280x720x24 -noreset & DISPLAY=:99 openbox &
    DISPLAY=:99 python docs/make_screenshots.py [OUT.png]

(a 1280x720 laptop's screen with a window manager: the window takes the available area, its
title bar and frame as a user sees them).

Under Xvfb the picture is what the X server shows (ImageMagick `import -window root`), as a
person would see it; elsewhere (QT_QPA_PLATFORM=offscreen) the window grabs itself. The demo
state is made through the Desk API: statuses spread over the plan, notes, lines to take and
tags on 1.3(b), a few focal points.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.service import Desk  # noqa: E402

NOTES = (
    "SOMTC+EU met in Vientiane on 12 March: the EU offered to co-host a workshop on "
    "terrorist financing in Q3.\n"
    "Check with the ASEC desk whether the ToR for the EU-ASEAN counter-terrorism dialogue "
    "have been circulated to capitals."
)
LINES = (
    "The EU values SOMTC+EU as the main channel for cooperation on transnational crime and "
    "stands ready to host the next Senior Officials' consultations."
)
# Status by a stable hash of the reference: most action lines under way, as ASEAN reports.
SPREAD = ["achieved", "being_addressed", "being_addressed", "recurring", "being_addressed",
          "achieved", "not_yet_addressed", "being_addressed", "not_assessed", "achieved"]


def build_demo(path: Path) -> None:
    from app.focal.values import FocalPointFields
    from app.values import Target

    desk = Desk.open(path)
    try:
        tree = desk.plan_tree()
        for action in tree.all_actions():
            desk.set_status(action.id, SPREAD[zlib.crc32(action.ref.encode()) % len(SPREAD)])
        aid = desk.resolve_ref("1.3(b)")
        desk.set_status(aid, "Being addressed")
        desk.set_notes(aid, NOTES)
        desk.set_lines_to_take(aid, LINES)
        desk.set_tags(aid, ["SOM 2026", "counter-terrorism"])
        section = next(s for p in tree.parts for s in p.sections if s.number == "1.3")
        people = [
            (FocalPointFields("Siti Rahmawati", "ID", "Director, ASEAN Political-Security "
                              "Cooperation", "Ministry of Foreign Affairs"), None, "lead"),
            (FocalPointFields("Marco Bianchi", "EU", "Policy Officer",
                              "EEAS, South-East Asia Division"), section.id, "co-lead"),
            (FocalPointFields("Maria Santos", "PH", "Assistant Secretary",
                              "Department of Foreign Affairs"), None, "support"),
        ]
        for fields, section_id, role in people:
            created = desk.focal.add(fields)
            target = Target(section_id=section_id) if section_id else Target(action_id=aid)
            desk.focal.assign(created.id, target, role)
    finally:
        desk.close()


def shoot(widget, out: Path, *, move: bool = True) -> None:
    """The screen as a user sees it (Xvfb, a window manager, ImageMagick's `import` of the
    root window, 1280x720); without an X server, the widget's own picture."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() == "xcb" and shutil.which("import"):
        if move:
            widget.move(0, 0)
        for _ in range(20):
            QCoreApplication.processEvents()
            time.sleep(0.05)  # let the X server draw what Qt sent it
        subprocess.run(["import", "-window", "root", "-crop", "1280x720+0+0", "+repage",
                        str(out)], check=True)
    else:
        widget.grab().save(str(out))


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "main-window.png"
    from PySide6.QtCore import QCoreApplication

    from app.ui.main import application
    from app.ui.shell.settings import UiSettings
    from app.ui.window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build_demo(db)
        app = application()
        window = MainWindow(Desk.open(db), UiSettings(Path(tmp) / "ui.ini"))
        window.show()  # the first start: the screen's available area (1280x720 under Xvfb)
        window.select_key("a1.3(b)")
        window.tree.setFocus()
        for _ in range(5):
            QCoreApplication.processEvents()
        shoot(window, out)
        window.close()
        app.processEvents()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

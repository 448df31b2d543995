"""Help > POA Desk Guide (F1): a short guide by task, shipped with the app as HTML pages
(`guide/`, in the wheel and in the PyInstaller bundle) and shown inside it, offline.

`HelpUi(host)` is made once by the main window; the viewer is built when first opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.ui.shell.actions import Act

if TYPE_CHECKING:
    from app.ui.help.guide_window import GuideWindow
    from app.ui.shell.host import Host

GUIDE_DIR = Path(__file__).resolve().parent / "guide"
# the pages, named (a folder listing is not relied on: frozen bundles), contents first
PAGES = ("index", "som-brief", "focal-points", "matrix", "backups", "offline")


class HelpUi(QObject):
    def __init__(self, host: Host) -> None:
        super().__init__(host.widget)
        self.host = host
        self.window: GuideWindow | None = None
        host.actions.add(Act.GUIDE, self.open_guide)

    def open_guide(self, page: str = "index") -> GuideWindow:
        from app.ui.help.guide_window import GuideWindow

        if self.window is None:
            self.window = GuideWindow(self.host.widget, GUIDE_DIR)
        self.window.show_page(page)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        return self.window

"""The guide's window: its pages in a QTextBrowser (links between them, Back and Forward:
Alt+Left / Alt+Right), non-modal, beside the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.shell.screen import fit
from app.ui.shell.widgets import accessible, named


class GuideWindow(QDialog):
    def __init__(self, parent: QWidget | None, folder: Path) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.setWindowTitle("POA Desk Guide")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setModal(False)
        self.folder = folder
        self.browser = accessible(named(QTextBrowser(), "guideBrowser"), "POA Desk Guide",
                                  "Links open the guide's other pages; Alt+Left goes back")
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)  # offline: only the guide's own pages
        self.browser.setSearchPaths([str(folder)])
        self.back_button = named(QPushButton("&Back"), "guideBack")
        self.back_button.setToolTip("The page before (Alt+Left)")
        self.forward_button = named(QPushButton("&Forward"), "guideForward")
        self.contents_button = named(QPushButton("&Contents"), "guideContents")
        for button in (self.back_button, self.forward_button, self.contents_button):
            button.setAutoDefault(False)
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button.clicked.connect(self.browser.forward)
        self.contents_button.clicked.connect(lambda: self.show_page("index"))
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.browser.sourceChanged.connect(self._page_shown)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        row = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.contents_button):
            row.addWidget(button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        fit(self, 720, 640)  # or what the screen has room for

    def show_page(self, page: str) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(self.folder / f"{page}.html")))
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def page(self) -> str:
        """The page shown ("som-brief")."""
        return Path(self.browser.source().toLocalFile()).stem

    def _page_shown(self, _url: QUrl) -> None:
        title = self.browser.documentTitle()
        self.setWindowTitle(f"{title} — POA Desk Guide" if title and title != "POA Desk Guide"
                            else "POA Desk Guide")

"""What an export wrote, said in the status bar instead of a modal box: where, with Open and
Show in Folder (QDesktopServices, through app.ui.shell.dialogs.open_url), and the acronyms the
briefs use that no glossary explains, with Add Expansions… (My Acronyms, prefilled with them).

It stays until the next export or until closed (×); a passing status message hides it for its
time, as Qt's status bar does for its normal widgets.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from app.ui.shell import dialogs
from app.ui.shell.elide import ElidedLabel
from app.ui.shell.widgets import accessible, named

if TYPE_CHECKING:
    from app.export import ExportResult

KINDS = {".docx": "Word", ".xlsx": "Excel"}


def shown_folder(folder: Path) -> str:
    """A folder as the status bar says it: under the home folder as ~/... (not on Windows,
    where ~ means nothing to the officer)."""
    if sys.platform != "win32":
        try:
            return str(Path("~") / folder.relative_to(Path.home()))
        except ValueError:
            pass
    return str(folder)


def _button(text: str, name: str, tip: str) -> QToolButton:
    button = accessible(named(QToolButton(), name), text.replace("&", "").rstrip("…"), tip)
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    return button


class ExportNotice(QWidget):
    add_expansions = Signal(list)  # list[str]: the acronyms to explain

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportNotice")
        self.paths: list[Path] = []
        self.unexplained: list[str] = []
        self.label = named(ElidedLabel(min_chars=12), "exportWhere")
        self.open_button = _button("Open", "exportOpen", "Open what was written")
        self.open_button.clicked.connect(lambda _c=False: self.open_file(0))
        self.open_menu = QMenu(self)
        self.folder_button = _button("Show in Folder", "exportShowFolder",
                                     "Open the folder it was written in")
        self.folder_button.clicked.connect(lambda _c=False: self.show_folder())
        self.acronyms_label = named(ElidedLabel(min_chars=12), "exportAcronyms")
        self.acronyms_label.setStyleSheet("color: #8a5300;")
        self.expansions_button = _button("Add Expansions…", "exportAddExpansions",
                                         "Give these acronyms their full names (My Acronyms): "
                                         "the next brief explains them in its annex")
        self.expansions_button.clicked.connect(
            lambda _c=False: self.add_expansions.emit(list(self.unexplained)))
        self.close_button = _button("×", "exportNoticeClose", "Close this message")
        self.close_button.clicked.connect(lambda _c=False: self.hide())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addWidget(self.acronyms_label)
        row.addWidget(self.expansions_button)
        row.addWidget(self.close_button)
        self.hide()

    def show_results(self, results: Sequence[ExportResult]) -> None:
        """Say what `results` wrote (one file, or a meeting's Word and Excel briefs)."""
        if not results:
            return
        self.paths = [r.path for r in results]
        folder = self.paths[0].parent
        if len(self.paths) > 1:  # a meeting's briefs (their names in the tooltip)
            kinds = " and ".join(KINDS.get(p.suffix.lower(), p.suffix) for p in self.paths)
            names = f"the {kinds} briefs"
        else:
            names = self.paths[0].name
        warnings = [w for r in results for w in r.other_warnings()]
        self.label.setText(f"Wrote {names} in {shown_folder(folder)}"
                           + (f" ({'; '.join(warnings)})" if warnings else ""))
        self.label.setToolTip("\n".join([*map(str, self.paths), *warnings]))
        self.open_menu.clear()
        if len(self.paths) > 1:
            for n, path in enumerate(self.paths):
                kind = KINDS.get(path.suffix.lower(), path.suffix)
                action = self.open_menu.addAction(f"Open the {kind} Brief")
                action.triggered.connect(lambda _c=False, n=n: self.open_file(n))
            self.open_button.setMenu(self.open_menu)
            self.open_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            self.open_button.setToolTip(f"Open {self.paths[0].name} (the arrow: the others)")
        else:
            self.open_button.setMenu(None)  # type: ignore[arg-type]
            self.open_button.setToolTip(f"Open {self.paths[0].name}")
        self.unexplained = sorted({w for r in results for w in r.unexplained})
        self.acronyms_label.clear()
        if self.unexplained:
            count = len(self.unexplained)
            shown = ", ".join(self.unexplained[:8]) + ("…" if count > 8 else "")
            self.acronyms_label.setText(f"Not explained: {shown}")
            self.acronyms_label.setToolTip(
                f"{count} acronym{'s' if count != 1 else ''} in the brief that no glossary "
                "gives the full name of, so the acronyms annex leaves them out: "
                + ", ".join(self.unexplained))
        self.acronyms_label.setVisible(bool(self.unexplained))
        self.expansions_button.setVisible(bool(self.unexplained))
        self.show()

    def open_file(self, n: int) -> bool:
        return 0 <= n < len(self.paths) and dialogs.open_url(
            QUrl.fromLocalFile(str(self.paths[n])))

    def show_folder(self) -> bool:
        return bool(self.paths) and dialogs.open_url(
            QUrl.fromLocalFile(str(self.paths[0].parent)))

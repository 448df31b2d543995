"""Icons: SVG files beside this module (crisp at any DPI) and the style's standard icons."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QIcon

from app.vocab import STATUS_COLOURS

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu, QStyle, QWidget

ICON_DIR = Path(__file__).resolve().parent / "icons"

# The statuses' colours in the window (the icons, the section summary's bar, the Progress
# charts): the core's one definition, which the Word and Excel charts use too. The SVG files are
# drawn in them (tests/ui/test_progress_charts.py checks).
STATUS_COLORS: dict[str, str] = STATUS_COLOURS


@cache
def status_icon(code: str) -> QIcon:
    return QIcon(str(ICON_DIR / f"status-{code}.svg"))


def status_color(code: str) -> QColor:
    return QColor(STATUS_COLORS.get(code, "#8a8f98"))


@cache
def app_icon() -> QIcon:
    return QIcon(str(ICON_DIR / "poadesk.svg"))


def themed(widget: QWidget, theme: QIcon.ThemeIcon, fallback: QStyle.StandardPixmap) -> QIcon:
    """The desktop theme's icon when there is one, else the style's standard (vector) icon."""
    icon = QIcon.fromTheme(theme)
    return icon if not icon.isNull() else widget.style().standardIcon(fallback)


def themed_later(menu: QMenu, action: QAction, theme: str, fallback: str) -> None:
    """Give a menu's action its `themed()` icon (`QIcon.ThemeIcon.<theme>`, else the style's
    `QStyle.StandardPixmap.<fallback>`) when the menu first opens: searching the desktop's icon
    theme and making the style's icons is start-up work that the first paint does not show."""
    done = False

    def resolve() -> None:
        nonlocal done
        if not done:
            from PySide6.QtWidgets import QStyle

            done = True
            action.setIcon(themed(menu, getattr(QIcon.ThemeIcon, theme),
                                  getattr(QStyle.StandardPixmap, fallback)))

    menu.aboutToShow.connect(resolve)

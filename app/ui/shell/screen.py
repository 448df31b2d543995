"""The screen a window has to fit: its available area (the screen less the taskbar or dock),
the room a window's frame leaves, and the sizes of windows and dialogs clamped to it.

Every window and dialog asks `fit()` for its size instead of a fixed one, so it opens within
a 1280x720 laptop's screen with its buttons visible; the main window takes the available area
on its first start (`first_start`). Tests replace `available_area` to try other screens.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What a window manager's frame takes, before the window is shown and its frame known: a
# title bar and thin borders (Windows 10/11: 31 px and 8; GNOME 37; KDE 30; macOS 28).
TITLE_BAR = 32
BORDER = 2


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (or the primary one) that windows may use."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def frame_extra(widget: QWidget) -> QSize:
    """How much wider and taller the window is with its frame (an estimate until shown)."""
    window = widget.window()
    extra = window.frameGeometry().size() - window.geometry().size()
    return QSize(max(extra.width(), 2 * BORDER), max(extra.height(), TITLE_BAR + BORDER))


def room(widget: QWidget) -> QSize:
    """The largest size (without its frame) the window can have on its screen."""
    return available_area(widget).size() - frame_extra(widget)


def fit_size(widget: QWidget, width: int, height: int) -> QSize:
    """`width` x `height`, made smaller where the screen has less room."""
    space = room(widget)
    return QSize(min(width, space.width()), min(height, space.height()))


def fit(widget: QWidget, width: int, height: int) -> None:
    """Resize a window to `width` x `height`, or to what its screen has room for."""
    widget.resize(fit_size(widget, width, height))


def fit_shown(widget: QWidget) -> None:
    """A window larger than its screen's room (its contents grew) made to fit again."""
    size = widget.size()
    fitted = fit_size(widget, size.width(), size.height())
    if fitted != size:
        widget.resize(fitted)


def first_start(window: QWidget) -> None:
    """The main window's first start: the whole available area of its screen."""
    area = available_area(window)
    window.resize(room(window))
    window.move(area.topLeft())


def own_window(window: QWidget) -> None:
    """A window that lives beside the main one (Progress, Coverage): closed with it, but not
    kept above it, so that "Show in Plan" can bring the main window forward over it. (A
    dialog's transient parent is the window it is kept above; call this before `show()`.)"""
    window.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.WindowMinMaxButtonsHint
                          | Qt.WindowType.WindowCloseButtonHint)
    window.winId()  # its native window now, so that the transient parent can be let go
    handle = window.windowHandle()
    if handle is not None:
        handle.setTransientParent(None)  # type: ignore[arg-type]  # Qt takes null: none


def bring_forward(window: QWidget) -> None:
    """Show a window over the others and give it the keyboard (restored if minimised)."""
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()

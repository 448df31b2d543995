"""Tab follows what the eye reads: the parts of a window in the order given (search and
filters, the tree, the detail pane, the meetings panel), whatever order they were built in.

Qt's focus chain follows the order widgets were made; the meetings panel is made before the
detail pane's pages (they come when first shown), so Tab went tree -> panel -> pane. Rather
than relink Qt's chain (every part builds widgets lazily), the window answers Tab itself
(`QWidget.focusNextPrevChild`, which Qt asks the window for when no child takes the key):
the next widget in `tab_sequence`, the parts' focusable widgets part after part.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def _part_of(widget: QWidget, parts: Sequence[QWidget]) -> int | None:
    parent: QWidget | None = widget
    while parent is not None:
        for n, part in enumerate(parts):
            if parent is part:
                return n
        parent = parent.parentWidget()
    return None


def tab_sequence(window: QWidget, parts: Sequence[QWidget]) -> list[QWidget]:
    """The widgets Tab visits, part after part, each part's in Qt's own order."""
    groups: list[list[QWidget]] = [[] for _ in parts]
    seen: set[int] = set()
    widget: QWidget | None = window.nextInFocusChain()
    while widget is not None and widget is not window and id(widget) not in seen:
        seen.add(id(widget))
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window)
                and widget.isEnabled()):
            n = _part_of(widget, parts)
            if n is not None:
                groups[n].append(widget)
        widget = widget.nextInFocusChain()
    return [w for group in groups for w in group]


def next_in_order(window: QWidget, parts: Sequence[QWidget], current: QWidget | None,
                  forward: bool) -> QWidget | None:
    """The widget Tab (or Shift+Tab) moves to from `current`; None when `current` is not one
    of the parts' (then Qt's own order applies)."""
    order = tab_sequence(window, parts)
    if current is None or current not in order:
        return None
    step = 1 if forward else -1
    return order[(order.index(current) + step) % len(order)]

"""The window fits a 1280x720 laptop (issue 19, "It fits"), and a 1366x768 one.

The screen is given: `app.ui.shell.screen.available_area` (what every window asks for its
screen's room) answers the laptop's available area, the screen less a 40 px taskbar. Then:
the first start takes that area; whatever is selected (a pillar, a part with no sections, a
section, a line with focal points, an activity and its history open) with the meetings panel
open on each kind of agenda item, the window's minimum size stays within the area less the
title bar, the window is not grown past it, and no button outside a scrolling pane is cut
off; every dialog and the Progress and Coverage windows likewise.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, QSize
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QToolTip,
    QWidget,
)

from app.activities.values import ActivityFields
from app.ui.files.team_database import TeamDatabaseDialog
from app.ui.shell import screen
from app.ui.shell.elide import ElidedLabel, ElidingCombo
from app.ui.shell.list_dialog import ListDialog
from app.ui.shell.review_dialog import ReviewDialog, ReviewGroup, ReviewRow
from app.ui.window import MainWindow
from app.values import Target
from tests.ui.focal_helpers import add_person
from tests.ui.helpers import click_row
from tests.ui.meetings_helpers import open_panel, select_item
from tests.ui.test_every_window import every_window

TASKBAR = 40
SCREENS = {"1280x720": QSize(1280, 720), "1366x768": QSize(1366, 768)}


@pytest.fixture(params=sorted(SCREENS))
def area(request, monkeypatch: pytest.MonkeyPatch) -> QRect:
    """The laptop's available area: its screen less the taskbar at the bottom."""
    size = SCREENS[request.param]
    rect = QRect(0, 0, size.width(), size.height() - TASKBAR)
    monkeypatch.setattr(screen, "available_area", lambda _widget=None: QRect(rect))
    return rect


@pytest.fixture
def laptop(area: QRect, open_window) -> MainWindow:
    """The window's first start on the laptop (no saved geometry)."""
    return open_window()


def _room(area: QRect) -> QSize:
    """What a window without its frame may take: the area less a title bar and borders."""
    return QSize(area.width() - 2 * screen.BORDER, area.height() - screen.TITLE_BAR
                 - screen.BORDER)


def _in_scroll(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _cut_buttons(top: QWidget) -> list[str]:
    """The visible buttons of `top` (outside a scrolling pane) not wholly inside it."""
    cut = []
    bounds = top.rect()
    for button in top.findChildren(QAbstractButton):
        if not button.isVisibleTo(top) or button.window() is not top or _in_scroll(button, top):
            continue
        rect = QRect(button.mapTo(top, QPoint(0, 0)), button.size())
        if not bounds.contains(rect):
            cut.append(f"{button.objectName() or button.text()!r} at {rect}")
    return cut


def _settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(5)


def fits(qtbot, top: QWidget, area: QRect) -> list[str]:
    """What does not fit in `area` of window `top` (empty: it fits)."""
    _settle(qtbot)
    room = _room(area)
    hint, size = top.minimumSizeHint().expandedTo(top.minimumSize()), top.size()
    problems = []
    if hint.width() > room.width() or hint.height() > room.height():
        problems.append(f"minimum size {hint.width()}x{hint.height()}")
    if size.width() > room.width() or size.height() > room.height():
        problems.append(f"size {size.width()}x{size.height()}")
    problems += [f"button {b} cut off" for b in _cut_buttons(top)]
    return problems


def selections(qtbot, window: MainWindow) -> Iterator[str]:
    """Every kind of selection, the meetings panel open on each kind of agenda item."""
    desk = window.desk
    person = add_person(window, "Siti Rahmawati", "ID", organisation="Kemlu")
    desk.focal.assign(person, desk.focal.resolve_target("1.3(b)").target)
    aid = desk.resolve_ref("1.3(b)")
    desk.activities.add(Target(action_id=aid),
                        ActivityFields("Workshop on terrorist financing", "meeting",
                                       date(2026, 9, 14), place="Vientiane"))
    for status in ("achieved", "being_addressed", "recurring"):
        desk.set_status(aid, status)
    meeting = desk.meetings.create("SOM", "29th ASEAN-EU Senior Officials' Meeting",
                                   date(2027, 3, 5), "Jakarta", "",
                                   '1.3(b), 2.1(c), 3.5, 5(a), "Any other business"').id
    for key in ("p1", "p5", "s1.3"):
        click_row(qtbot, window, key)
        yield f"{key} selected"
    click_row(qtbot, window, "a1.3(b)")
    yield "a line with a focal point and an activity"
    window.detail.history_box.toggle.setChecked(True)
    assert window.detail.history_box.list.isVisibleTo(window)
    yield "its history open"
    panel = open_panel(window)
    panel.reload(meeting)
    for ref in ("1.3(b)", "3.5", "5(a)"):
        select_item(panel, ref)
        yield f"the meetings panel on {ref}"
    panel.agenda_view.setCurrentIndex(panel.agenda_model.index(4, 0))
    assert panel.item_editor.view.is_free
    yield "the meetings panel on a free item"
    click_row(qtbot, window, "s3.5")
    yield "the panel open, a section selected"
    window.detail.history_box.toggle.setChecked(False)


def test_the_first_start_takes_the_available_area(laptop, area):
    room = _room(area)
    assert laptop.size() == room
    assert laptop.pos() == area.topLeft()


def test_the_main_window_fits_whatever_is_selected(qtbot, laptop, area):
    found = {}
    for name in selections(qtbot, laptop):
        problems = fits(qtbot, laptop, area)
        if problems:
            found[name] = problems
    assert found == {}


def test_the_panes_share_a_narrow_window(qtbot, laptop, area):
    """The meetings panel opened at 1280 px: the detail pane keeps more than its minimum,
    and the plan tree's first column shows more than a reference."""
    open_panel(laptop)
    _settle(qtbot)
    side, detail = laptop.splitter.sizes()
    assert detail > laptop.detail.minimumSizeHint().width()
    assert side >= laptop.side.minimumSizeHint().width()
    assert laptop.tree.columnWidth(0) >= 160
    assert laptop.meetings.dock.width() >= laptop.meetings.panel.minimumSizeHint().width()


def _dialogs(qtbot, window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    """Every window and dialog: the walk of test_every_window, then the rest."""
    for name, top in every_window(qtbot, window):
        if top is not window:
            yield name, top
    click_row(qtbot, window, "a1.3(b)")
    form = window.activities.open_add()
    assert form is not None
    yield "add an activity", form
    form.reject()
    progress = window.progress.open_view()
    assert progress is not None
    yield "progress", progress
    progress.tabs.setCurrentIndex(1)
    yield "progress, the trend", progress
    progress.close()
    report = window.progress.open_report()
    assert report is not None
    yield "progress report", report
    report.reject()
    team = TeamDatabaseDialog(window, "db.example.org", 5432, "poa", "officer")
    team.show()
    yield "open team database", team
    team.reject()
    rows = tuple(ReviewRow("status", "Not assessed", "Achieved", key=(n, "status"))
                 for n in range(40))
    review = ReviewDialog(window, "Import Matrix", "40 changes", "What the workbook changes.",
                          [ReviewGroup("1.3(b) Combat terrorism", rows)], ok_text="&Accept",
                          notes=["a note"] * 3, lines_title="&Changes (40):")
    review.show()
    yield "review an import", review
    review.reject()
    preview = ListDialog(window, "Import", "Import this file?", "What it changes:",
                         [f"1.3(b) status: Not assessed → Achieved ({n})" for n in range(300)],
                         ok_text="&Import", notes=[f"warning {n}" for n in range(12)])
    preview.show()
    yield "a long preview", preview
    preview.reject()


def test_every_dialog_fits_with_its_buttons_visible(qtbot, laptop, area):
    found = {}
    for name, top in _dialogs(qtbot, laptop):
        problems = fits(qtbot, top, area)
        if problems:
            found[name] = problems
    assert found == {}


def test_a_long_filter_choice_is_shortened_and_said_whole(qtbot):
    combo = ElidingCombo(4)
    qtbot.addWidget(combo)
    combo.addItems(["All countries", "Lao People's Democratic Republic (LA)"])
    combo.setToolTip("Show action lines by focal-point coverage")
    combo.setCurrentIndex(1)
    combo.resize(combo.minimumSizeHint())
    combo.show()
    qtbot.waitExposed(combo)
    assert combo.shown_text().endswith("…")
    assert combo.currentText() == "Lao People's Democratic Republic (LA)"
    center = combo.rect().center()
    QApplication.sendEvent(combo, QHelpEvent(QEvent.Type.ToolTip, center,
                                             combo.mapToGlobal(center)))
    assert QToolTip.text() == ("Lao People's Democratic Republic (LA)\n"
                               "Show action lines by focal-point coverage")
    combo.resize(combo.sizeHint())
    assert combo.shown_text() == combo.currentText()
    QToolTip.hideText()

    holder = QWidget()
    qtbot.addWidget(holder)
    label = ElidedLabel("165 of 165 action lines", parent=holder)
    label.setGeometry(QRect(QPoint(0, 0), label.minimumSizeHint()))
    holder.show()
    qtbot.waitExposed(holder)
    label.grab()  # painted: shortened to its width
    assert label.elided and label.text() == "165 of 165 action lines"
    assert label.minimumSizeHint().width() < label.sizeHint().width()


def test_show_in_plan_brings_the_plan_forward_with_only_its_filters(qtbot, laptop):
    laptop.filters.tag.setEnabled(True)
    laptop.filters.search.setText("terrorism")
    laptop.filters.country.setCurrentIndex(laptop.filters.country.findData("ID"))
    progress = laptop.progress.open_view()
    assert progress is not None and progress.isVisible()
    assert progress.windowHandle().transientParent() is None  # not kept above the plan
    progress.ui.show_lines("p2", "achieved")
    assert (laptop.filters.text, laptop.filters.status_code, laptop.filters.country_code) == (
        "", "achieved", None)
    laptop.focal_ui.filter_tree_without("PH")
    assert (laptop.filters.text, laptop.filters.status_code, laptop.filters.country_code,
            laptop.filters.with_focal_point) == ("", None, "PH", False)
    coverage = laptop.focal_ui.open_coverage()
    assert coverage.windowHandle().transientParent() is None
    progress.ui.show_lines("s1.3")
    assert (laptop.filters.text, laptop.filters.country_code) == ("1.3", None)
    assert isinstance(progress, QDialog) and laptop.detail.summary.node.key == "s1.3"

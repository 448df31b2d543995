"""The focal points of the shown action line, in the detail pane: who covers it, and buttons to
assign someone, change a role or remove an assignment.

The box only shows values and asks: its signals go to app.ui.focal.focal_ui (FocalUi), which pushes
the undo commands. Nothing here touches the database.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.ui.shell.value_table import Column, ValueTableModel
from app.ui.shell.widgets import FocusRing, named, show_menu
from app.values import ActionDetail, AssignedFocalPoint
from app.vocab import ROLES

EMPTY_TEXT = "<i>No focal point assigned yet.</i>"


def covers(fp: AssignedFocalPoint, detail: ActionDetail | None) -> str:
    if not fp.via_section:
        return "this line"
    number = detail.section_number if detail is not None else None
    return f"whole section {number}" if number else "whole section"


def where(fp: AssignedFocalPoint, detail: ActionDetail) -> str:
    """What the assignment names: the action line, or its section for a section assignment."""
    return (detail.section_number or detail.ref) if fp.via_section else detail.ref


class FocalPointsBox(QWidget):
    assign_requested = Signal()
    remove_requested = Signal(object)  # AssignedFocalPoint
    role_requested = Signal(object, str)  # AssignedFocalPoint, the new role
    person_activated = Signal(int)  # a focal point's id: show it in the register

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail: ActionDetail | None = None
        title = QLabel("Focal points")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.assign_button = named(QPushButton("&Assign…"), "assignFocalPoint")
        self.assign_button.setToolTip("Assign a focal point to this action line or its "
                                      "whole section (Ctrl+Shift+A)")
        self.assign_button.clicked.connect(self.assign_requested)
        self.role_button = named(QToolButton(), "changeRole")
        self.role_button.setText("Role")
        self.role_button.setAccessibleName("Change role")
        self.role_button.setToolTip("Change the selected focal point's role")
        self.role_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.role_menu = QMenu(self.role_button)
        self.role_actions: dict[str, QAction] = {}
        for role in ROLES:
            action = self.role_menu.addAction(role)
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, r=role: self._role_chosen(r))
            self.role_actions[role] = action
        self.role_button.setMenu(self.role_menu)
        self.remove_button = named(QPushButton("Remove"), "removeAssignment")
        self.remove_button.setToolTip("Remove the selected assignment (a whole-section one "
                                      "is removed for the whole section)")
        self.remove_button.clicked.connect(self._remove_clicked)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(title)
        head.addStretch(1)
        for button in (self.assign_button, self.role_button, self.remove_button):
            head.addWidget(button)

        self.empty_label = named(QLabel(EMPTY_TEXT), "focalPoints")
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.model = ValueTableModel([
            Column("Focal point", lambda fp: fp.name, _person_tooltip),
            Column("Country", lambda fp: fp.country_name),
            Column("Role", lambda fp: fp.role),
            Column("Covers", lambda fp: covers(fp, self._detail)),
            Column("Organisation", lambda fp: fp.organisation),
            Column("Email", lambda fp: fp.email),
        ], self, dimmed=lambda fp: not fp.active)
        self.list = named(QTreeView(), "focalPointList")
        self.list.setAccessibleName("Focal points of this action line")
        self.list.setAccessibleDescription("Right-click or the context-menu key: change the "
                                           "role, remove, show in the register")
        self.list.setModel(self.model)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self.list.doubleClicked.connect(self._double_clicked)
        row = max(self.list.fontMetrics().height() + 4, 18)
        self.list.setMinimumHeight(6 * row + 30)  # six people under the header
        self.focus_ring = FocusRing(self.list)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list, 1)
        self.set_detail(None)

    # -- what is shown ----------------------------------------------------------------------

    def set_detail(self, detail: ActionDetail | None) -> None:
        """Show an action line's focal points, keeping the selected one if it is still there."""
        chosen = self.selected()
        self._detail = detail
        points = detail.focal_points if detail is not None else ()
        self.model.set_values(points)
        self.empty_label.setVisible(not points)
        self.list.setVisible(bool(points))
        self.assign_button.setEnabled(detail is not None)
        if chosen is not None:
            row = self.model.row_where(lambda fp: fp.assignment_id == chosen.assignment_id)
            if row >= 0:
                self.list.setCurrentIndex(self.model.index(row, 0))
        self._update_buttons()

    def selected(self) -> AssignedFocalPoint | None:
        index = self.list.currentIndex()
        if not index.isValid() or not self.list.selectionModel().isSelected(index):
            return None
        value: AssignedFocalPoint | None = self.model.value(index.row())
        return value

    def select_row(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        fp = self.selected()
        self.role_button.setEnabled(fp is not None)
        self.remove_button.setEnabled(fp is not None)
        for role, action in self.role_actions.items():
            action.setChecked(fp is not None and fp.role == role)

    # -- requests ---------------------------------------------------------------------------

    def _remove_clicked(self) -> None:
        fp = self.selected()
        if fp is not None:
            self.remove_requested.emit(fp)

    def _role_chosen(self, role: str) -> None:
        fp = self.selected()
        self._update_buttons()  # the check marks follow the database, not the click
        if fp is not None and role != fp.role:
            self.role_requested.emit(fp, role)

    def _double_clicked(self) -> None:
        fp = self.selected()
        if fp is not None:
            self.person_activated.emit(fp.focal_point_id)

    def context_menu(self) -> QMenu:
        """The menu for the selected row (built on request; shown by right-click)."""
        menu = QMenu(self)
        fp = self.selected()
        if fp is not None:
            role_menu = menu.addMenu("Role")
            for role in ROLES:
                action = role_menu.addAction(role)
                action.setCheckable(True)
                action.setChecked(role == fp.role)
                action.triggered.connect(lambda _c=False, r=role: self._role_chosen(r))
            remove = menu.addAction(f"Remove {fp.name} from "
                                    f"{where(fp, self._detail) if self._detail else 'here'}")
            remove.triggered.connect(self._remove_clicked)
            show = menu.addAction("Show in the Register")
            show.triggered.connect(self._double_clicked)
            menu.addSeparator()
        assign = menu.addAction("Assign…")
        assign.setEnabled(self._detail is not None)
        assign.triggered.connect(self.assign_requested)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        viewport = self.list.viewport()
        keyboard = viewport.mapFromGlobal(QCursor.pos()) != pos  # the Menu key, Shift+F10
        menu = self.context_menu()
        show_menu(menu, viewport.mapToGlobal(pos), keyboard)
        menu.deleteLater()


def _person_tooltip(fp: AssignedFocalPoint) -> str:
    parts = [fp.name] + [x for x in (fp.title, fp.organisation, fp.email) if x]
    if not fp.active:
        parts.append("inactive")
    return "\n".join(parts)

"""Focal points in the main window: the Focal Points menu, My Delegation and "Show our gaps",
and the detail pane's Assign / Role / Remove.

`FocalUi(window)` is made once by the main window. It is cheap: the register, the coverage
view and the forms are imported when first opened, so start-up does not grow, and nothing here
needs the Desk before it is used (the fast start attaches it after the first paint). Every
edit goes through `self.editor` (app.ui.focal_commands) onto the window's undo stack, and every
change through the window's own `apply_change`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from app.errors import PoaDeskError
from app.ui.widgets import add_action
from app.values import AssignedFocalPoint, CountryInfo

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from app.focal.values import FocalPointInfo
    from app.service import Desk
    from app.ui.coverage_view import CoverageWindow
    from app.ui.focal_commands import FocalEditor
    from app.ui.focal_forms import AssignRequest
    from app.ui.focal_register import FocalRegister
    from app.ui.main_window import MainWindow

GROUPS = (("ASEAN", "&ASEAN Member States"), ("EU", "&EU Member States"),
          ("institution", "&Institutions"))


class FocalUi(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._editor: FocalEditor | None = None
        self.register: FocalRegister | None = None
        self.coverage: CoverageWindow | None = None
        self.assign_dialog: QDialog | None = None
        self._countries: list[CountryInfo] | None = None
        self._last_country: str | None = None
        self._build_menu()
        pane = window.detail  # its focal-points box's requests
        pane.assign_requested.connect(self.open_assign)
        pane.remove_requested.connect(self.remove)
        pane.role_requested.connect(self.set_role)
        pane.person_activated.connect(lambda fp_id: self.open_register().show_person(fp_id))
        window.filters.changed.connect(self._sync_gaps_action)
        self.set_delegation(window.settings.my_delegation, save=False)

    @property
    def desk(self) -> Desk:
        return self.window.desk

    @property
    def editor(self) -> FocalEditor:
        if self._editor is None:
            from app.ui.focal_commands import FocalEditor

            w = self.window
            self._editor = FocalEditor(w.desk, w.undo_stack, w.apply_change, w.show_error, self)
        return self._editor

    # -- the menu ---------------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                shortcut: str | None = None) -> QAction:
        return add_action(self.window, menu, text, slot, shortcut or None)

    def _build_menu(self) -> None:
        bar = self.window.menuBar()
        self.menu = QMenu("F&ocal Points", self.window)
        self.menu.setObjectName("focalMenu")
        helps = [a for a in bar.actions() if a.text().replace("&", "") == "Help"]
        if helps:
            bar.insertMenu(helps[0], self.menu)
        else:
            bar.addMenu(self.menu)
        m = self.menu
        self.register_action = self._action(m, "Focal-Point &Register…", self.open_register,
                                            "Ctrl+Shift+P")
        self.coverage_action = self._action(m, "&Coverage…", self.open_coverage,
                                            "Ctrl+Shift+K")
        self.assign_action = self._action(m, "&Assign to This Action Line…", self.open_assign,
                                          "Ctrl+Shift+A")
        m.addSeparator()
        self.delegation_menu = m.addMenu("My &Delegation")
        self.delegation_menu.aboutToShow.connect(self._fill_delegation_menu)
        self.gaps_action = QAction("Show &Our Gaps", self.window)
        self.gaps_action.setCheckable(True)
        self.gaps_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.gaps_action.triggered.connect(self.show_our_gaps)
        m.addAction(self.gaps_action)
        m.aboutToShow.connect(self._sync_gaps_action)  # the countries may have come since
        m.addSeparator()
        self.export_action = self._action(m, "&Export Register to Excel…",
                                          lambda: self._register_io("export_register"))
        self.import_action = self._action(m, "&Import Register from Excel…",
                                          lambda: self._register_io("import_register"))

    def _register_io(self, name: str) -> object:
        """Export or import the register as a workbook (app.ui.register_io, loaded then)."""
        from app.ui import register_io

        return getattr(register_io, name)(self.window)

    def _fill_delegation_menu(self) -> None:
        menu = self.delegation_menu
        menu.clear()
        group = QActionGroup(menu)
        mine = self.delegation
        none = menu.addAction("&None")
        none.setCheckable(True)
        none.setChecked(not mine)
        none.triggered.connect(lambda _c=False: self.set_delegation(""))
        group.addAction(none)
        menu.addSeparator()
        for grouping, title in GROUPS:
            sub = menu.addMenu(title)
            for c in self.countries():
                if c.grouping != grouping:
                    continue
                action = sub.addAction(f"{c.name} ({c.code})")
                action.setCheckable(True)
                action.setChecked(c.code == mine)
                action.setData(c.code)
                action.triggered.connect(lambda _c=False, code=c.code: self.set_delegation(code))
                group.addAction(action)

    # -- my delegation, our gaps ------------------------------------------------------------

    @property
    def delegation(self) -> str:
        return self.window.settings.my_delegation

    def countries(self) -> list[CountryInfo]:
        if self._countries is None:
            self._countries = self.desk.countries()
        return self._countries

    def set_delegation(self, code: str, save: bool = True) -> None:
        """Choose my delegation (a country code, "" for none): UI state, kept in QSettings."""
        if save:
            self.window.settings.my_delegation = code
        self.window.filters.set_delegation(code or None)
        self._sync_gaps_action()
        if self.coverage is not None:
            self.coverage.reload()

    def show_our_gaps(self, on: bool = True) -> None:
        """Filter the tree to the action lines without a focal point of my delegation."""
        self.window.filters.show_our_gaps(on)

    def _sync_gaps_action(self) -> None:
        filters = self.window.filters
        name = filters.delegation_name or self.delegation
        self.gaps_action.setEnabled(bool(name))
        self.gaps_action.setText(f"Show &Our Gaps ({name})" if name else "Show &Our Gaps")
        self.gaps_action.setChecked(filters.showing_our_gaps)

    def filter_tree_without(self, code: str) -> None:
        """The tree's country filter on `code`, "not covered" (the coverage view's button)."""
        filters = self.window.filters
        filters.country.setCurrentIndex(max(0, filters.country.findData(code)))
        filters.mode.setCurrentIndex(max(0, filters.mode.findData(False)))
        self._raise_window()

    # -- windows ----------------------------------------------------------------------------

    def open_register(self) -> FocalRegister:
        if self.register is None:
            from app.ui.focal_register import FocalRegister

            self.register = FocalRegister(self)
        else:
            self.register.reload()
        self._present(self.register)
        return self.register

    def open_coverage(self) -> CoverageWindow:
        if self.coverage is None:
            from app.ui.coverage_view import CoverageWindow

            self.coverage = CoverageWindow(self)
        else:
            self.coverage.reload()
        self._present(self.coverage)
        return self.coverage

    @staticmethod
    def _present(dialog: QDialog) -> None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _raise_window(self) -> None:
        self.window.raise_()
        self.window.activateWindow()

    def show_in_plan(self, key: str, plan_id: int) -> None:
        """Select an action line ("a1.3(b)") or a section ("s1.3") in the main window."""
        if plan_id != self.window.plan_id:
            self.window.switch_plan(plan_id)
        self.window.select_key(key)
        self._raise_window()

    # -- assignments from the detail pane ---------------------------------------------------

    def open_assign(self) -> QDialog | None:
        """The Assign form for the action line shown in the detail pane (open(), not exec())."""
        detail = self.window.detail.detail
        if detail is None:
            self.window.statusBar().showMessage("Select an action line first", 5000)
            return None
        from app.ui.focal_forms import AssignDialog

        focal = self.desk.focal
        try:
            line = focal.resolve_target(detail.ref, detail.plan_id)
            section = (focal.resolve_target(detail.section_number, detail.plan_id)
                       if detail.section_number else None)
        except PoaDeskError as exc:
            self.window.show_error(str(exc))
            return None

        def people(code: str) -> list[FocalPointInfo]:
            return focal.people(country=code, active=True)

        def submit(request: AssignRequest) -> str | None:
            self._last_country = dialog.country.currentData()
            target = request.target
            if request.new is not None:
                return self.editor.assign_new(request.new, target.target, target.ref,
                                              request.role)
            assert request.focal_point_id is not None
            return self.editor.assign(request.focal_point_id, request.name, target.target,
                                      target.ref, request.role)

        dialog = AssignDialog(self.window, self.countries(), people, line, section, submit,
                              self._last_country or self.delegation or None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.assign_dialog = dialog
        dialog.open()
        return dialog

    def remove(self, fp: AssignedFocalPoint) -> None:
        from app.ui.focal_pane import where

        detail = self.window.detail.detail
        if detail is not None:
            error = self.editor.remove(fp.assignment_id, fp.name, where(fp, detail))
            if error:
                self.window.show_error(error)

    def set_role(self, fp: AssignedFocalPoint, role: str) -> None:
        from app.ui.focal_pane import where

        detail = self.window.detail.detail
        if detail is not None:
            error = self.editor.set_role(fp.assignment_id, fp.name, where(fp, detail),
                                         fp.role, role)
            if error:
                self.window.show_error(error)

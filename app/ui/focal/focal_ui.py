"""Focal points in the main window: the Focal Points menu, My Delegation and "Show our gaps",
and the detail pane's Assign / Role / Remove.

`FocalUi(host)` is made once by the main window: it knows the window only as a `Host`
(app.ui.shell.host): the plan's filters and the action line shown through its navigator, and
the detail pane's focal-points box is the one it makes (`make_box`). It is cheap:
the register, the coverage view and the forms are imported when first opened, so start-up does
not grow, and nothing here needs the Desk before it is used (the fast start attaches it after
the first paint). Every edit goes through `self.editor` (app.ui.focal.focal_commands) onto the
window's undo stack; every change reaches the views through the change hub.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QActionGroup

from app.errors import PoaDeskError
from app.ui.shell.actions import Act, Menu
from app.values import AssignedFocalPoint, CountryInfo

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from app.focal.values import FocalPointInfo
    from app.service import Desk
    from app.ui.focal.coverage_view import CoverageWindow
    from app.ui.focal.focal_commands import FocalEditor
    from app.ui.focal.focal_forms import AssignRequest
    from app.ui.focal.focal_pane import FocalPointsBox
    from app.ui.focal.focal_register import FocalRegister
    from app.ui.shell.host import Host

GROUPS = (("ASEAN", "&ASEAN Member States"), ("EU", "&EU Member States"),
          ("institution", "&Institutions"))


class FocalUi(QObject):
    def __init__(self, host: Host) -> None:
        super().__init__(host.widget)
        self.host = host
        self.navigator = navigator = host.navigator
        self._editor: FocalEditor | None = None
        self.register: FocalRegister | None = None
        self.coverage: CoverageWindow | None = None
        self.assign_dialog: QDialog | None = None
        self._countries: list[CountryInfo] | None = None
        self._last_country: str | None = None
        self._register_actions()
        navigator.filters_changed.connect(self._sync_gaps_action)
        host.session.desk_changed.connect(self._desk_changed)
        self.set_delegation(host.settings.my_delegation, save=False)

    @property
    def desk(self) -> Desk:
        return self.host.desk()

    def _desk_changed(self, _desk: Desk) -> None:
        """Another database, or the same opened again (a restore): ask it from now on."""
        self._editor = None
        self._countries = None

    def make_box(self) -> FocalPointsBox:
        """The detail pane's focal-points box: it asks, this answers."""
        from app.ui.focal.focal_pane import FocalPointsBox

        box = FocalPointsBox()
        box.assign_requested.connect(self.open_assign)
        box.remove_requested.connect(self.remove)
        box.role_requested.connect(self.set_role)
        box.person_activated.connect(lambda fp_id: self.open_register().show_person(fp_id))
        return box

    @property
    def editor(self) -> FocalEditor:
        if self._editor is None:
            from app.ui.focal.focal_commands import FocalEditor

            self._editor = FocalEditor(self.desk, self.host.hub)
        return self._editor

    # -- the menu ---------------------------------------------------------------------------

    def _register_actions(self) -> None:
        def register_io(export: bool) -> object:
            """Export or import the register as a workbook (register_io, loaded then)."""
            from app.ui.focal import register_io

            if export:
                return register_io.export_register(self.host)
            return register_io.import_register(self.host)

        actions = self.host.actions
        actions.add(Act.FOCAL_REGISTER, self.open_register)
        actions.add(Act.FOCAL_COVERAGE, self.open_coverage)
        actions.add(Act.FOCAL_ASSIGN, self.open_assign)
        self.gaps_action = actions.add(Act.OUR_GAPS, self.show_our_gaps)
        actions.add(Act.EXPORT_REGISTER, lambda: register_io(True))
        actions.add(Act.IMPORT_REGISTER, lambda: register_io(False))
        actions.on_show(Menu.DELEGATION, self._fill_delegation_menu)
        actions.on_show(Menu.FOCAL, self._sync_gaps_action)  # the countries may have come since

    def _fill_delegation_menu(self) -> None:
        menu = self.host.actions.menus[Menu.DELEGATION]
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
        return self.host.settings.my_delegation

    def countries(self) -> list[CountryInfo]:
        if self._countries is None:
            self._countries = self.desk.countries()
        return self._countries

    def set_delegation(self, code: str, save: bool = True) -> None:
        """Choose my delegation (a country code, "" for none): UI state, kept in QSettings."""
        if save:
            self.host.settings.my_delegation = code
        self.navigator.set_delegation(code or None)
        self._sync_gaps_action()
        if self.coverage is not None:
            self.coverage.reload()

    def show_our_gaps(self, on: bool = True) -> None:
        """Filter the tree to the action lines without a focal point of my delegation."""
        self.navigator.show_our_gaps(on)

    def _sync_gaps_action(self) -> None:
        name, showing = self.navigator.gaps()
        name = name or self.delegation
        self.gaps_action.setEnabled(bool(name))
        self.gaps_action.setText(f"Show &Our Gaps ({name})" if name else "Show &Our Gaps")
        self.gaps_action.setChecked(showing)

    def filter_tree_without(self, code: str) -> None:
        """The tree's country filter on `code`, "not covered" (the coverage view's button)."""
        self.navigator.filter_without(code)
        self._raise_window()

    # -- windows ----------------------------------------------------------------------------

    def open_register(self) -> FocalRegister:
        if self.register is None:
            from app.ui.focal.focal_register import FocalRegister

            self.register = FocalRegister(self)
        else:
            self.register.reload()
        self._present(self.register)
        return self.register

    def open_coverage(self) -> CoverageWindow:
        if self.coverage is None:
            from app.ui.focal.coverage_view import CoverageWindow

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
        self.host.widget.raise_()
        self.host.widget.activateWindow()

    def show_in_plan(self, key: str, plan_id: int) -> None:
        """Select an action line ("a1.3(b)") or a section ("s1.3") in the main window."""
        self.navigator.show_row(key, plan_id)

    def plan_id(self) -> int:
        return self.navigator.plan_id()

    # -- assignments from the detail pane ---------------------------------------------------

    def open_assign(self) -> QDialog | None:
        """The Assign form for the action line shown in the detail pane (open(), not exec())."""
        detail, section_number = self.navigator.shown()
        if detail is None and section_number is None:
            self.host.status("Select an action line or a section first", 5000)
            return None
        from app.ui.focal.focal_forms import AssignDialog

        focal = self.desk.focal
        try:
            if detail is not None:
                line = focal.resolve_target(detail.ref, detail.plan_id)
                section = (focal.resolve_target(detail.section_number, detail.plan_id)
                           if detail.section_number else None)
            else:  # a section's row: the whole section
                assert section_number is not None
                line = None
                section = focal.resolve_target(section_number, self.navigator.plan_id())
        except PoaDeskError as exc:
            self.host.error(str(exc))
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

        dialog = AssignDialog(self.host.widget, self.countries(), people, line, section, submit,
                              self._last_country or self.delegation or None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.assign_dialog = dialog
        dialog.open()
        return dialog

    def remove(self, fp: AssignedFocalPoint) -> None:
        from app.ui.focal.focal_pane import where
        from app.ui.shell import dialogs

        detail = self.navigator.shown()[0]
        if detail is None:
            return
        place = where(fp, detail)
        scope = f"the whole section {place}" if fp.via_section else place
        if not dialogs.confirm(self.host.widget, "Remove Focal Point",
                               f"Remove {fp.name} ({fp.country_name}, {fp.role}) from {scope}?",
                               "The person stays in the register. Edit > Undo brings the "
                               "assignment back.", "&Remove"):
            return
        error = self.editor.remove(fp.assignment_id, fp.name, place)
        if error:
            self.host.error(error)

    def set_role(self, fp: AssignedFocalPoint, role: str) -> None:
        from app.ui.focal.focal_pane import where

        detail = self.navigator.shown()[0]
        if detail is not None:
            error = self.editor.set_role(fp.assignment_id, fp.name, where(fp, detail),
                                         fp.role, role)
            if error:
                self.host.error(error)

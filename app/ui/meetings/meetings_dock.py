"""The meetings panel as a dock on the main window: its actions and the plan tree's entries.

Cheap at start-up: this module imports no meeting or export code. The dock is empty until it
is first shown; the panel (meetings_panel, and app.meetings behind it) is built then. Its
visibility is remembered in the UI settings. The window calls `flush()` before undo, redo and
closing, so a typed edit not yet saved is not lost. It knows the window only as a `Host`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu

from app.errors import PoaDeskError
from app.ui.shell.actions import Act
from app.ui.shell.widgets import named

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from app.export import ExportResult
    from app.meetings.values import MeetingInfo
    from app.service import Desk
    from app.ui.meetings.deleted_meetings import DeletedMeetingsDialog
    from app.ui.meetings.export_notice import ExportNotice
    from app.ui.meetings.glossary_dialog import GlossaryDialog
    from app.ui.meetings.meetings_panel import MeetingsPanel
    from app.ui.shell.host import Host

DOCK_WIDTH = 470


class MeetingsDock(QObject):
    pending_changed = Signal()  # an agenda item's typed edit waits for the pause, or is saved

    def __init__(self, host: Host, save_delay_ms: int = 600) -> None:
        super().__init__(host.widget)
        self.host = host
        self.save_delay_ms = save_delay_ms
        self.panel: MeetingsPanel | None = None
        self.deleted_dialog: DeletedMeetingsDialog | None = None
        self.glossary_dialog: GlossaryDialog | None = None
        self.notice: ExportNotice | None = None  # what the last export wrote (status bar)
        window = host.widget
        self.dock = named(QDockWidget("Meetings", window), "meetingsDock")
        self.dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                                  | Qt.DockWidgetArea.RightDockWidgetArea)
        self._placeholder = QLabel("Opening the meetings…",
                                   alignment=Qt.AlignmentFlag.AlignCenter)
        self.dock.setWidget(self._placeholder)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.setVisible(host.settings.meetings_visible)
        self.toggle = host.actions.add(Act.MEETINGS_PANEL, action=self.dock.toggleViewAction())
        self.toggle.toggled.connect(self._toggled)
        self.dock.visibilityChanged.connect(self._visibility_changed)
        self._register_actions()
        host.session.desk_changed.connect(self._desk_changed)

    def _register_actions(self) -> None:
        def on_panel(slot: Callable[[MeetingsPanel], object]) -> Callable[[], object]:
            return lambda: slot(self.show_panel())

        add = self.host.actions.add
        add(Act.NEW_MEETING, on_panel(lambda p: p.new_meeting()))
        add(Act.EDIT_MEETING, on_panel(lambda p: p.edit_meeting()))
        add(Act.DELETE_MEETING, on_panel(lambda p: p.delete_meeting()))
        add(Act.EXPORT_BRIEFS, on_panel(lambda p: p.export_brief()))
        add(Act.EXPORT_BRIEF_WORD, on_panel(lambda p: p.export_brief(".docx")))
        add(Act.EXPORT_BRIEF_EXCEL, on_panel(lambda p: p.export_brief(".xlsx")))
        add(Act.EXPORT_MATRIX, on_panel(lambda p: p.export_matrix()))
        add(Act.WORD_TEMPLATE, on_panel(lambda p: p.choose_template()))
        add(Act.DELETED_MEETINGS, self.open_deleted)
        add(Act.ADD_FREE_ITEM, on_panel(lambda p: p.add_free_item()))
        add(Act.MY_ACRONYMS, lambda: self.open_glossary())
        add(Act.GO_TO_AGENDA, on_panel(lambda p: p.focus_agenda()))
        add(Act.GO_TO_ITEM, on_panel(lambda p: p.focus_item_editor()))

    def open_deleted(self) -> QDialog:
        """Meeting > Deleted Meetings… (one window, opened again with fresh contents)."""
        from app.ui.meetings.deleted_meetings import DeletedMeetingsDialog

        if self.deleted_dialog is None:
            self.deleted_dialog = DeletedMeetingsDialog(
                self.host, lambda meeting_id: self.show_panel().reload(meeting_id))
        else:
            self.deleted_dialog.reload()
        self.deleted_dialog.open()
        self.deleted_dialog.raise_()
        return self.deleted_dialog

    def open_glossary(self, words: list[str] | None = None) -> QDialog:
        """Meeting > My Acronyms…: the officer's own glossary (one window); `words`: the
        acronyms an export could not explain, offered one after the other."""
        from app.ui.meetings.glossary_dialog import GlossaryDialog

        if self.glossary_dialog is None:
            self.glossary_dialog = GlossaryDialog(self.host)
        else:
            self.glossary_dialog.reload()
        self.glossary_dialog.open()
        self.glossary_dialog.raise_()
        if words:
            self.glossary_dialog.ask_for(words)
        return self.glossary_dialog

    # -- the dock ---------------------------------------------------------------------------

    def _toggled(self, visible: bool) -> None:
        if not self.host.closed():  # closing hides the dock too: not the officer's choice
            self.host.settings.meetings_visible = visible

    def _visibility_changed(self, visible: bool) -> None:
        if visible and self.panel is None:
            QTimer.singleShot(0, self._build_when_ready)  # after the window's first paint
        elif visible and self.panel is not None:
            self.panel.reload()  # meetings made meanwhile (the command line, another window)

    def _build_when_ready(self) -> None:
        if self.panel is not None or self.host.closed() or not self.dock.isVisible():
            return
        if not self.host.ready():  # the fast start: the database is still opening
            QTimer.singleShot(50, self._build_when_ready)
            return
        self.ensure_panel()

    def ensure_panel(self) -> MeetingsPanel:
        """The panel, built on first use (the database must be open)."""
        if self.panel is None:
            from app.ui.shell.core import core_imports

            with core_imports():  # the Qt-free core without PySide6's import hook
                import app.meetings  # noqa: F401
            from app.ui.meetings.meetings_panel import MeetingsPanel

            h = self.host
            panel = MeetingsPanel(h.desk(), h.hub, h.settings, h.status, self.save_delay_ms,
                                  error=h.error)
            panel.plan_id = h.plan_id
            panel.exporter.report = self._report
            panel.item_editor.pending_changed.connect(self.pending_changed)
            self.panel = panel
            self.dock.setWidget(panel)
            self._placeholder.deleteLater()
            # a third of a 1280 px window, never narrower than the panel can be
            width = min(DOCK_WIDTH, max(panel.minimumSizeHint().width(),
                                        h.widget.width() * 34 // 100))
            h.widget.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)
        return self.panel

    def _desk_changed(self, desk: Desk) -> None:
        """Another database, or the same opened again (a restore): the panel asks it."""
        if self.panel is not None:
            self.panel.set_desk(desk)

    def show_panel(self) -> MeetingsPanel:
        self.dock.show()
        self.dock.raise_()
        return self.ensure_panel()

    def _report(self, results: list[ExportResult]) -> None:
        """What an export wrote, in the status bar (Open, Show in Folder, the acronyms to
        explain), never a modal box."""
        if self.notice is None:
            from app.ui.meetings.export_notice import ExportNotice

            self.notice = ExportNotice()
            self.notice.add_expansions.connect(self.open_glossary)
            self.host.widget.statusBar().addWidget(self.notice, 1)
        self.host.widget.statusBar().clearMessage()  # a message would hide it
        self.notice.show_results(results)

    # -- the window's hooks -----------------------------------------------------------------

    def flush(self) -> bool:
        """Save what was typed in an agenda item and not saved yet; False if refused."""
        return self.panel.flush() if self.panel is not None else True

    @property
    def has_pending(self) -> bool:
        return self.panel is not None and self.panel.has_pending

    def pending_undo_text(self) -> str:
        return self.panel.pending_undo_text() if self.panel is not None else ""

    # -- the plan tree's context menu -------------------------------------------------------

    def add_tree_entries(self, refs: list[str], sections: list[str], menu: QMenu) -> None:
        """The plan tree's context menu on its selection (the window wires it: `refs` as an
        agenda takes them, '1.3(b)', or '3.5' for one of the `sections`): 'Add 1.3(b) to
        Agenda of SOM, 5 March 2026' (and of the other meetings), 'New Meeting from
        Selection…'."""
        if not refs or not self.host.ready():
            return
        try:
            meetings = self.host.desk().meetings.all()
        except PoaDeskError:
            return
        if len(refs) == 1:
            what = f"Section {refs[0]}" if refs[0] in sections else refs[0]
        else:
            what = f"{len(refs)} Selected Rows"
        if not meetings:
            hint = menu.addAction(f"Add {what} to an Agenda (make a meeting first: Meeting > "
                                  "New Meeting…)")
            hint.setEnabled(False)
        else:
            current = self._current_meeting(meetings)
            menu.addAction(self._add_action(menu, f"Add {what} to Agenda of {current.label}",
                                            refs, current.id))
            others = [m for m in meetings if m.id != current.id]
            if others:
                sub = menu.addMenu(f"Add {what} to Agenda of")
                for m in others:
                    sub.addAction(self._add_action(sub, m.label, refs, m.id))
        new = menu.addAction(f"New Meeting from {'Selection' if len(refs) > 1 else what}…")
        new.setObjectName("newMeetingFromSelection")
        new.triggered.connect(lambda _c=False: self.show_panel().new_meeting(", ".join(refs)))

    def _current_meeting(self, meetings: list[MeetingInfo]) -> MeetingInfo:
        shown = self.panel.meeting_id if self.panel is not None else None
        wanted = shown if shown is not None else self.host.settings.current_meeting
        return next((m for m in meetings if m.id == wanted), meetings[0])

    def _add_action(self, parent: QMenu, text: str, refs: list[str],
                    meeting_id: int) -> QAction:
        action = QAction(text, parent)
        plan_id = self.host.plan_id()
        action.triggered.connect(lambda _checked=False: self.show_panel().add_refs(
            refs, None, plan_id, meeting_id))
        return action

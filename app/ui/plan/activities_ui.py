"""Activities in the main window: the detail pane's Activities list, its Add…, Edit… and Remove,
each a command on the window's undo stack (app.ui.plan.activity_commands).

`ActivitiesUi(host, pane)` is made once by the main window; it knows the window only as a
`Host`. The pane says which action line it shows (`DetailPane.action_shown`); the list is read
then, and again when the change hub says activities changed. The form is imported when first
opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.errors import PoaDeskError
from app.values import Change, Target

if TYPE_CHECKING:
    from app.activities.values import ActivityFields, ActivityInfo
    from app.ui.plan.activities_box import ActivitiesBox
    from app.ui.plan.activity_commands import ActivityCommand
    from app.ui.plan.activity_form import ActivityForm
    from app.ui.plan.detail_pane import DetailPane
    from app.ui.shell.host import Host
    from app.values import ActionDetail


class ActivitiesUi(QObject):
    def __init__(self, host: Host, pane: DetailPane) -> None:
        super().__init__(host.widget)
        self.host = host
        self.pane = pane
        self.form: ActivityForm | None = None
        self._box: ActivitiesBox | None = None
        self._shown: ActionDetail | None = None
        pane.action_shown.connect(self._action_shown)
        host.hub.changed.connect(self._changed)

    @property
    def box(self) -> ActivitiesBox:
        """The pane's list (built with the action line's page); its requests answered here."""
        if self._box is None:
            box = self.pane.activities_box
            box.add_requested.connect(self.open_add)
            box.edit_requested.connect(self.open_edit)
            box.remove_requested.connect(self.remove)
            self._box = box
        return self._box

    # -- the list ---------------------------------------------------------------------------

    def _action_shown(self, detail: ActionDetail) -> None:
        self._shown = detail
        self.reload()

    def _changed(self, change: Change) -> None:
        shown = self._shown
        if shown is None or self.pane.detail is None or self.pane.detail.id != shown.id:
            return
        if change.activities and shown.id not in change.action_ids:
            self.reload()  # the pane reloads the lines it names (and so this list)

    def reload(self) -> None:
        detail = self._shown
        if detail is None or not self.host.ready():
            return
        try:
            items = self.host.desk().activities.list(detail.plan_id,
                                                     target=Target(action_id=detail.id))
        except PoaDeskError as exc:
            self.host.error(str(exc))
            return
        self.box.set_items(items, detail.ref)

    # -- add, edit, remove ------------------------------------------------------------------

    def _targets(self, detail: ActionDetail) -> list[tuple[str, Target]]:
        out = [(f"{detail.ref} (this action line)", Target(action_id=detail.id))]
        if detail.section_number is not None:
            try:
                info = self.host.desk().resolve(detail.section_number, detail.plan_id)
            except PoaDeskError:
                return out
            out.append((f"{detail.section_number} {detail.section_title} (the whole section: "
                        "it counts for each of its lines)", info.target))
        return out

    def _push(self, command: ActivityCommand) -> str | None:
        refusal = self.host.hub.push(command)
        if refusal is not None:
            self.host.error(refusal)
        return refusal

    def _open(self, form: ActivityForm) -> ActivityForm:
        if self.form is not None:
            self.form.close()
        self.form = form
        form.open()
        return form

    def open_add(self) -> ActivityForm | None:
        from app.ui.plan.activity_commands import AddActivity
        from app.ui.plan.activity_form import ActivityForm

        detail = self._shown
        if detail is None or not self.host.ready():
            return None

        def submit(target: Target, fields: ActivityFields) -> str | None:
            command = AddActivity(self.host.desk(), self.host.hub, target, detail.ref, fields)
            refusal = self._push(command)
            if refusal is None and command.created_id is not None:
                self.box.select(command.created_id)
            return refusal

        return self._open(ActivityForm(self.host.widget, self._targets(detail), submit))

    def open_edit(self, info: ActivityInfo | None = None) -> ActivityForm | None:
        from app.ui.plan.activity_commands import EditActivity
        from app.ui.plan.activity_form import ActivityForm

        info = info or self.box.selected()
        if info is None or not self.host.ready():
            return None

        def submit(_target: Target, fields: ActivityFields) -> str | None:
            if fields == info.fields:
                return None
            return self._push(EditActivity(self.host.desk(), self.host.hub, info, fields))

        return self._open(ActivityForm(self.host.widget, (), submit, initial=info))

    def remove(self, info: ActivityInfo | None = None) -> bool:
        """Remove an activity (Edit > Undo brings it back, with the same id)."""
        from app.ui.plan.activity_commands import RemoveActivity
        from app.ui.shell import dialogs

        info = info or self.box.selected()
        if info is None or not self.host.ready():
            return False
        if not dialogs.confirm(self.host.widget, "Remove Activity",
                               f"Remove the activity “{info.fields.title}” from {info.ref}?",
                               "Edit > Undo brings it back while POA Desk is open.", "&Remove"):
            return False
        if self._push(RemoveActivity(self.host.desk(), self.host.hub, info)) is not None:
            return False
        self.host.status(f"Removed “{info.fields.title}”: Edit > Undo brings it back", 8000)
        return True

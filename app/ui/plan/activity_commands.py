"""Activities (what was done under an action line or a whole section) as commands on the
window's undo stack (app.ui.shell.commands): each way one `desk.activities` call.

add <-> remove (redo adds it again with the same id); edit <-> edit back to the old fields;
remove <-> restore (the same id). A step the database refuses is reported and dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.errors import PoaDeskError
from app.ui.shell.commands import ChangeHub, DeskCommand
from app.values import Change

if TYPE_CHECKING:
    from app.activities.values import ActivityFields, ActivityInfo
    from app.service import Desk
    from app.values import Target


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= 40 else title[:39] + "…"


class ActivityCommand(DeskCommand):
    drop_when_undo_refused = True

    def __init__(self, desk: Desk, hub: ChangeHub, text: str) -> None:
        super().__init__(hub, text)
        self.desk = desk

    def _lines_of(self, info: ActivityInfo) -> Change:
        """The change of removing `info`: the action lines it counts for."""
        try:
            lines = self.desk.resolve(info.ref, info.plan_id).action_ids
        except PoaDeskError:  # the plan changed meanwhile: the views reload anyway
            lines = frozenset()
        return Change(action_ids=lines, activities=True)


class AddActivity(ActivityCommand):
    def __init__(self, desk: Desk, hub: ChangeHub, target: Target, ref: str,
                 fields: ActivityFields) -> None:
        super().__init__(desk, hub, f"add activity “{_short(fields.title)}” on {ref}")
        self.target, self.fields = target, fields
        self.created_id: int | None = None
        self._change = Change(activities=True)

    def forward(self) -> Change:
        created = self.desk.activities.add(self.target, self.fields, id=self.created_id)
        self.created_id = created.id  # redo keeps the id
        self._change = Change(action_ids=created.change.action_ids, activities=True)
        return created.change

    def backward(self) -> Change:
        assert self.created_id is not None
        self.desk.activities.remove(self.created_id)
        return self._change


class EditActivity(ActivityCommand):
    def __init__(self, desk: Desk, hub: ChangeHub, old: ActivityInfo,
                 new: ActivityFields) -> None:
        super().__init__(desk, hub, f"edit activity “{_short(new.title)}” on {old.ref}")
        self.activity_id, self.old, self.new = old.id, old.fields, new

    def forward(self) -> Change:
        return self.desk.activities.edit(self.activity_id, self.new)

    def backward(self) -> Change:
        return self.desk.activities.edit(self.activity_id, self.old)


class RemoveActivity(ActivityCommand):
    def __init__(self, desk: Desk, hub: ChangeHub, info: ActivityInfo) -> None:
        super().__init__(desk, hub, f"remove activity “{_short(info.fields.title)}” on "
                         f"{info.ref}")
        self.info = info

    def forward(self) -> Change:
        self.info = self.desk.activities.remove(self.info.id)
        return self._lines_of(self.info)

    def backward(self) -> Change:
        return self.desk.activities.restore(self.info).change

"""The undo of an import, from the history, also after a restart: `desk.import_undo`.

Each field an import set on an action line or an activity goes back to what it was, unless
it has been changed since (then nothing is undone: StaleEdit names the line); an activity the
import added goes again.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from app.errors import NotFoundError, StaleEdit
from app.safety.history import HistoryLog
from app.store.session import Store
from app.values import Change, HistoryItem

if TYPE_CHECKING:
    from app.activities.manager import ActivityManager
    from app.plans.actions import ActionLineManager

_UNDONE_FIELDS = ("status", "notes", "notes_private", "lines_to_take", "tags")


class ImportUndo:
    def __init__(self, store: Store, log: HistoryLog, actions: ActionLineManager,
                 activities: ActivityManager) -> None:
        self._store = store
        self._log = log
        self._actions = actions
        self._activities = activities

    def last_import(self, prefix: str = "") -> str | None:
        """The operation name of the newest import in the history ("matrix import from x.xlsx",
        "import from som.json"), optionally one starting with `prefix`; None if there is none."""
        for item in self._log.entries(limit=5000):
            if ("import from" in item.operation and item.operation.startswith(prefix)
                    and not item.operation.startswith("undo of ")):
                return item.operation
        return None

    def revert(self, operation: str) -> Change:
        """Undo the newest run of `operation` (an import), in one transaction recorded as
        "undo of <operation>"."""
        run: list[HistoryItem] = []
        for item in self._log.entries(limit=100_000):  # newest first: its rows are contiguous
            if item.operation == operation:
                run.append(item)
            elif run:
                break
        if not run:
            raise NotFoundError(f"no {operation!r} in the history")
        ids: set[int] = set()
        with self._store.operation(f"undo of {operation}"), self._store.transaction():
            for item in run:  # newest first: the last change to a field is undone first
                if item.kind == "activity":
                    self._revert_activity(item)
                    if item.action_id is not None:
                        ids.add(item.action_id)
                    continue
                if (item.kind != "action_line" or item.action_id is None
                        or item.field not in _UNDONE_FIELDS
                        or (item.field == "notes" and item.private)):
                    continue  # (a private note's text is not in the history to go back to)
                old, new = _value(item.field, item.old), _value(item.field, item.new)
                self._actions.update(item.action_id, **{item.field: old},
                                     expect={item.field: new})
                ids.add(item.action_id)
        return Change(action_ids=frozenset(ids))

    def _revert_activity(self, item: HistoryItem) -> None:
        """Undo one history row of an activity: an added one goes, a changed field goes back
        (unless it was changed again since: StaleEdit)."""
        if item.field == "created":
            with suppress(NotFoundError):
                self._activities.remove(item.entity_id)
            return
        if item.field == "deleted":
            return  # an import never removes an activity
        try:
            now = self._activities.get(item.entity_id)
        except NotFoundError:
            return  # already gone (its "created" row comes next)
        current = getattr(now.fields, item.field)
        shown = current.isoformat() if isinstance(current, date) else str(current or "")
        if shown != (item.new or ""):
            raise StaleEdit(f"the {item.field.replace('_', ' ')} of activity {item.label}",
                            shown, item.old or "")
        old: Any = item.old or ""
        if item.field in ("start_date", "end_date"):
            old = date.fromisoformat(item.old) if item.old else None
        self._activities.edit(item.entity_id, replace(now.fields, **{item.field: old}))


def _value(field: str, text: str | None) -> Any:
    """A history row's text as the field's value again."""
    if field == "notes_private":
        return text == "yes"
    if field == "tags":
        return tuple(t.strip() for t in (text or "").split(",") if t.strip())
    return text or ""

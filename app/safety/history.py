"""The history as a read API (and the two things done to it as a whole): `desk.log`.

Every change is recorded by the store itself (app.store.history), in the transaction that
makes it; this reads it back as plain `HistoryItem` values.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select

from app.models import HistoryEntry
from app.store.db import wipe_free_pages
from app.store.history import items, note
from app.store.session import Store
from app.values import Change, HistoryItem


class HistoryLog:
    def __init__(self, store: Store) -> None:
        self._store = store

    def entries(self, action_id: int | None = None, *, since: datetime | None = None,
                limit: int | None = None, kinds: Sequence[str] | None = None
                ) -> list[HistoryItem]:
        """Recorded changes, newest first: of one action line (its fields, and assignments and
        agenda items on it), or of everything since a time; `kinds`: only those kinds."""
        with self._store.read() as s:
            return items(s, action_id=action_id, since=since, limit=limit, kinds=kinds)

    def change_token(self) -> int:
        """A number that grows with every change anyone records in this database (this window,
        the command line, a colleague): poll it to see changes made underneath."""
        with self._store.read() as s:
            return int(s.scalar(select(func.max(HistoryEntry.id))) or 0)

    def changes_after(self, token: int) -> tuple[int, Change]:
        """What changed after `token` (from `change_token`), as one Change, and the new token."""
        with self._store.read() as s:
            rows = s.execute(select(HistoryEntry.id, HistoryEntry.kind,
                                    HistoryEntry.action_line_id)
                             .where(HistoryEntry.id > token)).all()
        if not rows:
            return token, Change()
        kinds = {kind for _id, kind, _a in rows}
        change = Change(action_ids=frozenset(a for _i, _k, a in rows if a is not None),
                        plan_structure="database" in kinds,
                        focal_points=bool(kinds & {"focal_point", "assignment"}),
                        meetings=bool(kinds & {"meeting", "agenda_item"}),
                        activities="activity" in kinds)
        return max(i for i, _k, _a in rows), change

    def note(self, label: str, field: str, new: str) -> None:
        """Record something that happened to the whole database (a restore)."""
        with self._store.write() as s:
            note(s, self._store.who, label, field, new)

    def purge(self, before: datetime) -> int:
        """Forget the history recorded before `before` (deleted notes with it): the count."""
        with self._store.write() as s:
            result = s.execute(delete(HistoryEntry).where(
                HistoryEntry.at < before,
                ~((HistoryEntry.kind == "database") & (HistoryEntry.field == "identity"))))
            count = int(getattr(result, "rowcount", 0) or 0)
        wipe_free_pages(self._store.engine)  # gone from the file's pages too, not just unlisted
        return count

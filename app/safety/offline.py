"""An offline copy of a database (the team's, for a trip): `desk.offline`. Its own changes are
merged back later by app.interchange.offline, from the history row that starts them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.models import HistoryEntry
from app.safety.history import HistoryLog
from app.store.copy import copy_database
from app.store.db import open_database
from app.store.history import note
from app.store.session import Store

OFFLINE_MARK = "copied offline"  # the history row that starts an offline copy's own changes


class OfflineCopies:
    def __init__(self, store: Store, log: HistoryLog) -> None:
        self._store = store
        self._log = log

    def copy(self, target: Path) -> Path:
        """A local SQLite copy of this database, row for row; the copy remembers where it came
        from and how far the history had got, so that its own changes can be merged back."""
        target = target.expanduser()
        token = self._log.change_token()
        copy_database(self._store.engine, target)
        copy = Store(open_database(target), target)
        copy.who.user = self._store.who.user
        try:
            with copy.operation("copy offline"), copy.write() as s:
                note(s, copy.who, "database", OFFLINE_MARK,
                     json.dumps({"source": self._store.label, "token": token}))
        finally:
            copy.close()
        return target

    def origin(self) -> tuple[int, dict[str, Any]] | None:
        """For an offline copy: the history id where its own changes begin, and where it came
        from ({"source", "token"}); None for a database that is not such a copy."""
        with self._store.read() as s:
            row = s.execute(select(HistoryEntry.id, HistoryEntry.new)
                            .where(HistoryEntry.kind == "database",
                                   HistoryEntry.field == OFFLINE_MARK)
                            .order_by(HistoryEntry.id.desc()).limit(1)).first()
        if row is None:
            return None
        return int(row[0]), json.loads(row[1] or "{}")

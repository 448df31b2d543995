"""An offline copy of a database (the team's, for a trip): `desk.offline`. Its own changes are
merged back later by app.interchange.offline, from the history row that starts them."""

from __future__ import annotations

import json
import os
import uuid
from contextlib import suppress
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.errors import InputError
from app.models import HistoryEntry
from app.safety.history import HistoryLog
from app.store.copy import copy_database
from app.store.db import open_database
from app.store.history import note
from app.store.session import Store

OFFLINE_MARK = "copied offline"  # the history row that starts an offline copy's own changes
IDENTITY = "identity"  # the history row that names a database (kept by every purge)


class OfflineCopies:
    def __init__(self, store: Store, log: HistoryLog) -> None:
        self._store = store
        self._log = log

    def copy(self, target: Path) -> Path:
        """A local SQLite copy of this database, row for row; the copy remembers where it came
        from and how far the history had got, so that its own changes can be merged back."""
        target = target.expanduser()
        identity = self.identity()
        token = self._log.change_token()
        copy_database(self._store.engine, target)
        with suppress(OSError):  # it holds private notes: its owner's only, whatever the umask
            os.chmod(target, 0o600)
        copy = Store(open_database(target), target)
        copy.who.user = self._store.who.user
        try:
            with copy.operation("copy offline"), copy.write() as s:
                note(s, copy.who, "database", OFFLINE_MARK,
                     json.dumps({"source": self._store.label, "token": token,
                                 "identity": identity, "copy": uuid.uuid4().hex}))
        finally:
            copy.close()
        return target

    def identity(self) -> str:
        """This database's own name, made once (a random id in its history, which no purge
        removes): a copy merged back must come from the database it is merged into."""
        with self._store.read() as s:
            found = s.scalar(select(HistoryEntry.new)
                             .where(HistoryEntry.kind == "database",
                                    HistoryEntry.field == IDENTITY)
                             .order_by(HistoryEntry.id).limit(1))
        if found:
            return str(found)
        made = uuid.uuid4().hex
        with self._store.operation("identity"), self._store.write() as s:
            note(s, self._store.who, "database", IDENTITY, made)
        return made

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
        try:
            info = json.loads(row[1] or "{}")
        except ValueError:
            info = None
        if not isinstance(info, dict):
            raise InputError("this offline copy's record of where it came from is not readable "
                             "(it is damaged or was altered): nothing can be merged from it")
        return int(row[0]), info

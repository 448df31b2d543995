"""A team database for the window's tests: a schema of its own in the PostgreSQL test database
(POADESK_TEST_PG_URL), reached through the address the officer types (host, port, database,
user, password) while PGOPTIONS points libpq at that schema; dropped at the end."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from app.ui.files.team_database import TeamDatabaseDialog, server_url
from app.ui.shell.list_dialog import ListDialog
from app.ui.shell.review_dialog import ReviewDialog
from tests.conftest import postgresql_skip_reason
from tests.pg_schemas import pg_url


@dataclass(frozen=True)
class Team:
    host: str
    port: int
    database: str
    user: str
    password: str
    schema: str

    def url(self) -> str:
        return server_url(self.host, self.port, self.database, self.user, self.password)


def team_schema(monkeypatch: pytest.MonkeyPatch) -> Iterator[Team]:
    """(For a fixture.) An empty schema that Desk.open(URL) fills (migrations, then the
    plan), as a new team database is; every connection of the test lands there (PGOPTIONS);
    dropped at the end."""
    reason = postgresql_skip_reason()
    if reason:
        pytest.skip(reason)
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    url = make_url(pg_url())
    schema = f"poadesk_ui_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(pg_url(), pool_size=1)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        monkeypatch.setenv("PGOPTIONS", f"-csearch_path={schema}")
        monkeypatch.delenv("PGPASSWORD", raising=False)
        monkeypatch.setenv("PGPASSFILE", os.devnull)
        yield Team(url.host or "127.0.0.1", url.port or 5432, url.database or "",
                   url.username or "", url.password or "", schema)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.dispose()


@dataclass
class Dialogs:
    """Answers every dialog run through dialogs.run_dialog: the team database's address
    (`address`: host, port, database, user, password; None: Cancel), then `answers` in order
    for the others (True: the button that goes ahead; `review` may tick and untick first)."""

    address: tuple[str, int, str, str, str] | None = None
    answers: list[bool] = field(default_factory=list)
    review: Callable[[ReviewDialog], None] | None = None
    seen: list[object] = field(default_factory=list)

    def run(self, dialog: object) -> bool:
        self.seen.append(dialog)
        if isinstance(dialog, TeamDatabaseDialog):
            if self.address is None:
                dialog.reject()
                return False
            host, port, database, user, password = self.address
            dialog.host.setText(host)
            dialog.port.setValue(port)
            dialog.database.setText(database)
            dialog.user.setText(user)
            dialog.password.setText(password)
            dialog.ok_button.click()
            return dialog.result() == TeamDatabaseDialog.DialogCode.Accepted
        assert isinstance(dialog, ListDialog)
        if isinstance(dialog, ReviewDialog) and self.review is not None:
            self.review(dialog)
        if self.answers.pop(0) if self.answers else False:
            dialog.press_ok()
        else:
            dialog.reject()
        return dialog.result() == ListDialog.DialogCode.Accepted

    def of(self, kind: type) -> list:
        return [d for d in self.seen if isinstance(d, kind)]

"""File > Open Team Database…, Open Database File…, Take a Copy Offline…, Bring My Changes
Back… and Import Activities…: registered at start, their modules (team_database, offline,
activities_import, and the core behind them) imported when one is first chosen.

Take a Copy Offline and Bring My Changes Back work on a team database only: they are enabled
while one is shown (checked each time the File menu opens, and after a switch).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.shell.actions import Act, Menu

if TYPE_CHECKING:
    from app.access import DatabaseLock
    from app.service import Desk
    from app.ui.shell.actions import ActionRegistry
    from app.ui.shell.host import Host

SERVER_ONLY = (Act.COPY_OFFLINE, Act.MERGE_BACK)


class DatabaseActions:
    def __init__(self, actions: ActionRegistry, host: Host) -> None:
        self.actions, self.host = actions, host
        actions.add(Act.OPEN_TEAM_DATABASE, self.open_team_database)
        actions.add(Act.OPEN_DATABASE_FILE, self.open_database_file)
        actions.add(Act.COPY_OFFLINE, self.take_copy_offline)
        actions.add(Act.MERGE_BACK, self.bring_changes_back)
        actions.add(Act.IMPORT_ACTIVITIES, self.import_activities)
        actions.on_show(Menu.FILE, self.update)
        self.update()

    def switch(self, desk: Desk, lock: DatabaseLock | None) -> None:
        """The window shows that database from now on (every part follows the session)."""
        self.host.session.switch(desk, lock)
        self.update()

    def update(self) -> None:
        """Copy and merge back while a team database is shown; off for a file."""
        on_server = False
        if self.host.ready() and not self.host.closed():
            on_server = self.host.desk().path is None
        for act in SERVER_ONLY:
            self.actions[act].setEnabled(on_server)

    def open_team_database(self) -> bool:
        from app.ui.files.team_database import open_team_database

        return open_team_database(self.host, self.switch)

    def open_database_file(self) -> bool:
        from app.ui.files.team_database import open_database_file

        return open_database_file(self.host, self.switch)

    def take_copy_offline(self) -> object:
        from app.ui.files.offline import take_copy_offline

        return take_copy_offline(self.host, self.switch)

    def bring_changes_back(self) -> object:
        from app.ui.files.offline import bring_changes_back

        return bring_changes_back(self.host)

    def import_activities(self) -> object:
        from app.ui.files.activities_import import import_activities

        return import_activities(self.host)

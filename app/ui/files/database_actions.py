"""File > Open Team Database…, Open Database File…, Take a Copy Offline…, Bring My Changes
Back… and Import Activities…: registered at start, their modules (team_database, offline,
activities_import, and the core behind them) imported when one is first chosen.

Take a Copy Offline and Bring My Changes Back work on a team database only: they are enabled
while one is shown (checked each time the File menu opens, and after a switch).
"""

from __future__ import annotations

import os
from pathlib import Path
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
        actions.on_show(Menu.RECENT, self.fill_recent)  # File > Open Recent
        from app.ui.files.drops import FileDrops

        self.drops = FileDrops(host, actions)  # a backup or workbook dropped on the window
        host.session.desk_changed.connect(lambda _desk: self.remember())
        self.update()
        self.remember()

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

    # -- File > Open Recent: the database files last shown, newest first --------------------

    def remember(self) -> None:
        """The database file shown (at start, after a switch) first in Open Recent."""
        path = self.host.session.db_path
        if path is not None:
            self.host.settings.add_recent_database(str(path))

    def fill_recent(self) -> None:
        """The recent files: the one shown and those gone greyed, the rest opened by a click."""
        menu = self.actions.menus[Menu.RECENT]
        menu.clear()
        shown = self.host.session.db_path
        recent = self.host.settings.recent_databases()
        for name in recent:
            path = Path(name)
            here = shown is not None and os.path.realpath(path) == os.path.realpath(shown)
            gone = not path.is_file()
            text = path.name.replace("&", "&&") + (" (shown)" if here else
                                                   " (not found)" if gone else "")
            action = menu.addAction(text)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.setEnabled(not here and not gone)
            action.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
        if not recent:
            menu.addAction("No database file opened yet").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear the List", self.clear_recent)
        menu.setToolTipsVisible(True)

    def clear_recent(self) -> None:
        for name in self.host.settings.recent_databases():
            self.host.settings.forget_recent_database(name)
        self.remember()

    def open_recent(self, path: Path) -> bool:
        from app.ui.files.team_database import open_file
        from app.ui.shell.jobs import save_typed_edits

        title = "Open Recent"
        if not path.is_file():  # gone since the menu opened: never made anew from the plan
            self.host.settings.forget_recent_database(str(path))
            self.host.status(f"{path} is no longer there", 10000)
            return False
        if not save_typed_edits(self.host, title):
            return False
        return open_file(self.host, self.switch, path, title)

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

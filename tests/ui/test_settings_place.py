"""Where the window keeps its settings: the machine's own data folder (Windows: %LOCALAPPDATA%,
not the roaming %APPDATA% that follows the user to other screens), and an earlier version's
file in Qt's default place moved there once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app import paths
from app.ui.shell.settings import UiSettings


def test_settings_live_beside_the_working_database(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "local")
    settings = UiSettings()
    settings._q.setValue("probe", "here")
    settings.sync()
    assert Path(settings.file_name) == tmp_path / "local" / "window.ini"
    assert "probe=here" in (tmp_path / "local" / "window.ini").read_text()


def test_an_earlier_versions_settings_are_moved_once(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "local")
    old = Path(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                         paths.APP_AUTHOR, paths.APP_NAME).fileName())
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text("[window]\nsplitter=kept\n")
    settings = UiSettings()
    assert settings._q.value("window/splitter") == "kept"
    assert not old.exists()

"""Where a database sits, as Windows and macOS laptops have it: a read-only share, a network
drive, a server that does not answer."""

from __future__ import annotations

import socket
import sqlite3
import time
from collections import namedtuple

import pytest

from app import paths
from app.store import db

Part = namedtuple("Part", "device mountpoint fstype opts")


def test_a_folder_is_writable_only_when_a_file_can_be_made_there(tmp_path, monkeypatch):
    assert db.folder_is_writable(tmp_path)
    assert not db.folder_is_writable(tmp_path / "missing")
    # Windows: os.access says yes for a read-only share; the probe asks the file system
    monkeypatch.setattr(db.os, "access", lambda *a, **k: True)
    monkeypatch.setattr(db.tempfile, "TemporaryFile",
                        lambda **k: (_ for _ in ()).throw(PermissionError(13, "denied")))
    assert not db.folder_is_writable(tmp_path)
    assert list(tmp_path.iterdir()) == []  # the probe leaves nothing behind


@pytest.mark.parametrize("text, unc", [
    ("\\\\server\\share\\poadesk.db", True), ("//server/share/poadesk.db", True),
    ("\\\\?\\UNC\\server\\share\\x.db", True), ("\\\\?\\C:\\data\\x.db", False),
    ("C:\\Users\\dewi\\poadesk.db", False), ("/home/dewi/poadesk.db", False)])
def test_windows_network_paths_are_told_apart(text, unc):
    assert paths.is_unc(text) is unc


def test_a_database_on_a_network_share_runs_without_wal(tmp_path, monkeypatch, seed_db):
    share = tmp_path / "share"
    share.mkdir()
    mounts = [Part("/dev/sda1", "/", "ext4", "rw"),
              Part("//server/poadesk", str(share), "cifs", "rw,relatime")]
    import psutil

    monkeypatch.setattr(psutil, "disk_partitions", lambda all=False: mounts)
    assert paths.on_network_drive(share / "team.db")
    assert not paths.on_network_drive(tmp_path / "local.db")
    engine = db.open_database(share / "team.db", seed=seed_db)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    finally:
        engine.dispose()
    engine = db.open_database(tmp_path / "local.db", seed=seed_db)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()
    with sqlite3.connect(share / "team.db") as conn:  # no -wal file needed to read it
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_windows_mapped_network_drive_counts_as_network(monkeypatch):
    import psutil

    monkeypatch.setattr(psutil, "disk_partitions", lambda all=False: [
        Part("C:\\", "C:\\", "NTFS", "rw,fixed"), Part("Z:\\", "Z:\\", "NTFS", "rw,remote")])
    monkeypatch.setattr(paths.os.path, "realpath", lambda p: str(p))
    monkeypatch.setattr(paths.os.path, "normcase", lambda p: p.lower().replace("/", "\\"))
    monkeypatch.setattr(paths.os, "sep", "\\")
    assert paths.on_network_drive("Z:\\Delegation\\poadesk.db")
    assert not paths.on_network_drive("C:\\Users\\dewi\\poadesk.db")


def test_a_server_that_does_not_answer_is_given_up_not_waited_for(monkeypatch):
    """A listening socket that never completes the handshake: the connect timeout ends it."""
    pytest.importorskip("psycopg")
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(0)  # accepts nothing: the client waits for the server's first message
    port = silent.getsockname()[1]
    monkeypatch.setattr(db, "CONNECT_TIMEOUT", 2)
    engine = db.make_engine(f"postgresql+psycopg://nobody@127.0.0.1:{port}/none")
    started = time.monotonic()
    try:
        with pytest.raises(Exception), engine.connect():  # noqa: B017 - the driver's own error
            pass
    finally:
        engine.dispose()
        silent.close()
    assert time.monotonic() - started < 10


def test_names_made_from_titles_are_capped_and_safe_everywhere():
    long_title = "ASEAN-EU Senior Officials' Meeting on the Plan of Action " * 6
    name = paths.safe_file_name(f"SOM {long_title}: brief?")
    assert len(name) <= paths.MAX_NAME_STEM and not name.endswith((" ", "."))
    assert not set(name) & set('\\/:*?"<>|')
    assert name.startswith("SOM ASEAN-EU Senior Officials' Meeting")
    assert paths.safe_file_name("CON") == "CON (brief)"  # a device name on Windows
    assert paths.safe_file_name("lpt1.docx") == "lpt1.docx (brief)"
    assert paths.safe_file_name(" ... ") == "brief"


def test_every_spelling_of_one_database_shares_its_backups(tmp_path, monkeypatch):
    from app.store.backups import folder_for

    real = tmp_path / "Delegation" / "Plan.db"
    real.parent.mkdir()
    real.write_bytes(b"")
    link = tmp_path / "plan-link.db"
    link.symlink_to(real)
    data = tmp_path / "data"
    assert folder_for(link, data) == folder_for(real, data)
    assert folder_for(tmp_path / "Delegation" / ".." / "Delegation" / "Plan.db", data) == \
        folder_for(real, data)
    assert paths.same_file(link, real)
    monkeypatch.setattr(paths.sys, "platform", "win32")  # a disk that ignores case
    assert paths.file_key(tmp_path / "Delegation" / "plan.db") == paths.file_key(real)
    assert (str(folder_for(tmp_path / "delegation" / "PLAN.DB", data)).casefold()  # one folder
            == str(folder_for(real, data)).casefold())  # there: the disk ignores case too
    long_name = tmp_path / ("x" * 200 + ".db")
    assert len(folder_for(long_name, data).name) <= paths.MAX_NAME_STEM + 9


def test_the_saved_password_file_is_named_as_each_system_has_it(monkeypatch):
    from app.errors import LoginRefused, database_error, password_file_words

    for platform, words in (("win32", "%APPDATA%\\postgresql\\pgpass.conf"),
                            ("linux", "~/.pgpass"), ("darwin", "~/.pgpass")):
        monkeypatch.setattr(paths.sys, "platform", platform)
        assert password_file_words().startswith(words)
        assert "PGPASSFILE" in password_file_words()

    class Refused(Exception):
        sqlstate = "28P01"

    monkeypatch.setattr(paths.sys, "platform", "win32")
    error = database_error("postgresql://dewi@server/team", Refused("password failed"))
    assert isinstance(error, LoginRefused)
    assert "%APPDATA%\\postgresql\\pgpass.conf" in str(error) and "~/.pgpass" not in str(error)

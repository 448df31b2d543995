"""The one SQLite URI builder (app.store.uri): exactly the file named, on every system."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from app.store.uri import sqlite_uri

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("path", "uri"), [
    (PureWindowsPath(r"C:\Users\Ana\POA Desk\poa.db"), "file:///C:/Users/Ana/POA%20Desk/poa.db"),
    (PureWindowsPath("d:/data/poa.db"), "file:///d:/data/poa.db"),
    # UNC: SQLite takes no host in the authority; the share is the path after an empty one
    (PureWindowsPath(r"\\server\share\team\poa.db"), "file:////server/share/team/poa.db"),
    (PureWindowsPath(r"C:\Việt Nam\50%?#.db"),
     "file:///C:/Vi%E1%BB%87t%20Nam/50%25%3F%23.db"),
    (PurePosixPath("/home/ana/poa.db"), "file:///home/ana/poa.db"),
])
def test_each_system_gets_the_form_sqlite_documents(path, uri):
    assert sqlite_uri(path) == uri
    assert sqlite_uri(path, mode="ro") == uri + "?mode=ro"


def test_the_uri_opens_exactly_the_file_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "a b?c#%41 Việt.db"
    conn = sqlite3.connect(sqlite_uri(Path(name)), uri=True)  # relative: made absolute
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    assert [p.name for p in tmp_path.iterdir()] == [name]
    conn = sqlite3.connect(sqlite_uri(tmp_path / name, mode="ro"), uri=True)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()


def test_every_uri_in_the_core_is_built_by_it():
    own = ROOT / "app" / "store" / "uri.py"
    for path in (ROOT / "app").rglob("*.py"):
        if path == own or "ui" in path.relative_to(ROOT / "app").parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"as_uri\(|[\"']file:(?!:memory:)", text), path
        for call in re.findall(r"sqlite3\.connect\(([^\n]*uri=True)", text):
            assert call.startswith(("sqlite_uri(", "uri,")), (path, call)

"""The one way a database file becomes an SQLite `file:` URI (sqlite3's `uri=True`), for every
connection POA Desk opens: the engine's, the backup API's, the checks', the fast first paint's.
Standard library only (the fast first paint imports it before SQLAlchemy).

The URI names exactly the file: '?', '#' and '%' in a name are escaped, non-ASCII letters are
UTF-8 escaped, and the form is the one SQLite documents for each system:
    /home/ana/poa.db          -> file:///home/ana/poa.db
    C:\\Users\\Ana\\poa.db      -> file:///C:/Users/Ana/poa.db
    \\\\server\\share\\poa.db     -> file:////server/share/poa.db  (UNC: an empty authority,
                                 SQLite accepts no host name; as_uri() would give one)
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote


def sqlite_uri(path: PurePath, **params: str) -> str:
    """`file:` URI for `path` (made absolute when it is a real path of this system), with the
    query parameters given (`mode="ro"`, `immutable="1"`)."""
    if isinstance(path, Path):
        path = path.absolute()
    if isinstance(path, PureWindowsPath):
        text = path.as_posix()  # C:/x/y.db, or //server/share/y.db
        if not text.startswith("/"):
            text = "/" + text  # /C:/x/y.db
        raw = text.encode("utf-8", "surrogatepass")
    else:
        raw = os.fsencode(str(path))
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())
    return f"file://{quote(raw, safe='/:')}" + (f"?{query}" if query else "")

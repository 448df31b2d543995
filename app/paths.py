"""Where things live: the shipped resources, the pristine plan.db, the user's working database."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

APP_NAME = "POA Desk"
APP_AUTHOR = "POADesk"
DB_ENV_VAR = "POADESK_DB"
PLAN_TEXT_NAME = "asean-eu-poa-2023-2027.txt"

# A file name POA Desk makes from a title (a brief, a backup folder) keeps at most this many
# characters before its suffix, so the whole path stays well under Windows' 260.
MAX_NAME_STEM = 80

_PACKAGE_DIR = Path(__file__).resolve().parent
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _data_root() -> Path:
    """`app/_data` inside an installed wheel or a PyInstaller bundle (packaging/poadesk.spec puts
    it there too); the repository root in a source checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "app" / "_data"  # never the folder the bundle happens to sit in
    packaged = _PACKAGE_DIR / "_data"
    if (packaged / "resources").is_dir():
        return packaged
    return _PACKAGE_DIR.parent


def resources_dir() -> Path:
    return _data_root() / "resources"


def seed_plan_text() -> Path:
    return resources_dir() / PLAN_TEXT_NAME


def countries_csv() -> Path:
    return resources_dir() / "countries.csv"


def seed_database() -> Path:
    """The pristine database built by `poadesk build-seed`; the app never writes it."""
    return _data_root() / "plan.db"


def user_data_dir() -> Path:
    import platformdirs  # lazy: not needed when --db or $POADESK_DB names the database

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def settings_file() -> Path:
    """The window's settings (sizes, splitters, folders last used): beside the working
    database in the machine's own (not roaming) data folder: %LOCALAPPDATA% on Windows."""
    return user_data_dir() / "window.ini"


def is_url(location: str | Path) -> bool:
    """'postgresql+psycopg://...' is a server database; anything else names a file (a Path is
    always a file, whatever characters its name holds)."""
    return isinstance(location, str) and _URL_RE.match(location) is not None


def database_location(text: str) -> Path | str:
    """What `--db` or $POADESK_DB names: a URL stays text (a Path would fold its '//'), any
    other text is exactly that file ('?' and '%41' included)."""
    return text if is_url(text) else Path(text).expanduser()


def check_server_url(url: str) -> str:
    """A server database's address: PostgreSQL only (an 'sqlite://' address would be a
    database in memory, thrown away at the end: an import into it would look done)."""
    from app.errors import DatabaseError

    if not url.lower().startswith(("postgresql://", "postgresql+psycopg://")):
        scheme = url.split("://", 1)[0]
        raise DatabaseError(f"'{scheme}://' is not a database POA Desk can keep: give a "
                            "database file, or a PostgreSQL server's address "
                            "(postgresql+psycopg://user@host/database)")
    return url


def check_database_file(path: Path) -> Path:
    """A database file's path; SQLite's special name ':memory:' (a database that is thrown
    away, not a file) is refused."""
    from app.errors import DatabaseError

    if str(path) in (":memory:", "") or str(path).startswith("file::memory:"):
        raise DatabaseError(f"'{path}' is not a database file: give the path of a file "
                            "(a new one is created from the plan)")
    return path


def default_database() -> Path:
    """The working database file: $POADESK_DB if set, else `poadesk.db` in the user data
    folder (`working_database` also knows a URL)."""
    override = os.environ.get(DB_ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    return user_data_dir() / "poadesk.db"


def working_database(*, create_folder: bool = False) -> Path | str:
    """The working database: $POADESK_DB if set (a file or a server's URL), else `poadesk.db`
    in the user data folder (made first when `create_folder`; a folder the user named is never
    made)."""
    override = os.environ.get(DB_ENV_VAR, "").strip()
    if override:
        return database_location(override)
    folder = user_data_dir()
    if create_folder:
        folder.mkdir(parents=True, exist_ok=True)
    return folder / "poadesk.db"


# -- where a file sits: local disk or network share -----------------------------------------

# File systems that are a network share (SQLite's WAL needs shared memory that they do not
# give, and their locks are unreliable): as psutil names them on Linux and macOS.
NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smbfs", "smb2", "smb3", "afpfs", "webdav", "davfs", "fuse.davfs2",
    "sshfs", "fuse.sshfs", "9p", "ncpfs", "afs", "coda", "ceph", "glusterfs", "fuse.glusterfs",
    "lustre", "fuse.rclone", "fuse.s3fs", "fuse.gvfsd-fuse",
})


def is_unc(text: str) -> bool:
    r"""A Windows network path: \\server\share\... (or \\?\UNC\server\share\...)."""
    return (text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\"))
            or text.upper().startswith("\\\\?\\UNC\\"))


def on_network_drive(path: Path) -> bool:
    """True when `path` is on a network share (a UNC path, a mapped network drive, an NFS or
    SMB mount): SQLite then runs without WAL. Unknown: False."""
    real = os.path.realpath(path)
    if is_unc(str(path)) or is_unc(real):
        return True
    try:
        import psutil  # lazy: only when a database is opened

        partitions = psutil.disk_partitions(all=True)
    except Exception:  # noqa: BLE001 - no answer from the system: take it as local
        return False
    fold = os.path.normcase
    best = None
    for part in partitions:
        mount = fold(part.mountpoint.rstrip("\\/") or part.mountpoint)
        target = fold(real)
        if (target == mount or target.startswith(mount.rstrip("\\/") + os.sep)
                or mount in ("/", fold(os.sep))) and (
                best is None or len(mount) > len(fold(best.mountpoint))):
            best = part
    if best is None:
        return False
    return (best.fstype.lower() in NETWORK_FILE_SYSTEMS
            or "remote" in best.opts.lower().split(","))


# -- one file, however it is spelled --------------------------------------------------------

def file_key(path: Path | str) -> str:
    """A key equal for every spelling of one file: links and '..' resolved, and case folded
    where the disk ignores case (Windows, and macOS as it ships): `Plan.db` is `plan.db`."""
    real = os.path.normcase(os.path.realpath(os.path.expanduser(path)))
    return real.casefold() if sys.platform in ("win32", "darwin") else real


def same_file(a: Path | str, b: Path | str) -> bool:
    """`a` and `b` name one file (asked of the file system when both exist)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return file_key(a) == file_key(b)


_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                             *(f"LPT{i}" for i in range(1, 10))})


def safe_file_name(text: str, default: str = "brief", limit: int = MAX_NAME_STEM) -> str:
    """Text a file name can hold on Windows, macOS and Linux: no characters they refuse, no
    reserved device name (CON, LPT1...), no trailing dot or space, at most `limit` characters
    (cut at a word where it can be)."""
    name = re.sub(r"\s+", " ", _UNSAFE_IN_NAMES.sub(" ", text)).strip(" .")
    if len(name) > limit:
        cut = name[:limit]
        name = (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2:] else cut).strip(" .")
    if name.split(".")[0].upper() in _RESERVED_NAMES:
        name = f"{name} ({default})"
    return name or default


"""Writing a file safely, for every file POA Desk writes (briefs, the matrix, the register
workbook, JSON backups): to a temporary file beside the target, then renamed over it, so a
failure never leaves half a file.

On Windows a file that another program has open (Word, Excel, OneDrive's sync, an antivirus
scanning it) cannot be replaced or removed for a moment: `replace_file` retries for about a
second, then says which file is held, in one line."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import InputError

HELD_TRIES = 12  # `replace_file`: about a second in all
HELD_PAUSE = 0.1


class FileHeld(InputError):
    """The target stays held by another program; nothing was replaced."""


def replace_file(source: Path, target: Path) -> None:
    """`os.replace(source, target)`, retried while another program holds `target` (Windows
    refuses with PermissionError then); FileHeld, naming the file, if it stays held."""
    for attempt in range(HELD_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == HELD_TRIES - 1 or not target.exists():
                break
            time.sleep(HELD_PAUSE)
    raise FileHeld(f"cannot replace {target}: it is open in another program (Word, Excel, "
                   "a file sync or an antivirus); close it and try again")


def write_atomically(target: Path, save: Callable[[Path], object], *,
                     private: bool = False) -> None:
    """Call `save(temporary path)` beside `target`, then rename it over `target`: a failure
    leaves the old file (or none) and never half a file. `private`: the file holds private
    notes, so it is readable by its owner only, whatever the umask."""
    try:
        with replacing(target, private=private) as tmp:
            save(tmp)
    except FileHeld:
        raise
    except PermissionError:
        raise InputError(f"cannot write {target}: it is open in another program or read-only; "
                         "close it or choose another name") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(f"cannot write {target}: {reason}") from None


@contextmanager
def replacing(target: Path, *, private: bool = False) -> Iterator[Path]:
    """Write to a temporary file beside `target`, then rename over it: never half a file.
    A symbolic link stays a link: the file it points to is the one replaced. `private`: owner
    only (0600)."""
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                                    dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # mkstemp made it 0600: a colleague could not open it, unless it is private
        os.chmod(tmp, 0o600 if private else _mode_for(target))
        replace_file(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _mode_for(target: Path) -> int:
    """The permissions a new file gets: those of the file it replaces, else what the user's
    umask gives an ordinary new file (0644 under umask 022, 0664 under 002)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process's umask, as it was when POA Desk started (read once: reading it means
    setting it, which is not safe to do while other threads create files)."""
    return _UMASK


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()

"""Writing a file safely, for every file POA Desk writes (briefs, the matrix, the register
workbook, JSON backups): to a temporary file beside the target, then renamed over it, so a
failure never leaves half a file."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import InputError


def write_atomically(target: Path, save: Callable[[Path], None]) -> None:
    """Call `save(temporary path)` beside `target`, then rename it over `target`: a failure
    leaves the old file (or none) and never half a file."""
    try:
        with replacing(target) as tmp:
            save(tmp)
    except PermissionError:
        raise InputError(f"cannot write {target}: it is open in another program or read-only; "
                         "close it or choose another name") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(f"cannot write {target}: {reason}") from None


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Write to a temporary file beside `target`, then rename over it: never half a file.
    A symbolic link stays a link: the file it points to is the one replaced."""
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                                    dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, _mode_for(target))  # mkstemp made it 0600: a colleague could not open it
        os.replace(tmp, target)
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
    """The process's umask, read without changing it where the system says it (Linux);
    elsewhere set and put back at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

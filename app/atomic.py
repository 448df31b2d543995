"""Writing a file safely, for every file POA Desk writes (briefs, the matrix, the register
workbook, JSON backups): to a temporary file beside the target, then renamed over it, so a
failure never leaves half a file."""

from __future__ import annotations

import os
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
    """Write to a temporary file beside `target`, then rename over it: never half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                                    dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)

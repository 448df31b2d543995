"""The Qt-free core imported past PySide6's import hook (see the start-up rule in app.ui)."""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def core_imports() -> Iterator[None]:
    """Import the Qt-free core (app.service, SQLAlchemy) past PySide6's import hook.

    PySide6 puts `__feature_import__` in `builtins.__import__`: for `from __feature__ import`,
    it reads the source of every module imported after PySide6 (to see whether it uses Qt).
    SQLAlchemy's hundreds of modules read that way cost ~20 MB and ~50 ms at start-up. Modules
    that never use Qt (nothing in app/ outside app/ui/ does) need none of it, so they are
    imported with the import PySide6 keeps in `builtins.__orig_import__` for that purpose.
    """
    hooked = builtins.__import__
    plain = getattr(builtins, "__orig_import__", None)
    if plain is None or hooked is not getattr(builtins, "__feature_import__", None):
        yield  # no PySide6 hook in place (or another one): nothing to step around
        return
    builtins.__import__ = plain
    try:
        yield
    finally:
        builtins.__import__ = hooked

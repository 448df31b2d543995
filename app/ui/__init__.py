"""The only Qt code in POA Desk: windows, Qt item models (adapters), dialogs, undo commands.

Sub-packages by feature, mirroring the core: `shell` (the main window, the action registry and
menus, the one undo-command base and change hub, settings, dialogs, icons), `plan` (the tree,
filters and detail pane), `focal`, `meetings` and `files` (back-ups and imports). `app.ui.main`
is the entry point (`poadesk` with no command).

Start-up: the one rule for imports inside functions
----------------------------------------------------
The window paints the plan tree before anything heavy is loaded (app.ui.main: paint first, then
attach the Desk). So a module that `app.ui.main` imports at start, directly or not, imports only
PySide6, the standard library and the light core modules (app.values, app.vocab, app.errors,
app.refs, app.text_clean, app.paths, app.access). Everything else is imported inside
the function that first needs it (or under TYPE_CHECKING when only annotations need it):

- the database layer: app.service (Desk), app.store.db, SQLAlchemy, alembic, app.meetings,
  app.focal.merge: after the first paint, through `core_imports()` below (main.py,
  meetings_dock.py); nothing before `attach_desk` may need the Desk;
- the document formats: python-docx and openpyxl (app.export, app.interchange.register_xlsx,
  app.interchange.json_backup, app.interchange.plan_text): when an export or import is chosen
  (files/file_actions.py, files/register_io.py, meetings/meeting_export.py);
- the window's parts the first paint does not show: files.file_actions and files.register_io
  (when a File or Focal Points item is chosen), focal.focal_register, focal.coverage_view,
  focal.focal_forms and focal.focal_commands (when first opened or used), meetings.meetings_panel
  (when the dock is first shown), plan.action_page (when an action line is first shown), and
  app.glossary (the acronyms, with the Desk).

tests/ui/test_fast_start.py (test_the_first_paint_loads_nothing_heavy) paints a fast-started
window in a fresh interpreter and fails if any of these was imported by then.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6 import QtCore  # noqa: F401 - fail early and clearly when Qt is missing


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

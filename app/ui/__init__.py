"""The only Qt code in POA Desk: windows, Qt item models (adapters), dialogs, undo commands.

In layers (import-linter's contract "The window in layers", pyproject.toml):

- `main`: the entry point (`poadesk` with no command): the lock, the fast first paint, the
  window's run; `window`: the composition on top (MainWindow builds the parts, hands each a
  `Host` and wires what one offers another);
- `plan`, `meetings`, `focal`, `files`, `progress`: the features, independent siblings: each
  imports the ground floor and the core, never another feature (nor the window), even inside a
  function; they meet through shell's objects and the signals the window wires;
- `shell`: the ground floor, importing no feature: the desk session (the Desk and its lock,
  `desk_changed`), the `Host` the parts get, the parts' protocols (the plan's `Navigator`, the
  focal-points box), the one undo-command base and change hub (with each change's origin), the
  action registry and menus, settings, dialogs, widgets, the steps of a file's import or export
  (jobs, imports), `core_imports` (shell/core.py), icons.

Start-up: the one rule for imports inside functions
----------------------------------------------------
The window paints the plan tree before anything heavy is loaded (app.ui.main: paint first, then
attach the Desk). So a module that `app.ui.main` imports at start, directly or not, imports only
PySide6, the standard library and the light core modules (app.values, app.vocab, app.errors,
app.refs, app.text_clean, app.paths, app.access). Everything else is imported inside
the function that first needs it (or under TYPE_CHECKING when only annotations need it):

- the database layer: app.service (Desk), app.store.db, SQLAlchemy, alembic, app.meetings,
  app.focal.merge: after the first paint, through `core_imports()` (app.ui.shell.core;
  shell/session.py, meetings_dock.py); nothing before `attach_desk` may need the Desk;
- the document formats: python-docx and openpyxl (app.export, app.interchange.register_xlsx,
  app.interchange.json_backup, app.interchange.plan_text): when an export or import is chosen
  (files/file_actions.py, focal/register_io.py, meetings/meeting_export.py);
- the window's parts the first paint does not show: files.file_actions and focal.register_io
  (when a File or Focal Points item is chosen), focal.focal_register, focal.coverage_view,
  focal.focal_forms, focal.focal_commands and focal.focal_pane (when first opened or used; the
  detail pane asks the focal part for its box when an action line is first shown),
  meetings.meetings_panel
  (when the dock is first shown), plan.action_page (when an action line is first shown), and
  app.glossary (the acronyms, with the Desk).

tests/ui/test_fast_start.py (test_the_first_paint_loads_nothing_heavy) paints a fast-started
window in a fresh interpreter and fails if any of these was imported by then.
"""

from __future__ import annotations

from PySide6 import QtCore  # noqa: F401 - fail early and clearly when Qt is missing

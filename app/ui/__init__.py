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

from PySide6 import QtCore  # noqa: F401 - fail early and clearly when Qt is missing

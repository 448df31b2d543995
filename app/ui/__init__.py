"""The only Qt code in POA Desk: windows, Qt item models (adapters), dialogs, undo commands."""

# ruff: noqa: I001 - the order is the point here
# The core first: once PySide6 is imported it hooks every later import, and importing
# SQLAlchemy after it costs ~20 MB and tens of milliseconds more at start-up.
import app.service  # noqa: F401
from PySide6 import QtCore  # noqa: F401  - fail early and clearly when Qt is missing

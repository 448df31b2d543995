"""The only Qt code in POA Desk: windows, Qt item models (adapters), dialogs, undo commands."""

from PySide6 import QtCore  # noqa: F401  - fail early and clearly when Qt is missing

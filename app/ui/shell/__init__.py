"""The window's frame: the main window, the action registry and menus, the one undo-command
base and change signal, settings, dialogs, icons and small widget helpers."""

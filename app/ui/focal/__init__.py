"""Focal points: the menu and the detail pane's assignments (FocalUi), the register, the
coverage view, their forms and their undo commands."""

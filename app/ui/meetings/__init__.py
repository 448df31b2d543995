"""Meetings: the dock and panel, the agenda (model, view, item editor), the meeting form, brief
and matrix exports, and their undo commands."""

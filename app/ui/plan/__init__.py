"""The plan: the tree (model, view, filters) and the detail pane of an action line or section,
with the action-line edits as undo commands."""

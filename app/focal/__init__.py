"""The national focal-point register: people, assignments, coverage, hand-over.

`desk.focal` is the `FocalPointManager` (app.focal.points); values in app.focal.values.
"""

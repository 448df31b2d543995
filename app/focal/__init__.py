"""The national focal-point register: people, assignments, coverage, hand-over, import/export.

`desk.focal` is the `FocalPointManager` (app.focal.points); values in app.focal.values.
"""

# The roles of an assignment (the schema's check constraint, app.models.people, uses them):
# here, so that the window can list them without loading SQLAlchemy or the values' classes.
ROLES = ("lead", "co-lead", "support", "contact")

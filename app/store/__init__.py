"""Storage: the engine and sessions (`app.store.session.Store`), opening, checking and migrating
a database (`db`), the plain-SQL reads behind the tree and the window's fast start
(`tree_query`, `fast_open`, `schema_version`: standard library only) and building the pristine
plan.db (`seed`).

Only the gateway (app.service) and the domain managers it builds (app.focal, app.meetings) use
it; storage never imports them back. This file imports nothing: `fast_open` must load without
SQLAlchemy.
"""

"""Meetings (SOM, JCC, AEMM...) and their agendas: the core behind `desk.meetings`.

The manager is app.meetings.manager (built once by the Desk); the values it hands out are in
app.meetings.values. This file imports nothing, so the window can load the values without
SQLAlchemy.
"""

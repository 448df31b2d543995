"""SQLAlchemy 2 ORM of POA Desk. Only the gateway (`app.service`) opens sessions."""

from app.models.activities import Activity
from app.models.base import Base
from app.models.history import HistoryEntry
from app.models.matrix_exports import MatrixExport, MatrixExportLine
from app.models.meetings import AgendaItem, Meeting
from app.models.people import Assignment, Country, FocalPoint
from app.models.plan import Acronym, ActionLine, Part, Plan, Section, Tag, UserAcronym, action_tags

__all__ = [
    "Activity",
    "Acronym",
    "ActionLine",
    "AgendaItem",
    "Assignment",
    "Base",
    "Country",
    "HistoryEntry",
    "MatrixExport",
    "MatrixExportLine",
    "FocalPoint",
    "Meeting",
    "Part",
    "Plan",
    "Section",
    "Tag",
    "UserAcronym",
    "action_tags",
]

"""SQLAlchemy 2 ORM of POA Desk. Only the gateway (`app.service`) opens sessions."""

from app.models.base import Base
from app.models.meetings import MEETING_KINDS, AgendaItem, Meeting
from app.models.people import COUNTRY_GROUPS, ROLES, Assignment, Country, FocalPoint
from app.models.plan import Acronym, ActionLine, Part, Plan, Section, Tag, action_tags

__all__ = [
    "COUNTRY_GROUPS",
    "MEETING_KINDS",
    "ROLES",
    "Acronym",
    "ActionLine",
    "AgendaItem",
    "Assignment",
    "Base",
    "Country",
    "FocalPoint",
    "Meeting",
    "Part",
    "Plan",
    "Section",
    "Tag",
    "action_tags",
]

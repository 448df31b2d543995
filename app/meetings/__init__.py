"""Meetings (SOM, JCC, AEMM...) and their agendas: the core behind `desk.meetings`."""

from app.meetings.manager import KEEP, MeetingManager, parse_date, split_refs
from app.meetings.values import (
    FIELD_LABELS,
    ITEM_FIELDS,
    AgendaAction,
    AgendaItemView,
    Created,
    MeetingDetail,
    MeetingInfo,
    meeting_label,
)

__all__ = [
    "FIELD_LABELS",
    "ITEM_FIELDS",
    "KEEP",
    "AgendaAction",
    "AgendaItemView",
    "Created",
    "MeetingDetail",
    "MeetingInfo",
    "MeetingManager",
    "meeting_label",
    "parse_date",
    "split_refs",
]

"""The trend since adoption (app.activities.trend, the core): the statuses at the end of each
month, walked back from now through the recorded status changes."""

from __future__ import annotations

from datetime import date, datetime

from app.activities.trend import adoption, monthly_trend
from app.values import HistoryItem


def test_the_trend_walks_the_history_back():
    def item(i: int, at: datetime, action: int, old: str, new: str) -> HistoryItem:
        return HistoryItem(i, at, "me", "edit", "action_line", action, action, "x", "status",
                           old, new, False)

    statuses = {1: "achieved", 2: "being_addressed", 3: "not_assessed"}
    history = [item(1, datetime(2026, 1, 10), 1, "not_assessed", "being_addressed"),
               item(2, datetime(2026, 3, 2), 1, "being_addressed", "achieved"),
               item(3, datetime(2026, 3, 20), 2, "not_assessed", "being_addressed"),
               item(4, datetime(2026, 2, 5), 9, "x", "y")]  # another plan's line
    points = monthly_trend(statuses, history, date(2025, 12, 1), date(2026, 4, 15))
    assert [(p.label, p.addressed, p.total) for p in points] == [
        ("Dec 2025", 0, 3), ("Jan 2026", 1, 3), ("Feb 2026", 1, 3), ("Mar 2026", 2, 3),
        ("Apr 2026", 2, 3)]
    assert adoption("Plan of Action (2023-2027)", history, date(2026, 4, 15)) == date(2023, 1, 1)
    assert adoption("Another plan", history, date(2026, 4, 15)) == date(2026, 1, 1)

"""A date typed as people write it: what the field shows ("5 March 2027"), an ISO date
(2027-03-05, 20270305), a month in words ("5 Mar 2027", "March 5, 2027"), or digits with
slashes or dots in the order the computer's locale uses, which the field says (05/03/2027 is
day/month/year, unless the locale writes month first). Empty is "not fixed yet". Anything else
is refused with a message, never guessed: a wrong date on a brief's cover is worse than none.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from app.ui.shell.widgets import accessible, named

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_SKIP = {"st", "nd", "rd", "th", "of", "the"}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def shown(when: date) -> str:
    """How the field shows a date: '5 March 2027'."""
    return f"{when.day} {MONTHS[when.month - 1].capitalize()} {when.year}"


def locale_day_first(locale: QLocale | None = None) -> bool:
    """Does the locale write 05/03/2027 day first (most of the world) or month first (US)?"""
    fmt = (locale or QLocale.system()).dateFormat(QLocale.FormatType.ShortFormat)
    d, m = fmt.find("d"), fmt.find("M")
    return not (0 <= m < d) if d >= 0 and m >= 0 else True


def order_text(day_first: bool) -> str:
    return "day/month/year" if day_first else "month/day/year"


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if len(word) < 3:
        return None
    found = [n for n, name in enumerate(MONTHS, 1) if name.startswith(word)]
    return found[0] if len(found) == 1 else None


def _make(year: int, month: int, day: int, typed: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"“{typed}” is not a date (no day {day} in "
                         f"{MONTHS[month - 1].capitalize() if 1 <= month <= 12 else 'that month'}"
                         f" {year})") from None


def parse_date(text: str, day_first: bool = True) -> date | None:
    """The date `text` means; None for empty (not fixed yet); ValueError (with a message for
    the officer) for anything that is not clearly one date."""
    typed = " ".join(text.split())
    if not typed:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", typed):
        return _make(int(m[1]), int(m[2]), int(m[3]), typed)
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", typed):
        return _make(int(m[1]), int(m[2]), int(m[3]), typed)
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", typed):
        a, b = int(m[1]), int(m[2])
        day, month = (a, b) if day_first else (b, a)
        if not 1 <= month <= 12:
            raise ValueError(f"“{typed}” is not a date: read as {order_text(day_first)}, "
                             f"{month} is not a month")
        return _make(int(m[3]), month, day, typed)
    tokens = [t for t in re.findall(r"[^\W\d_]+\.?|\d+", typed)
              if t.lower().rstrip(".") not in _SKIP
              and not t.lower().startswith(_WEEKDAYS)]
    words = [t for t in tokens if not t.isdigit()]
    numbers = [t for t in tokens if t.isdigit()]
    months = [_month(w) for w in words]
    if len(words) == 1 and months[0] is not None and len(numbers) == 2:
        years = [n for n in numbers if len(n) == 4]
        days = [n for n in numbers if len(n) <= 2]
        if len(years) == 1 and len(days) == 1:
            return _make(int(years[0]), months[0], int(days[0]), typed)
    raise ValueError(f"“{typed}” is not a date; type it as 5 March 2027, 2027-03-05 or "
                     f"{'05/03/2027' if day_first else '03/05/2027'} ({order_text(day_first)})")


class DateField(QWidget):
    """The line to type in, a calendar button, and a line under it saying what was understood
    ("Friday 5 March 2027") or what is wrong."""

    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, day_first: bool | None = None) -> None:
        super().__init__(parent)
        self.day_first = locale_day_first() if day_first is None else day_first
        example = "05/03/2027" if self.day_first else "03/05/2027"
        self.edit = accessible(
            named(QLineEdit(), "date"), "Date",
            f"The meeting's date, e.g. 5 March 2027, 2027-03-05 or {example} "
            f"({order_text(self.day_first)}); empty if it is not fixed yet")
        self.edit.setPlaceholderText("not fixed yet")
        self.edit.setToolTip(f"Type 5 March 2027, 2027-03-05 or {example} "
                             f"({order_text(self.day_first)}); leave empty if not fixed yet")
        self.edit.textChanged.connect(self._check)
        self.edit.editingFinished.connect(self._tidy)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._calendar_to_text)
        self.calendar_button = accessible(named(QToolButton(), "dateCalendar"),
                                          "Choose the date on a calendar")
        self.calendar_button.setText("Calendar…")
        self.calendar_button.setToolTip("Choose the date on a calendar")
        self.calendar_button.setMenu(menu)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.message = named(QLabel(), "dateMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: palette(placeholder-text);")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self._valid = True
        self._check()

    # -- the value --------------------------------------------------------------------------

    @property
    def valid(self) -> bool:
        return self._valid

    def value(self) -> date | None:
        """The date (None: not fixed yet); ValueError if the text is not a date."""
        return parse_date(self.edit.text(), self.day_first)

    def set_value(self, when: date | None) -> None:
        self.edit.setText(shown(when) if when is not None else "")

    def text(self) -> str:
        return self.edit.text()

    # -- feedback ---------------------------------------------------------------------------

    def _check(self) -> None:
        try:
            when = self.value()
        except ValueError as exc:
            self.message.setText(str(exc))
            self.message.setStyleSheet("color: #b3261e;")
            valid = False
        else:
            self.message.setStyleSheet("color: palette(placeholder-text);")
            self.message.setText(f"{when:%A} {shown(when)}" if when is not None
                                 else "Not fixed yet")
            valid = True
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def _tidy(self) -> None:
        """Once typed: show the date as the field writes dates (what it accepts back)."""
        try:
            when = self.value()
        except ValueError:
            return
        if when is not None and self.edit.text() != shown(when):
            self.set_value(when)

    def _calendar_to_text(self) -> None:
        try:
            when = self.value()
        except ValueError:
            when = None
        if when is not None:
            self.calendar.setSelectedDate(QDate(when.year, when.month, when.day))

    def _picked(self, picked: QDate) -> None:
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        menu = self.calendar_button.menu()
        if menu is not None:
            menu.hide()
        self.edit.setFocus()

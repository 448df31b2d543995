"""One place where text from users and files is made safe for SQLite, Word and Excel.

Word (python-docx) and Excel (openpyxl) reject the C0 control characters other than tab,
newline and carriage return, and the non-characters U+FFFE / U+FFFF. They are removed here and
the caller is told, so it can name the field that was cleaned. Nothing else about the text
changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(value: str) -> tuple[str, bool]:
    """(text without the characters Word and Excel reject, whether any were removed).

    Line endings are normalised to "\\n" (that is not reported as a change).
    """
    normalised = value.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = _ILLEGAL.sub("", normalised)
    return cleaned, cleaned != normalised


def clean(value: str) -> str:
    return clean_text(value)[0]


def clean_tags(names: Iterable[object]) -> list[str]:
    """Tag names as stored: cleaned, stripped, blanks and duplicates dropped (texts only),
    sorted without case. The one rule for the detail pane, the JSON import and the gateway."""
    return sorted({clean(n).strip() for n in names if isinstance(n, str)} - {""},
                  key=str.casefold)


def split_tags(text: str) -> list[str]:
    """'haze, ASEAN , haze' (as typed in the tags field) -> ['ASEAN', 'haze']."""
    return clean_tags(text.split(","))

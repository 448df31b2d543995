"""The one text gate: every value from outside (files, command-line arguments, plan texts,
the window) passes here before it is stored or written into a document.

- Unicode is normalised (NFC), so the same text typed or pasted twice compares equal;
- line endings become "\\n";
- the C0 control characters other than tab and newline, the non-characters U+FFFE / U+FFFF
  (Word and Excel reject them) and lone surrogates (from a file name or an argument that is not
  UTF-8; no database or file can hold them) are removed, and the caller is told, so it can name
  the field that was cleaned;
- `gate` also checks the length against what the field's column allows (app.limits).

Nothing else about the text changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from app.errors import InputError
from app.limits import MAX_LONG_TEXT

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
REMOVED = "removed control characters Word and Excel reject"


def clean_text(value: str) -> tuple[str, bool]:
    """(text without the characters Word and Excel reject and without lone surrogates, in
    NFC, whether any characters were removed).

    Line endings are normalised to "\\n" and Unicode to NFC (neither is reported as a change).
    """
    normalised = value.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = _ILLEGAL.sub("", normalised)
    changed = cleaned != normalised
    if not cleaned.isascii():
        cleaned = unicodedata.normalize("NFC", cleaned)
    return cleaned, changed


def check_length(text: str, where: str, limit: int | None = MAX_LONG_TEXT) -> str:
    """`text` if it fits its column; InputError naming the field and the limit otherwise."""
    if limit is not None and len(text) > limit:
        raise InputError(f"{where} is too long ({len(text):,} characters; at most {limit:,})")
    return text


def gate(value: str, where: str, limit: int | None = MAX_LONG_TEXT) -> tuple[str, str | None]:
    """(the cleaned text, a warning naming `where` if characters were removed); InputError if
    it is longer than `limit` characters. The one gate for every value from outside."""
    text, changed = clean_text(value)
    check_length(text, where, limit)
    return text, (f"{where}: {REMOVED}" if changed else None)


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

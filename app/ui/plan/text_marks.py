"""Where to mark a text: search matches and glossary abbreviations (plain Python, no Qt).

Search matching follows the core's full-text search: words of the query match as prefixes of
words in the text, ignoring case and diacritics ("nguyen" marks "Nguyễn").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.glossary import Acronym

_WORD = re.compile(r"\w+")


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of a search, or () for a reference search ('1.3(b)') or blank."""
    from app.refs import normalize_ref

    if not query.strip() or normalize_ref(query) is not None:
        return ()
    return tuple(dict.fromkeys(fold(w) for w in _WORD.findall(query)))


def match_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of each word of `text` that starts with one of the folded `words`."""
    prefixes = tuple(words)
    if not prefixes:
        return []
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if fold(m.group()).startswith(
        prefixes)]


def acronym_spans(text: str, glossary: Iterable[Acronym]) -> list[tuple[int, int, Acronym]]:
    """(start, end, entry) of each glossary abbreviation used in `text`, as `acronyms_in`
    finds them (whole words, a plural 's' allowed), longest first where they overlap."""
    from app.glossary import acronyms_in  # lazy: its patterns are compiled on import

    hits = acronyms_in(text, glossary)
    if not hits:
        return []
    by_abbr = {" ".join(a.abbr.split()): a for a in hits}
    ordered = sorted(hits, key=lambda a: -len(a.abbr))
    alts = "|".join(r"\s+".join(map(re.escape, a.abbr.split())) for a in ordered)
    pattern = re.compile(rf"(?<![A-Za-z0-9])({alts})s?(?![A-Za-z0-9])")
    out = []
    for m in pattern.finditer(text):
        entry = by_abbr.get(" ".join(m.group(1).split()))
        if entry is not None:
            out.append((m.start(1), m.end(1), entry))
    return out

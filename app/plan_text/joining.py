"""Rejoining a line broken by a page or a column: one space, or nothing after a line-end hyphen
that only breaks a word.

The hyphen rule (a line ending in "word-" followed by "next"):
1. kept when the next piece starts with a capital or a digit, or the left piece is an acronym or
   a capitalised name: "ASEAN-" / "Australia" -> "ASEAN-Australia", "2023-" / "2027";
2. kept when the text itself writes the word with that hyphen elsewhere ("capacity-building");
3. dropped when the text writes the word whole elsewhere ("cooper-" / "ation" where the plan
   says "cooperation" too), or when the next piece is only a word's ending ("-ation", "-ment");
4. otherwise kept: the text as published (word processors do not hyphenate by default, so a
   line-end hyphen in a plan is nearly always a real one).
"""

from __future__ import annotations

import re
from collections.abc import Collection

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
# Word endings that are never a word on their own: "-ation" after a line break is a broken word.
_ENDINGS = frozenset((
    "ation", "ations", "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity",
    "ities", "ance", "ances", "ence", "ences", "ing", "ings", "ised", "ized", "ise", "ize",
    "ising", "izing", "isation", "ization", "ally", "ively", "ous", "ive", "ible", "able",
    "ship", "ships", "ure", "ures", "ial", "ially", "ical", "ically", "ency", "ancy", "ated",
    "ating", "ator", "ators"))


def vocabulary(text: str) -> frozenset[str]:
    """The words of a text, lower-case, hyphenated ones whole ("capacity-building")."""
    return frozenset(w.casefold() for w in _WORD_RE.findall(text))


def join_continuation(text: str, continuation: str,
                      words: Collection[str] = frozenset()) -> str:
    """Join a line broken by a page break: one space, or, after a line-end hyphen, the hyphen
    kept or dropped by the rule above (`words`: the text's `vocabulary`)."""
    text = text.rstrip()
    continuation = continuation.strip()
    if text.endswith("-") and not text.endswith(" -") and len(text) > 1:
        return text[:-1] + continuation if _breaks_a_word(text, continuation, words) else (
            text + continuation)
    return f"{text} {continuation}"


def _breaks_a_word(text: str, continuation: str, words: Collection[str]) -> bool:
    left_m = re.search(r"([^\W_]+)-$", text)
    right_m = re.match(r"([^\W_]+)", continuation)
    if not left_m or not right_m:
        return False
    left, right = left_m[1], right_m[1]
    if (not right[0].islower() or not left.isalpha() or left[0].isupper()
            or not left[-1].islower()):
        return False
    if f"{left}-{right}".casefold() in words:
        return False
    return f"{left}{right}".casefold() in words or right.casefold() in _ENDINGS

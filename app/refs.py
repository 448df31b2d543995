"""The reference grammar of a plan, in the plan's own notation: '1.3(b)' for an action line,
'5(a)' for a part's own action line, '2.1' for a section (the ASEAN-EU plan's), and as other
plans number theirs: '1.1.1', 'I.3', 'I.A.2', 'A.2(b)'. One parser for every caller (CLI, window,
imports, meetings).

A typed reference is read into components (numbers, roman numerals, single letters, and a last
action letter): `ref_key` compares them without case, dots, spaces or brackets, so '1.1.1.' ==
'1.1.1', '1.3b' == '1.3(b)' == '1.3 (B)', 'i.3' == 'I.3', 'a.2' == 'A 2' == 'A.2'. A piece of
text is a reference only if it holds a number of one or two digits, a dot or brackets, and no
letter runs into a number ('EU', 'I', a year like 2023, 'G20' and 'a2' are words).
`normalize_ref` writes it in the parser's notation: a letter right after a number, or in
brackets, is an action letter ('1.3(b)'); numbers, roman numerals and section letters are
joined by dots ('I.A.2').

An agenda typed in one line (`poadesk meeting add --refs`, the window's Agenda field) is
references and items of the officer's own in double quotes, comma-separated:
`1.3b, 2.1(c), 3.5, 5a, "Any other business"` (`split_agenda`).

References are text, never numbers: '1.10' is section ten, not 1.1.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.errors import InputError

# The ASEAN-EU notation (kept for callers that read its parts): part, section, action letter.
REF_RE = re.compile(r"^\s*(\d{1,2})(?:\.(\d{1,2}))?\.?\s*(?:\(?\s*([A-Za-z]{1,2})\s*\)?)?\s*$")
_REF_SPLIT = re.compile(r"[,;\n]+")
_TYPED_RE = re.compile(r"^\s*(?P<body>[0-9A-Za-z][0-9A-Za-z.\s]*?)\s*"
                       r"(?:\(\s*(?P<bracket>[A-Za-z]{1,2}|\d{1,2})\s*\)?"
                       r"|(?P<closed>[A-Za-z]{1,2})\s*\))?\s*\.?\s*$")
_PIECE_RE = re.compile(r"\d+|[A-Za-z]+")
_ROMAN_RE = re.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$")


def _is_roman(word: str) -> bool:
    return bool(_ROMAN_RE.match(word.upper()))


def ref_components(value: str) -> tuple[tuple[str, ...], bool] | None:
    """The components of a typed reference ('I', 'A', '2', 'b': numbers without leading zeros,
    letters upper-case) and whether its last one is an action letter; None if it is not one."""
    m = _TYPED_RE.match(value)
    if not m or len(value) > 40:
        return None
    body, bracket = m["body"], m["bracket"] or m["closed"]
    if re.search(r"[A-Za-z]\d", body):  # 'G20', 'a2': a word, not a reference
        return None
    pieces = _PIECE_RE.findall(body)
    if bracket:
        pieces.append(bracket)
    if not pieces or not (any(p.isdigit() for p in pieces) or bracket
                          or re.search(r"[.]", value)):
        return None
    out: list[str] = []
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        if piece.isdigit():
            if len(piece) > 2:
                return None
            out.append(str(int(piece)))
        elif len(piece) == 1 or _is_roman(piece) or (
                last and len(piece) == 2 and (bool(bracket) or pieces[i - 1].isdigit())):
            out.append(piece.upper())
        else:
            return None
    letter = pieces[-1].isalpha() and (
        bool(bracket) or (len(pieces) > 1 and pieces[-2].isdigit()))
    if letter:
        out[-1] = out[-1].lower()
    return tuple(out), letter


def ref_key(value: str) -> tuple[str, ...] | None:
    """What two spellings of one reference share ('1.3b', '1.3(b)', '1.3 (B)' -> ('1', '3',
    'b')); None if `value` is not a reference."""
    read = ref_components(value)
    return None if read is None else tuple(c.casefold() for c in read[0])


def stored_ref_key(ref: str) -> tuple[str, ...]:
    """The `ref_key` of a reference as the parser stored it, whatever it is (a section "A" of
    a plan of unnumbered headings, which typed alone would be a word, included)."""
    return ref_key(ref) or ref_key(f"{ref}.") or (ref.casefold(),)


def normalize_ref(value: str) -> str | None:
    """'1.3b', '1.3 (B)', '5a' -> '1.3(b)', '5(a)'; '1.3' -> '1.3' (a section); 'i.3' -> 'I.3',
    '1.1.1.' -> '1.1.1', 'a.2b' -> 'A.2(b)'; None if it is not a reference."""
    read = ref_components(value)
    if read is None:
        return None
    parts, letter = read
    if letter:
        base = ".".join(parts[:-1])
        return f"{base}({parts[-1]})" if base else f"({parts[-1]})"
    return ".".join(parts)


def ref_spellings(value: str) -> tuple[str, ...]:
    """The stored references `value` can name (a plan's parser writes one of them): '1.3b' ->
    ('1.3(b)', '1.3.B'); 'I.a' -> ('I.A', 'I(a)'); () if it is not a reference. What a query
    on the stored `ref` column looks for (a plan never holds two of them: a part has either
    sections or action lines of its own)."""
    read = ref_components(value)
    if read is None:
        return ()
    parts, _letter = read
    upper = [p.upper() for p in parts]
    dotted = ".".join(upper)
    if not parts[-1].isalpha() or len(parts) < 2:
        return (dotted,)
    lettered = f"{'.'.join(upper[:-1])}({parts[-1].lower()})"
    return (lettered, dotted) if read[1] else (dotted, lettered)


def ref_prefixes(value: str) -> tuple[str, ...]:
    """What the references of the action lines under a section (or a part) `value` start with:
    '1.3' -> ('1.3(', '1.3.'); '5' -> ('5(',) (a part's own lines, as before)."""
    read = ref_components(value)
    if read is None or read[1]:
        return ()
    dotted = ".".join(read[0])
    return (dotted + "(", dotted + ".") if len(read[0]) > 1 else (dotted + "(",)


def canonical_ref(value: str) -> str:
    """`normalize_ref`, or an InputError that shows the forms a reference takes."""
    canonical = normalize_ref(value)
    if canonical is None:
        raise InputError(f"{value.strip()!r} is not a reference (like 1.3(b), 5(a), or a "
                         "section number like 3.5)")
    return canonical


def is_action_ref(canonical: str) -> bool:
    """True for a lettered action line ('1.3(b)', '5(a)'), False for a section or part ('2.1',
    '5'). Only the bracketed notation tells: '1.1.1' (an action line) or '3.1' (a section, or a
    part's own line in a plan numbered 1.1.1) is told by the plan (PlanIndex.resolve)."""
    return "(" in canonical


def split_refs(refs: str | Sequence[str]) -> list[str]:
    """'1.1(a), 2.1(c);3.5' -> ['1.1(a)', '2.1(c)', '3.5'] (as typed, blanks dropped)."""
    pieces = _REF_SPLIT.split(refs) if isinstance(refs, str) else list(refs)
    return [p.strip() for p in pieces if p.strip()]


_QUOTES = {'"': '"', "\u201c": "\u201d", "\u201d": "\u201d"}
AGENDA_SEPARATORS = ",;\n"  # between the entries of a typed agenda


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One item of a typed agenda: a reference as typed ('1.3b') or, `free`, the title of an
    item of the officer's own (typed in double quotes, given without them). `start`, `end`:
    where it is in the typed text (what the window marks)."""

    text: str
    free: bool
    start: int
    end: int


def split_agenda(text: str | Sequence[str]) -> list[AgendaEntry]:
    """'1.3b, 2.1(c); 3.5, "Any other business"' -> its entries in order (blanks dropped).
    Commas, semicolons and line breaks separate; inside double quotes (straight or curly) they
    are part of the title. A list is references only, one each. InputError for a quote left
    open, an empty quoted title or text stuck to a quoted one."""
    if not isinstance(text, str):
        return [AgendaEntry(p.strip(), False, 0, 0) for p in text if p.strip()]
    entries: list[AgendaEntry] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and (text[i] in AGENDA_SEPARATORS or text[i].isspace()):
            i += 1
        if i >= n:
            break
        if text[i] in _QUOTES:
            close = text.find(_QUOTES[text[i]], i + 1)
            if close < 0 and text[i] == '"':
                close = text.find("\u201d", i + 1)
            if close < 0:
                raise InputError(f"the quote opened at {text[i:i + 20].strip()!r} is not "
                                 "closed: an item of your own goes in double quotes, "
                                 "\"Any other business\"")
            title = " ".join(text[i + 1:close].split())
            if not title:
                raise InputError("an item in quotes needs a title, e.g. \"Any other business\"")
            entries.append(AgendaEntry(title, True, i, close + 1))
            i = close + 1
            while i < n and text[i] not in AGENDA_SEPARATORS and text[i].isspace():
                i += 1
            if i < n and text[i] not in AGENDA_SEPARATORS:
                raise InputError(f"put a comma after \"{title}\"")
            continue
        start = i
        while i < n and text[i] not in AGENDA_SEPARATORS and text[i] not in _QUOTES:
            i += 1
        if i < n and text[i] in _QUOTES:
            raise InputError(f"put a comma before the quote after {text[start:i].strip()!r}")
        piece = text[start:i]
        entries.append(AgendaEntry(piece.strip(), False, start, start + len(piece.rstrip())))
    return entries

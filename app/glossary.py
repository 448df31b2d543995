"""Acronym glossary: abbreviations a plan defines as ``Full Name (ABBR)``, and which of them a
text uses. Pure standard library; works on the raw plan text or on joined action texts.

What counts as a definition: the parenthesis, after dropping trailing years ("APHDA 2021-2025")
and trailing lowercase words ("EU SAHA project"), starts with a code (two capitals, or a capital
and a digit, and at least as many capitals as lowercase letters: ARF, ToR, CoE, 4IR, S&T, MSMEs)
and has at most one plain word beside codes and linking words ("AHA Centre", "ACPOA on CT").
So years, "(Eurocodes)" and "(ASEAN Transport Strategic Plan)" (an alternative name) are not.

Where the full name starts: the code's letters are aligned, in order, with the words before the
"(" (each word or hyphen part gives its initial, optionally followed by more of its letters;
digits match number words: 4IR = Fourth ...). Linking words may be skipped freely, other words
at a cost; the cheapest alignment wins (ties: the shortest). Words after the last matched one
stay in the name (CPR: "... Representatives to ASEAN"); words before the first matched one do
not (SOM is "Senior Officials' Meeting", not "ASEAN-EU Senior ..."). Plain segments of the code
may sit out of order (SEANWFZ Treaty = "Treaty on the Southeast Asia ...", SOMTC+EU = "ASEAN
Plus EU ..."). When the letters cannot be explained, the name is the run of capitalised words
(with linking words) just before the "(", never crossing a comma. Expansions are exact slices of
the input (a name wrapped over lines keeps its line break).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Acronym:
    abbr: str  # e.g. "ARF"
    expansion: str  # full name as written in the text, e.g. "ASEAN Regional Forum"


# Names every reader of a brief knows: never reported as "acronyms with no expansion" (the plan
# uses them without spelling them out; an officer would never be asked to explain them). The
# Word and Excel briefs' warning skips them (app.export.content.unexplained).
HOUSEHOLD_NAMES = frozenset({"ASEAN", "EU", "UN", "G20", "HIV", "AIDS", "COVID", "ICT", "SME",
                             "SMEs"})


# Words a name may skip (of/on/for/...) and that never start one.
_LINKING_WORDS = "a an and as at by for from in into of on or the to with against among between"
_LINKING = frozenset(f"{_LINKING_WORDS} within via per its their".split())  # skipped, never first
_ORDINALS = re.findall(r"\w+", "one first two second three third four fourth five fifth six sixth")
_NUMBER_WORDS = {str(n + 1): tuple(_ORDINALS[2 * n : 2 * n + 2]) for n in range(6)}
_PAREN = re.compile(r"\(([^()\n]{1,80})\)")
_STOP = re.compile(r"[;:()\[\]{}]|(?<![A-Za-z]\.[A-Za-z])[.!?](?=\s)")
_CODE = re.compile(r"[A-Za-z0-9&+.'\-\u2013]{1,20}")
_YEARS = re.compile(r"[\d\-\u2013/]+")
_TRIM = " \t\n,;:'\"\u2018\u2019\u201c\u201d-\u2013"
_SKIP, _INNER, _NEXT, _INF = 100, 60, 30, 10**9
_WINDOW, _MAX_RUN = 600, 20


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str
    comma_before: bool


@dataclass(frozen=True, slots=True)
class _Unit:
    word: int
    first: bool  # first hyphen part of its word
    raw: str
    key: str  # lowercase letters and digits


def _is_code(tok: str) -> bool:
    if not _CODE.fullmatch(tok):
        return False
    upper, lower = sum(c.isupper() for c in tok), sum(c.islower() for c in tok)
    return (upper >= 2 or (upper == 1 and any(c.isdigit() for c in tok))) and upper >= lower


def _abbreviation(content: str) -> str | None:
    toks = content.split()
    while toks and (_YEARS.fullmatch(toks[-1]) or toks[-1].islower()):
        toks.pop()
    if not toks or len(toks) > 4 or not _is_code(toks[0]):
        return None
    plain = [t for t in toks[1:] if not _is_code(t) and t.lower() not in _LINKING]
    return " ".join(toks) if len(plain) <= 1 else None


def _symbols(segments: Iterable[str]) -> list[str]:
    out: list[str] = []
    for seg in segments:
        if len(seg) > 2 and seg.endswith("s") and seg[-2].isupper():
            seg = seg[:-1]  # plural: MSMEs, SDGs
        out += [s.lower() for s in re.findall(r"\d+|[A-Za-z]", seg)]
    return out


def _words(window: str) -> list[_Word]:
    words: list[_Word] = []
    last = 0
    for m in re.finditer(r"[^\s,]+", window):
        lead = next((i for i, c in enumerate(m.group()) if c.isalnum()), None)
        if lead is None:
            continue
        comma = "," in window[last : m.start()]
        words.append(_Word(m.start() + lead, m.end(), m.group()[lead:], comma))
        last = m.end()
    return words


def _units(words: list[_Word]) -> list[_Unit]:
    units: list[_Unit] = []
    for i, w in enumerate(words):
        first = True
        for part in re.split(r"[-\u2013/]", w.text):
            key = "".join(c for c in part if c.isalnum()).lower()
            if key:
                units.append(_Unit(i, first, part, key))
                first = False
    return units


def _uses(unit: _Unit, syms: list[str], j: int) -> list[tuple[int, int]]:
    """(symbols consumed, cost) for each way `unit` can match syms[j:]. Past the first symbol a
    word may give letters from inside without its initial (ASEANTOM: ASEAN + aTOMic), at a cost."""
    sym, key = syms[j], unit.key
    if sym.isdigit():
        ok = key.startswith(sym) or key in _NUMBER_WORDS.get(sym, ())
        return [(1, 0)] if ok else []
    caps = unit.raw.isupper() and len(unit.raw) > 1
    out: list[tuple[int, int]]
    if key[0] == sym:
        out, pos, cost, k = [(1, 0)], 0, 0, j + 1
    elif j:
        out, pos, cost, k = [], -1, _SKIP, j
    else:
        return []
    while k < len(syms) and not syms[k].isdigit():
        found = key.find(syms[k], pos + 1)
        if found < 0:
            break
        cost += 0 if caps else (_NEXT if found == pos + 1 else _INNER)
        pos, k = found, k + 1
        out.append((k - j, cost))
    return out


def _align(units: list[_Unit], syms: list[str], free: set[str]) -> tuple[int, int] | None:
    """(cost, start unit) of the cheapest alignment of `syms` ending at the last unit."""
    n, m = len(units), len(syms)
    best = [[_INF] * (m + 1) for _ in range(n + 1)]
    best[n][m] = 0
    for i in range(n - 1, -1, -1):
        u = units[i]
        best[i][m] = best[i + 1][m] + (1 if u.first else 0)
        skip = 0 if u.key in _LINKING or u.key.isdigit() or u.raw in free else _SKIP
        for j in range(m - 1, -1, -1):
            cand = best[i + 1][j] + skip
            for k, c in _uses(u, syms, j):
                cand = min(cand, c + best[i + 1][j + k])
            best[i][j] = cand
    choice: tuple[int, int] | None = None
    for s, u in enumerate(units):
        if not u.first or u.key in _LINKING:
            continue
        cost = min((c + best[s + 1][k] for k, c in _uses(u, syms, 0)), default=_INF)
        if cost <= _SKIP * max(2, m) and (choice is None or cost <= choice[0]):
            choice = (cost, s)
    return choice


def _start_by_letters(words: list[_Word], segments: list[str]) -> int | None:
    units = _units(words)
    codes = [s for s in segments if _is_code(s)]
    plain = {s for s in segments if not _is_code(s) and s.lower() not in _LINKING}
    parts = [p for p in re.split(r"[+\-]+", " ".join(codes)) if p]
    present = {u.raw for u in units}
    literal = {p for p in parts[1:] if p in present and p != parts[0]}
    attempts = [(codes, plain)]
    if literal:
        attempts.append(([p for p in parts if p not in literal], plain | literal))
    for segs, free in attempts:
        syms = _symbols(segs)
        found = _align(units, syms, free) if syms else None
        if found is None:
            continue
        start = units[found[1]].word
        titled = any(w.text[0].isupper() and not w.text.isupper() for w in words[start:])
        if words[start].text[0].islower() and titled:
            continue  # "support of the Integrated ...": a lowercase start only for lowercase names
        return _extend_to_literal(words, start, free)
    return None


def _extend_to_literal(words: list[_Word], start: int, literal: set[str]) -> int:
    """Pull the start back to a code segment written before the letters (Treaty on the ...)."""
    for i in range(start - 1, -1, -1):
        text = words[i].text
        if any(p in literal for p in re.split(r"[-\u2013/]", text)):
            while i and _named(words[i - 1].text):
                i -= 1
            return i
        if not (text[0].isupper() or text.lower() in _LINKING):
            break
    return start


def _named(text: str) -> bool:
    return text[0].isupper() and text.lower() not in _LINKING


def _start_by_capitals(words: list[_Word]) -> int | None:
    """Fallback: the run of capitalised words (and linking words) right before the "(", never
    across a comma; "Enhancing the capacity of AHA" bridges one lowercase word between links."""
    start, last = None, len(words) - 1
    for i in range(last, max(-1, last - _MAX_RUN), -1):
        text = words[i].text
        ok = text[0].isupper() or text[0].isdigit() or text.lower() in _LINKING
        if not ok and 1 < i < last and _named(words[i - 2].text):
            ok = all(words[k].text.lower() in _LINKING for k in (i - 1, i + 1))
        if not ok:
            break
        if _named(text):
            start = i
        if words[i].comma_before:
            break
    return start


def extract_acronyms(text: str) -> list[Acronym]:
    """Every abbreviation defined in `text` as 'Full Name (ABBR)', first definition wins,
    returned sorted by abbr (case-insensitive). Deterministic."""
    found: dict[str, Acronym] = {}
    for m in _PAREN.finditer(text):
        abbr = _abbreviation(m.group(1))
        if abbr is None or abbr in found:
            continue
        window = text[max(0, m.start() - _WINDOW) : m.start()]
        stops = list(_STOP.finditer(window))
        window = window[stops[-1].end() :] if stops else window
        words = _words(window)[-40:]
        start = _start_by_letters(words, abbr.split()) if words else None
        start = _start_by_capitals(words) if start is None and words else start
        if start is None:
            continue
        expansion = window[words[start].start : words[-1].end].strip(_TRIM)
        if expansion and expansion != abbr:  # "the ARF (ARF)" defines nothing
            found[abbr] = Acronym(abbr, expansion)
    return sorted(found.values(), key=lambda a: (a.abbr.casefold(), a.abbr))


def acronyms_in(text: str, glossary: Iterable[Acronym]) -> list[Acronym]:
    """The glossary entries whose abbr occurs in `text` as a whole word (so 'ARF' matches
    'ARF Vision' but not 'SCARF'; 'ASEAN-IPR' matches as a unit), sorted by abbr. Used for a
    brief's acronym annex and for tooltips."""
    # Case-sensitive; hyphens and "+" separate words, but at any position the longest entry wins
    # (a text "ASEAN-IPR" is that entry, not "IPR"); a plural "s" is allowed ("FTAs").
    entries = sorted(set(glossary), key=lambda a: (-len(a.abbr), a.abbr, a.expansion))
    entries = [a for a in entries if a.abbr.strip()]
    if not entries:
        return []
    alts = "|".join(r"\s+".join(map(re.escape, a.abbr.split())) for a in entries)
    pattern = re.compile(rf"(?<![A-Za-z0-9])({alts})s?(?![A-Za-z0-9])")
    seen = {" ".join(m.group(1).split()) for m in pattern.finditer(text)}
    hits = [a for a in entries if " ".join(a.abbr.split()) in seen]
    return sorted(hits, key=lambda a: (a.abbr.casefold(), a.abbr, a.expansion))

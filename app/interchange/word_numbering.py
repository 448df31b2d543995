"""Word's list numbering, rendered as the page shows it: the numbers that exist only as list
formatting (numbering.xml: abstractNum levels, num instances with their overrides; paragraphs,
or their styles, that carry numPr) become the text "1.", "a)", "(iv)", "1.1.1" in front of the
paragraph.

What Word does and this follows: a num instance points at an abstractNum, whose counters all its
instances share (a list continues across them) unless the instance overrides a level's start
(it then restarts there the first time it is used); numbering a level resets the deeper levels
(unless their lvlRestart says otherwise); lvlText's %1..%9 are the counters of levels 1..9, each
in its own level's numFmt (in decimal when the level is legal, isLgl); a level never used shows
its start value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_LEVELS = 9
# bullets in the Symbol and Wingdings fonts are private-use characters: shown as a bullet
_BULLET = "\u2022"


@dataclass(frozen=True, slots=True)
class LevelDef:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # lvlRestart: None = after any shallower level; 0 = never
    legal: bool = False
    suffix: str = "\t"


@dataclass
class _Instance:
    abstract: str
    overrides: dict[int, int]  # ilvl -> startOverride
    levels: dict[int, LevelDef]  # whole levels given in the instance (lvlOverride/lvl)
    started: bool = False


def _val(el: Any, tag: str, default: str | None = None) -> str | None:
    child = el.find(W + tag)
    if child is None:
        return default
    value = child.get(W + "val")
    return default if value is None else str(value)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(el: Any) -> LevelDef:
    restart = el.find(W + "lvlRestart")
    legal = el.find(W + "isLgl")
    suffix = {"tab": "\t", "space": " ", "nothing": ""}.get(_val(el, "suff", "tab") or "tab",
                                                             "\t")
    return LevelDef(
        fmt=_val(el, "numFmt", "decimal") or "decimal",
        text=_val(el, "lvlText", "") or "",
        start=_int(_val(el, "start"), 1),
        restart=None if restart is None else _int(restart.get(W + "val"), 0),
        legal=legal is not None and legal.get(W + "val") not in ("0", "false", "off"),
        suffix=suffix)


@dataclass
class Numbering:
    """The lists of one document; `label(numId, ilvl)` numbers the next paragraph."""

    abstracts: dict[str, dict[int, LevelDef]] = field(default_factory=dict)
    instances: dict[str, _Instance] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    # abstractNum -> the style its numbering is defined by (numStyleLink), resolved on use
    style_links: dict[str, str] = field(default_factory=dict)
    style_nums: dict[str, str] = field(default_factory=dict)  # style id -> numId

    @classmethod
    def from_xml(cls, root: Any | None, style_nums: dict[str, str]) -> Numbering:
        numbering = cls(style_nums=style_nums)
        if root is None:
            return numbering
        for el in root.findall(W + "abstractNum"):
            aid = el.get(W + "abstractNumId", "")
            numbering.abstracts[aid] = {
                _int(lvl.get(W + "ilvl"), 0): _level(lvl) for lvl in el.findall(W + "lvl")}
            link = _val(el, "numStyleLink")
            if link:
                numbering.style_links[aid] = link
        for el in root.findall(W + "num"):
            overrides: dict[int, int] = {}
            levels: dict[int, LevelDef] = {}
            for over in el.findall(W + "lvlOverride"):
                ilvl = _int(over.get(W + "ilvl"), 0)
                start = _val(over, "startOverride")
                if start is not None:
                    overrides[ilvl] = _int(start, 1)
                lvl = over.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                    overrides.setdefault(ilvl, levels[ilvl].start)
            numbering.instances[el.get(W + "numId", "")] = _Instance(
                _val(el, "abstractNumId", "") or "", overrides, levels)
        return numbering

    def _abstract(self, instance: _Instance) -> str:
        """The abstractNum whose levels and counters the instance uses (through a numbering
        style's link, one step)."""
        aid = instance.abstract
        link = self.style_links.get(aid)
        if link and not self.abstracts.get(aid):
            target = self.instances.get(self.style_nums.get(link, ""))
            if target is not None:
                return target.abstract
        return aid

    def label(self, num_id: str, ilvl: int) -> str:
        """The number the next paragraph of list `num_id` at level `ilvl` shows, with the
        separator that follows it ("" when the paragraph is not numbered)."""
        instance = self.instances.get(num_id)
        if instance is None or num_id == "0" or not 0 <= ilvl < _MAX_LEVELS:
            return ""
        aid = self._abstract(instance)
        levels = {**self.abstracts.get(aid, {}), **instance.levels}
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, [None] * _MAX_LEVELS)
        if not instance.started:
            instance.started = True
            for level, start in instance.overrides.items():
                if 0 <= level < _MAX_LEVELS:
                    counters[level] = start - 1
        current = counters[ilvl]
        counters[ilvl] = levels[ilvl].start if current is None else current + 1
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        definition = levels[ilvl]
        if definition.fmt == "none":
            return ""
        if definition.fmt == "bullet":
            text = "".join(_BULLET if "\ue000" <= ch <= "\uf8ff" else ch
                           for ch in definition.text)
            return text + definition.suffix if text else ""
        out = []
        rest = definition.text
        while rest:
            head, percent, tail = rest.partition("%")
            out.append(head)
            if not percent:
                break
            if tail[:1].isdigit() and tail[0] != "0":
                level = int(tail[0]) - 1
                lv = levels.get(level, LevelDef())
                value = counters[level]
                value = lv.start if value is None else value
                fmt = "decimal" if definition.legal and lv.fmt != "none" else lv.fmt
                out.append(format_number(value, fmt))
                rest = tail[1:]
            else:
                out.append("%")
                rest = tail
        text = "".join(out)
        return text + definition.suffix if text.strip() else ""


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letters: a..z, then aa..zz, aaa... (the letter repeated, not base 26)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def format_number(n: int, fmt: str) -> str:
    """`n` in numFmt `fmt` (the formats plans use; others in decimal)."""
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else _ORDINAL_SUFFIX.get(n % 10, "th")
        return f"{n}{suffix}"
    if fmt in ("decimalEnclosedParen", "decimalEnclosedFullstop"):
        return f"({n})" if fmt == "decimalEnclosedParen" else f"{n}."
    return str(n)

"""A plan published as a Word file (.docx): its paragraphs in document order, each as the page
shows it, Word's own list numbers included (app.interchange.word_numbering), and its footnotes
and endnotes apart; a table of contents left out (its lines would read as headings).

Read from the XML itself (a zip measured first by app.limits.check_zip), with a parser that
resolves no entities and fetches nothing: the main document part found through the package's
relationships; hidden text, deleted text, field codes and footnote marks left out; text boxes
read once (Word writes them twice, the second as a fallback for old readers); headers and
footers are separate parts and never read.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from app.errors import InputError
from app.interchange.word_numbering import Numbering, W, format_number
from app.limits import check_zip

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "/officeDocument"
_SPACES = {W + "tab": " ", W + "br": " ", W + "cr": " ", W + "noBreakHyphen": "-",
           W + "softHyphen": ""}
_SKIPPED = frozenset({W + "pPr", W + "rPr", W + "p", W + "del", W + "moveFrom", W + "instrText",
                      W + "delText", W + "footnoteRef", W + "endnoteRef",
                      W + "commentReference", _MC_FALLBACK})


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


class _Package:
    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive, self.name = archive, name
        self.names = set(archive.namelist())

    def xml(self, part: str) -> Any | None:
        if part not in self.names:
            return None
        try:
            return etree.fromstring(self.archive.read(part), _parser())
        except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, OSError, ValueError,
                EOFError, RuntimeError, NotImplementedError) as exc:
            raise InputError(f"{self.name} is damaged: its part {part} cannot be read "
                             f"({str(exc)[:80]})") from None

    def targets(self, part: str) -> dict[str, str]:
        """Relationship type (its last path step) -> target part, for `part`'s relationships."""
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        found: dict[str, str] = {}
        for rel in [] if rels is None else rels.iter(_REL):
            if rel.get("TargetMode") == "External":
                continue
            kind = "/" + (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            found.setdefault(kind, path)
        return found


def _style_numbering(styles: Any | None) -> tuple[dict[str, str], dict[str, tuple[str, int]]]:
    """(style id -> numId, for numbering styles too; paragraph style id -> (numId, ilvl)),
    a style's numbering inherited along basedOn."""
    if styles is None:
        return {}, {}
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in styles.findall(W + "style"):
        sid = style.get(W + "styleId", "")
        base = style.find(W + "basedOn")
        if base is not None:
            based[sid] = base.get(W + "val", "")
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            num = num_pr.find(W + "numId")
            lvl = num_pr.find(W + "ilvl")
            own[sid] = (None if num is None else num.get(W + "val"),
                        None if lvl is None else _int(lvl.get(W + "val")))
    resolved: dict[str, tuple[str, int]] = {}
    for sid in {*own, *based}:
        seen: set[str] = set()
        current: str | None = sid
        while current and current not in seen and current not in own:
            seen.add(current)
            current = based.get(current)
        if current in own and own[current][0]:
            num, lvl = own[current]
            resolved[sid] = (num or "0", -1 if lvl is None else lvl)
    return {sid: num for sid, (num, _) in resolved.items()}, resolved


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


def _text(el: Any, notes: list[tuple[str, str]]) -> str:
    """The visible text of a paragraph (or a run inside it); footnote and endnote references
    go to `notes` ("footnote" or "endnote", the note's id) and leave no mark."""
    out: list[str] = []
    for child in el:
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag == W + "t":
            out.append(child.text or "")
        elif tag in _SPACES:
            out.append(_SPACES[tag])
        elif tag in (W + "footnoteReference", W + "endnoteReference"):
            notes.append((tag[len(W):-len("Reference")], child.get(W + "id", "")))
        elif tag == W + "sym":
            char = chr(int(child.get(W + "char", "20"), 16) if _hex(child.get(W + "char")) else 32)
            out.append("" if "\ue000" <= char <= "\uf8ff" else char)
        elif tag == W + "r":
            props = child.find(W + "rPr")
            vanish = None if props is None else props.find(W + "vanish")
            if vanish is not None and vanish.get(W + "val") not in ("0", "false", "off"):
                continue
            out.append(_text(child, notes))
        else:
            out.append(_text(child, notes))
    return "".join(out)


def _hex(value: str | None) -> bool:
    try:
        int(value or "", 16)
    except ValueError:
        return False
    return True


def _is_contents(el: Any) -> bool:
    """Whether `el` is a table of contents Word keeps in a content control."""
    if el.tag != W + "sdt":
        return False
    gallery = el.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    return gallery is not None and gallery.get(W + "val") == "Table of Contents"


def _contents_styles(styles: Any | None) -> set[str]:
    """The paragraph styles of a table of contents ("toc 1".."toc 9", "TOC Heading": Word's
    own names, whatever the language of the style ids)."""
    if styles is None:
        return set()
    found = set()
    for style in styles.findall(W + "style"):
        name = style.find(W + "name")
        value = "" if name is None else (name.get(W + "val") or "").casefold()
        if value.startswith("toc ") or value == "toc heading":
            found.add(style.get(W + "styleId", ""))
    return found


def _paragraphs(body: Any) -> list[Any]:
    """Every paragraph in document order, none inside a fallback copy or a table of
    contents."""
    found: list[Any] = []

    def walk(el: Any) -> None:
        for child in el:
            if child.tag == _MC_FALLBACK or not isinstance(child.tag, str) or _is_contents(child):
                continue
            if child.tag == W + "p":
                found.append(child)
            walk(child)

    walk(body)
    return found


def read_docx(path: Path, name: str) -> tuple[list[str], list[str]]:
    """(the paragraphs as shown, the footnotes "1 text" in the order they are referenced, then
    the endnotes "i text")."""
    check_zip(path, "plan document", name)  # before anything expands
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{name} is damaged: it is not a readable Word file") from None
    with archive:
        package = _Package(archive, name)
        main = package.targets("").get(_OFFICE_DOCUMENT, "word/document.xml")
        document = package.xml(main)
        if document is None or document.find(W + "body") is None:
            raise InputError(f"{name} is not a Word document (it has no document body)")
        parts = package.targets(main)
        styles = package.xml(parts.get("/styles", ""))
        style_nums, para_styles = _style_numbering(styles)
        contents = _contents_styles(styles)
        numbering_root = package.xml(parts.get("/numbering", ""))
        numbering = Numbering.from_xml(numbering_root, style_nums)
        style_levels = _style_levels(numbering_root)
        note_roots = {"footnote": package.xml(parts.get("/footnotes", "")),
                      "endnote": package.xml(parts.get("/endnotes", ""))}
        references: list[tuple[str, str]] = []
        paragraphs: list[str] = []
        for p in _paragraphs(document.find(W + "body")):
            if _style(p) in contents:
                continue
            text = _text(p, references).strip()
            label = _label(p, numbering, para_styles, style_levels)
            if text:
                paragraphs.append(label.replace("\t", " ") + text)
        return paragraphs, [
            *_notes(note_roots["footnote"], "footnote", references, "decimal"),
            *_notes(note_roots["endnote"], "endnote", references, "lowerRoman")]


def _style_levels(root: Any | None) -> dict[str, int]:
    """Paragraph style id -> the list level that names it (lvl/pStyle)."""
    if root is None:
        return {}
    return {style.get(W + "val", ""): _int(lvl.get(W + "ilvl"))
            for lvl in root.iter(W + "lvl") for style in lvl.findall(W + "pStyle")}


def _style(p: Any) -> str:
    style = p.find(f"{W}pPr/{W}pStyle")
    return "" if style is None else str(style.get(W + "val", ""))


def _label(p: Any, numbering: Numbering, para_styles: dict[str, tuple[str, int]],
           style_levels: dict[str, int]) -> str:
    props = p.find(W + "pPr")
    style = _style(p)
    num_pr = None if props is None else props.find(W + "numPr")
    num_id: str | None = None
    ilvl: int | None = None
    if num_pr is not None:
        num = num_pr.find(W + "numId")
        lvl = num_pr.find(W + "ilvl")
        num_id = None if num is None else num.get(W + "val")
        ilvl = None if lvl is None else _int(lvl.get(W + "val"))
    if num_id is None and style in para_styles:
        num_id, style_ilvl = para_styles[style]
        if ilvl is None and style_ilvl >= 0:
            ilvl = style_ilvl
    if num_id is None or num_id == "0":
        return ""
    if ilvl is None:
        ilvl = style_levels.get(style, 0)
    return numbering.label(num_id, ilvl)


def _notes(root: Any | None, kind: str, references: list[tuple[str, str]],
           fmt: str) -> list[str]:
    """The notes of `kind` in the order their marks come, each with the number Word gives it
    (footnotes 1, 2, 3; endnotes i, ii, iii)."""
    if root is None:
        return []
    texts: dict[str, str] = {}
    for note in root.findall(W + kind):
        if note.get(W + "type") not in (None, "normal"):
            continue
        parts = [_text(p, []).strip() for p in _paragraphs(note)]
        texts[note.get(W + "id", "")] = " ".join(part for part in parts if part)
    ordered = [ref for of, ref in dict.fromkeys(references) if of == kind and ref in texts]
    return [f"{format_number(n, fmt)} {texts[ref]}" for n, ref in enumerate(ordered, start=1)]

"""A user's Word template, opened for a brief. The limits first (app.limits: a regular file of a
sane size, a zip that does not expand too far, XML that declares no more styles or elements
than a real template has), then python-docx. A brief takes from it only its styles, numbering,
settings, theme, fonts, headers and footers (with their pictures) and page set-up: its text,
macros (a VBA project), embedded objects (OLE, ActiveX) and embedded HTML or documents
(altChunk), comments, custom XML, document properties and every link outside the file are left
behind, and the active or embedded content left out is named in a warning. A part that refers
to a relationship it does not have (a missing word/_rels/document.xml.rels) is one line, never
a KeyError. Import only from inside an export (docx is lazy)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from app import limits
from app.errors import InputError, first_line

_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MS_RELS = "http://schemas.microsoft.com/office/2006/relationships/"
# what a brief keeps of the main document part's relationships
_KEPT_FROM_TEMPLATE = frozenset(
    _RELS + name
    for name in ("styles", "stylesWithEffects", "numbering", "settings", "theme", "fontTable",
                 "webSettings", "header", "footer", "footnotes", "endnotes"))
# and of the parts those relate to (a logo in a header, a picture bullet, an embedded font)
_KEPT_BELOW = frozenset({_RELS + "image", _RELS + "font"})
_OFFICE_DOCUMENT = _RELS + "officeDocument"
# what the warning calls the active or embedded content left out, by relationship type
_NAMED = {
    _MS_RELS + "vbaProject": "macros (a VBA project)",
    _RELS + "oleObject": "embedded objects (OLE)",
    _RELS + "package": "embedded objects (OLE)",
    _RELS + "control": "ActiveX controls",
    _MS_RELS + "activeXControlBinary": "ActiveX controls",
    _RELS + "aFChunk": "embedded HTML or documents (altChunk)",
    _RELS + "subDocument": "subdocuments",
}
# elements removed whole when the part they show is left out (a link outside the file loses
# only its reference: the picture embedded beside it stays)
_HOLDERS = frozenset({"drawing", "object", "pict", "altChunk", "control", "subDoc",
                      "printerSettings"})
# settings.xml elements that point outside the document or carry its data
_SETTINGS_DROPPED = ("attachedTemplate", "docVars", "mailMerge", "attachedSchema",
                     "saveThroughXslt", "linkStyles")
_R_URI = _RELS.rstrip("/")
_R_NS = "{" + _R_URI + "}"


def load_template(template: Path) -> tuple[Any, list[str]]:
    """The template as a document with an empty body and only what a brief takes from it;
    the warnings name what was left out. InputError (one line) if it cannot be used."""
    import docx

    name = template.name
    if not template.exists():
        raise InputError(f"template {template} not found")
    if template.suffix.lower() in (".dotx", ".dotm"):
        raise InputError(f"template {name} is a Word template (.dotx); open it in Word and "
                         "save it as a document (.docx), then use that")
    if template.suffix.lower() != ".docx":
        raise InputError(f"template {name} is not a Word document (.docx)")
    limits.check_input_file(template, "template", f"template {name}")
    if not zipfile.is_zipfile(template):
        raise InputError(f"template {name} cannot be read: it is not a .docx file "
                         "(or it is damaged)")
    limits.check_zip(template, "template", f"template {name}")  # before anything expands
    try:
        document = docx.Document(str(template))
        body = document.element.body
        for child in list(body):
            if child.tag.rsplit("}", 1)[-1] != "sectPr":
                body.remove(child)
        left_out = strip_baggage(document)
        check_references(document.part, name, set())
    except InputError:
        raise
    except ValueError as exc:
        if "template" in str(exc):
            raise InputError(f"template {name} is a Word template (.dotx) renamed to .docx; "
                             "open it in Word and save it as a document (.docx)") from None
        raise InputError(f"template {name} cannot be read as a Word document: "
                         f"{first_line(exc)}") from None
    except Exception:  # noqa: BLE001 - zip/XML/package errors all mean "damaged"
        raise InputError(f"template {name} cannot be read as a Word document "
                         "(it is damaged, or not a .docx)") from None
    warnings = []
    if left_out:
        listed = ", ".join(left_out[:-1]) + " and " * (len(left_out) > 1) + left_out[-1]
        warnings.append(f"template {name}: its {listed} were left out of the "
                        "brief (only its styles, headers, footers and page set-up are used)")
    return document, warnings


def strip_baggage(document: Any) -> list[str]:
    """Keep only styles, numbering, settings, theme, fonts, headers/footers and the page
    set-up of a template: no external relationship (an attachedTemplate link fetches a remote
    template when Word opens the file), no macros, embedded objects, comments, custom XML,
    document variables or document properties (core, extended, custom: keywords, company,
    owner...). Returns the names of the active or embedded content left out."""
    from docx.oxml.ns import qn

    left_out: list[str] = []
    package = document.part.package
    for rId, rel in list(package.rels.items()):  # docProps/core.xml, app.xml, custom.xml...
        if rel.reltype != _OFFICE_DOCUMENT:
            package.rels.pop(rId)
    document.core_properties.title = ""  # a new, empty set of core properties
    settings = document.settings.element
    for name in _SETTINGS_DROPPED:
        for element in settings.findall(qn(f"w:{name}")):
            settings.remove(element)
    _strip_part(document.part, _KEPT_FROM_TEMPLATE, set(), left_out)
    return left_out


def _strip_part(part: Any, kept: frozenset[str], seen: set[int], left_out: list[str]) -> None:
    """Drop the part's relationships that are external or not of a `kept` type, with what
    refers to them; then the same in the parts it keeps (which keep only pictures and
    fonts)."""
    if id(part) in seen:
        return
    seen.add(id(part))
    dropped: dict[str, bool] = {}  # rId -> external
    for rId, rel in list(part.rels.items()):
        if rel.is_external or rel.reltype not in kept:
            dropped[rId] = rel.is_external
            what = _NAMED.get(rel.reltype)
            if what and what not in left_out:
                left_out.append(what)
            part.rels.pop(rId)
    element = getattr(part, "_element", None)
    if dropped and element is not None:
        _remove_references(element, dropped)
    for rel in list(part.rels.values()):
        _strip_part(rel.target_part, _KEPT_BELOW, seen, left_out)


def _remove_references(element: Any, dropped: dict[str, bool]) -> None:
    """Remove what shows a dropped part (the picture, object or altChunk holding it), or
    else the reference alone (always for a link outside the file)."""
    for value in _references(element):
        external = dropped.get(str(value))
        node = value.getparent()
        if external is None or node is None:
            continue
        for attr in [a for a in node.attrib if a.startswith(_R_NS) and node.attrib[a] == value]:
            holder = None if external else next(
                (a for a in (node, *node.iterancestors())
                 if isinstance(a.tag, str) and a.tag.rsplit("}", 1)[-1] in _HOLDERS), None)
            parent = holder.getparent() if holder is not None else None
            if holder is not None and parent is not None:
                parent.remove(holder)
            else:
                del node.attrib[attr]


def _references(element: Any) -> list[Any]:
    """Every relationship id the part's XML refers to (attribute values that know their
    element: `.getparent()`)."""
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]

    return list(etree.XPath("//@*[namespace-uri() = $ns]")(element, ns=_R_URI))


def check_references(part: Any, name: str, seen: set[int]) -> None:
    """InputError if the part (or a part it keeps) refers to a relationship it does not have
    (python-docx would stop with a KeyError when it reaches it)."""
    if id(part) in seen:
        return
    seen.add(id(part))
    element = getattr(part, "_element", None)
    if element is not None:
        for value in _references(element):
            if value and str(value) not in part.rels:
                where = str(part.partname).lstrip("/")
                raise InputError(f"template {name} is damaged: {where} refers to {value}, "
                                 "which it does not define (a part of the file is missing); "
                                 "open it in Word and save it again")
    for rel in part.rels.values():
        if not rel.is_external:
            check_references(rel.target_part, name, seen)

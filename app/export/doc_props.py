"""Document properties of every Word and Excel file POA Desk writes: title, subject, author
(the user: $POADESK_USER, else the account), created and modified now (UTC), the application
"POA Desk", and the marking as a custom property "Classification" (and as the category) -
nothing left from python-docx's or openpyxl's own defaults ("python-docx", 2013-12-23,
"Microsoft Macintosh Word", "Openpyxl 3.1.5", python-docx's blank preview thumbnail).

An unmarked document has no "Classification" property at all (an empty one would read as a
marking nobody gave; labelling tools take a missing property as "not labelled"). app.xml has
no AppVersion: Office reads it as its own version ("16.0300", XX.YYYY) and asks to repair a
file whose AppVersion is not one of them, so POA Desk's version cannot go there.
Import only from inside an export."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from app.clock import now
from app.user import default_user

APPLICATION = "POA Desk"
CLASSIFICATION = "Classification"
_EXTENDED = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
             "extended-properties")
_CUSTOM = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "custom-properties")
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_EXTENDED_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            '2006/docPropsVTypes"><Application>{app}</Application><DocSecurity>0</DocSecurity>'
            '<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>'
            '<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>'
            '</Properties>')
_CUSTOM_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
               'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
               '2006/docPropsVTypes"><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}"'
               ' pid="2" name="{name}"><vt:lpwstr>{value}</vt:lpwstr></property></Properties>')


def author() -> str:
    """Who wrote the file: the name the history uses ($POADESK_USER, else the account)."""
    return default_user()


def set_docx_properties(document: Any, *, title: str, subject: str, marking: str,
                        when: datetime | None = None, author_name: str = "") -> None:
    """Core, extended (app.xml) and custom properties of a python-docx document, without
    the preview thumbnail of python-docx's template (a blank page: Word and Explorer then show
    the first page or nothing). `author_name`: the author when given, else `author()`."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    stamp = when or now()
    props = document.core_properties
    props.title, props.subject = title, subject
    props.author, props.last_modified_by = author_name or author(), author()
    props.created = props.modified = stamp
    props.revision = 1
    props.comments = props.keywords = props.identifier = ""
    props.category = marking
    props.content_status = ""
    package = document.part.package
    app_xml = _APP_XML.format(app=APPLICATION).encode("utf-8")
    for rId, rel in list(package.rels.items()):  # and python-docx's template's thumbnail
        if rel.reltype in (_EXTENDED, _CUSTOM, _THUMBNAIL):
            package.rels.pop(rId)
    package.relate_to(Part(PackURI("/docProps/app.xml"), _EXTENDED_TYPE, app_xml, package),
                      _EXTENDED)
    if marking:
        custom = _CUSTOM_XML.format(name=CLASSIFICATION, value=escape(marking))
        package.relate_to(Part(PackURI("/docProps/custom.xml"), _CUSTOM_TYPE,
                               custom.encode("utf-8"), package), _CUSTOM)


def set_xlsx_properties(workbook: Any, *, title: str, subject: str, marking: str,
                        when: datetime | None = None, author_name: str = "") -> None:
    """Core and custom properties of an openpyxl workbook (app.xml: `save_workbook`).
    `author_name`: the author when given, else `author()`."""
    from openpyxl.packaging.custom import StringProperty

    stamp = when or now()
    props = workbook.properties
    props.title, props.subject = title, subject
    props.creator, props.lastModifiedBy = author_name or author(), author()
    props.created = props.modified = stamp
    props.category = marking or None
    props.description = props.keywords = None
    custom = workbook.custom_doc_props
    if CLASSIFICATION in custom.names:
        del custom[CLASSIFICATION]
    if marking:
        custom.append(StringProperty(name=CLASSIFICATION, value=marking))


_APPLICATION_RE = re.compile(rb"<Application>[^<]*</Application>")
_VERSION_RE = re.compile(rb"<AppVersion>[^<]*</AppVersion>")
APP_PART = "docProps/app.xml"


def _own_app_xml(data: bytes | str) -> bytes:
    """openpyxl's app.xml with POA Desk as the application (it writes "Microsoft Excel
    Compatible / Openpyxl ...") and no version of it."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    replacement = f"<Application>{APPLICATION}</Application>".encode()
    return _VERSION_RE.sub(b"", _APPLICATION_RE.sub(replacement, raw))


def save_workbook(workbook: Any, path: Path | IO[bytes]) -> None:
    """Save an openpyxl workbook (ordinary or write-only) as `Workbook.save` does, with POA
    Desk's own app.xml: its archive rewrites that one part as it is written (no second
    pass over the file)."""
    from openpyxl.writer.excel import ExcelWriter

    class _Archive(zipfile.ZipFile):
        def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
            name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
            if name == APP_PART:
                data = _own_app_xml(data)
            super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    if getattr(workbook, "write_only", False) and not workbook.worksheets:
        workbook.create_sheet()  # as Workbook.save does
    with _Archive(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()

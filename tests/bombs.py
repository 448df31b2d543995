"""Small files that take gigabytes (issue 23): a sound workbook or Word template with one part
replaced by one that declares or holds far more than any real file. Used by tests/test_bombs.py
and benchmarks/bench_bombs.py."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None] | None = None,
            add: dict[str, bytes] | None = None) -> Path:
    """`source` copied to `target`, each member through `change` (None drops it), `add`
    appended."""
    with zipfile.ZipFile(source) as zin, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data: bytes | None = zin.read(info.filename)
            if change is not None:
                data = change(info.filename, data)
            if data is not None:
                zout.writestr(info.filename, data, compresslevel=9)
        for name, data in (add or {}).items():
            zout.writestr(name, data, compresslevel=9)
    return target


def replace_part(source: Path, target: Path, part: str, data: bytes) -> Path:
    return rewrite(source, target, lambda name, old: data if name == part else old,
                   add=None if part in zipfile.ZipFile(source).namelist() else {part: data})


SHARED_STRINGS_TYPE = ("application/vnd.openxmlformats-officedocument.spreadsheetml."
                       "sharedStrings+xml")


def with_shared_strings(source: Path, target: Path, data: bytes) -> Path:
    """`source` with xl/sharedStrings.xml replaced by `data`, declared as the shared strings
    in [Content_Types].xml and the workbook's relationships (as Excel writes them)."""
    override = (f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS_TYPE}"'
                '/></Types>').encode()
    rel = (f'<Relationship Id="rIdSst" Type="{R}/sharedStrings" Target="sharedStrings.xml"/>'
           "</Relationships>").encode()

    def change(name: str, old: bytes) -> bytes | None:
        if name == "xl/sharedStrings.xml":
            return None
        if name == "[Content_Types].xml" and b"sharedStrings+xml" not in old:
            return old.replace(b"</Types>", override)
        if name == "xl/_rels/workbook.xml.rels" and b"sharedStrings.xml" not in old:
            return old.replace(b"</Relationships>", rel)
        return old
    return rewrite(source, target, change, add={"xl/sharedStrings.xml": data})


def plain_workbook(path: Path) -> Path:
    """A small sound workbook (a header and a row), as openpyxl writes it."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Ref", "Status"])
    wb.active.append(["1.1(a)", "Achieved"])
    wb.save(path)
    return path


def plain_template(path: Path, *, header: bool = True) -> Path:
    """A small sound Word document with a header (its section refers to it by rId)."""
    import docx

    document = docx.Document()
    document.add_paragraph("template body")
    if header:
        document.sections[0].header.paragraphs[0].text = "MINISTRY"
    document.save(str(path))
    return path


def styles_xml(cell_formats: int, *, declared: int | None = None, prefix: str = "",
               attributes: str = "") -> bytes:
    """xl/styles.xml with `cell_formats` <xf/> in cellXfs (count= `declared`, if given)."""
    p = f"{prefix}:" if prefix else ""
    ns = f"xmlns:{prefix}" if prefix else "xmlns"
    count = f' count="{declared}"' if declared is not None else ""
    return (f'<?xml version="1.0"?><{p}styleSheet {ns}="{MAIN}"><{p}cellXfs{count}>'
            .encode() + f"<{p}xf{attributes}/>".encode() * cell_formats
            + f"</{p}cellXfs></{p}styleSheet>".encode())


def shared_strings_xml(strings: int, *, declared: int | None = None) -> bytes:
    count = f' count="{declared}" uniqueCount="{declared}"' if declared is not None else ""
    return (f'<?xml version="1.0"?><sst xmlns="{MAIN}"{count}>'.encode()
            + b"<si><t>x</t></si>" * strings + b"</sst>")


def word_styles_xml(styles: int) -> bytes:
    return (f'<?xml version="1.0"?><w:styles xmlns:w="{W}">'.encode()
            + b"".join(b'<w:style w:type="paragraph" w:styleId="S%d"/>' % i
                       for i in range(styles))
            + b"</w:styles>")


def elements_xml(root: str, ns: str, elements: int, child: str = "font") -> bytes:
    """A part of `elements` empty children (none of the kinds counted by name)."""
    return (f'<?xml version="1.0"?><{root} xmlns="{ns}">'.encode()
            + f"<{child}/>".encode() * elements + f"</{root}>".encode())


# -- the bombs of issue 23, at the size reported ---------------------------------------------

def cell_formats_bomb(base: Path, target: Path, n: int = 1_500_000) -> Path:
    """0.24 MB declaring 1.5 million cell formats (22-26 s and 2.1 GB before it was refused)."""
    return replace_part(base, target, "xl/styles.xml", styles_xml(
        n, declared=n, attributes=' numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"'))


def shared_strings_bomb(base: Path, target: Path, n: int = 5_500_000) -> Path:
    """5.5 million shared strings (38-49 s and 580 MB)."""
    return with_shared_strings(base, target, shared_strings_xml(n, declared=n))


def word_styles_bomb(base: Path, target: Path, n: int = 1_100_000) -> Path:
    """A Word template with 1.1 million styles (76 s and 1.6 GB)."""
    return replace_part(base, target, "word/styles.xml", word_styles_xml(n))

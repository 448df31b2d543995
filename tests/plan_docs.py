"""Plans written as Word files with Word's own numbering (numbering.xml: abstractNum / num, and
paragraphs that carry numPr: the numbers are list formatting, not text), a running header, a
footer with the page number (a PAGE field) and real footnotes; and the PDFs LibreOffice prints
from them. Used by tests/test_plan_files*.py.

A paragraph is given as a `Para`: its text (with "[^N]" where footnote N's mark stands), and
for a numbered one the list (numId) and level (ilvl) it belongs to.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


@dataclass(frozen=True)
class Level:
    """One level of a list: numFmt, lvlText ("%1.%2."), start, lvlRestart (None: Word's
    default), suff ("tab", "space", "nothing")."""

    fmt: str
    text: str
    start: int = 1
    restart: int | None = None
    suff: str = "tab"
    legal: bool = False


@dataclass(frozen=True)
class Para:
    text: str
    num: int | None = None  # numId
    level: int = 0
    style: str | None = None  # a paragraph style id (which may carry the numbering itself)
    size: int | None = None  # in half-points (a title's larger type)
    xml: str | None = None  # the paragraph's runs as WordprocessingML (`text` then unused)
    block: str | None = None  # WordprocessingML put in the body instead of a paragraph


@dataclass
class Lists:
    """abstractNums (id -> levels) and nums (numId -> (abstractNumId, {ilvl: startOverride}))."""

    abstract: dict[int, list[Level]] = field(default_factory=dict)
    nums: dict[int, tuple[int, dict[int, int]]] = field(default_factory=dict)
    # paragraph styles that carry numbering: style id -> (numId, ilvl)
    styles: dict[str, tuple[int, int]] = field(default_factory=dict)


def _run(text: str, size: int | None = None) -> str:
    props = f'<w:rPr><w:sz w:val="{size}"/></w:rPr>' if size else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _runs(text: str, size: int | None = None) -> str:
    """Runs of `text`, each "[^N]" a footnote reference run ("[^eN]" an endnote's)."""
    out = []
    rest = text
    while "[^" in rest:
        before, _, after = rest.partition("[^")
        number, _, rest = after.partition("]")
        if before:
            out.append(_run(before, size))
        kind = "endnote" if number.startswith("e") else "footnote"
        out.append('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                   f'<w:{kind}Reference w:id="{int(number.lstrip("e"))}"/></w:r>')
    if rest:
        out.append(_run(rest, size))
    return "".join(out)


def _paragraph(p: Para, spacing: int, justify: bool = False) -> str:
    if p.block is not None:
        return p.block
    ppr = ""
    if p.style:
        ppr += f'<w:pStyle w:val="{p.style}"/>'
    if p.num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{p.level}"/><w:numId w:val="{p.num}"/></w:numPr>'
    ppr += f'<w:spacing w:before="0" w:after="{spacing}"/>'
    if justify:
        ppr += '<w:jc w:val="both"/>'
    runs = p.xml if p.xml is not None else _runs(p.text, p.size)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def _numbering(lists: Lists) -> str:
    parts = [f'<w:numbering xmlns:w="{W_NS}">']
    for aid, levels in lists.abstract.items():
        parts.append(f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType '
                     'w:val="multilevel"/>')
        for ilvl, lv in enumerate(levels):
            restart = f'<w:lvlRestart w:val="{lv.restart}"/>' if lv.restart is not None else ""
            legal = "<w:isLgl/>" if lv.legal else ""
            style = "".join(f'<w:pStyle w:val="{s}"/>' for s, (n, i) in lists.styles.items()
                            if i == ilvl and lists.nums[n][0] == aid)
            indent = 360 * (ilvl + 1)
            parts.append(
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{lv.start}"/>'
                f'<w:numFmt w:val="{lv.fmt}"/>{restart}{style}{legal}'
                f'<w:suff w:val="{lv.suff}"/><w:lvlText w:val="{escape(lv.text)}"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{indent + 360}" '
                f'w:hanging="{min(indent + 360, 720)}"/></w:pPr></w:lvl>')
        parts.append("</w:abstractNum>")
    for nid, (aid, overrides) in lists.nums.items():
        over = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{s}"/>'
                       "</w:lvlOverride>" for i, s in overrides.items())
        parts.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{over}</w:num>')
    parts.append("</w:numbering>")
    return "".join(parts)


def _styles(lists: Lists) -> str:
    numbered = "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{sid}"/>'
        f'<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="{nid}"/></w:numPr></w:pPr>'
        "</w:style>" for sid, (nid, _) in lists.styles.items())
    return (f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
            '<w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif"/><w:sz w:val="22"/>'
            '</w:rPr></w:rPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            '</w:style><w:style w:type="paragraph" w:styleId="FootnoteText"><w:name '
            'w:val="footnote text"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="Verzeichnis1"><w:name w:val="toc 1"/>'
            '</w:style>'
            f"{numbered}</w:styles>")


def _footnotes(notes: dict[int, str], kind: str = "footnote") -> str:
    body = "".join(
        f'<w:{kind} w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr>'
        f'<w:{kind}Ref/></w:r>{_run(" " + text, 16)}</w:p></w:{kind}>'
        for n, text in notes.items())
    return (f'<w:{kind}s xmlns:w="{W_NS}">'
            f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            f'</w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            f"<w:continuationSeparator/></w:r></w:p></w:{kind}>{body}</w:{kind}s>")


def _field(instr: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def write_docx(path: Path, paragraphs: list[Para], lists: Lists | None = None, *,
               header: str | None = None, footer: str | None = "Page {PAGE} of {NUMPAGES}",
               footnotes: dict[int, str] | None = None, spacing: int = 120,
               justify: bool = False, endnotes: dict[int, str] | None = None) -> Path:
    """A .docx of `paragraphs`; `header` on every page, `footer` with its {PAGE} and
    {NUMPAGES} as fields; `spacing` below each paragraph (twentieths of a point); `justify`:
    the text set flush with both margins."""
    lists = lists or Lists()
    rels = [("rStyles", "styles", "styles.xml")]
    types = [("/word/document.xml", f"{CT}.document.main+xml"),
             ("/word/styles.xml", f"{CT}.styles+xml")]
    parts: dict[str, str] = {"word/styles.xml": _styles(lists)}
    sect = ""
    if lists.abstract:
        rels.append(("rNum", "numbering", "numbering.xml"))
        types.append(("/word/numbering.xml", f"{CT}.numbering+xml"))
        parts["word/numbering.xml"] = _numbering(lists)
    if footnotes:
        rels.append(("rFoot", "footnotes", "footnotes.xml"))
        types.append(("/word/footnotes.xml", f"{CT}.footnotes+xml"))
        parts["word/footnotes.xml"] = _footnotes(footnotes)
    if endnotes:
        rels.append(("rEnd", "endnotes", "endnotes.xml"))
        types.append(("/word/endnotes.xml", f"{CT}.endnotes+xml"))
        parts["word/endnotes.xml"] = _footnotes(endnotes, "endnote")
    if header:
        rels.append(("rHdr", "header", "header1.xml"))
        types.append(("/word/header1.xml", f"{CT}.header+xml"))
        parts["word/header1.xml"] = (f'<w:hdr xmlns:w="{W_NS}"><w:p><w:pPr><w:jc '
                                     f'w:val="center"/></w:pPr>{_run(header, 18)}</w:p></w:hdr>')
        sect += '<w:headerReference w:type="default" r:id="rHdr"/>'
    if footer:
        runs = ""
        rest = footer
        while "{" in rest:
            before, _, after = rest.partition("{")
            name, _, rest = after.partition("}")
            runs += (_run(before) if before else "") + _field(name)
        runs += _run(rest) if rest else ""
        rels.append(("rFtr", "footer", "footer1.xml"))
        types.append(("/word/footer1.xml", f"{CT}.footer+xml"))
        parts["word/footer1.xml"] = (f'<w:ftr xmlns:w="{W_NS}"><w:p><w:pPr><w:jc '
                                     f'w:val="center"/></w:pPr>{runs}</w:p></w:ftr>')
        sect += '<w:footerReference w:type="default" r:id="rFtr"/>'
    body = "".join(_paragraph(p, spacing, justify) for p in paragraphs)
    parts["word/document.xml"] = (
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:mc="{MC_NS}"><w:body>{body}'
        f"<w:sectPr>{sect}"
        '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" '
        'w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/>'
        "</w:sectPr></w:body></w:document>")
    parts["word/_rels/document.xml.rels"] = (
        f'<Relationships xmlns="{PKG_REL}">' + "".join(
            f'<Relationship Id="{rid}" Type="{DOC_REL}/{kind}" Target="{target}"/>'
            for rid, kind, target in rels) + "</Relationships>")
    parts["_rels/.rels"] = (f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
                            f'Type="{DOC_REL}/officeDocument" Target="word/document.xml"/>'
                            "</Relationships>")
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in types)
        + "</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml)
    return path


def to_pdf(profile: Path, outdir: Path, *docs: Path) -> list[Path]:
    """The PDFs LibreOffice prints from `docs` (one run; `profile`: tests/conftest.py's
    soffice_profile)."""
    assert SOFFICE is not None
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docs)],
        capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr
    pdfs = [outdir / f"{doc.stem}.pdf" for doc in docs]
    for pdf in pdfs:
        assert pdf.is_file(), f"no {pdf.name}: {result.stdout} {result.stderr}"
    return pdfs


# -- plans in the numbering styles published plans use, each paragraph with the text the page
# shows (its Word number included) ---------------------------------------------------------

LONG = ("through regular dialogue, the exchange of best practices and capacity-building "
        "programmes for officials of the ASEAN Member States, in close consultation with the "
        "ASEAN Secretariat and the relevant ASEAN-Australia sectoral bodies")


@dataclass(frozen=True)
class StylePlan:
    name: str
    lists: Lists
    paragraphs: tuple[tuple[Para, str], ...]  # (how it is written, what the page shows)
    footnotes: dict[int, str] = field(default_factory=dict)

    @property
    def shown(self) -> list[str]:
        return [shown for _, shown in self.paragraphs]

    def write(self, path: Path, **kwargs: object) -> Path:
        return write_docx(path, [p for p, _ in self.paragraphs], self.lists,
                          footnotes=self.footnotes, **kwargs)  # type: ignore[arg-type]


TOPICS = ("maritime safety", "disaster management", "public health", "connectivity",
          "smart cities", "education and youth", "culture and tourism", "the environment")


def _many(labels: list[str], num: int, level: int) -> tuple[tuple[Para, str], ...]:
    """Long action lines (enough to take the plan over three pages), numbered `labels`."""
    return tuple(_num(f"Cooperate on {TOPICS[i % len(TOPICS)]} ({i + 1}) {LONG}.", label, num,
                      level) for i, label in enumerate(labels))


def _plain(text: str, size: int | None = None) -> tuple[Para, str]:
    return Para(text, size=size), text.replace("[^1]", "").replace("[^2]", "")


def _num(text: str, shown: str, num: int, level: int, style: str | None = None,
         ) -> tuple[Para, str]:
    return Para(text, num, level, style), f"{shown}{text}".replace("[^1]", "").replace("[^2]", "")


DECIMAL = StylePlan(
    "decimal",
    Lists(abstract={1: [Level("decimal", "%1."), Level("decimal", "%1.%2"),
                        Level("decimal", "%1.%2.%3")]}, nums={1: (1, {})}),
    (
        _plain("Plan of Action to Implement the ASEAN-Republic of Korea Strategic Partnership "
               "(2021-2025)", 28),
        _plain("This Plan of Action sets out the priorities of the partnership for the next "
               "five years.[^1]"),
        _num("POLITICAL-SECURITY COOPERATION", "1. ", 1, 0),
        _num("Strengthen political dialogue and cooperation", "1.1 ", 1, 1),
        _num(f"Convene a Commemorative Summit to mark the anniversary of relations {LONG}.",
             "1.1.1 ", 1, 2),
        _num("Hold the annual Post Ministerial Conference.", "1.1.2 ", 1, 2),
        _num(f"Promote cooperation on the rule of law {LONG}, and report on it every year to "
             "the Senior Officials' Meeting.[^2]", "1.1.3 ", 1, 2),
        _num("Combat transnational crime and address other non-traditional security issues, "
             "including trafficking in persons and drugs", "1.2 ", 1, 1),
        _num(f"Support the implementation of the ASEAN Convention against Trafficking {LONG}.",
             "1.2.1 ", 1, 2),
        _num("ECONOMIC COOPERATION", "2. ", 1, 0),
        _num("Trade and investment", "2.1 ", 1, 1),
        _num(f"Fully utilise the ASEAN-Korea Free Trade Area {LONG}.", "2.1.1 ", 1, 2),
        _num("Review the Free Trade Area.", "2.1.2 ", 1, 2),
        _num("Functional cooperation", "2.2 ", 1, 1),
        *_many([f"2.2.{i} " for i in range(1, 23)], 1, 2),
    ),
    footnotes={1: "Adopted at the 22nd ASEAN-Republic of Korea Summit.",
               2: "The Senior Officials' Meeting meets every year before the Summit."},
)

# roman parts, lettered sections, bracketed letters that restart in every section (Word's own
# restart), numbering carried by paragraph styles for the parts
ROMAN = StylePlan(
    "roman",
    Lists(abstract={1: [Level("upperRoman", "%1.", suff="space"), Level("upperLetter", "%2."),
                        Level("lowerLetter", "(%3)")]},
          nums={1: (1, {})}, styles={"PartHeading": (1, 0)}),
    (
        _plain("ASEAN-Japan Plan of Action (2023-2027)", 28),
        _num("POLITICAL AND SECURITY COOPERATION", "I. ", 1, 0, "PartHeading"),
        _num("Regional architecture", "A. ", 1, 1),
        _num(f"Support ASEAN centrality in the regional architecture {LONG}.", "(a) ", 1, 2),
        _num("Support the East Asia Summit.", "(b) ", 1, 2),
        _num("Maritime cooperation", "B. ", 1, 1),
        _num(f"Enhance maritime security cooperation {LONG}.", "(a) ", 1, 2),
        _num("ECONOMIC COOPERATION", "II. ", 1, 0, "PartHeading"),
        _num("Trade", "A. ", 1, 1),
        _num("Implement the ASEAN-Japan Comprehensive Economic Partnership.", "(a) ", 1, 2),
        _num(f"Promote the digital economy {LONG}.", "(b) ", 1, 2),
        _num("Expand trade in services.", "(c) ", 1, 2),
        _num("Functional cooperation", "B. ", 1, 1),
        *_many([f"({chr(ord('a') + i)}) " for i in range(22)], 1, 2),
    ),
)

# numbered preamble paragraphs (a list of its own), parts "1.", sections "1.1.", actions "a)"
# in a second list instance of the same definition whose letters restart in every section
# only through startOverride (Word's "Restart numbering"), and a part with no sections
LETTERED = StylePlan(
    "lettered",
    Lists(abstract={1: [Level("decimal", "%1.")],
                    2: [Level("decimal", "%1."), Level("decimal", "%1.%2."),
                        Level("lowerLetter", "%3)", restart=0)]},
          nums={1: (1, {}), 2: (2, {}), 3: (2, {2: 1}), 4: (2, {2: 1})}),
    (
        _plain("ASEAN-India Plan of Action (2021-2025)", 28),
        _num("The Leaders adopted this Plan of Action at the 18th Summit.", "1. ", 1, 0),
        _num(f"It builds on the last Plan of Action {LONG}.", "2. ", 1, 0),
        _num("POLITICAL-SECURITY COOPERATION", "1. ", 2, 0),
        _num("Political dialogue", "1.1. ", 2, 1),
        _num("Hold the Summit every year.", "a) ", 2, 2),
        _num(f"Hold the Foreign Ministers' Meeting {LONG}.", "b) ", 2, 2),
        _num("Non-traditional security", "1.2. ", 3, 1),
        _num(f"Cooperate against cybercrime {LONG}.", "a) ", 3, 2),
        _num("FOLLOW-UP", "2. ", 4, 0),
        _num("Review this Plan of Action at the Post Ministerial Conference.", "a) ", 4, 2),
        _num(f"Report on it to the Leaders {LONG}.", "b) ", 4, 2),
        *_many([f"{chr(ord('a') + i)}) " for i in range(2, 24)], 4, 2),
    ),
)

STYLE_PLANS = (DECIMAL, ROMAN, LETTERED)


def asean_eu(seed: str) -> tuple[list[Para], Lists]:
    """The ASEAN-EU plan (its text `seed`, as parse_plan reads it) as Word paragraphs: parts,
    sections and action lines numbered by Word ("1.", "1.1.", "- a)"), each action one
    paragraph, a footnote on the first part's title."""
    from app.plan_parser import parse_plan

    plan = parse_plan(seed)
    lists = Lists(abstract={1: [Level("decimal", "%1."), Level("decimal", "%1.%2."),
                                Level("lowerLetter", "- %3)")]}, nums={1: (1, {})})
    paras = [Para(plan.title, size=28)] + [Para(p) for p in plan.preamble.split("\n\n")]
    for part in plan.parts:
        paras.append(Para(part.title + ("[^1]" if part.number == 1 else ""), 1, 0))
        paras.extend(Para(a.text, 1, 2) for a in part.actions)
        for section in part.sections:
            paras.append(Para(section.title, 1, 1))
            paras.extend(Para(a.text, 1, 2) for a in section.actions)
    return paras, lists

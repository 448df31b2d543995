"""The progress report as Word, in the brief's house style (app.export.docx_parts: Arial in
black, the same headings), written with the brief's page writer (app.export.docx_page).

The top page: the plan, the title, "As at ...", the period, who prepared it when, the
marking and the headline figures. Then the figures by pillar (table and chart, its caption
"as at"), by section, the period's activities (by pillar, section and kind), what changed,
the action lines with their activities by section (a section's section-wide activities once,
in a row of their own), the lines with no activity (a compact table by section) and an annex
of the acronyms the report uses. The marking in every header and footer, "Page X of Y".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.atomic import write_atomically
from app.clock import long_date, now
from app.meetings.item_titles import default_item_title as subject
from app.vocab import STATUS_LABELS, STATUS_ORDER

from .content import brief_acronyms
from .doc_props import set_docx_properties
from .docx_page import BOLD, GREY, NOTE, PageWriter, keep_with_next, text_width_mm
from .docx_parts import open_document, own_styles
from .docx_xml import HEADER_SHADE, PLAIN, Fmt, Run, add_field, add_text, sub
from .report_common import CHARTED, TITLE, add_report_chart, chart_caption, chart_table
from .report_content import ActivityCount, ReportContent, ReportGroup, describe
from .report_tables import XmlTable

ITALIC = Fmt(italic=True)
TABLE = Fmt(size=9.5)
TABLE_BOLD = Fmt(bold=True, size=9.5)
QUIET_PAIRS = 3  # the no-activity table: this many (ref | status) pairs across


def write_report_docx(content: ReportContent, target: Path, marking: str,
                      author: str) -> list[str]:
    """Write the Word report; the warnings (text cleaned of control characters)."""
    document, styles = open_document(None)
    writer = ReportWriter(document, content, styles, marking, author)
    writer.write()
    write_atomically(target, lambda tmp: document.save(str(tmp)))
    return styles.warnings + writer.clean.warnings()


class ReportWriter(PageWriter):
    def __init__(self, document: Any, content: ReportContent, styles: Any, marking: str,
                 author: str) -> None:
        self._table_style = own_styles(document)["Table Text"]
        super().__init__(document, styles, self._table_style)
        self._pending: XmlTable | None = None
        self.content = content
        self.marking = self.clean(marking, "marking")
        self.author = author

    def write(self) -> None:
        c = self.content
        self.top_page()
        self.heading("Summary by pillar")
        self.status_table()
        self.chart()
        self.heading("By section")
        table = self.xtable([112, 24, 24], ["Section", "Action lines", "Addressed"])
        for f in c.sections:
            table.row([[self.t(f.label)], [self.t(str(f.total))],
                       [self.t(f"{f.addressed} ({f.share:.0%})")]])
        self.activity_figures()
        self.changes()
        self.activity_lines()
        self.quiet_lines()
        self.acronym_annex()
        self.flush()
        self.header_footer()
        set_docx_properties(self.doc, title=f"{TITLE}, {c.period}",
                            subject=self.clean(c.plan_title, "plan title"),
                            marking=self.marking, author_name=self.author)

    # -- the parts --------------------------------------------------------------------------

    def top_page(self) -> None:
        c, o = self.content, self.content.overall
        self.para(c.plan_title, "Subtitle", where="plan title")
        self.para(TITLE, "Title")
        self.para(c.as_at_text[:1].upper() + c.as_at_text[1:], "Subtitle")
        self.para(f"Period: {c.period}")
        self.para(f"Prepared {long_date(now().date())}"
                  + (f" by {self.author}" if self.author else ""), where="author")
        if self.marking:
            self.body.paragraph(None, [self.t("Handling: "), self.t(self.marking, fmt=BOLD)])
        self.para(f"{o.addressed} of {o.total} action lines ({o.share:.0%}) are achieved or "
                  "being addressed (Recurring counted as addressed), the measure ASEAN uses "
                  f"to report progress; {c.not_assessed} not yet assessed.")
        figures = c.activity_figures
        if figures is not None:
            with_own = sum(1 for line in c.lines if line.activities)
            self.para(f"{_n(figures.total, 'activity', 'activities')} in the period: "
                      f"{figures.total - figures.section_wide} on action lines, "
                      f"{figures.section_wide} on whole sections (each counted once); "
                      f"{with_own} of {o.total} action lines have activities of their own.")

    def status_table(self) -> None:
        """Each pillar's lines by status (9.5 pt: a status's name fits its column)."""
        c = self.content
        header = ["Pillar", *[STATUS_LABELS[code] for code in STATUS_ORDER], "Addressed"]
        table = self.xtable([36, 20.5, 20.5, 20.5, 20.5, 20.5, 21.5])
        table.row([[self.t(text, fmt=TABLE_BOLD)] for text in header], shade=HEADER_SHADE,
                  header=True)
        for f in (*c.pillars, c.overall):
            fmt = TABLE_BOLD if f is c.overall else TABLE
            table.row([[self.t(f.label, fmt=fmt)],
                       *[[self.t(str(f.count(code)), fmt=fmt)] for code in STATUS_ORDER],
                       [self.t(f"{f.addressed}/{f.total} ({f.share:.0%})", fmt=fmt)]])

    def chart(self) -> None:
        self.flush()
        p = add_report_chart(self.doc, chart_table(self.content),
                             width_mm=text_width_mm(self.doc), statuses=CHARTED)
        keep_with_next(p._p)
        self.para(chart_caption(self.content), fmt=NOTE)

    def activity_figures(self) -> None:
        c = self.content
        figures = c.activity_figures
        self.heading("Activities in the period")
        if figures is None or not figures.total:
            self.para(f"No activity was recorded in the period ({c.as_at_text}).", fmt=NOTE)
            return
        self.para(f"Each activity counted once, {c.as_at_text}: one recorded on a whole "
                  "section counts for the section, not for each of its lines.", fmt=NOTE)
        header = ["On action lines", "On whole sections", "Total"]
        table = self.xtable([100, 20, 20, 20], ["Pillar", *header])
        for count in figures.by_pillar:
            table.row(self._count_row(count))
        table.row([[self.t("All pillars", fmt=BOLD)],
                   *[[self.t(str(n), fmt=BOLD)] for n in (
                       figures.total - figures.section_wide, figures.section_wide,
                       figures.total)]])
        self.heading("By section", 2)
        table = self.xtable([100, 20, 20, 20], ["Section", *header])
        for count in figures.by_section:
            table.row(self._count_row(count))
        part_lines = figures.total - sum(s.total for s in figures.by_section)
        if part_lines:
            table.row([[self.t("Lines outside a section", fmt=ITALIC)],
                       [self.t(str(part_lines))], [self.t("0")], [self.t(str(part_lines))]])
        self.heading("By kind", 2)
        table = self.xtable([100, 20], ["Kind", "Activities"])
        for kind, n in figures.by_kind:
            table.row([[self.t(kind)], [self.t(str(n))]])
        table.row([[self.t("Total", fmt=BOLD)], [self.t(str(figures.total), fmt=BOLD)]])

    def _count_row(self, count: ActivityCount) -> list[list[Run]]:
        return [[self.t(count.label)], [self.t(str(count.on_lines))],
                [self.t(str(count.section_wide))], [self.t(str(count.total))]]

    def changes(self) -> None:
        self.heading("What changed in the period")
        if not self.content.changes:
            self.para("No status changed in the period.")
            return
        table = self.xtable([35, 25, 50, 50], ["Date", "Action line", "Status before",
                                              "Status after"])
        for ch in self.content.changes:
            table.row([[self.t(long_date(ch.at.date()))], [self.t(ch.ref)], [self.t(ch.old)],
                       [self.t(ch.new)]])

    def activity_lines(self) -> None:
        """By section: its section-wide activities once, then its lines with their own."""
        self.heading("Action lines and activities")
        groups = [g for g in self.content.groups
                  if g.activities or any(line.activities for line in g.lines)]
        if not groups:
            self.para("No activity was recorded in the period.")
            return
        table = self.xtable([16, 50, 24, 70], ["Ref", "Action line (subject)", "Status",
                                               "Activities in the period"])
        for group in groups:
            self._span(table, _group_label(group))
            if group.activities:
                table.row([[self.t(group.number, fmt=BOLD)],
                           [self.t("Section-wide activities (the whole section)", fmt=ITALIC)],
                           [("\u2013", GREY)],
                           self.cell([describe(a) for a in group.activities], "activity")])
            for line in group.lines:
                if line.activities:
                    table.row([[self.t(line.ref)], [self.t(subject(line.text), line.ref)],
                               [self.t(line.status)],
                               self.cell([describe(a) for a in line.activities], "activity")])

    def quiet_lines(self) -> None:
        """The lines with no activity of their own: per section a heading row, then
        ref | status pairs across."""
        self.heading("Action lines with no activity in the period")
        quiet = self.content.without_activity
        if not quiet:
            self.para("None.")
            return
        self.para(f"{_n(len(quiet), 'action line', 'action lines')} with no activity of "
                  "their own (a section's section-wide activities are listed above).",
                  fmt=NOTE)
        table = self.xtable([18, 35.3] * QUIET_PAIRS,
                           ["Ref", "Status"] * QUIET_PAIRS)
        for group in self.content.groups:
            lines = [line for line in group.lines if not line.activities]
            if not lines:
                continue
            label = _group_label(group)
            if group.activities:
                wide = _n(len(group.activities), "section-wide activity",
                          "section-wide activities")
                label += f" ({wide}: see above)"
            self._span(table, label)
            for start in range(0, len(lines), QUIET_PAIRS):
                chunk = lines[start:start + QUIET_PAIRS]
                cells: list[list[Run]] = []
                for line in chunk:
                    cells += [[self.t(line.ref)], [self.t(line.status)]]
                cells += [[]] * (2 * QUIET_PAIRS - len(cells))
                table.row(cells)

    def acronym_annex(self) -> None:
        self.heading("Annex: Acronyms", new_page=True)
        used = brief_acronyms("\n".join(dict.fromkeys(self.texts)), self.content.glossary)
        if not used:
            self.para("No acronyms from the glossary appear in this report.", fmt=NOTE)
            return
        table = self.xtable([32, 128])
        for a in used:
            table.row([[self.t(a.abbr, "glossary", BOLD)], [self.t(a.expansion, "glossary")]])

    def header_footer(self) -> None:
        """The marking, centred and bold, in every header and footer; "Page X of Y"."""
        section = self.doc.sections[0]
        for part, style, numbers in ((section.header, "Header", False),
                                     (section.footer, "Footer", True)):
            root = part._element
            for child in list(root):
                root.remove(child)
            values = [self.marking] if self.marking else ([] if numbers else [""])
            for value in [*values, *([None] if numbers else [])]:
                p = sub(root, "p")
                ppr = sub(p, "pPr")
                sub(ppr, "pStyle", val=self.styles.ids[style])
                sub(ppr, "jc", val="center")
                if value:
                    add_text(p, value, BOLD)
                elif value is None:
                    add_text(p, f"Progress report, {self.content.as_at_text}  \u00b7  Page ")
                    add_field(p, "PAGE", "1")
                    add_text(p, " of ")
                    add_field(p, "NUMPAGES", "1")

    # -- helpers ----------------------------------------------------------------------------

    def xtable(self, widths_mm: list[float], header: list[str] | None = None) -> XmlTable:
        """A table at the page's text width (`widths_mm` for a 160 mm text width), written
        as XML text (app.export.report_tables) and placed before what follows it."""
        self.flush()
        self._pending = XmlTable([w * self.scale for w in widths_mm], self._table_style,
                                 header=[self.t(text, fmt=BOLD) for text in header or ()])
        return self._pending

    def flush(self) -> None:
        """Place the table being written, if any."""
        if self._pending is not None:
            self._pending.place(self.doc)
            self._pending = None

    def para(self, text: str = "", style: str | None = None, fmt: Fmt = PLAIN, *,
             where: str = "brief") -> Any:
        self.flush()
        return super().para(text, style, fmt, where=where)

    def heading(self, text: str, level: int = 1, *, anchor: str | None = None,
                new_page: bool = False) -> Any:
        self.flush()
        return super().heading(text, level, anchor=anchor, new_page=new_page)

    def _span(self, table: XmlTable, text: str) -> None:
        """A row across the whole table: a section's heading (kept with the next row)."""
        table.span([self.t(text, "section", BOLD)])


def _group_label(group: ReportGroup) -> str:
    if group.is_section:
        return f"Section {group.label}"
    part = f"Part {group.number}: {group.title}" if group.number else group.title
    return f"{part} (lines outside a section)"


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"

"""The agenda items of the Word brief (app.export.brief_docx): each item's title with its
reference, what the delegation says (objective, points, defensive points), background and
outcome, then the verbatim text and the desk information (status, who leads which line, the
pillar); the key messages page that sums them up; and how the items share pages (a short
item is kept whole and flows on from the one before, a long one starts a page)."""

from __future__ import annotations

from typing import Any

from app.meetings.values import AgendaItemView
from app.vocab import status_label

from .brief_wording import context, item_heading, letters, section_leads, status_summary
from .content import BriefContent, lead_focal_points
from .docx_layout import PageModel
from .docx_page import BOLD, GREY, NOTE, PageWriter, filled
from .docx_xml import KEEP_NEXT, W
from .metrics import wrapped_lines

# An item taller than this share of the page starts a page of its own; a shorter one is kept
# whole and follows the item before it.
LONG_ITEM = 0.7
KEY_POINTS = 3  # at most this many points to make per item on the key messages page


class ItemWriter(PageWriter):
    content: BriefContent
    include_notes: bool
    include_private: bool
    full_text: bool
    annex_full: str
    _plan_text: str

    def item_title(self, n: int, item: AgendaItemView) -> str:
        return f"Item {n}: {item_heading(item)}"

    # -- key messages -----------------------------------------------------------------------

    def key_messages(self, model: PageModel) -> None:
        """One page: for each item its objective and its first points to make."""
        self.heading("Key messages", anchor="_TocKeyMessages", new_page=True)
        items = [(n, i) for n, i in enumerate(self.content.meeting.items, 1)
                 if filled(i.objective) or filled(i.points_to_make)]
        if not items:
            self.para("No objectives or points to make recorded yet.", fmt=NOTE)
            return
        measured = self._key_lines(items, model.width)  # (once: the same for every try)
        points = KEY_POINTS
        while points > 1 and _key_height(measured, points) > model.page_height * 0.9:
            points -= 1
        for n, item in items:
            mark = self.body.mark()
            where = item.ref or item.brief_title  # (as on the item's page: warned once)
            self.body.paragraph(None, [self.t(self.item_title(n, item), f"{where} title",
                                              BOLD)])
            objective = " ".join(filled(item.objective))
            if objective:
                self.body.paragraph(None, [self.t("Objective: ", fmt=GREY),
                                           self.t(objective, f"{where} objective")])
            shown = filled(item.points_to_make)
            self.lines("\n".join(shown[:points]), bullets=True,
                       where=f"{where} points to make")
            if len(shown) > points:
                self.para(f"and {len(shown) - points} more under item {n}", fmt=NOTE)
            self.keep_together(self.body.since(mark))

    @staticmethod
    def _key_lines(items: list[tuple[int, AgendaItemView]],
                   width: float) -> list[tuple[int, list[int]]]:
        """Each item's objective and first points to make, in wrapped lines of 10.5 pt Arial
        at the page's width."""
        return [(wrapped_lines(" ".join(filled(item.objective)), width, 10.5),
                 [wrapped_lines(p, width - 18, 10.5)
                  for p in filled(item.points_to_make)[:KEY_POINTS]]) for _, item in items]

    # -- one agenda item --------------------------------------------------------------------

    def agenda_item(self, n: int, item: AgendaItemView, model: PageModel, *,
                    first: bool = False) -> None:
        """Title, then what the delegation says (objective, points, defensive points),
        background and outcome, then the verbatim text and the desk information; laid out
        (`first`: the first item, which starts a page)."""
        mark = self.body.mark()
        self.body.keeping = True  # kept together as written (most items are short)
        try:
            title, desk = self._item_body(item, n)
        finally:
            self.body.keeping = False
        elements = self.body.since(mark)
        long = model.height(elements) > model.page_height * LONG_ITEM
        if first or long:
            self.keep(title, page_break_before=True, with_next=False)
        if not long:
            chain = elements
        elif desk is not None:  # it may run over pages: its end stays together (the text's
            chain = elements[max(0, elements.index(desk) - 2):]  # last lines, the desk
        else:  # information)
            chain = []
        self._keep_only(elements, chain, model)

    def _item_body(self, item: AgendaItemView, n: int) -> tuple[Any, Any]:
        """The item's paragraphs and tables; returns its title and desk information's
        heading (None for an item of the user's own)."""
        where = item.ref or item.brief_title
        title = self.heading(self.item_title(n, item), anchor=f"_TocItem{n}")
        if not item.is_free:
            self.body.paragraph(None, [self.t(context(item), where, GREY)])
        for name, label, bullets in (("objective", "Objective", False),
                                     ("points_to_make", "Points to make", True),
                                     ("defensive_points", "Defensive points", True),
                                     ("background", "Background", False),
                                     ("outcome", "Outcome", False)):
            self.section(label, item.field(name), bullets=bullets,
                         where=f"{where} {label.lower()}")
        desk = None
        if not item.is_free:
            self.verbatim(item)
            desk = self.desk_information(item)
        if self.include_notes:
            self.notes(item)
        return title, desk

    def _keep_only(self, elements: list[Any], chain: list[Any], model: PageModel) -> None:
        """`elements` were written keeping with the next: what `keep_chain(chain)` and the
        keeps set by name (`keep`) would have set is left, the rest taken off (and measured
        again). `chain` is the end of `elements`."""
        kept = self.body.kept
        start = len(elements) - len(chain)
        changed = []
        for index, element in enumerate(elements):
            last = index == len(elements) - 1
            if element.tag == W + "p":
                if (index < start or last) and not kept.get(element, 0) & KEEP_NEXT:
                    self.body.unkeep(element)
                    changed.append(element)
            elif element.tag == W + "tbl":
                rows = element.findall(W + "tr")
                ends = rows if index < start else rows[-1:] if last else []
                for row in ends:
                    for p in row.iter(W + "p"):
                        self.body.unkeep(p)
                if ends:
                    changed.append(element)
        model.forget(changed)

    def verbatim(self, item: AgendaItemView) -> None:
        """The action line's text; for a whole section the lines chosen, the rest by
        reference. Kept in one piece on a page where it fits."""
        quoted = item.quoted()
        of = f" ({item.plan_label})" if item.plan_label else ""  # a meeting across plans
        if not item.is_section:
            self.heading(f"Text of the action line{of}", 2)
        else:
            self.heading(f"Text of section {item.ref}{of}", 2)
            if len(quoted) < len(item.actions):
                self.keep(self.para("Quoted: " + (letters(quoted) if quoted else "none")
                               + f" of {len(item.actions)} lines"
                               + (" (those with notes, lines to take or focal points)"
                                  if not item.quoted_lines.strip() else "") + ".", fmt=NOTE))
        paragraphs = []
        for action in quoted:
            runs = []
            if item.is_section:
                runs.append(self.t(f"{action.mark} ", fmt=BOLD))
            runs.append(self.t(action.text, f"{action.ref} action text"))
            if item.is_section:
                runs.append(self.t(f" [{status_label(action.status)}]", fmt=NOTE))
            paragraphs.append(self.body.paragraph(self._plan_text, runs))
        for p in paragraphs[:-1]:  # each one's lines together: the Plan Text style
            self.keep(p)
        rest = [a for a in item.actions if a not in quoted]
        if rest:
            where = f"in {self.annex_full.split(':')[0]}" if self.full_text else "in the plan"
            self.para(f"Not quoted ({where}): {letters(rest)}.", fmt=NOTE)

    def desk_information(self, item: AgendaItemView) -> Any:
        """Status, who leads (for a whole section: which line each leads), the pillar;
        returns its heading."""
        heading = self.heading("Desk information", 2)
        status = (status_label(item.actions[0].status) if len(item.actions) == 1
                  else status_summary(item))
        if item.is_section:
            leads = section_leads(item)
        else:
            leads = [f"{country}: {'; '.join(names)}"
                     for country, names in lead_focal_points(item.focal_points)]
        table = self.table([40, 120])
        rows = [("Status", [status])]
        if leads:
            rows.append(("Lead focal points", leads))
        if item.plan_label:  # a meeting across plans
            rows.append(("Plan", [item.plan_title]))
        rows.append(("Pillar", [item.part_heading]))
        for label, values in rows:
            table.row([[self.t(label, fmt=BOLD)],
                       self.cell(values, f"{item.ref} {label.lower()}")], shade_first=True)
        return heading

    def notes(self, item: AgendaItemView) -> None:
        shown = [a for a in item.actions
                 if a.notes.strip() and (self.include_private or not a.notes_private)]
        if not shown:
            return
        self.heading("Desk notes", 2)
        for action in shown:
            label = " ".join(filter(None, (f"{action.ref}:" if len(item.actions) > 1 else "",
                                           "(private)" if action.notes_private else "")))
            for index, line in enumerate(filled(action.notes)):
                runs = [self.t(label + " ", fmt=BOLD)] if index == 0 and label else []
                self.body.paragraph(None, [*runs, self.t(line, f"{action.ref} notes")])


def _key_height(measured: list[tuple[int, list[int]]], points: int) -> float:
    """About how tall the key messages are with `points` points per item (10.5 pt lines, and
    the paragraphs' spacing)."""
    lines = 2.0  # the heading
    for objective, shown in measured:
        lines += 1.5 + objective
        lines += sum(n + 0.4 for n in shown[:points])
    return lines * (10.5 * 1.25)

"""The plans of every numbering style the parser reads (tests/plan_styles.py), as a Word file
whose numbers are typed (each heading and action line one paragraph, page breaks between some
of them, the title as a running header, "Page N of M" in the footer) and as the PDF
LibreOffice prints from it: each reads as its text does, every action line verbatim under its
reference, the preamble untouched, nothing of the header or footer anywhere. (The same with
numbers that are only Word's list formatting: test_plan_files.py, test_plan_files_pdf.py.)"""

from __future__ import annotations

import os
import re

import pytest
from plan_docs import SOFFICE, Para, to_pdf, write_docx

from app.interchange.plan_text import read_plan
from app.plan_parser import parse_plan
from tests.plan_styles import PLANS, StylePlan

pytestmark = pytest.mark.sqlite_only
IDS = [f"{p.key}-{i}" for i, p in enumerate(PLANS)]
PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>'


def _paragraphs(plan: StylePlan) -> list[Para]:
    """The plan as its author typed it in Word: the title, the preamble's paragraphs, then
    each heading and action line one paragraph, its number typed as the text has it; a page
    break after every fourth."""
    parsed = parse_plan(plan.text)
    lines = plan.text.split("\n")
    at = 0

    def typed(text: str) -> str:
        """`text` with the number typed before it in the plan's text (found from where the
        last one was)."""
        nonlocal at
        start = text[:12]
        while start not in lines[at]:
            at += 1
        prefix = lines[at][:lines[at].index(start)]
        at += 1
        return prefix + text

    texts = [parsed.title, *(p for p in parsed.preamble.split("\n\n") if p)]
    for part in parsed.parts:
        texts.append(typed(part.title))
        texts += [typed(a.text) for a in part.actions]
        for section in part.sections:
            texts.append(typed(section.title))
            texts += [typed(a.text) for a in section.actions]
    out: list[Para] = []
    for n, text in enumerate(texts):
        if n and n % 4 == 0:
            out.append(Para("", xml=PAGE_BREAK))
        out.append(Para(text, size=28 if n == 0 else None))
    return out


@pytest.fixture(scope="module")
def files(tmp_path_factory, request):
    """(docx, pdf) for each plan; one LibreOffice run."""
    folder = tmp_path_factory.mktemp("style-plans")
    docs = [write_docx(folder / f"{plan.key}-{i}.docx", _paragraphs(plan), header=plan.title)
            for i, plan in enumerate(PLANS)]
    if SOFFICE is None:
        if "CI" in os.environ:
            pytest.fail("CI is set but soffice is not installed")
        return {doc.stem: (doc, None) for doc in docs}
    profile = request.getfixturevalue("soffice_profile")
    pdfs = to_pdf(profile, folder / "pdf", *docs)
    return {doc.stem: (doc, pdf) for doc, pdf in zip(docs, pdfs, strict=True)}


def _check(parsed, plan: StylePlan) -> None:
    assert parsed.style == plan.key
    assert parsed.title == plan.title
    assert parsed.preamble == plan.preamble
    assert tuple((p.label, p.title) for p in parsed.parts) == plan.parts
    assert tuple((s.number, s.title) for p in parsed.parts for s in p.sections) == plan.sections
    assert tuple((ref, a.text) for ref, _p, _s, a in parsed.action_lines()) == plan.actions
    assert parsed.unplaced == ()


@pytest.mark.parametrize("index", range(len(PLANS)), ids=IDS)
def test_a_style_plan_in_word_reads_as_its_text(files, index):
    plan = PLANS[index]
    _check(read_plan(files[IDS[index]][0]), plan)


@pytest.mark.parametrize("index", range(len(PLANS)), ids=IDS)
def test_a_style_plan_printed_to_pdf_reads_as_its_text(files, index):
    plan = PLANS[index]
    pdf = files[IDS[index]][1]
    if pdf is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    parsed = read_plan(pdf)
    _check(parsed, plan)
    shown = [parsed.preamble, *(p.title for p in parsed.parts),
             *(s.title for p in parsed.parts for s in p.sections),
             *(a.text for *_, a in parsed.action_lines())]
    assert not any(re.search(r"Page \d+ of \d+", text) or plan.title in text for text in shown)

"""The rules that take a PDF page's lines apart (app.interchange.pdf_lines, plan_pdf), on
lines made by hand: headers and footers printed close to the text, page numbers in their
usual shapes, text that only happens to come back, line ends and hyphens."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import InputError
from app.interchange.pdf_lines import (
    PAGE_NUMBER,
    Chunk,
    Line,
    drop_contents,
    drop_furniture,
    split_footnotes,
)
from app.interchange.plan_files import read_plan_source
from app.interchange.plan_pdf import join_lines


def _line(page: int, y: float, text: str, size: float = 11.0, x: float = 72.0) -> Line:
    line = Line(page, [Chunk(x, y, size, text)])
    line.finish()
    return line


def _page(page: int, header: str | None, body: list[str], footer: str | None,
          gap: float = 14.0) -> list[Line]:
    lines = []
    y = 800.0
    if header is not None:
        lines.append(_line(page, y, header, 9.0))
        y -= gap
    for text in body:
        lines.append(_line(page, y, text))
        y -= 13.0
    if footer is not None:
        lines.append(_line(page, y - gap + 13.0, footer, 9.0))
    return lines


def test_a_header_and_page_numbers_close_to_the_text_come_off():
    repeated = "the exchange of best practices and capacity-building programmes for"
    pages = [_page(n, "ASEAN-EU Plan of Action 2023-2027", [
        f"Body line {n}.1 of the plan", repeated if n % 2 else f"Line {n}.2",
        f"Body line {n}.3 of the plan"], f"- {n + 1} -") for n in range(4)]
    kept = drop_furniture(pages)
    assert [[line.text for line in lines] for lines in kept] == [
        [f"Body line {n}.1 of the plan", repeated if n % 2 else f"Line {n}.2",
         f"Body line {n}.3 of the plan"] for n in range(4)]


def test_a_line_that_only_happens_to_come_back_first_on_two_pages_stays():
    pages = [_page(0, None, ["Same first line", "one"], None),
             _page(1, None, ["Same first line", "two"], None),
             _page(2, None, ["Other", "three"], None),
             _page(3, None, ["Another", "four"], None)]
    assert [ln.text for lines in drop_furniture(pages) for ln in lines] == [
        "Same first line", "one", "Same first line", "two", "Other", "three", "Another", "four"]


@pytest.mark.parametrize(("text", "is_number"), [
    ("3", True), ("- 3 -", True), ("\u2013 12 \u2013", True), ("Page 3", True),
    ("Page 3 of 12", True), ("page 3 / 12", True), ("3/12", True), ("iv", True), ("(7)", True),
    ("1. PART ONE", False), ("a) Convene", False), ("2023-2027", False), ("3.", False),
])
def test_page_numbers(text, is_number):
    assert bool(PAGE_NUMBER.match(text)) is is_number


@pytest.mark.parametrize(("lines", "joined"), [
    (["ASEAN-", "Australia"], "ASEAN-Australia"),
    (["capa\u00ad", "city"], "capacity"),
    (["Asia \u2013", "Europe"], "Asia \u2013 Europe"),
    (["pre -", "and post-"], "pre - and post-"),
    (["through ", " workshops"], "through workshops"),
    (["one", "", "two"], "one two"),
])
def test_lines_join_as_the_words_run(lines, joined):
    assert join_lines(lines) == joined


@pytest.mark.parametrize(("size", "gap", "notes"), [
    (8.0, 13.0, 2), (10.0, 24.0, 2), (10.0, 13.0, 0), (10.5, 24.0, 0), (11.0, 24.0, 0)])
def test_footnotes_are_the_smaller_type_at_the_foot_of_a_page(size, gap, notes):
    """Much smaller type at the foot, or a little smaller (Word: 10 points under 11) and set
    apart; the same size, or close under the text, is the text."""
    text = [_line(0, 700 - 13 * n, f"Line {n} of the text") for n in range(3)]
    y = text[-1].y - gap
    foot = [_line(0, y, "1 A note that runs over", size), _line(0, y - size, "two lines.", size),
            _line(0, y - 2 * size - 2, "2 Another note.", size)]
    kept, found = split_footnotes(text + foot, 11.0)
    assert len(found) == notes
    if notes:
        assert kept == text
        assert [" ".join(line.full_text for line in note) for note in found] == [
            "1 A note that runs over two lines.", "2 Another note."]
    else:
        assert kept == text + foot


def test_a_raised_footnote_mark_leaves_the_text_and_stays_in_the_footnote():
    line = Line(0, [Chunk(72, 700, 11, "Convene the Summit."), Chunk(160, 704, 7, "12"),
                    Chunk(165, 700, 11, " Then more.")])
    line.finish()
    assert line.text == "Convene the Summit. Then more."
    note = Line(0, [Chunk(72, 104, 6, "3"), Chunk(76, 100, 9, "Adopted in 2023.")])
    note.finish()
    assert (note.text, note.full_text) == ("Adopted in 2023.", "3 Adopted in 2023.")


def test_a_table_of_contents_comes_off():
    page = [_line(0, 700 - 13 * n, text) for n, text in enumerate([
        "Contents", "1. POLITICAL COOPERATION .................... 3",
        "1.1 Dialogue . . . . . . . . 4", "2. ECONOMIC COOPERATION\u2026 12",
        "Annex ________ 30", "1. POLITICAL COOPERATION",
        "a) Hold the Summit every year in 2024. 2025 and 2026.", "b) See page 12"])]
    assert [line.text for line in drop_contents([page])[0]] == [
        "Contents", "1. POLITICAL COOPERATION",
        "a) Hold the Summit every year in 2024. 2025 and 2026.", "b) See page 12"]



_SOUND: dict[str, bytes] = {}


def _sound(kind: str, folder) -> bytes:
    """A sound PDF (the bundle check's, its text compressed by pypdf) or Word file."""
    if not _SOUND:
        import runpy
        from pathlib import Path

        from plan_docs import DECIMAL
        from pypdf import PdfReader, PdfWriter

        check_bundle = runpy.run_path(
            str(Path(__file__).parents[1] / "packaging" / "check_bundle.py"),
            run_name="check_bundle")
        (folder / "tiny.pdf").write_bytes(check_bundle["tiny_pdf"]())
        writer = PdfWriter(clone_from=PdfReader(folder / "tiny.pdf"))
        for page in writer.pages:
            page.compress_content_streams()
        with (folder / "compressed.pdf").open("wb") as fh:
            writer.write(fh)
        _SOUND["pdf"] = (folder / "compressed.pdf").read_bytes()
        _SOUND["docx"] = DECIMAL.write(folder / "sound.docx").read_bytes()
    return _SOUND[kind]


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cuts=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1,
                     max_size=40),
       kind=st.sampled_from(["pdf", "docx"]))
def test_a_damaged_pdf_or_word_file_is_read_or_refused_in_one_line(tmp_path, cuts, kind):
    """Bytes changed anywhere in a sound file: it reads, or one InputError line; never
    another exception."""
    data = bytearray(_sound(kind, tmp_path))
    for at, value in cuts:
        data[at % len(data)] = value
    path = tmp_path / f"damaged.{kind}"
    path.write_bytes(bytes(data))
    try:
        read_plan_source(path)
    except InputError as exc:
        assert "\n" not in str(exc)

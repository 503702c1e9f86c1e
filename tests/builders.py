"""Real files made by the tests: a Word letter, a PDF, hostile files. All text is invented."""

from __future__ import annotations

import zipfile
from pathlib import Path

LETTER_BODY = [
    "Dear Ms Example,",
    "We met Jade at school on Tuesday to talk about the concerns raised.",
    "Jade put herself at risk by meeting him at the flat.",
    "The school will continue to offer support each week.",
]
TABLE_ROWS = [
    ("Date", "Note"),
    ("4 March", "She should not have sent the images."),
]
HEADER_TEXT = "Children's Services - Example Borough"
FOOTER_TEXT = "Jade is placing herself in danger by going out at night."


def word_letter(path: Path) -> Path:
    """A letter with body paragraphs, a table, a header and a footer."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER_TEXT
    section.footer.paragraphs[0].text = FOOTER_TEXT
    for text in LETTER_BODY[:3]:
        document.add_paragraph(text)
    table = document.add_table(rows=len(TABLE_ROWS), cols=2)
    for r, row in enumerate(TABLE_ROWS):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph(LETTER_BODY[3])
    document.save(str(path))
    return path


def pdf(path: Path, pages: list[str]) -> Path:
    """A PDF with one paragraph of text per page, written with fpdf2."""
    from fpdf import FPDF

    doc = FPDF()
    doc.set_font("helvetica", size=12)
    for text in pages:
        doc.add_page()
        doc.multi_cell(0, 8, text)
    doc.output(str(path))
    return path


def encrypted_pdf(path: Path, text: str) -> Path:
    """A PDF that needs a password to open."""
    from pypdf import PdfReader, PdfWriter

    plain = pdf(path.with_suffix(".plain.pdf"), [text])
    writer = PdfWriter()
    for page in PdfReader(str(plain)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path


def zip_bomb(path: Path, size: int = 400 * 1024 * 1024) -> Path:
    """A .docx-named zip whose document part expands to ``size`` bytes of zeros."""
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return path


def odt_letter(path: Path) -> Path:
    """An OpenDocument letter with a heading, a table, a list, a header and a footer."""
    from odfdo import Document, Header, List, ListItem, Paragraph, Table

    document = Document("text")
    body = document.body
    body.append(Header(1, "Letter"))
    for text in LETTER_BODY[:3]:
        body.append(Paragraph(text))
    table = Table("Notes", width=2, height=len(TABLE_ROWS))
    for r, row in enumerate(TABLE_ROWS):
        for c, value in enumerate(row):
            table.set_value((c, r), value)
    body.append(table)
    items = List()
    items.append(ListItem("We will meet again next week."))
    body.append(items)
    master = document.get_styles("master-page")[0]
    master.set_page_header(HEADER_TEXT)
    master.set_page_footer(FOOTER_TEXT)
    document.save(str(path))
    return path

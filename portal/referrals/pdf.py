"""The neutral card as a PDF (A6), made on our server with fpdf2: a QR code, the short address, the emergency
numbers and a box for handwritten notes. It has no words at all, so it is neutral in every language and needs no
fonts beyond the PDF's built-in Helvetica for digits and the address."""

import segno
from fpdf import FPDF

A6 = (105, 148)  # millimetres
MARGIN = 8


def card(address: str) -> bytes:
    qr = segno.make(address, error="m")
    pdf = FPDF(unit="mm", format=A6)
    pdf.set_title("")  # no title, author or subject in the file's properties either
    pdf.set_creator("")
    pdf.set_producer("")
    pdf.set_auto_page_break(False)
    pdf.set_compression(False)  # a few kilobytes either way; plain streams can be checked
    pdf.add_page()
    pdf.set_fill_color(0, 0, 0)
    width = A6[0] - 2 * MARGIN - 20
    matrix = qr.matrix
    module = width / len(matrix)
    for row, line in enumerate(matrix):
        for column, dark in enumerate(line):
            if dark:
                pdf.rect(MARGIN + 10 + column * module, MARGIN + row * module, module, module, style="F")
    pdf.set_font("Helvetica", size=9)
    pdf.set_xy(MARGIN, MARGIN + width + 4)
    pdf.multi_cell(A6[0] - 2 * MARGIN, 4.5, address, align="C")
    pdf.set_font("Helvetica", style="B", size=20)
    pdf.set_x(MARGIN)
    pdf.cell(A6[0] - 2 * MARGIN, 12, "112   ·   101", align="C", new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 2
    pdf.set_draw_color(120, 120, 120)
    pdf.rect(MARGIN, top, A6[0] - 2 * MARGIN, A6[1] - MARGIN - top)  # for handwritten notes
    return bytes(pdf.output())

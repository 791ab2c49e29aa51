#!/usr/bin/env python3
"""Reads forms back after a fax: how many of the values a clerk typed come back exactly.

For each case of a database that has all four forms (warranty card, complaint, investigation
report, service confirmation), every form is printed with `aftersales export-pdf`, rendered as
a standard G3 fax (Ghostscript's `tiffg3` device at 204 x 196 dpi, one bit), read by Tesseract
(Chinese and English), and each value is looked for in what it read, spaces ignored. Prints
every value that did not come back, the count per form, and the share of all values that did.

    apt-get install ghostscript tesseract-ocr tesseract-ocr-chi-sim
    cargo build --release
    target/release/aftersales --db /tmp/fax.db demo --count 500
    python3 tools/fax_check.py --db /tmp/fax.db --cases 6

A value longer than 40 characters is checked in pieces of ten. For the longest values the
forms allow, check a database holding the case `aftersales demo --longest` adds:

    target/release/aftersales --db /tmp/longest.db demo --longest
    python3 tools/fax_check.py --db /tmp/longest.db --cases 1

docs/PAPER.md has the method and the figures.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import unicodedata


def yuan(fen):
    return f"{fen // 100}.{fen % 100:02d}"


def values(db, complaint_id):
    """The values each form of the case prints, by form: (form number, [(field, value)])."""
    one = lambda sql: db.execute(sql, (complaint_id,)).fetchone()
    c = one(
        "SELECT complaint_no, customer_name, customer_phone, customer_address, product_model,"
        " serial_no, description, warranty_registration_no FROM complaints WHERE id = ?"
    )
    card = db.execute(
        "SELECT registration_no, customer_name, customer_phone, customer_address, product_model,"
        " serial_no, purchase_date, issuing_dealer FROM warranty_cards WHERE registration_no = ?",
        (c[7],),
    ).fetchone()
    i = one(
        "SELECT investigation_no, investigators, findings, cause, customer_opinion,"
        " estimated_cost_fen FROM investigations WHERE complaint_id = ?"
    )
    # Schema 18 completed the confirmation: its contact, the cause found, packaging as the
    # fifth cost, and each part's two serials.
    f = one(
        "SELECT confirmation_no, work_done, technicians, comments, contact_person, cause_found,"
        " labour_fen + parts_fen + travel_fen + transport_fen + packaging_fen, id"
        " FROM confirmations WHERE complaint_id = ?"
    )
    parts = db.execute(
        "SELECT name, faulty_serial, replacement_serial FROM confirmation_parts"
        " WHERE confirmation_id = ? ORDER BY position", (f[7],)
    ).fetchall()
    forms = [
        (card[0], list(zip(
            ["number", "name", "phone", "address", "model", "serial", "purchase date", "dealer"],
            card,
        ))),
        (c[0], list(zip(
            ["number", "name", "phone", "address", "model", "serial", "description"], c[:7]
        ))),
        (i[0], list(zip(["number", "investigators", "findings", "cause", "opinion"], i[:5]))
         + [("estimated cost", yuan(i[5]))]),
        (f[0], list(zip(["number", "work done", "technicians", "comments", "contact",
                         "cause found"], f[:6]))
         + [("total", yuan(f[6]))]
         + [(field, value) for p in parts
            for field, value in zip(["part", "faulty serial", "replacement serial"], p)]),
    ]
    # The technicians are stored one per line and printed joined with "、".
    return [
        (number, [(field, str(v).replace("\n", "、") if field == "technicians" else str(v))
                  for field, v in fields if v])
        for number, fields in forms
    ]


# A value longer than this (a description of thousands of characters, in the longest case) is
# checked a piece at a time: one misread character would lose the whole of it, which says
# nothing about the rest.
WHOLE_UP_TO = 40
PIECE = 10


def pieces(field, value):
    """(field, piece) pairs: the value itself, or its PIECE-character pieces when longer than
    WHOLE_UP_TO characters, each named by where it starts."""
    text = squeeze(value)
    if len(text) <= WHOLE_UP_TO:
        return [(field, value)]
    return [(f"{field} [{at}:]", text[at:at + PIECE]) for at in range(0, len(text), PIECE)]


def squeeze(text):
    """`text` without spaces, full-width forms made half-width (NFKC): a fax reader may give
    "(" for "（"; that is the same mark to whoever reads the page."""
    return "".join(unicodedata.normalize("NFKC", text).split())


# How a page reaches the reader: as a fax sends it, or (to tell what the fax loses from what
# the reader does) in greys at the fax's resolution or at a scanner's.
RENDERINGS = {
    "fax": ["-sDEVICE=tiffg3", "-r204x196"],
    "grey": ["-sDEVICE=tiffgray", "-r204x196"],
    "grey300": ["-sDEVICE=tiffgray", "-r300"],
}


# Each thread's RapidOCR engine (PaddleOCR's PP-OCR models run by ONNX Runtime), made once:
# `pip install rapidocr-onnxruntime` brings it with its models.
_engines = threading.local()
# Pages are read in parallel, across forms: the longest confirmation alone runs to 254.
_page_pool = concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1)


def read_page(page, reader, lang):
    """What one page image reads as: (x, y, text) for each line the reader found, x and y its
    centre in pixels. Tesseract gives the page's text as one piece, placed nowhere."""
    if reader == "rapidocr":
        if not hasattr(_engines, "engine"):
            from rapidocr_onnxruntime import RapidOCR
            _engines.engine = RapidOCR()
        found, _ = _engines.engine(page)
        return [(sum(x for x, _ in box) / 4, sum(y for _, y in box) / 4, text)
                for box, text, _ in found or []]
    done = subprocess.run(["tesseract", page, "-", "-l", lang],
                          check=True, capture_output=True, text=True,
                          env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return [(-1, -1, done.stdout)]


def cells(pdf):
    """Each page's text blocks as the PDF places them, in points: [[(x0, y0, x1, y1)]]. A
    form's cell is one block, so they tell which lines the reader found belong together."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"],
                         check=True, capture_output=True, text=True).stdout
    pages = []
    for page in xml.split("<page ")[1:]:
        pages.append([tuple(float(v) for v in m) for m in re.findall(
            r'<block xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', page)])
    return pages


def in_cell_order(lines, blocks, dpi):
    """The lines read from a page, cell by cell: each line goes to the block its centre falls
    in, the blocks in the PDF's order and the lines of one block from top to bottom; a line in
    no block comes last. A wrapped value then reads as its own lines joined, as a person reads
    a cell, rather than interleaved with the cell beside it."""
    sx, sy = dpi[0] / 72, dpi[1] / 72
    grouped = [[] for _ in blocks] + [[]]
    for x, y, text in lines:
        at = next((n for n, (x0, y0, x1, y1) in enumerate(blocks)
                   if x0 * sx - 4 <= x <= x1 * sx + 4 and y0 * sy - 4 <= y <= y1 * sy + 4),
                  len(blocks))
        grouped[at].append((y, x, text))
    return "".join(text for group in grouped for _, _, text in sorted(group))


def read_back(binary, db_path, number, folder, lang, render, reader, cache):
    """The form's text as read in page order (as the reader gives it) and in cell order."""
    pdf = os.path.join(folder, f"{number}.pdf")
    subprocess.run([binary, "--db", db_path, "export-pdf", number, "--out", pdf],
                   check=True, capture_output=True)
    with open(pdf, "rb") as f:
        key = hashlib.sha256(f.read() + f"{render} {reader} {lang}".encode()).hexdigest()[:16]
    saved = cache and os.path.join(cache, f"{number}-{key}.json")
    if saved and os.path.exists(saved):
        with open(saved) as f:
            read = json.load(f)
    else:
        pages = os.path.join(folder, f"{number}-%d.tif")
        subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", *RENDERINGS[render],
                        f"-sOutputFile={pages}", pdf], check=True)
        count = 0
        while os.path.exists(pages % (count + 1)):
            count += 1
        read = list(_page_pool.map(lambda n: read_page(pages % n, reader, lang),
                                   range(1, count + 1)))
        if saved:
            with open(saved, "w") as f:
                json.dump(read, f, ensure_ascii=False)
    across, down = (RENDERINGS[render][1][2:] + "x").split("x")[:2]
    dpi = (int(across), int(down or across))
    in_pages = "".join(text for lines in read for _, _, text in lines)
    in_cells = "".join(in_cell_order(lines, blocks, dpi)
                       for lines, blocks in zip(read, cells(pdf)))
    return in_pages, in_cells


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--cases", type=int, default=6)
    parser.add_argument("--binary", default="target/release/aftersales")
    parser.add_argument("--lang", default="chi_sim",
                        help="Tesseract's languages (chi_sim+eng reads Chinese after a colon"
                             " as English words)")
    parser.add_argument("--reader", choices=["tesseract", "rapidocr"], default="tesseract",
                        help="tesseract (apt-get install tesseract-ocr-chi-sim) or rapidocr"
                             " (pip install rapidocr-onnxruntime: PaddleOCR's PP-OCR models)")
    parser.add_argument("--render", choices=RENDERINGS, default="fax",
                        help="fax: G3 at 204 x 196 dpi, one bit (the check); grey: the same"
                             " resolution in greys; grey300: greys at 300 dpi")
    parser.add_argument("--forms", metavar="KINDS",
                        help="only these forms, by their numbers' prefixes: WC,CC,IR,SC")
    parser.add_argument("--cache", metavar="DIR",
                        help="keep what the reader read of each form here, by the PDF's hash,"
                             " and read it from here the next time the same PDF is checked")
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    cases = [row[0] for row in db.execute(
        "SELECT c.id FROM complaints c JOIN investigations i ON i.complaint_id = c.id"
        " JOIN confirmations f ON f.complaint_id = c.id JOIN warranty_cards w"
        " ON w.registration_no = c.warranty_registration_no"
        " WHERE c.voided_at IS NULL ORDER BY c.id LIMIT ?", (args.cases,))]
    forms = [form for case in cases for form in values(db, case)
             if not args.forms or form[0].split("-")[0] in args.forms.split(",")]
    orders = ["page order", "cell order"] if args.reader == "rapidocr" else ["page order"]
    counts = {order: {} for order in orders}
    if args.cache:
        os.makedirs(args.cache, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, \
            concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        read = pool.map(
            lambda form: [squeeze(text) for text in read_back(
                args.binary, args.db, form[0], folder, args.lang, args.render, args.reader,
                args.cache)],
            forms,
        )
        for (number, fields), texts in zip(forms, read):
            kind = number.split("-")[0]
            for field, value in [p for f, v in fields for p in pieces(f, v)]:
                for order, text in zip(orders, texts):
                    hit = squeeze(value) in text
                    seen = counts[order].setdefault(kind, [0, 0])
                    seen[0] += hit
                    seen[1] += 1
                    if not hit:
                        print(f"lost in {order}  {number} {field}: {value}")
    for order in orders:
        print(f"read in {order}:")
        for kind, (hit, of) in sorted(counts[order].items()):
            print(f"  {kind}: {hit} of {of} ({100 * hit / of:.1f} %)")
        found = sum(hit for hit, _ in counts[order].values())
        total = sum(of for _, of in counts[order].values())
        print(f"  values read back exactly: {found} of {total}"
              f" ({100 * found / max(total, 1):.1f} %)")
    return 0 if forms else 1


if __name__ == "__main__":
    sys.exit(main())

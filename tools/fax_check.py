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
import os
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


def read_page(page, reader, lang):
    """The text of one page image, read by Tesseract or by RapidOCR."""
    if reader == "rapidocr":
        if not hasattr(_engines, "engine"):
            from rapidocr_onnxruntime import RapidOCR
            _engines.engine = RapidOCR()
        found, _ = _engines.engine(page)
        return "\n".join(text for _, text, _ in found or [])
    done = subprocess.run(["tesseract", page, "-", "-l", lang],
                          check=True, capture_output=True, text=True,
                          env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return done.stdout


def read_back(binary, db_path, number, folder, lang, render, reader):
    pdf = os.path.join(folder, f"{number}.pdf")
    subprocess.run([binary, "--db", db_path, "export-pdf", number, "--out", pdf],
                   check=True, capture_output=True)
    pages = os.path.join(folder, f"{number}-%d.tif")
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", *RENDERINGS[render],
                    f"-sOutputFile={pages}", pdf], check=True)
    text = ""
    page = 1
    while os.path.exists(pages % page):
        text += read_page(pages % page, reader, lang)
        page += 1
    return text


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
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    cases = [row[0] for row in db.execute(
        "SELECT c.id FROM complaints c JOIN investigations i ON i.complaint_id = c.id"
        " JOIN confirmations f ON f.complaint_id = c.id JOIN warranty_cards w"
        " ON w.registration_no = c.warranty_registration_no"
        " WHERE c.voided_at IS NULL ORDER BY c.id LIMIT ?", (args.cases,))]
    total = found = 0
    by_form = {}
    forms = [form for case in cases for form in values(db, case)]
    with tempfile.TemporaryDirectory() as folder, \
            concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        read = pool.map(
            lambda form: squeeze(read_back(args.binary, args.db, form[0], folder, args.lang,
                                           args.render, args.reader)),
            forms,
        )
        for (number, fields), text in zip(forms, read):
            kind = number.split("-")[0]
            for field, value in [p for f, v in fields for p in pieces(f, v)]:
                total += 1
                hit = squeeze(value) in text
                found += hit
                seen = by_form.setdefault(kind, [0, 0])
                seen[0] += hit
                seen[1] += 1
                if not hit:
                    print(f"lost  {number} {field}: {value}")
    for kind, (hit, of) in sorted(by_form.items()):
        print(f"{kind}: {hit} of {of}")
    print(f"values read back exactly: {found} of {total} ({100 * found / max(total, 1):.1f} %)")
    return 0 if total else 1


if __name__ == "__main__":
    sys.exit(main())

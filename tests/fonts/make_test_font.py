"""Builds AftersalesTestGlyphs.ttf, the font the tests use as "a font of this computer":
full-width glyphs for two CJK Extension B characters (𡈼 U+2123C, 𠀾 U+2003E) and an
emoji (😀 U+1F600), none of which the bundled font has. Each glyph is a frame with a
different mark inside, so a rendering shows which was drawn. Made for this project's tests;
public domain (CC0).

    pip install fonttools && python3 tests/fonts/make_test_font.py
"""

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen


def rect(pen, x0, y0, x1, y1):
    # Clockwise, as TrueType fills it.
    pen.moveTo((x0, y0))
    pen.lineTo((x0, y1))
    pen.lineTo((x1, y1))
    pen.lineTo((x1, y0))
    pen.closePath()


def framed(marks):
    pen = TTGlyphPen(None)
    # A frame 100 units thick, its hole drawn the other way round.
    rect(pen, 80, -80, 920, 800)
    pen.moveTo((180, 20))
    pen.lineTo((820, 20))
    pen.lineTo((820, 700))
    pen.lineTo((180, 700))
    pen.closePath()
    for mark in marks:
        rect(pen, *mark)
    return pen.glyph()


def empty():
    return TTGlyphPen(None).glyph()


glyphs = {
    ".notdef": framed([]),
    "space": empty(),
    "u2123C": framed([(280, 320, 720, 400)]),  # a bar across
    "u2003E": framed([(460, 120, 540, 600)]),  # a bar down
    "u1F600": framed([(300, 450, 400, 550), (600, 450, 700, 550), (300, 180, 700, 260)]),
}
order = list(glyphs)
builder = FontBuilder(1000, isTTF=True)
builder.setupGlyphOrder(order)
builder.setupCharacterMap({0x20: "space", 0x2123C: "u2123C", 0x2003E: "u2003E", 0x1F600: "u1F600"})
builder.setupGlyf(glyphs)
builder.setupHorizontalMetrics({name: (1000 if name != "space" else 500, 80) for name in order})
builder.setupHorizontalHeader(ascent=880, descent=-120)
builder.setupNameTable(
    {
        "familyName": "Aftersales Test Glyphs",
        "styleName": "Regular",
        "psName": "AftersalesTestGlyphs",
        "copyright": "Made for aftersales' tests; CC0",
    }
)
builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
builder.setupPost()
builder.save(Path(__file__).with_name("AftersalesTestGlyphs.ttf"))

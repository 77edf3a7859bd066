"""The Chinese font of the PDF export, cut to the characters a document uses and turned into
TrueType outlines.

Why TrueType: Noto Serif SC ships with CFF (PostScript) outlines, and fpdf2 embeds such a font with
an encoding CMap of its own making, which poppler reads but pdfminer (pdfplumber, and so jixiao's
own PDF reader) does not: the text would come out empty. A TrueType font is embedded with the
standard Identity-H encoding that every extractor understands. Converting only the glyphs used
takes a second or two; converting the whole 30,000-glyph font would take minutes.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from io import BytesIO
from pathlib import Path
from typing import Any

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

FONT_PACKAGE = "pylopdf_fonts_zh_cn"
FONT_FILE = "NotoSerifSC-Regular.otf"
# How far (in font units of a 1000-unit em) a quadratic curve may stray from the cubic it replaces.
CURVE_TOLERANCE = 1.0


@cache
def font_path() -> Path:
    """The CJK font file, from the installed package; a clear error when it is missing."""
    try:
        path = Path(str(resources.files(FONT_PACKAGE) / FONT_FILE))
    except ModuleNotFoundError:
        path = Path(FONT_FILE)
    if not path.is_file():
        raise RuntimeError(f"the PDF export needs the Chinese font {FONT_FILE} from the Python package "
                           f"'pylopdf-fonts-zh-cn'; install the project's dependencies")
    return path


def subset_font(source: Path, text: Iterable[str]) -> Any:
    """The font with only the glyphs for the characters of ``text`` (and .notdef), no layout tables."""
    font = TTFont(str(source), lazy=True)
    options = subset.Options()
    options.layout_features = []
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += ["VORG", "BASE", "GDEF", "GPOS", "GSUB"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(ch) for chunk in text for ch in chunk})
    subsetter.subset(font)
    return font


def cff_to_truetype(font: Any) -> None:
    """Replace a font's CFF outlines with quadratic TrueType ones, in place (after fontTools'
    otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, CURVE_TOLERANCE, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, glyphs
    del font["CFF "]
    glyf.compile(font)
    metrics = font["hmtx"]
    for name, glyph in glyphs.items():
        if hasattr(glyph, "xMin"):
            metrics[name] = (metrics[name][0], glyph.xMin)  # TrueType wants lsb == xMin
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attribute in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                      "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font.sfntVersion = "\000\001\000\000"


def truetype_subset(text: Iterable[str], source: Path | None = None) -> bytes:
    """TrueType font bytes covering the characters of ``text``."""
    font = subset_font(source or font_path(), text)
    cff_to_truetype(font)
    out = BytesIO()
    font.save(out)
    return out.getvalue()

"""Japanese fonts, found at run time and embedded as subsets.

IPAex Mincho (body) and IPAex Gothic (headings, receipt, verification code) from Debian's
fonts-ipaexfont are registered as TrueType fonts, so ReportLab embeds only the glyphs used
and the PDF renders the same everywhere. Without them the built-in CID font HeiseiMin-W3 /
HeiseiKakuGo-W5 is used (not embedded: the viewer supplies a font) and a warning says how to
install the real ones. Characters the font lacks are printed as 〓 (geta), as register
extracts print 外字, and the document notes it.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

log = logging.getLogger(__name__)

GETA = "〓"  # stands in for a character the font cannot draw
INSTALL_HINT = ("Japanese fonts not found: install Debian's fonts-ipaexfont "
                "(apt-get install fonts-ipaexfont) or set KIOSK_FONT_DIR to a directory "
                "holding ipaexm.ttf and ipaexg.ttf; using the non-embedded CID font instead.")

_SEARCH_DIRS = (
    "/usr/share/fonts/opentype/ipaexfont-mincho",
    "/usr/share/fonts/opentype/ipaexfont-gothic",
    "/usr/share/fonts/truetype/ipaexfont",
    "/usr/share/fonts/truetype",
    "/usr/share/fonts/opentype/ipaexfont",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "/Library/Fonts",
)
_FILES = {"mincho": ("ipaexm.ttf", "fonts-japanese-mincho.ttf"),
          "gothic": ("ipaexg.ttf", "fonts-japanese-gothic.ttf")}


@dataclass(frozen=True)
class FontSet:
    """The two faces every layout uses, by their ReportLab names."""

    mincho: str
    gothic: str
    embedded: bool
    gothic_file: Path | None = None

    def sanitise(self, text: str) -> tuple[str, bool]:
        """`text` with every character the fonts lack replaced by 〓; True if any was."""
        if not self.embedded:
            return text, False
        cmap = pdfmetrics.getFont(self.mincho).face.charToGlyph
        if all(ord(ch) in cmap or ch in "\n\t" for ch in text):
            return text, False
        return "".join(ch if ord(ch) in cmap or ch in "\n\t" else GETA for ch in text), True


def _find(names: tuple[str, ...], extra_dir: str | None) -> Path | None:
    dirs = ([extra_dir] if extra_dir else []) + list(_SEARCH_DIRS)
    for d in dirs:
        for name in names:
            p = Path(d).expanduser() / name
            if p.is_file():
                return p
    return None


_lock = threading.Lock()
_cached: FontSet | None = None


Outline = tuple[tuple[str, tuple[float, ...]], ...]   # ("M"|"L"|"C"|"Z", points) in em units


@lru_cache(maxsize=8)
def outline(font_file: Path, text: str) -> tuple[Outline, float]:
    """The glyph outlines of `text` set in a row, in em units (1.0 = font size), and its advance.

    Lets a layout draw letters as vector art (the 地紋's latent word) rather than as text."""
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont as FTFont

    ops: list[tuple[str, tuple[float, ...]]] = []
    font = FTFont(str(font_file), lazy=True)
    em = font["head"].unitsPerEm
    cmap, glyphs, hmtx = font.getBestCmap(), font.getGlyphSet(), font["hmtx"]
    x0 = 0.0

    class Pen(BasePen):
        def _moveTo(self, pt):
            ops.append(("M", ((x0 + pt[0]) / em, pt[1] / em)))

        def _lineTo(self, pt):
            ops.append(("L", ((x0 + pt[0]) / em, pt[1] / em)))

        def _curveToOne(self, p1, p2, p3):
            ops.append(("C", tuple(v for p in (p1, p2, p3) for v in ((x0 + p[0]) / em, p[1] / em))))

        def _closePath(self):
            ops.append(("Z", ()))

    for ch in text:
        name = cmap.get(ord(ch))
        if name is None:
            continue
        glyphs[name].draw(Pen(glyphs))
        x0 += hmtx[name][0]
    font.close()
    return tuple(ops), x0 / em


def fonts() -> FontSet:
    """Register (once per process) and return the fonts to draw with."""
    global _cached
    with _lock:
        if _cached is None:
            _cached = _register(os.environ.get("KIOSK_FONT_DIR"))
        return _cached


def _register(extra_dir: str | None) -> FontSet:
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    mincho = _find(_FILES["mincho"], extra_dir)
    gothic = _find(_FILES["gothic"], extra_dir)
    if mincho and gothic:
        pdfmetrics.registerFont(TTFont("IPAexMincho", str(mincho)))
        pdfmetrics.registerFont(TTFont("IPAexGothic", str(gothic)))
        return FontSet("IPAexMincho", "IPAexGothic", embedded=True, gothic_file=gothic)
    log.warning(INSTALL_HINT)
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    return FontSet("HeiseiMin-W3", "HeiseiKakuGo-W5", embedded=False)

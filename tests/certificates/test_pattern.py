"""The 地紋 behaves like the real paper: at normal viewing the latent 複写 is not there (the
word's cells and the background's carry the same ink); after a simulated photocopy — the
scanner's blur, then the copier's threshold — the word stands out. Measured on PDFium's
rendering of a page drawn by the toolkit, and on every page of a certificate, front and back."""

import io

import pypdfium2
import pytest
from PIL import Image, ImageFilter, ImageStat
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as rl_canvas

from certificates_templates import render_certificate
from certificates_templates.fonts import fonts
from certificates_templates.toolkit import Sheet
from certificates_templates.toolkit.pattern import CELL, DPI, PATTERN_FORM, draw_pattern, latent_cells
from certificates_templates.verification import Ed25519Signer

from .samples import ARTIFACTS, FIXED_KEY, SIGNER, household, sheet_picture

VIEWING_DPI = 150
HIDDEN = 1.5         # grey levels of 255: the word and the background differ less than this…
SHOWN = 30.0         # …and on the copy by more than this
COPY_BLUR = 1.0      # the copier's optics at 150 dpi (pixels: 0.17 mm)…
COPY_THRESHOLD = 240  # …and what it keeps as ink: anything darker than 94 % white


def _pattern_page() -> bytes:
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=A4, invariant=1)
    draw_pattern(Sheet(c, fonts(), A4))
    c.save()
    return buf.getvalue()


def _render(pdf: bytes, dpi: float, page: int = 0) -> Image.Image:
    return pypdfium2.PdfDocument(pdf)[page].render(scale=dpi / 72, grayscale=True).to_pil()


def _contrast(image: Image.Image, dpi: float) -> float:
    """Mean grey of the background's cells minus that of the word's, a cell's mean taken over
    the whole cell (a part of one would favour its dot or its gaps); the cells along the
    word's edges are left out."""
    cells = latent_cells(fonts(), *A4)
    cell = CELL * dpi / DPI                           # a cell's side in the image's pixels
    cols, rows = int(image.width / cell), int(image.height / cell)
    means = image.resize((cols, rows), Image.Resampling.BOX, box=(0, 0, cols * cell, rows * cell))
    cells = cells.crop((0, 0, cols, rows))
    word = cells.filter(ImageFilter.MinFilter(3))
    background = cells.filter(ImageFilter.MaxFilter(3)).point(lambda v: 0 if v else 255)
    return ImageStat.Stat(means, background).mean[0] - ImageStat.Stat(means, word).mean[0]


def photocopy(image: Image.Image) -> Image.Image:
    return image.filter(ImageFilter.GaussianBlur(COPY_BLUR)).point(
        lambda v: 0 if v < COPY_THRESHOLD else 255)


def test_the_word_is_hidden_on_the_original_and_shown_on_a_copy():
    page = _render(_pattern_page(), VIEWING_DPI)
    assert ImageStat.Stat(page).mean[0] < 250           # there is a pattern: a light tint
    assert abs(_contrast(page, VIEWING_DPI)) < HIDDEN
    copy = photocopy(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    copy.save(ARTIFACTS / "chimon-photocopy.png")
    assert _contrast(copy, VIEWING_DPI) > SHOWN


@pytest.mark.parametrize("dpi", [72, 100, 300])
def test_hidden_at_other_viewing_resolutions_too(dpi):
    assert abs(_contrast(_render(_pattern_page(), dpi), dpi)) < HIDDEN


def test_every_page_of_a_certificate_has_the_pattern_front_and_back():
    import pypdf

    pdf = render_certificate(household(12), SIGNER).pdf
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 2
    name = f"/FormXob.{PATTERN_FORM}"
    for page in reader.pages:
        assert name in page["/Resources"]["/XObject"]
        assert name.encode() + b" Do" in page.get_contents().get_data()


def test_the_front_and_back_as_the_readme_shows_them():
    """A 住民票 of four, its first sheet front and back as the eye sees them (README): the 地紋
    an even tint; its photocopy shows the word through the text."""
    pdf = render_certificate(household(4), Ed25519Signer("272191", FIXED_KEY)).pdf
    picture = sheet_picture(pdf, "juminhyo-front-back")
    with Image.open(picture) as image:
        assert image.width > 2 * image.height * 0.7 * 0.95        # two A4 pages side by side
    copied = photocopy(_render(pdf, VIEWING_DPI, 0))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    copied.save(ARTIFACTS / "juminhyo-front-photocopy.png", optimize=True)
    assert _contrast(copied, VIEWING_DPI) > SHOWN

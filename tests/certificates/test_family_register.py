"""戸籍全部事項証明書 and 戸籍個人事項証明書 as the computerised form prints them, read back from
the PDF: every item as text (pypdfium2), in each person's own block, and the page as pixels
(no character touches a rule of the frame, none outside it)."""

from __future__ import annotations

import re

import pypdfium2
import pytest
from PIL import Image, ImageChops

from certificates_templates import render_certificate
from certificates_templates.layouts.family_register import PART, WHOLE
from certificates_templates.toolkit import Composition, Rendered
from certificates_templates.toolkit.page import FOOTER_H

from .samples import SIGNER, family_register, flat, save_artifact

SCALE = 3.0                # 216 dpi: a 0.4 pt hairline covers a whole pixel
DARK = 160                 # every channel below: rule or text (the 地紋 and the seal are not)


def page_texts(rendered: Rendered) -> list[str]:
    """The text of each front page (the back page, the record's codes, follows them)."""
    doc = pypdfium2.PdfDocument(rendered.pdf)
    try:
        return [flat(doc[i].get_textpage().get_text_range()) for i in rendered.fronts]
    finally:
        doc.close()


def blocks(text: str) -> list[str]:
    """The text of each person's block, in order (each starts at its heading)."""
    return text.split("戸籍に記録されている者")[1:]


@pytest.fixture(scope="module")
def whole() -> Rendered:
    rendered = render_certificate(family_register(True), SIGNER)
    save_artifact("koseki-zenbu", rendered.pdf)
    return rendered


def test_header_and_register_items(whole):
    text = "".join(page_texts(whole))
    for item in ("戸籍全部事項証明書", "（全部事項証明）", "本籍", "大阪府和泉市府中町一丁目1番",
                 "氏名", "和泉太郎", "戸籍事項", "戸籍編製", "【編製日】平成7年4月1日", "以下余白"):
        assert item in text, item
    assert text.index("戸籍事項") < text.index("戸籍に記録されている者")


def test_every_person_with_every_item_in_order(whole):
    people = blocks("".join(page_texts(whole)))
    assert len(people) == 4
    expected = [
        ("【名】太郎", "【生年月日】昭和45年5月5日", "【配偶者区分】夫", "【父】和泉一", "【母】和泉良子",
         "【続柄】長男", "身分事項", "出生", "【出生日】昭和45年5月5日", "【出生地】大阪府和泉市",
         "【届出日】昭和45年5月11日", "【届出人】父", "婚姻", "【婚姻日】平成7年4月1日",
         "【配偶者氏名】山田花子", "【従前戸籍】大阪府和泉市府中町一丁目1番和泉一"),
        ("【名】花子", "【配偶者区分】妻", "【父】山田二郎", "【続柄】長女", "【届出人】母",
         "【配偶者氏名】和泉太郎", "【従前戸籍】東京都荒川区荒川二丁目2番山田二郎"),
        ("【名】一郎", "【生年月日】平成8年2月29日", "【続柄】長男", "【婚姻日】令和6年10月10日",
         "【配偶者氏名】北野陽子", "【新本籍】北海道苫小牧市旭町四丁目5番", "【称する氏】夫の氏"),
        ("【名】二子", "【続柄】長女", "【出生日】平成13年1月31日", "【届出日】平成13年2月9日"),
    ]
    for block, items in zip(people, expected):
        at = [block.index(item) for item in items]    # each in this person's block, in order
        assert at == sorted(at), items
    assert "【配偶者区分】" not in people[2] + people[3]     # the children are no spouses here
    assert "婚姻" not in people[3]


def test_removed_is_marked_on_the_person_who_left_only(whole):
    people = blocks("".join(page_texts(whole)))
    assert ["除籍" in p.split("【名】")[0] for p in people] == [False, False, True, False]


@pytest.mark.parametrize("is_whole, sentence", [(True, WHOLE), (False, PART)])
def test_certification_sentence_date_and_mayor(is_whole, sentence):
    pdf = render_certificate(family_register(is_whole, None if is_whole else (0,)), SIGNER)
    last = page_texts(pdf)[-1]
    assert flat(sentence) in last and "令和8年6月10日" in last and "大阪府和泉市長泉野正道" in last
    assert last.index(flat(sentence)) > last.index("以下余白")
    other = PART if is_whole else WHOLE
    assert flat(other) not in "".join(page_texts(pdf))


def test_the_certified_sentences_are_the_forms():
    assert WHOLE == "これは、戸籍に記録されている事項の全部を証明した書面である。"
    assert PART == "これは、戸籍中の一部の者について記録されている事項の全部を証明した書面である。"


def test_part_prints_only_the_chosen():
    rendered = render_certificate(family_register(False, (1, 3)), SIGNER)
    save_artifact("koseki-kojin", rendered.pdf)
    text = "".join(page_texts(rendered))
    assert "戸籍個人事項証明書" in text and "（個人事項証明）" in text
    assert [p.split("【生年月日】")[0] for p in blocks(text)] == ["【名】花子", "【名】二子"]
    assert "【名】太郎" not in text and "【名】一郎" not in text
    assert "和泉太郎" in text and "【編製日】平成7年4月1日" in text   # header and 戸籍事項 stay


# --- pixels ----------------------------------------------------------------------------------

def _dark(page) -> Image.Image:
    """1 (255) where every channel is dark: the frame's rules and the text, not the 地紋."""
    image = page.render(scale=SCALE).to_pil().convert("RGB")
    r, g, b = image.split()
    return ImageChops.lighter(ImageChops.lighter(r, g), b).point(lambda v: 255 if v < DARK else 0)


def _runs(image: Image.Image, longer_than: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of dark pixels longer than `longer_than`."""
    w, h = image.size
    data = image.tobytes()
    pattern = re.compile(rb"\xff{%d,}" % longer_than)
    return [(y, m.start() - y * w, m.end() - y * w)
            for y in range(h) for m in pattern.finditer(data, y * w, (y + 1) * w)]


def frame_lines(page) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Horizontal and vertical rules above the footer, as pixel runs (a text stroke is never
    this long; the footer's own rule is left out)."""
    dark = _dark(page)
    footer = (page.get_height() - (Composition.margin + FOOTER_H - 8)) * SCALE
    horizontal = [r for r in _runs(dark, int(60 * SCALE)) if r[0] < footer]
    vertical = [(x, y0, min(y1, int(footer)))
                for x, y0, y1 in _runs(dark.transpose(Image.Transpose.TRANSPOSE), int(40 * SCALE))
                if y0 < footer]
    return horizontal, vertical


def char_boxes(page) -> list[tuple[str, float, float, float, float]]:
    """(char, left, top, right, bottom) in pixels, for every visible character."""
    height = page.get_height()
    text = page.get_textpage()
    boxes = []
    for i in range(text.count_chars()):
        ch = text.get_text_range(i, 1)
        if not ch.strip():
            continue
        left, bottom, right, top = text.get_charbox(i)
        boxes.append((ch, left * SCALE, (height - top) * SCALE, right * SCALE,
                      (height - bottom) * SCALE))
    return boxes


def touching(boxes, horizontal, vertical, margin: float = 1.0):
    """Characters whose box meets a rule (grown by `margin` pixels)."""
    hits = []
    for ch, left, top, right, bottom in boxes:
        for y, x0, x1 in horizontal:
            if top - margin <= y <= bottom + margin and x0 < right and left < x1:
                hits.append((ch, "row", y))
        for x, y0, y1 in vertical:
            if left - margin <= x <= right + margin and y0 < bottom and top < y1:
                hits.append((ch, "column", x))
    return hits


@pytest.mark.parametrize("is_whole", [True, False])
def test_no_text_on_the_frame(whole, is_whole):
    rendered = whole if is_whole else render_certificate(family_register(False, (2,)), SIGNER)
    doc = pypdfium2.PdfDocument(rendered.pdf)
    try:
        for page in (doc[i] for i in rendered.fronts):     # the fronts: the frame's
            horizontal, vertical = frame_lines(page)
            # The frame was found: its sides and the headings' column, and a rule per part.
            assert len({x // 4 for x, *_ in vertical}) >= 3 and len(horizontal) > 8
            frame_rows = [y for y, *_ in horizontal]
            top, bottom = min(frame_rows), max(frame_rows)
            lefts = [x for x, y0, y1 in vertical if y1 - y0 > 100 * SCALE]
            left, right = min(lefts), max(lefts)
            inside = [b for b in char_boxes(page) if top < b[2] and b[4] < bottom]
            assert inside and touching(inside, horizontal, vertical) == []
            assert all(left < b[1] and b[3] < right for b in inside)
    finally:
        doc.close()


def test_the_pixel_check_sees_text_on_a_rule():
    # The check itself: a box laid across a found rule is reported.
    doc = pypdfium2.PdfDocument(render_certificate(family_register(False, (0,)), SIGNER).pdf)
    try:
        horizontal, vertical = frame_lines(doc[0])
    finally:
        doc.close()
    y, x0, x1 = horizontal[len(horizontal) // 2]
    assert touching([("字", x0 + 10, y - 5, x0 + 30, y + 5)], horizontal, vertical)
    assert not touching([("字", x0 + 10, y + 8, x0 + 30, y + 20)], [(y, x0, x1)], [])

"""住民票の写し: the items of 住民基本台帳法 §7 and §30の45, read back from the PDF (PDFium).

届出日 and 異動事由 for everyone; 前住所 (「…から転入」「…から転居」) only where the change had
one; a foreign resident's 国籍・地域, §30の45 区分, 在留資格, 在留期間等, 満了の日 and
外国人住民となった年月日, 在留カード等の番号 when chosen, 通称 where registered; one full-width
space between 氏 and 名.
"""

from dataclasses import replace
from datetime import date

import pytest

from certificates_templates import DocumentDataError, render_certificate
from certificates_templates import documents as d

from .readback import read, text_of
from .samples import FOREIGNER, SIGNER, household, person, save_artifact

NONE = d.ResidentPrintOptions()


def _record(*persons, options=NONE) -> d.ResidentRecord:
    return replace(household(1, options), persons=tuple(persons))


def _text(doc) -> str:
    return text_of(render_certificate(doc, SIGNER).pdf)


def test_a_move_in_has_its_date_notice_reason_and_former_address():
    text = _text(_record(person(0)))
    assert "住民となった年月日平成27年4月1日" in text
    assert "住所を定めた年月日平成27年4月1日" in text
    assert "異動事由転入" in text and "届出日平成27年4月3日" in text
    assert "前住所東京都荒川区荒川二丁目2番3号から転入" in text


def test_a_newborn_has_no_former_address():
    born = date(2020, 1, 10)
    baby = person(1, birth_date=born, became_resident_on=born, address_fixed_on=born,
                  previous_address=None, move_reason="出生", notified_on=date(2020, 1, 17))
    text = _text(_record(baby))
    assert "異動事由出生" in text and "届出日令和2年1月17日" in text
    assert "住民となった年月日令和2年1月10日住所を定めた年月日令和2年1月10日" in text
    assert "前住所" not in text and "から転入" not in text


def test_a_move_within_the_city_reads_from_where():
    moved = person(0, address_fixed_on=date(2024, 5, 1), notified_on=date(2024, 5, 8),
                   previous_address="大阪府和泉市伯太町一丁目1番1号", move_reason="転居")
    text = _text(_record(moved))
    assert "前住所大阪府和泉市伯太町一丁目1番1号から転居" in text
    assert "異動事由転居届出日令和6年5月8日" in text
    assert "住民となった年月日平成27年4月1日" in text


def test_an_unknown_change_prints_the_dates_without_a_reason():
    old = person(0, move_reason=None, notified_on=None)
    text = _text(_record(old))
    assert "異動事由" not in text and "届出日" not in text
    assert "前住所東京都荒川区荒川二丁目2番3号" in text and "から転入" not in text


def test_a_foreign_resident_carries_the_items_of_section_30_45():
    doc = _record(FOREIGNER, options=d.ResidentPrintOptions(residence_card=True))
    rendered = render_certificate(doc, SIGNER)
    save_artifact("juminhyo-foreign", rendered.pdf)
    text = text_of(rendered.pdf)
    for item in ("国籍・地域ベトナム", "第30条の45に規定する区分中長期在留者",
                 "在留資格技術・人文知識・国際業務", "在留期間等3年", "在留期間の満了の日令和9年3月31日",
                 "在留カード等の番号AB12345678CD", "外国人住民となった年月日平成28年4月5日",
                 "通称中村安", "住所を定めた年月日平成27年4月1日", "異動事由転入"):
        assert item in text, item
    # 外国人住民となった年月日 stands where 住民となった年月日 would: never the bare label.
    assert text.count("住民となった年月日") == text.count("外国人住民となった年月日") == 1
    assert "本籍" not in text and "筆頭者" not in text


def test_the_residence_card_number_only_when_chosen():
    doc = _record(FOREIGNER)
    text = _text(doc)
    assert "AB12345678CD" not in text and "在留カード" not in text
    assert "在留資格技術・人文知識・国際業務" in text and "ベトナム" in text   # always


def test_a_special_permanent_resident_has_no_status_or_period():
    special = replace(FOREIGNER, foreign=replace(
        FOREIGNER.foreign, nationality="韓国", category="特別永住者", status="", period="",
        period_expires_on=None, residence_card_no="SP1234567890"))
    text = _text(_record(special, options=d.ResidentPrintOptions(residence_card=True)))
    assert "第30条の45に規定する区分特別永住者" in text and "在留カード等の番号SP1234567890" in text
    assert "在留資格" not in text and "在留期間" not in text


def test_a_japanese_member_keeps_honseki_a_foreign_one_the_card():
    doc = _record(person(0), FOREIGNER,
                  options=d.ResidentPrintOptions(honseki=True, residence_card=True))
    text = _text(doc)
    assert text.count("筆頭者") == 1 and text.count("在留カード等の番号") == 1
    assert text.count("外国人住民となった年月日") == 1
    assert text.count("住民となった年月日") == 2


@pytest.mark.parametrize("broken, what", [
    (replace(FOREIGNER.foreign, category=""), "区分"),
    (replace(FOREIGNER.foreign, nationality=""), "国籍・地域"),
    (replace(FOREIGNER.foreign, residence_card_no=""), "在留カード等の番号"),
])
def test_a_missing_foreign_item_is_an_error(broken, what):
    doc = _record(replace(FOREIGNER, foreign=broken),
                  options=d.ResidentPrintOptions(residence_card=True))
    with pytest.raises(DocumentDataError, match=what):
        render_certificate(doc, SIGNER)


def test_names_have_one_full_width_space_between_surname_and_given_name():
    doc = household(2, d.ResidentPrintOptions(head_and_relation=True, honseki=True))
    doc = replace(doc, persons=doc.persons + (FOREIGNER,))
    rendered = render_certificate(doc, SIGNER)
    raw = "".join(p.text for p in read(rendered.pdf, pixels=False))
    # 世帯主 in every front page's header, person 1's 氏名, and both Japanese members' 筆頭者;
    # the back page (the record's codes) prints no name
    assert raw.count("和泉\u3000太郎") == rendered.pages + 1 + 2
    assert raw.count("和泉\u3000花子") == 1 and "NGUYEN\u3000VAN AN" in raw
    assert "中村\u3000安" in raw
    assert not any(f"和泉{space}{given}" in raw for space in (" ", "\u3000\u3000")
                   for given in ("太郎", "花子"))


def test_blank_below_follows_the_last_person_once():
    for n in (1, 5):
        pages = read(render_certificate(household(n), SIGNER).pdf, pixels=False)
        flat = ["".join(p.text.split()) for p in pages]
        assert sum(p.count("以下余白") for p in flat) == 1
        last = next(p for p in reversed(flat) if "以下余白" in p)
        # nothing of the register after it: the certification follows
        after = last.split("以下余白")[1]
        assert after.startswith("この写しは") or not any(
            label in after for label in ("氏名", "生年月日", "住所を定めた年月日"))

"""印鑑登録証明書, 課税証明書, 附票 and the 領収書, read back from the PDF (the 戸籍:
test_family_register)."""

from dataclasses import replace

import pytest

from certificates_templates import render_certificate, render_receipt
from certificates_templates.toolkit import SEAL_RED

from .readback import text_of
from .samples import (SIGNER, flat, fuhyo, pdftotext, receipt, save_artifact,
                      seal_certificate, tax_certificate)


def _red_text(pdf: bytes) -> str:
    import io
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "".join(ch["text"] for page in doc.pages for ch in page.chars
                       if tuple(round(v, 2) for v in ch["non_stroking_color"] or ()) == SEAL_RED)


def test_seal_certificate_draws_the_impression_in_red():
    doc = seal_certificate()
    rendered = render_certificate(doc, SIGNER)
    save_artifact("inkan", rendered.pdf)
    text = flat(pdftotext(rendered.pdf))
    for item in ("印鑑登録証明書", "272191-000001", "和泉太郎", "昭和45年5月5日",
                 "大阪府和泉市府中町二丁目7番5号", "印影", "登録されている印影と相違ないことを証明する"):
        assert item in text, item
    # The impression's two characters and the mayor's seal legend are drawn in seal red.
    assert _red_text(rendered.pdf) == "和泉" + "和泉市長之印"


def test_tax_certificate_carries_every_item():
    doc = tax_certificate()
    rendered = render_certificate(doc, SIGNER)
    save_artifact("kazei", rendered.pdf)
    text = text_of(rendered.pdf)
    for item in ("市民税・府民税課税（所得）証明書", "令和8年度", "令和7年中の所得",
                 "収入金額", "給与収入5,200,000円", "公的年金等収入0円",
                 "所得金額", "給与所得3,720,000円", "雑所得（公的年金等）0円", "営業等所得150,000円",
                 "総所得金額3,870,000円",
                 "所得控除額", "社会保険料控除780,000円", "生命保険料控除28,000円", "配偶者控除330,000円",
                 "扶養控除330,000円", "基礎控除430,000円", "所得控除額合計1,898,000円",
                 "扶養の状況", "控除対象配偶者有", "扶養親族1人", "16歳未満扶養親族2人",
                 "課税標準額1,972,000円",
                 "市民税所得割額118,300円均等割額3,000円税額121,300円",
                 "府民税所得割額78,800円均等割額1,000円税額79,800円",
                 "年税額（合計）税額201,100円", "以下余白"):
        assert item in text, item
    assert "(" not in text.split("検証コード")[0] and ")" not in text.split("検証コード")[0]


@pytest.mark.parametrize("prefecture_tax", ["道民税", "都民税", "県民税"])
def test_tax_certificate_names_the_prefectures_tax_in_its_title(prefecture_tax):
    doc = tax_certificate(prefectural=replace(tax_certificate().prefectural, name=prefecture_tax))
    assert f"市民税・{prefecture_tax}課税（所得）証明書" in text_of(render_certificate(doc, SIGNER).pdf)


def test_family_register_addresses():
    rendered = render_certificate(fuhyo(), SIGNER)
    save_artifact("fuhyo", rendered.pdf)
    text = text_of(rendered.pdf)
    for item in ("戸籍の附票の写し", "本籍大阪府和泉市府中町一丁目1番", "筆頭者和泉太郎",
                 "住所東京都荒川区荒川二丁目2番3号住所を定めた年月日平成7年4月1日",
                 "住所大阪府和泉市府中町二丁目7番5号住所を定めた年月日平成27年4月1日",
                 "以下余白", "戸籍の附票の原本と相違ない"):
        assert item in text, item


def test_receipt_has_the_sale_and_no_personal_data_nor_internal_ids():
    pdf = render_receipt(receipt())     # 3 copies paid for, 2 printed: 200円 refunded
    save_artifact("receipt", pdf)
    text = text_of(pdf)
    for item in ("領収書", "令和8年6月10日10:05", "セブン-イレブン和泉府中駅前店", "住民票の写し",
                 "200円×2部400円", "発行番号272191-ISS0001", "合計400円", "お預かり1,000円",
                 "おつり600円", "返金200円", "手数料の収納先和泉市",
                 "証明書交付手数料として領収しました", "印刷できなかった1部分の手数料200円を返金しました",
                 "取引番号T-000123"):
        assert item in text, item
    assert text.count("セブン-イレブン") == 1 and "seven-izumi-fuchu" not in text
    assert text.count("部") == 2                     # the copies once, and the refund's note
    assert "和泉太郎" not in text and "検証コード" not in text


def test_a_receipt_with_nothing_refunded_says_nothing_of_refunds():
    text = text_of(render_receipt(receipt(copies_requested=2, refunded=0)))
    assert "返金" not in text and "印刷できなかった" not in text and "200円×2部" in text

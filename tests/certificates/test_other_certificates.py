"""印鑑登録証明書, 課税証明書, 附票 and the 領収書, read back from the PDF (the 戸籍:
test_family_register)."""

from certificates_templates import render_certificate, render_receipt
from certificates_templates.toolkit import SEAL_RED

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


def test_tax_certificate_latest_year():
    rendered = render_certificate(tax_certificate(), SIGNER)
    save_artifact("kazei", rendered.pdf)
    text = flat(pdftotext(rendered.pdf))
    for item in ("課税(所得)証明書", "令和8年度", "令和7年中の所得", "給与収入", "5,200,000円", "総所得金額",
                 "3,640,000円", "所得控除額合計", "市民税", "144,600円", "府民税", "96,400円"):
        assert item in text, item


def test_family_register_addresses():
    rendered = render_certificate(fuhyo(), SIGNER)
    save_artifact("fuhyo", rendered.pdf)
    text = flat(pdftotext(rendered.pdf))
    for item in ("戸籍の附票の写し", "東京都荒川区荒川二丁目2番3号", "平成7年4月1日",
                 "大阪府和泉市府中町二丁目7番5号", "平成27年4月1日", "戸籍の附票の原本と相違ない"):
        assert item in text, item


def test_receipt_has_the_sale_and_no_personal_data():
    pdf = render_receipt(receipt())     # 3 copies paid for, 2 printed: 200円 refunded
    save_artifact("receipt", pdf)
    text = flat(pdftotext(pdf))
    for item in ("領収書", "T-000123", "令和8年6月10日10:05", "セブン-イレブン和泉府中駅前店",
                 "seven-izumi-fuchu", "和泉市", "住民票の写し", "2部", "3部", "200円×2部=400円",
                 "1,000円", "400円", "印刷できなかった1部分の手数料200円を返金しました"):
        assert item in text, item
    assert "和泉太郎" not in text and "検証コード" not in text

"""backend.rendering: the demo residents' certificates, from the seeded register to verified PDFs."""


from dataclasses import replace

import pytest
from sqlalchemy import delete, select

from backend import family_registers as fr
from backend.api import CertificateCode as C, IssuanceKind, IssuanceRequest, PrintedField
from backend.db import Database
from backend.demo_data import DEMO_NOW, IZUMI
from backend.document_keys import load_public_key, private_key_file, public_key_file
from backend.models import Card, FamilyRegisterAddress, Resident
from backend.reasons import Reason, ServiceError
from backend.rendering import ReceiptData, render_copies, render_receipt
from certificates_templates.era import format_date
from certificates_templates.verification import Verdict, verify_pdf
from kiosk.cli import main as kiosk_main

from .readback import text_of
from .samples import flat, pdftotext, save_artifact

ALL_FIELDS = frozenset(PrintedField)


@pytest.fixture
def register(demo_home):
    db = Database(f"sqlite:///{demo_home.database_file}")
    with db.unit() as s:
        yield s, demo_home


def _holder(s, card_name: str) -> Resident:
    return s.scalar(select(Card).where(Card.card_name == card_name)).resident


def _render(s, paths, holder, request, code=None, tag="t"):
    copies = render_copies(s, issuance_id=f"iss{tag}", request=request, holder_resident_id=holder.id,
                           municipality_code=code or holder.municipality_code, issued_at=DEMO_NOW,
                           paths=paths)
    assert [c.copy_no for c in copies] == list(range(1, request.copies + 1))
    pdf = copies[0].pdf
    assert verify_pdf(pdf, lambda c: load_public_key(paths, c)).verdict is Verdict.GENUINE
    return copies, text_of(pdf)


def test_household_resident_record_with_every_field(register):
    s, paths = register
    taro = _holder(s, "izumi-taro")
    req = IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.HOUSEHOLD_ALL,
                          member_ids=tuple(str(r.id) for r in taro.household.members),
                          fields=ALL_FIELDS, copies=3)
    copies, text = _render(s, paths, taro, req)
    save_artifact("demo-izumi-taro-juminhyo", copies[0].pdf)
    # Each copy its own document: its own 発行番号 and verification code, each genuine.
    assert len({c.document_id for c in copies}) == len({c.pdf for c in copies}) == 3
    assert all(verify_pdf(c.pdf, lambda code: load_public_key(paths, code)).genuine
               for c in copies[1:])
    assert public_key_file(paths, IZUMI).exists()
    assert private_key_file(paths, IZUMI).stat().st_mode & 0o777 == 0o600   # owner only
    for r in taro.household.members:
        assert r.family_name + r.given_name in text and r.my_number in text
    assert flat(taro.household.address) in text and "大阪府和泉市長" in text


def test_the_readme_picture_the_izumi_household_with_head_and_honseki(register):
    """README shows var/artifacts/certificates/readme-juminhyo-1.png, written here."""
    s, paths = register
    taro = _holder(s, "izumi-taro")
    req = IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.HOUSEHOLD_ALL,
                          member_ids=tuple(str(r.id) for r in taro.household.members),
                          fields=frozenset({PrintedField.HEAD_AND_RELATION, PrintedField.HONSEKI}))
    copies, text = _render(s, paths, taro, req)
    png = save_artifact("readme-juminhyo", copies[0].pdf, dpi=100).with_name("readme-juminhyo-1.png")
    assert png.stat().st_size > 50_000
    for item in ("世帯主和泉太郎", "旧氏山田", "続柄妻", "異動事由転入",
                 "前住所大阪府堺市堺区南瓦町3番1号から転入",
                 "本籍大阪府和泉市府中町一丁目2番筆頭者和泉太郎", "以下余白"):
        assert item in text, item
    assert "個人番号" not in text


def test_self_without_options_has_no_my_number(register):
    s, paths = register
    taro = _holder(s, "izumi-taro")
    _, text = _render(s, paths, taro, IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.SELF,
                                                      member_ids=(str(taro.id),)))
    assert taro.my_number not in text and "個人番号" not in text
    others = [r for r in taro.household.members if r.id != taro.id]
    assert all(r.given_name not in text for r in others)


def test_household_of_twelve_over_pages(register):
    s, paths = register
    head = _holder(s, "tomakomai-omori")
    members = head.household.members
    assert len(members) == 12
    req = IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.HOUSEHOLD_ALL,
                          member_ids=tuple(str(r.id) for r in members), fields=ALL_FIELDS)
    copies, text = _render(s, paths, head, req)
    save_artifact("demo-tomakomai-omori-juminhyo", copies[0].pdf)
    pages = pdftotext(copies[0].pdf).split("\f")[:-1][::2]     # the fronts, not their backs
    assert len(pages) >= 2 and f"1/{len(pages)}" in flat(pages[0])
    assert all(flat(head.household.address) in flat(p) for p in pages)
    assert all(r.my_number in text for r in members)


def test_foreign_resident(register):
    s, paths = register
    nguyen = _holder(s, "izumi-nguyen")
    request = IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.SELF, member_ids=(str(nguyen.id),),
                              fields=frozenset({PrintedField.RESIDENCE_CARD}))
    _, text = _render(s, paths, nguyen, request)
    for item in ("NGUYENVANAN", "国籍・地域ベトナム", "第30条の45に規定する区分中長期在留者",
                 "在留資格技術・人文知識・国際業務", "在留期間等3年", "在留カード等の番号AB12345678CD",
                 "外国人住民となった年月日平成28年4月5日", "異動事由転入",
                 "前住所大阪府大阪市北区梅田一丁目1番1号から転入"):
        assert item in text, item
    assert "筆頭者" not in text and "個人番号" not in text
    _, text = _render(s, paths, nguyen, replace(request, fields=frozenset()), tag="no-card")
    assert "AB12345678CD" not in text and "在留資格" in text


def test_the_omori_household_moved_within_the_city_and_the_newborn_did_not(register):
    s, paths = register
    head = _holder(s, "tomakomai-omori")
    members = {r.given_name: r for r in head.household.members}
    request = IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.HOUSEHOLD_SOME,
                              member_ids=(str(members["大吉"].id), str(members["光"].id)))
    copies, text = _render(s, paths, head, request)
    assert text.count("から転居") == 1 and "から転入" not in text
    assert "前住所北海道苫小牧市緑町一丁目1番1号から転居" in text
    assert "異動事由出生" in text and "異動事由転居" in text
    baby = members["光"]
    assert f"住民となった年月日{format_date(baby.birth_date)}" in text
    pages = text.split("異動事由出生")
    assert "前住所" not in pages[1].split("以下余白")[0]      # the newborn has none


def test_seal_tax_and_family_register(register):
    s, paths = register
    taro = _holder(s, "izumi-taro")
    copies, text = _render(s, paths, taro, IssuanceRequest(C.SEAL_REGISTRATION), tag="seal")
    save_artifact("demo-izumi-taro-inkan", copies[0].pdf)
    assert taro.seal.registration_no in text and "印影" in text
    yoko = _holder(s, "tomakomai-yoko")
    copies, text = _render(s, paths, yoko, IssuanceRequest(C.TAX), tag="tax")
    save_artifact("demo-tomakomai-yoko-kazei", copies[0].pdf)
    t = max(yoko.tax_records, key=lambda t: t.fiscal_year)
    for item in ("市民税・道民税課税（所得）証明書", f"給与収入{t.salary_revenue_yen:,}円",
                 f"給与所得{t.salary_income_yen:,}円", f"総所得金額{t.income_yen:,}円",
                 f"基礎控除{t.basic_deduction_yen:,}円", f"課税標準額{t.taxable_income_yen:,}円",
                 f"市民税所得割額{t.municipal_income_levy_yen:,}円均等割額3,000円"
                 f"税額{t.municipal_tax_yen:,}円",
                 f"道民税所得割額{t.prefectural_income_levy_yen:,}円均等割額1,000円"):
        assert item in text, item
    for code, word in ((C.FAMILY_REGISTER_ALL, "全部"), (C.FAMILY_REGISTER_ONE, "個人"),
                       (C.FAMILY_REGISTER_ADDRESSES, "附票")):
        copies, text = _render(s, paths, taro, IssuanceRequest(code), tag=code.value)
        save_artifact(f"demo-izumi-taro-{code.value}", copies[0].pdf)
        assert word in text and flat(taro.honseki_address) in text
    # the 附票: every person's every address with the day it was set, from entering the 戸籍
    # (its 編製 by 婚姻, or birth) to the 住民票's 住所, read back in order
    made_on = fr.register_of(s, taro).made_on
    family = [_holder(s, name) for name in ("izumi-taro", "izumi-hanako", "izumi-ichiro",
                                           "izumi-sakura")]
    for person in family:
        lines = fr.fuhyo_of(s, person)
        assert lines is not None and len(lines) >= 2 and lines[-1].address == person.address
        assert "".join(f"住所{flat(x.address)}住所を定めた年月日{format_date(x.set_on)}"
                       for x in lines) in text, person.given_name
    taro_first = fr.fuhyo_of(s, taro)[0]
    assert taro_first.set_on <= made_on < family[2].birth_date   # 2008, before 一郎 (2010)
    assert f"住所{flat(taro_first.address)}住所を定めた年月日{format_date(taro_first.set_on)}" in text
    ichiro = family[2]    # born into the 戸籍: his first line is set on his birth date
    assert (f"住所{flat(fr.fuhyo_of(s, ichiro)[0].address)}"
            f"住所を定めた年月日{format_date(ichiro.birth_date)}") in text.split("一郎")[1]


def test_a_register_written_without_fuhyo_lines_prints_the_resident_records(register):
    """A 戸籍 from before revision 0006 has no 附票 lines: the 前住所 and the 住所 print."""
    s, paths = register
    taro = _holder(s, "izumi-taro")
    s.execute(delete(FamilyRegisterAddress))
    s.expire_all()
    assert fr.fuhyo_of(s, taro) is None
    _, text = _render(s, paths, taro, IssuanceRequest(C.FAMILY_REGISTER_ADDRESSES), tag="old")
    assert (f"住所{flat(taro.previous_address)}"
            f"住所を定めた年月日{format_date(taro.previous_address_set_on)}"
            f"住所{flat(taro.address)}住所を定めた年月日{format_date(taro.address_set_on)}") in text


def test_missing_register_data_is_a_reason_code(register):
    s, paths = register
    notax = _holder(s, "tomakomai-notax")
    with pytest.raises(ServiceError) as err:
        _render(s, paths, notax, IssuanceRequest(C.TAX))
    assert err.value.reason is Reason.NO_TAX_RECORD


def test_receipt_and_kiosk_verify_on_the_output(register, capsys):
    s, paths = register
    pdf = render_receipt(ReceiptData("セブン-イレブン 和泉府中駅前店", DEMO_NOW, "和泉市",
                                     C.RESIDENT_RECORD, 2, 2, 200, 400, 500, 100, 0,
                                     "20260610-000001", ("272191-iss1",)))
    text = flat(pdftotext(pdf))
    assert "住民票の写し" in text and "20260610-000001" in text and "100円" in text
    assert "発行番号272191-iss1" in text and "手数料の収納先和泉市" in text
    assert C.RESIDENT_RECORD.value not in text and "印刷できなかった" not in text   # nothing refunded
    taro = _holder(s, "izumi-taro")
    copies, _ = _render(s, paths, taro, IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.SELF,
                                                        member_ids=(str(taro.id),)))
    out = paths.output_tray / "copy.pdf"
    out.write_bytes(copies[0].pdf)
    assert kiosk_main(["verify", str(out)]) == 0          # KIOSK_HOME is the demo home
    assert "本物" in capsys.readouterr().out

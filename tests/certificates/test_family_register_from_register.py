"""The demo 戸籍 from the seeded register to verified PDFs: whose 戸籍 each resident's is, the
除籍 son, the newborn's 出生, the 婚姻 with its 従前戸籍, and the 個人事項証明書 of the chosen."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backend import family_registers, rendering
from backend.api import CertificateCode as C
from backend.api import IssuanceRequest
from backend.db import Database
from backend.demo_data import DEMO_NOW
from backend.document_keys import load_public_key
from backend.models import Card, Resident
from backend.reasons import Reason, ServiceError
from backend.rendering import render_copies
from certificates_templates.verification import Verdict, verify_pdf

from .samples import FIXED_KEY, flat, pdftotext, save_artifact, sheet_picture
from .test_family_register import blocks


@pytest.fixture
def register(demo_home):
    db = Database(f"sqlite:///{demo_home.database_file}")
    with db.unit() as s:
        yield s, demo_home
    db.dispose()


def _resident(s, given: str, family: str = "大森") -> Resident:
    return s.scalar(select(Resident).where(Resident.family_name == family,
                                           Resident.given_name == given))


def _render(s, paths, holder: Resident, request: IssuanceRequest, tag: str) -> str:
    code = holder.honseki_municipality_code
    copies = render_copies(s, issuance_id=f"iss-{tag}", request=request,
                           holder_resident_id=holder.id, municipality_code=code,
                           issued_at=DEMO_NOW, paths=paths)
    pdf = copies[0].pdf
    assert verify_pdf(pdf, lambda c: load_public_key(paths, c)).verdict is Verdict.GENUINE
    save_artifact(f"demo-{tag}", pdf)
    return flat(pdftotext(pdf))


def names(text: str) -> list[str]:
    """The 【名】 of each person's block, in order."""
    return [b.split("【生年月日】")[0].split("【名】")[1] for b in blocks(text)]


def test_daikichis_register_holds_two_generations(register):
    s, paths = register
    daikichi = s.scalar(select(Card).where(Card.card_name == "tomakomai-omori")).resident
    text = _render(s, paths, daikichi, IssuanceRequest(C.FAMILY_REGISTER_ALL),
                   "tomakomai-omori-koseki_zenbu")
    assert names(text) == ["大吉", "トメ", "一夫", "二郎", "三郎"]
    assert "【編製日】昭和49年5月10日" in text and "氏名大森大吉" in text
    people = dict(zip(names(text), blocks(text)))
    assert "除籍" in people["一夫"] and "除籍" not in people["二郎"]
    assert "【新本籍】北海道苫小牧市大成町二丁目10番" in people["一夫"]
    assert "【続柄】三男" in people["三郎"] and "【配偶者区分】妻" in people["トメ"]
    assert "【従前戸籍】北海道白老郡白老町大町一丁目1番佐々木正" in people["トメ"]


def test_the_married_sons_register_with_the_newborn(register):
    s, paths = register
    kazuo = _resident(s, "一夫")
    assert kazuo.hittosha == "大森 一夫"
    text = _render(s, paths, kazuo, IssuanceRequest(C.FAMILY_REGISTER_ALL), "omori-kazuo-koseki")
    assert names(text) == ["一夫", "美和", "春", "夏樹", "秋", "冬馬", "桃", "光"]
    people = dict(zip(names(text), blocks(text)))
    hikaru = people["光"]
    for item in ("【生年月日】令和2年1月10日", "【父】大森一夫", "【母】大森美和", "【続柄】三男",
                 "【出生日】令和2年1月10日", "【出生地】北海道苫小牧市", "【届出日】令和2年1月17日",
                 "【届出人】父"):
        assert item in hikaru, item
    assert "【従前戸籍】北海道苫小牧市大成町二丁目10番大森大吉" in people["一夫"]
    assert "【続柄】二女" in people["秋"] and "【続柄】長男" in people["夏樹"]


def test_hanakos_marriage_names_her_former_register(register):
    s, paths = register
    taro = _resident(s, "太郎", "和泉")
    text = _render(s, paths, taro, IssuanceRequest(C.FAMILY_REGISTER_ALL), "izumi-koseki-zenbu")
    hanako = dict(zip(names(text), blocks(text)))["花子"]
    for item in ("【婚姻日】平成20年11月22日", "【配偶者氏名】和泉太郎",
                 "【従前戸籍】大阪府堺市堺区南瓦町3番山田一郎", "【配偶者区分】妻"):
        assert item in hanako, item


def test_a_single_register_made_by_separation(register):
    s, paths = register
    yoko = _resident(s, "陽子", "北野")
    text = _render(s, paths, yoko, IssuanceRequest(C.FAMILY_REGISTER_ALL), "yoko-koseki-zenbu")
    assert names(text) == ["陽子"]
    assert "【分籍日】平成13年4月2日" in text and "【従前戸籍】北海道札幌市中央区" in text


def test_personal_certificate_prints_the_chosen(register):
    s, paths = register
    daikichi = _resident(s, "大吉")
    row = family_registers.register_of(s, daikichi)
    chosen = {m.name: m.member_id for m in family_registers.members(row)}
    assert list(chosen) == ["大森 大吉", "大森 トメ", "大森 二郎", "大森 三郎"]   # not 除籍 一夫
    text = _render(s, paths, daikichi, IssuanceRequest(
        C.FAMILY_REGISTER_ONE, member_ids=(chosen["大森 三郎"], chosen["大森 トメ"])), "omori-kojin")
    assert "戸籍個人事項証明書" in text and names(text) == ["トメ", "三郎"]   # in the 戸籍's order
    assert "一部の者について" in text
    alone = _render(s, paths, daikichi, IssuanceRequest(C.FAMILY_REGISTER_ONE), "omori-kojin-self")
    assert names(alone) == ["大吉"]


@pytest.mark.parametrize("ids", [("k999999",), ("1",)])
def test_personal_certificate_refuses_strangers(register, ids):
    s, paths = register
    with pytest.raises(ServiceError) as err:
        _render(s, paths, _resident(s, "大吉"), IssuanceRequest(C.FAMILY_REGISTER_ONE, member_ids=ids),
                "stranger")
    assert err.value.reason is Reason.MEMBER_NOT_IN_HOUSEHOLD


def test_a_removed_person_cannot_be_chosen(register):
    s, paths = register
    daikichi = _resident(s, "大吉")
    row = family_registers.register_of(s, daikichi)
    kazuo = next(m for m in row.members if m.given_name == "一夫")
    with pytest.raises(ServiceError):
        _render(s, paths, daikichi, IssuanceRequest(
            C.FAMILY_REGISTER_ONE, member_ids=(family_registers.member_id(kazuo),)), "removed")


def test_the_first_sheet_as_the_readme_shows_it(register, monkeypatch):
    """The demo's 和泉 太郎 戸籍 (the 全部事項証明書 ③ issues him), its first sheet front and
    back as the README shows them; drawn with a fixed key, so the same picture every run."""
    s, paths = register
    taro = _resident(s, "太郎", "和泉")
    monkeypatch.setattr(rendering, "load_or_create_key", lambda paths, code: FIXED_KEY)
    [copy] = render_copies(s, issuance_id="readme", holder_resident_id=taro.id,
                           request=IssuanceRequest(C.FAMILY_REGISTER_ALL),
                           municipality_code=taro.honseki_municipality_code,
                           issued_at=DEMO_NOW, paths=paths)
    assert verify_pdf(copy.pdf, lambda code: FIXED_KEY.public_key()).genuine
    front = flat(pdftotext(copy.pdf).split("\f")[0])
    assert "戸籍全部事項証明書" in front and "【名】太郎" in front and "1/" in front
    sheet_picture(copy.pdf, "koseki-zenbu-1")

"""戸籍証明書交付の利用登録申請 at the centre: who is refused at ④, the 本籍地 list, the
application (idempotent, free), its automatic decision on the 開庁日 calendar, and ③ after it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from backend.api import CertificateCode as C
from backend.api import Scope
from backend.api_services import HonsekiChoice, Service
from backend.clock import JST
from backend.demo_data import DEMO_NOW, TOMAKOMAI
from backend.models import HonsekiRegistration, KioskSession, Municipality
from backend.reasons import Reason
from backend.registrations import approve, counts, list_registrations
from tests.backend.conftest import refused

REGISTRATION = Service.HONSEKI_REGISTRATION
MEI_KANA = "マチヤ メイ"


def at(month, day, hour=10):
    return datetime(2026, month, day, hour, 0, tzinfo=JST)


@pytest.fixture
def apply_as(login, centre):
    """Log `card` in for a registration and apply to `code` with `kana`; the session id and
    the receipt."""
    def _apply(card="arakawa-mei", code=TOMAKOMAI, kana=MEI_KANA, kiosk="seven-izumi-fuchu"):
        session_id, _ = login(card, kiosk, REGISTRATION)
        return session_id, centre.apply_registration(session_id, code, kana)
    return _apply


def honseki_offers(login, centre, card="arakawa-mei"):
    session_id, _ = login(card)
    return session_id, {o.certificate: o for o in centre.offerings(session_id, Scope.HONSEKI)}


def test_the_session_records_its_service(login, centre):
    session_id, holder = login("arakawa-mei", service=REGISTRATION)
    assert holder.honseki_municipality_code == TOMAKOMAI
    with centre.db.unit() as s:
        assert s.get_one(KioskSession, session_id).service == "honseki_registration"
    with refused(Reason.BAD_REQUEST):
        centre.begin_session("seven-izumi-fuchu", "tea")


@pytest.mark.parametrize("card, reason", [
    ("arakawa-haruto", Reason.ALREADY_REGISTERED),     # registered with Tomakomai
    ("arakawa-kenta", Reason.ALREADY_REGISTERED),      # with Izumi (which issues him nothing)
    ("tomakomai-yoko", Reason.NO_REGISTRATION_NEEDED),  # 本籍 where she lives
    ("izumi-taro", Reason.NO_REGISTRATION_NEEDED),
    ("izumi-nguyen", Reason.NO_FAMILY_REGISTER),       # a foreign resident: no 戸籍
    ("izumi-sakura", Reason.UNDER_15),
    ("tomakomai-movedout", Reason.MOVED_OUT),
    ("izumi-newcomer", Reason.MOVED_IN_TODAY),
])
def test_who_cannot_apply_is_refused_at_authentication(login, centre, card, reason):
    with refused(reason):
        login(card, service=REGISTRATION)


def test_a_refusal_at_authentication_binds_nothing(centre, cards):
    start = centre.begin_session("seven-izumi-fuchu", REGISTRATION)
    cert = cards.certificate("tomakomai-yoko")
    with refused(Reason.NO_REGISTRATION_NEEDED):
        centre.authenticate(start.session_id, cert, cards.sign("tomakomai-yoko", start.challenge))
    with centre.db.unit() as s:
        row = s.get_one(KioskSession, start.session_id)
        assert (row.state, row.holder_resident_id, row.challenge_used) == ("open", None, False)


def test_prefectures_in_jis_order_and_their_municipalities(login, centre):
    session_id, _ = login("arakawa-mei", service=REGISTRATION)
    assert centre.honseki_prefectures(session_id) == ["北海道", "東京都", "京都府", "大阪府"]
    assert centre.honseki_municipalities(session_id, "北海道") == [
        HonsekiChoice(TOMAKOMAI, "苫小牧市", "北海道", True, None)]
    assert centre.honseki_municipalities(session_id, "大阪府") == [
        HonsekiChoice("272191", "和泉市", "大阪府", False, Reason.HONSEKI_RESIDENTS_ONLY)]
    assert centre.honseki_municipalities(session_id, "京都府") == [
        HonsekiChoice("261041", "京都市中京区", "京都府", False, Reason.HONSEKI_NOT_OFFERED)]
    assert centre.honseki_municipalities(session_id, "東京都")[0].reason is (
        Reason.HONSEKI_NOT_OFFERED)
    assert centre.honseki_municipalities(session_id, "沖縄県") == []
    with refused(Reason.BAD_REQUEST):
        centre.honseki_municipalities(session_id, 13)


def test_those_that_take_applications_come_first(login, centre):
    with centre.db.unit() as s:       # a second 北海道 municipality that takes none
        s.add(Municipality(code="011002", name="札幌市", prefecture="北海道", mayor="札幌 一"))
    try:
        session_id, _ = login("arakawa-mei", service=REGISTRATION)
        listed = centre.honseki_municipalities(session_id, "北海道")
        assert [(c.code, c.accepts) for c in listed] == [(TOMAKOMAI, True), ("011002", False)]
    finally:
        with centre.db.unit() as s:
            s.delete(s.get_one(Municipality, "011002"))


def test_an_application_is_received_and_a_retry_gets_the_same_receipt(apply_as, centre):
    session_id, receipt = apply_as(kana="  ﾏﾁﾔ　ﾒｲ ")
    assert receipt.receipt_no.startswith("20260610")
    assert (receipt.applied_on, receipt.municipality_code, receipt.municipality_name,
            receipt.prefecture) == (date(2026, 6, 10), TOMAKOMAI, "苫小牧市", "北海道")
    assert receipt.hittosha_kana == MEI_KANA                # one spelling
    assert receipt.decision_by == date(2026, 6, 12)          # Wed + 2 開庁日 = Fri
    assert centre.apply_registration(session_id, TOMAKOMAI, MEI_KANA) == receipt
    with refused(Reason.WRONG_STEP):                         # another application: none
        centre.apply_registration(session_id, TOMAKOMAI, "マチヤ ハナコ")
    with refused(Reason.WRONG_STEP):
        centre.honseki_prefectures(session_id)
    with centre.db.unit() as s:
        row = s.scalars(select(HonsekiRegistration).where(
            HonsekiRegistration.session_id == session_id)).one()
        assert (row.status, row.receipt_no, row.hittosha_kana) == (
            "pending", receipt.receipt_no, MEI_KANA)


def test_free_sessions_take_no_money_and_finish_without_paper(apply_as, centre):
    session_id, _ = apply_as()
    for call in (lambda: centre.offerings(session_id, Scope.RESIDENCE),
                 lambda: centre.members(session_id),
                 lambda: centre.insert_coin(session_id, 1, 100),
                 lambda: centre.settle(session_id), lambda: centre.issue(session_id),
                 lambda: centre.pin_reset_cryptogram(session_id, b"12345678")):
        with refused(Reason.WRONG_STEP):
            call()
    receipt = centre.finish(session_id)
    assert (receipt.pdf, receipt.paid_yen, receipt.change_yen, receipt.refunded_yen,
            receipt.copies_printed) == (b"", 0, 0, 0, 0)
    assert centre.finish(session_id) == receipt                # a retry
    assert centre.close(session_id).yen == 0
    with centre.db.unit() as s:
        assert s.get_one(KioskSession, session_id).state == "closed"


@pytest.mark.parametrize("code, kana, reason", [
    ("272191", MEI_KANA, Reason.HONSEKI_RESIDENTS_ONLY),      # Izumi
    ("131181", MEI_KANA, Reason.HONSEKI_NOT_OFFERED),          # Arakawa (where she lives)
    ("261041", MEI_KANA, Reason.HONSEKI_NOT_OFFERED),
    ("999999", MEI_KANA, Reason.UNKNOWN_MUNICIPALITY),
    (12131, MEI_KANA, Reason.UNKNOWN_MUNICIPALITY),
    ("01213\x00", MEI_KANA, Reason.UNKNOWN_MUNICIPALITY),
    (TOMAKOMAI, "まちや めい", Reason.HITTOSHA_KANA_INVALID),
    (TOMAKOMAI, "", Reason.HITTOSHA_KANA_INVALID),
    (TOMAKOMAI, None, Reason.HITTOSHA_KANA_INVALID),
    (TOMAKOMAI, "ア" * 31, Reason.HITTOSHA_KANA_INVALID),
])
def test_a_refused_application_stores_nothing(login, centre, code, kana, reason):
    session_id, _ = login("arakawa-mei", service=REGISTRATION)
    with refused(reason):
        centre.apply_registration(session_id, code, kana)
    assert centre.apply_registration(session_id, TOMAKOMAI, MEI_KANA).receipt_no


def test_a_second_application_while_one_is_pending_is_refused(apply_as, login, centre):
    apply_as()
    with refused(Reason.REGISTRATION_PENDING):
        login("arakawa-mei", service=REGISTRATION)


def test_two_kiosks_at_once_make_one_application(login, centre):
    first, _ = login("arakawa-mei", "seven-izumi-fuchu", REGISTRATION)
    second, _ = login("arakawa-mei", "lawson-tomakomai-ekimae", REGISTRATION)
    centre.apply_registration(first, TOMAKOMAI, MEI_KANA)
    with refused(Reason.REGISTRATION_PENDING):
        centre.apply_registration(second, TOMAKOMAI, MEI_KANA)


def test_pending_then_approved_after_two_working_days(apply_as, login, centre, clock):
    apply_as()
    session_id, _ = login("arakawa-mei")
    with refused(Reason.REGISTRATION_PENDING):
        centre.offerings(session_id, Scope.HONSEKI)
    clock.set(at(6, 11))                                      # one 開庁日 later: still pending
    session_id, _ = login("arakawa-mei")
    with refused(Reason.REGISTRATION_PENDING):
        centre.offerings(session_id, Scope.HONSEKI)
    clock.set(at(6, 12))                                      # the second: decided, approved
    _, offers = honseki_offers(login, centre)
    assert offers[C.FAMILY_REGISTER_ALL].available and offers[C.FAMILY_REGISTER_ALL].fee_yen == 450
    assert offers[C.FAMILY_REGISTER_ADDRESSES].available
    row = list_registrations(centre.db, clock.now(), "approved")[-1]
    assert (row.applicant, row.decided_by, row.reason) == ("町屋 芽衣", "auto", None)
    with refused(Reason.ALREADY_REGISTERED):                  # and once registered, no second
        login("arakawa-mei", service=REGISTRATION)


def test_any_kiosk_serves_the_registered_honseki(apply_as, login, centre, clock):
    apply_as()
    clock.set(at(6, 15))
    _, offers = honseki_offers(login, centre)
    session_id, _ = login("arakawa-mei", "familymart-arakawa-machiya")
    assert {o.certificate for o in centre.offerings(session_id, Scope.HONSEKI)} == set(offers)


def test_an_application_that_does_not_match_is_rejected_and_blocks_nothing(apply_as, login,
                                                                             centre, clock):
    _, wrong = apply_as(kana="マチヤ ハナコ")                  # not her 戸籍's 筆頭者
    clock.set(at(6, 12))
    session_id, _ = login("arakawa-mei")
    with refused(Reason.NEEDS_HONSEKI_REGISTRATION):
        centre.offerings(session_id, Scope.HONSEKI)
    rejected = list_registrations(centre.db, clock.now(), "rejected")
    assert [(r.receipt_no, r.decided_by, r.reason) for r in rejected] == [
        (wrong.receipt_no, "auto", Reason.REGISTRATION_MISMATCH.value)]
    _, again = apply_as()                                     # a new application may follow
    assert again.receipt_no > wrong.receipt_no and again.decision_by == date(2026, 6, 16)


def test_the_register_decides_not_the_choice_of_honseki(apply_as, centre, clock):
    # Kyoto-born 千住 京子 chooses Tomakomai, the only one taking applications: rejected.
    _, receipt = apply_as("arakawa-kyoto", kana="センジュ キョウコ")
    clock.set(at(6, 12))
    row = next(r for r in list_registrations(centre.db, clock.now())
               if r.receipt_no == receipt.receipt_no)
    assert (row.status, row.matches) == ("rejected", False)


def test_staff_only_municipality_never_decides_by_itself(apply_as, centre, clock):
    with centre.db.unit() as s:
        s.get_one(Municipality, TOMAKOMAI).registration_days = None
    try:
        _, receipt = apply_as()
        assert receipt.decision_by is None
        clock.set(datetime(2026, 9, 1, 10, tzinfo=JST))
        assert counts(centre.db, clock.now())["pending"] == 1
        row = approve(centre.db, receipt.receipt_no, clock.now())
        assert (row.status, row.decided_by) == ("approved", "staff")
    finally:
        with centre.db.unit() as s:
            s.get_one(Municipality, TOMAKOMAI).registration_days = 2


def test_counts_by_status_settle_what_is_due(apply_as, centre, clock):
    apply_as()
    apply_as("arakawa-kyoto", kana="センジュ キョウコ")
    assert counts(centre.db, DEMO_NOW) == {"pending": 2, "approved": 2, "rejected": 0}
    assert counts(centre.db, at(6, 12)) == {"pending": 0, "approved": 3, "rejected": 1}


def test_an_idle_served_session_is_swept(apply_as, centre, clock):
    session_id, _ = apply_as()
    clock.set(at(6, 10, 11))
    assert centre.expire_sessions() == 1
    with centre.db.unit() as s:
        assert s.get_one(KioskSession, session_id).state == "closed"
    assert counts(centre.db, clock.now())["pending"] == 1     # the application stays sent


def test_the_slip_says_what_was_received_and_nothing_personal(apply_as, centre):
    from tests.certificates.samples import flat, pdftotext

    session_id, receipt = apply_as()
    pdf = centre.registration_slip(session_id)
    assert pdf.startswith(b"%PDF")
    text = flat(pdftotext(pdf))
    for part in (receipt.receipt_no, "北海道苫小牧市", "令和8年6月10日", "利用登録申請を受け付けました",
                 "2開庁日後の6月12日（金）以降", "本籍地の市区町村の証明書"):
        assert part in text
    for personal in ("町屋", "芽衣", "マチヤ", "メイ", "荒川区"):
        assert personal not in text
    centre.finish(session_id)
    assert centre.registration_slip(session_id).startswith(b"%PDF")    # printed again
    centre.close(session_id)
    with refused(Reason.SESSION_CLOSED):
        centre.registration_slip(session_id)


def test_no_slip_without_an_application(login, centre):
    session_id, _ = login("arakawa-mei", service=REGISTRATION)
    with refused(Reason.WRONG_STEP):
        centre.registration_slip(session_id)
    other, _ = login("izumi-taro")
    with refused(Reason.WRONG_STEP):
        centre.registration_slip(other)
    with refused(Reason.WRONG_STEP):
        centre.apply_registration(other, TOMAKOMAI, MEI_KANA)

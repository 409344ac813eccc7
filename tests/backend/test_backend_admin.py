"""`kiosk admin …` end to end in a throw-away KIOSK_HOME, and the staff operations behind it."""

from __future__ import annotations

import pytest
from backend.admin import ledger_balance
from backend.api import CertificateCode as C
from backend.api import IssuanceKind, IssuanceRequest
from backend.demo_data import DEMO_NOW
from backend.jpki.card_image import load_card
from backend.reasons import Reason, ServiceError
from backend.service import open_centre
from kiosk.cli import main

CLOCK = ["--clock", DEMO_NOW.isoformat()]


def admin(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["admin", *CLOCK, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def authenticate(centre, cards, card_name: str, kiosk: str = "seven-izumi-fuchu"):
    start = centre.begin_session(kiosk)
    centre.authenticate(start.session_id, cards.certificate(card_name),
                        cards.sign(card_name, start.challenge))
    return start.session_id


def buy(centre, cards, card_name, request, coins, printed):
    session_id = authenticate(centre, cards, card_name)
    centre.quote(session_id, request)
    for seq, yen in enumerate(coins, start=1):
        centre.insert_coin(session_id, seq, yen)
    centre.settle(session_id)
    result = centre.issue(session_id)
    for copy, ok in zip(result.copies, printed):
        centre.report_copy(session_id, copy.copy_no, ok)
    receipt = centre.finish(session_id)
    centre.close(session_id)
    return result, receipt


def test_suspend_resume_abolish_change_what_authentication_says(demo_home, demo_cards, clock,
                                                                 capsys):
    centre = open_centre(demo_home, clock)
    assert admin(capsys, "suspend", "izumi-taro")[1].strip() == "izumi-taro: suspended"
    with pytest.raises(ServiceError) as info:
        authenticate(centre, demo_cards, "izumi-taro")
    assert info.value.reason is Reason.CARD_SUSPENDED
    assert admin(capsys, "resume", "izumi-taro")[0] == 0
    assert authenticate(centre, demo_cards, "izumi-taro")
    admin(capsys, "abolish", "izumi-taro")
    with pytest.raises(ServiceError) as info:
        authenticate(centre, demo_cards, "izumi-taro")
    assert info.value.reason is Reason.CARD_ABOLISHED
    code, _, err = admin(capsys, "resume", "izumi-taro")
    assert code == 1 and "abolished" in err
    code, _, err = admin(capsys, "suspend", "izumi-taro")
    assert code == 1


def test_suspend_unknown_card(demo_home, capsys):
    code, _, err = admin(capsys, "suspend", "nobody")
    assert code == 1 and "nobody" in err


def test_unlock_pin_resets_the_card_counter(demo_home, capsys):
    assert load_card(demo_home.card_tray, "tomakomai-locked").user_auth.tries_left == 0
    code, out, _ = admin(capsys, "unlock-pin", "tomakomai-locked")
    assert code == 0 and "3 tries left" in out
    assert load_card(demo_home.card_tray, "tomakomai-locked").user_auth.tries_left == 3
    code, _, err = admin(capsys, "unlock-pin", "izumi-face")
    assert code == 1 and load_card(demo_home.card_tray, "izumi-face").user_auth.tries_left == 0


def test_maintenance_days_close_the_service(demo_home, clock, capsys):
    centre = open_centre(demo_home, clock)
    assert admin(capsys, "maintenance", "add", DEMO_NOW.date().isoformat())[0] == 0
    with pytest.raises(ServiceError) as info:
        centre.begin_session("seven-izumi-fuchu")
    assert info.value.reason is Reason.MAINTENANCE
    listing = admin(capsys, "maintenance", "list")[1]
    assert "2026-06-10  全国" in listing and "苫小牧市" in listing
    assert admin(capsys, "maintenance", "remove", "2026-06-10")[0] == 0
    assert centre.begin_session("seven-izumi-fuchu")
    assert admin(capsys, "maintenance", "remove", "2026-06-10")[0] == 1


def test_a_maintenance_day_for_an_unknown_municipality_is_refused(demo_home, capsys):
    code, _, err = admin(capsys, "maintenance", "add", "2026-06-10", "--municipality", "999999")
    assert code == 1
    assert "市区町村コードは登録されていません" in err and "999999" in err
    assert "999999" not in admin(capsys, "maintenance", "list")[1]


def test_municipal_maintenance_day_refuses_only_that_municipality(demo_home, demo_cards, clock,
                                                                   capsys):
    centre = open_centre(demo_home, clock)
    admin(capsys, "maintenance", "add", "2026-06-10", "--municipality", "012131")
    session_id = authenticate(centre, demo_cards, "tomakomai-yoko")
    with pytest.raises(ServiceError) as info:
        centre.offerings(session_id, "residence")
    assert info.value.reason is Reason.MAINTENANCE
    other = authenticate(centre, demo_cards, "izumi-taro")
    assert centre.offerings(other, "residence")


def test_listings(demo_home, capsys):
    cards = admin(capsys, "cards")[1]
    assert "izumi-taro" in cards and "tomakomai-suspended" in cards and "suspended" in cards
    residents = admin(capsys, "residents", "--municipality", "131181")[1]
    assert "荒川 陽翔" in residents and "和泉" not in residents


def test_report_counts_sessions_copies_and_money(demo_home, clock, capsys, demo_cards):
    centre = open_centre(demo_home, clock)
    buy(centre, demo_cards, "izumi-taro",
        IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.SELF, copies=2), [500], [True, False])
    buy(centre, demo_cards, "izumi-taro", IssuanceRequest(C.SEAL_REGISTRATION), [100, 100],
        [True])
    centre.begin_session("seven-izumi-fuchu")   # walked away at the top menu
    code, out, _ = admin(capsys, "report", "--kiosk", "seven-izumi-fuchu", "--date", "2026-06-10")
    assert code == 0
    daily, owed = out.split("refunds owed")
    owed, registrations = owed.split("registrations 利用登録申請")
    assert registrations.splitlines()[-1].split() == ["0", "2", "0"]   # the two seeded, approved
    row = daily.splitlines()[-1].split()
    # kiosk, store (2 words), sessions, 6 certificates, in, fees, refunds, change, owed
    assert row[0] == "seven-izumi-fuchu"
    assert [int(x) for x in row[3:]] == [3, 1, 1, 0, 0, 0, 0, 700, 400, 200, 100, 200]
    # the unprinted copy's 200 yen is owed until a coin vendor reports it paid out
    assert owed.splitlines()[-1].split()[0::2][:2] == ["seven-izumi-fuchu", "200"]
    assert ledger_balance(centre.db).balanced
    empty = admin(capsys, "report", "--kiosk", "seven-izumi-fuchu", "--date", "2026-06-11")[1]
    empty_daily = empty.split("refunds owed")[0].split("registrations 利用登録申請")[0]
    assert [int(x) for x in empty_daily.splitlines()[-1].split()[3:]] == [0] * 12


def test_report_for_unknown_kiosk(demo_home, capsys):
    assert admin(capsys, "report", "--kiosk", "nope")[0] == 1


def test_seed_and_migrate_in_an_empty_home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KIOSK_DATABASE_URL", raising=False)
    code, out, _ = admin(capsys, "migrate")
    assert code == 0 and "0006" in out
    code, out, _ = admin(capsys, "seed", "--if-empty")
    assert code == 0 and "24 cards" in out
    assert len(list((tmp_path / "home" / "cards").glob("*.card.json"))) == 24
    assert admin(capsys, "seed", "--if-empty")[1].startswith("already seeded")


def test_expire_sessions_command(demo_home, clock, capsys, demo_cards):
    centre = open_centre(demo_home, clock)
    session_id = authenticate(centre, demo_cards, "izumi-taro")
    centre.quote(session_id, IssuanceRequest(C.SEAL_REGISTRATION))
    centre.insert_coin(session_id, 1, 100)
    main(["admin", "--clock", "2026-06-10T11:00:00+09:00", "expire-sessions"])
    assert "closed 1" in capsys.readouterr().out
    assert ledger_balance(centre.db, session_id).refunded == 100


def test_real_rendering_prints_pdfs_and_a_receipt(demo_home, clock, demo_cards):
    centre = open_centre(demo_home, clock)
    result, receipt = buy(centre, demo_cards, "tomakomai-omori",
                          IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.HOUSEHOLD_ALL,
                                          copies=2), [500], [True, True])
    assert [c.pdf[:5] for c in result.copies] == [b"%PDF-", b"%PDF-"]
    assert receipt.pdf[:5] == b"%PDF-" and receipt.change_yen == 0


def test_staff_recover_a_dead_kiosk_and_settle_its_refund_by_hand(demo_home, clock, capsys,
                                                                   demo_cards):
    centre = open_centre(demo_home, clock)
    sid = authenticate(centre, demo_cards, "izumi-taro")
    centre.quote(sid, IssuanceRequest(C.SEAL_REGISTRATION, copies=2))
    for seq in range(1, 5):
        centre.insert_coin(sid, seq, 100)
    centre.settle(sid)
    centre.issue(sid)
    centre.report_copy(sid, 1, True)                 # then the kiosk never came back
    code, out, _ = admin(capsys, "recover", "seven-izumi-fuchu")
    assert code == 0 and f"{sid[:12]} 200円" in out
    assert sid[:12] in admin(capsys, "report", "--kiosk", "seven-izumi-fuchu")[1]
    assert admin(capsys, "settle-refund", sid[:3])[0] == 1          # too short to be sure
    code, out, _ = admin(capsys, "settle-refund", sid[:12])
    assert code == 0 and "settled 200円" in out
    assert "refunds owed" not in admin(capsys, "report", "--kiosk", "seven-izumi-fuchu")[1]
    assert ledger_balance(centre.db).owed == 0

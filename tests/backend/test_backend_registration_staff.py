"""The staff's side of the kiosk's other services: `kiosk admin registrations`, the report's
counts, and `kiosk card reserve-reset` (the smartphone app's step 1)."""

from __future__ import annotations

from datetime import datetime

import pytest

from backend.api_services import Service
from backend.clock import JST
from backend.demo_data import DEMO_NOW, TOMAKOMAI
from backend.reasons import Reason, ServiceError
from backend.registrations import approve, list_registrations, reject
from backend.service import open_centre
from kiosk.cli import main

LATER = datetime(2026, 6, 12, 10, 0, tzinfo=JST)      # Tomakomai's automatic decision day


def admin(capsys, *args: str, clock: datetime = DEMO_NOW) -> tuple[int, str, str]:
    code = main(["admin", "--clock", clock.isoformat(), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def apply(centre, cards, card_name: str, kana: str) -> str:
    start = centre.begin_session("seven-izumi-fuchu", Service.HONSEKI_REGISTRATION)
    centre.authenticate(start.session_id, cards.certificate(card_name),
                        cards.sign(card_name, start.challenge))
    receipt = centre.apply_registration(start.session_id, TOMAKOMAI, kana)
    centre.finish(start.session_id)
    centre.close(start.session_id)
    return receipt.receipt_no


@pytest.fixture
def applied(demo_home, demo_cards, clock):
    """arakawa-mei's application (matching) and arakawa-kyoto's (not): their 受付番号."""
    centre = open_centre(demo_home, clock)
    mei = apply(centre, demo_cards, "arakawa-mei", "マチヤ メイ")
    kyoto = apply(centre, demo_cards, "arakawa-kyoto", "センジュ キョウコ")
    centre.close_database()
    return mei, kyoto


def test_list_shows_pending_applications_and_the_check(applied, capsys):
    mei, kyoto = applied
    code, out, _ = admin(capsys, "registrations", "list", "--status", "pending")
    assert code == 0
    lines = out.splitlines()
    assert "受付番号" in lines[0] and len(lines) == 4          # header, rule, two rows
    assert mei in lines[2] and "町屋 芽衣" in lines[2] and "auto 2026-06-12" in lines[2]
    assert "ok" in lines[2].split() and "no match" in lines[3]
    everything = admin(capsys, "registrations", "list")[1]
    assert "荒川 陽翔" in everything and "approved 登録済" in everything


def test_staff_approve_and_reject(applied, capsys):
    mei, kyoto = applied
    code, out, _ = admin(capsys, "registrations", "approve", mei)
    assert code == 0 and out.strip() == f"{mei}: approved 登録済 (町屋 芽衣, 苫小牧市)"
    code, _, err = admin(capsys, "registrations", "approve", mei)
    assert code == 1 and "approved" in err                       # decided already
    code, _, err = admin(capsys, "registrations", "approve", kyoto)
    assert code == 1 and "一致しません" in err and "--force" in err
    code, out, _ = admin(capsys, "registrations", "reject", kyoto, "--reason", "本籍 京都市中京区")
    assert code == 0 and out.strip().endswith("rejected 却下 (千住 京子, 苫小牧市): 本籍 京都市中京区")
    code, _, err = admin(capsys, "registrations", "reject", "999", "--reason", "x")
    assert code == 1 and "no application 999" in err


def test_force_approves_what_the_check_does_not_match(applied, demo_home, clock):
    from backend.db import Database
    from backend.config import database_url

    _, kyoto = applied
    db = Database(database_url())
    with pytest.raises(ServiceError) as info:
        approve(db, kyoto, DEMO_NOW)
    assert info.value.reason is Reason.REGISTRATION_MISMATCH
    row = approve(db, kyoto, DEMO_NOW, force=True)
    assert (row.status, row.decided_by) == ("approved", "staff")
    db.dispose()


def test_approve_by_id_and_reject_needs_a_reason(applied, demo_home):
    from backend.config import database_url
    from backend.db import Database

    mei, _ = applied
    db = Database(database_url())
    ident = str(next(r.id for r in list_registrations(db, DEMO_NOW) if r.receipt_no == mei))
    for reason in ("", "   ", "x" * 201):
        with pytest.raises(ServiceError) as info:
            reject(db, ident, reason, DEMO_NOW)
        assert info.value.reason is Reason.BAD_REQUEST
    assert approve(db, ident, DEMO_NOW).receipt_no == mei
    db.dispose()


def test_the_list_and_the_report_settle_what_is_due(applied, capsys):
    mei, kyoto = applied
    out = admin(capsys, "registrations", "list", "--status", "rejected", clock=LATER)[1]
    assert kyoto in out and "registration_mismatch" in out and mei not in out
    code, out, _ = admin(capsys, "report", "--date", "2026-06-12", clock=LATER)
    counts = out.split("registrations 利用登録申請")[1].splitlines()
    assert counts[1].split() == ["pending", "審査中", "approved", "登録済", "rejected", "却下"]
    assert counts[-1].split() == ["0", "3", "1"]


def test_reserve_reset_prints_when_it_lapses(demo_home, capsys):
    code = main(["card", "reserve-reset", "izumi-taro", "--clock", "2026-06-10T21:30"])
    out = capsys.readouterr().out
    assert code == 0 and "izumi-taro" in out and "2026-06-11 21:30" in out
    code = main(["card", "reserve-reset", "nobody"])
    assert code == 1 and "nobody" in capsys.readouterr().err


def test_a_reservation_from_the_command_line_lets_the_kiosk_reset(demo_home, demo_cards, clock):
    assert main(["card", "reserve-reset", "izumi-taro", "--clock", DEMO_NOW.isoformat()]) == 0
    centre = open_centre(demo_home, clock)
    start = centre.begin_session("seven-izumi-fuchu", Service.SIGNING_PIN_RESET)
    assert centre.authenticate(start.session_id, demo_cards.certificate("izumi-taro"),
                               demo_cards.sign("izumi-taro", start.challenge))
    centre.close_database()

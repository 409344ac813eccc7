"""The centre under faults: owed refunds, paid sessions never swept, one live session per
kiosk, canonical copy numbers, collision-free transaction numbers, typed refusals for any
input, re-authentication, and receipts not kept (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from backend.admin import ledger_balance
from backend.api import IssuanceKind, IssuanceRequest
from backend.api import CertificateCode as C
from backend.models import Issuance, SessionStep
from backend.reasons import Reason
from tests.backend.conftest import refused

KIOSK = "seven-izumi-fuchu"
TWO_COPIES = IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.SELF, copies=2)  # 2 × 200


@pytest.fixture
def paid(login, centre):
    """izumi-taro's 2 copies, 400 yen in, settled: the session id."""
    session_id, _ = login("izumi-taro")
    centre.quote(session_id, TWO_COPIES)
    for seq in range(1, 5):
        centre.insert_coin(session_id, seq, 100)
    centre.settle(session_id)
    return session_id


def test_close_mid_print_returns_what_it_refunds_for_the_kiosk_to_pay(centre, paid) -> None:
    centre.issue(paid)
    centre.report_copy(paid, 1, True)
    assert centre.close(paid).yen == 200          # before: None, and the 200 was never paid
    assert ledger_balance(centre.db, paid).owed == 200
    centre.refund_paid(paid)
    assert ledger_balance(centre.db, paid).owed == 0


def test_the_idle_sweep_never_closes_a_paid_session(centre, paid, clock) -> None:
    centre.issue(paid)
    centre.report_copy(paid, 1, True)
    clock.set(clock.now() + timedelta(minutes=11))          # printing stalled 11 minutes
    assert centre.expire_sessions() == 0
    centre.report_copy(paid, 2, True)                        # copy 2 still goes through
    receipt = centre.finish(paid)
    assert (receipt.copies_printed, receipt.refunded_yen) == (2, 0)
    balance = ledger_balance(centre.db, paid)
    assert balance.balanced and balance.fees_printed == 400 and balance.refunded == 0


def test_the_idle_sweep_closes_unpaid_sessions_and_records_their_coins_owed(centre, login,
                                                                             clock) -> None:
    session_id, _ = login("izumi-taro")
    centre.quote(session_id, TWO_COPIES)
    centre.insert_coin(session_id, 1, 100)
    clock.set(clock.now() + timedelta(minutes=11))
    assert centre.expire_sessions() == 1
    assert [(o.session_id, o.yen) for o in centre.owed_refunds(KIOSK)] == [(session_id, 100)]
    with refused(Reason.SESSION_CLOSED):
        centre.insert_coin(session_id, 2, 100)


def test_a_kiosk_has_one_live_session_at_a_time(centre, paid, login) -> None:
    centre.issue(paid)
    with refused(Reason.KIOSK_BUSY):                 # before: a second session opened
        centre.begin_session(KIOSK)
    centre.report_copy(paid, 1, True)
    centre.report_copy(paid, 2, True)
    centre.finish(paid)
    centre.close(paid)
    left_behind = centre.begin_session(KIOSK).session_id   # someone walked away at ①
    again = centre.begin_session(KIOSK).session_id
    with refused(Reason.SESSION_CLOSED):
        centre.precheck_card(left_behind, b"")
    assert again != left_behind
    assert centre.begin_session("lawson-tomakomai-ekimae")  # other kiosks are not affected


def test_recover_closes_what_a_kiosk_left_and_hands_back_what_it_owes(centre, paid) -> None:
    centre.issue(paid)
    centre.report_copy(paid, 1, True)                # then the kiosk died
    owed = centre.recover(KIOSK)
    assert [(o.session_id, o.yen) for o in owed] == [(paid, 200)]
    with refused(Reason.SESSION_CLOSED):
        centre.report_copy(paid, 2, True)
    assert centre.begin_session(KIOSK)               # the kiosk is free again


@pytest.mark.parametrize("copy_no", [1.0, True, "1", None, 0, 3, -1, 2**70])
def test_copy_numbers_are_ints_of_the_issuance(centre, paid, copy_no) -> None:
    centre.issue(paid)
    centre.report_copy(paid, 1, True)
    with refused(Reason.UNKNOWN_COPY):
        centre.report_copy(paid, copy_no, False)
    centre.report_copy(paid, 2, True)
    assert centre.finish(paid).copies_printed == 2   # before: 1.0 flipped copy 1 to unprinted


def test_printed_must_be_a_boolean(centre, paid) -> None:
    centre.issue(paid)
    with refused(Reason.BAD_REQUEST):
        centre.report_copy(paid, 1, "yes")


def test_transaction_numbers_never_collide(centre, login, monkeypatch) -> None:
    import secrets
    monkeypatch.setattr(secrets, "randbelow", lambda n: 7)    # the old numbers' only source
    numbers = []
    for _ in range(3):
        session_id, _ = login("izumi-taro")
        centre.quote(session_id, IssuanceRequest(C.SEAL_REGISTRATION))
        centre.insert_coin(session_id, 1, 500)
        centre.settle(session_id)
        centre.issue(session_id)
        centre.report_copy(session_id, 1, True)
        numbers.append(centre.finish(session_id).transaction_no)
        centre.close(session_id)
    assert len(set(numbers)) == 3 and all(len(n) == 16 and n.isdigit() for n in numbers)
    with centre.db.unit() as s:
        assert sorted(s.scalars(select(Issuance.transaction_no))) == sorted(numbers)


BAD_IDS = {"nul": "abc\x00def", "surrogate": "\ud800", "long": "x" * 5000, "empty": "",
           "nul-suffix": "seven-izumi-fuchu\x00"}


@pytest.mark.parametrize("bad", list(BAD_IDS.values()), ids=list(BAD_IDS))
def test_any_session_or_kiosk_id_is_a_typed_refusal(centre, bad) -> None:
    with refused(Reason.UNKNOWN_SESSION):
        centre.payment(bad)
    with refused(Reason.UNKNOWN_SESSION):
        centre.close(bad)
    with refused(Reason.UNKNOWN_KIOSK):
        centre.begin_session(bad)
    with refused(Reason.UNKNOWN_KIOSK):
        centre.owed_refunds(bad)


@pytest.mark.parametrize("seq", [2**31, 2**63, 2**64 + 1, -(2**63)])
def test_coin_sequence_numbers_past_the_column_are_refused(centre, login, seq) -> None:
    session_id, _ = login("izumi-taro")
    centre.quote(session_id, TWO_COPIES)
    with refused(Reason.INVALID_COIN):
        centre.insert_coin(session_id, seq, 100)
    assert centre.insert_coin(session_id, 2**31 - 1, 100).inserted_yen == 100


def test_a_bound_session_cannot_be_reauthenticated_without_its_signature(centre, cards) -> None:
    start = centre.begin_session(KIOSK)
    cert = cards.certificate("izumi-taro")
    signature = cards.sign("izumi-taro", start.challenge)
    holder = centre.authenticate(start.session_id, cert, signature)
    with refused(Reason.CHALLENGE_REUSED):                  # before: returned the holder
        centre.authenticate(start.session_id, cert, b"junk")
    with refused(Reason.CHALLENGE_REUSED):
        centre.authenticate(start.session_id, cert, None)
    assert centre.authenticate(start.session_id, cert, signature) == holder   # a true retry


def test_the_receipt_document_is_not_kept_and_a_retry_renders_it_again(centre, paid,
                                                                       rendering) -> None:
    centre.issue(paid)
    centre.report_copy(paid, 1, True)
    centre.report_copy(paid, 2, True)
    first = centre.finish(paid)
    with centre.db.unit() as s:
        kept = s.scalar(select(SessionStep.result).where(SessionStep.session_id == paid,
                                                         SessionStep.step == "finish"))
    assert first.pdf and first.pdf.decode() not in json.dumps(kept)
    assert kept["receipt"]["pdf"] == ""
    again = centre.finish(paid)
    assert again == first and len(rendering.receipts) == 2

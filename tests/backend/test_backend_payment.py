"""Payment, issuance, refunds and idempotency; the money invariant as a property."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.admin import ledger_balance
from backend.api import ACCEPTED_YEN, IssuanceKind, IssuanceRequest
from backend.api import CertificateCode as C
from backend.clock import JST
from backend.reasons import Reason
from tests.backend.conftest import refused

SELF_RECORD = IssuanceRequest(C.RESIDENT_RECORD, kind=IssuanceKind.SELF, copies=2)  # 2 × 200


@pytest.fixture
def quoted(login, centre):
    session_id, _ = login("izumi-taro")
    centre.quote(session_id, SELF_RECORD)
    return session_id


def pay(centre, session_id, *coins):
    state = None
    for seq, yen in enumerate(coins, start=1):
        state = centre.insert_coin(session_id, seq, yen)
    return state


def test_full_transaction(centre, quoted, rendering):
    assert pay(centre, quoted, 500).remaining_yen == 0
    settled = centre.settle(quoted)
    assert (settled.due_yen, settled.inserted_yen, settled.change_yen, settled.settled) == (
        400, 500, 100, True)
    result = centre.issue(quoted)
    assert [c.copy_no for c in result.copies] == [1, 2]
    for copy in result.copies:
        centre.report_copy(quoted, copy.copy_no, True)
    receipt = centre.finish(quoted)
    assert (receipt.paid_yen, receipt.change_yen, receipt.refunded_yen,
            receipt.copies_printed) == (500, 100, 0, 2)
    data = rendering.receipts[0]
    assert (data.total_fee, data.store, data.municipality_name) == (
        400, "セブン-イレブン 和泉府中駅前店", "和泉市")
    # the 発行番号 of what came out, each once, in copy order (the stand-in numbers each copy)
    assert data.document_ids == tuple(c.document_id for c in result.copies)
    centre.close(quoted)
    assert ledger_balance(centre.db, quoted).balanced


def test_render_receives_the_resolved_request(centre, quoted, rendering):
    pay(centre, quoted, 500)
    centre.settle(quoted)
    centre.issue(quoted)
    call = rendering.calls[0]
    assert call["municipality_code"] == "272191"
    assert call["request"].copies == 2 and len(call["request"].member_ids) == 1
    assert call["issued_at"] == datetime(2026, 6, 10, 10, 0, tzinfo=JST)


@pytest.mark.parametrize("yen", [0, -100, 5, 1, 2000, 10000, 100.0, "100", None, True])
def test_odd_coins_are_refused(centre, quoted, yen):
    with refused(Reason.INVALID_COIN):
        centre.insert_coin(quoted, 1, yen)
    assert centre.payment(quoted).inserted_yen == 0


def test_coin_retry_is_counted_once(centre, quoted):
    centre.insert_coin(quoted, 1, 100)
    again = centre.insert_coin(quoted, 1, 100)
    assert again.inserted_yen == 100
    with refused(Reason.WRONG_STEP):
        centre.insert_coin(quoted, 1, 500)   # the same coin cannot change its value
    assert centre.insert_coin(quoted, 2, 10).inserted_yen == 110


def test_settle_refuses_short_payment_without_state_change(centre, quoted):
    pay(centre, quoted, 100, 100)
    with refused(Reason.INSUFFICIENT_PAYMENT):
        centre.settle(quoted)
    assert centre.insert_coin(quoted, 3, 500).inserted_yen == 700
    assert centre.settle(quoted).change_yen == 300


def test_settle_after_23_is_refused_and_cancel_refunds(centre, login, clock):
    clock.set(datetime(2026, 6, 10, 22, 58, tzinfo=JST))
    session_id, _ = login("izumi-taro")
    centre.quote(session_id, SELF_RECORD)
    pay(centre, session_id, 500)
    clock.set(datetime(2026, 6, 10, 23, 0, tzinfo=JST))
    with refused(Reason.CLOSED_HOURS):
        centre.settle(session_id)
    with refused(Reason.WRONG_STEP):
        centre.issue(session_id)
    assert centre.cancel(session_id).yen == 500
    centre.close(session_id)
    assert ledger_balance(centre.db, session_id).balanced


def test_family_register_window_checked_again_at_settle(centre, login, clock):
    clock.set(datetime(2026, 6, 10, 16, 58, tzinfo=JST))
    session_id, _ = login("tomakomai-yoko")
    centre.quote(session_id, IssuanceRequest(C.FAMILY_REGISTER_ALL))
    pay(centre, session_id, 500)
    clock.set(datetime(2026, 6, 10, 17, 0, tzinfo=JST))
    with refused(Reason.CERTIFICATE_WINDOW_CLOSED):
        centre.settle(session_id)


def test_retried_settle_issue_finish_return_the_same(centre, quoted, rendering):
    pay(centre, quoted, 500)
    assert centre.settle(quoted) == centre.settle(quoted)
    first = centre.issue(quoted)
    assert centre.issue(quoted) == first
    assert len(rendering.calls) == 1          # rendered (and recorded) once
    centre.report_copy(quoted, 1, True)
    centre.report_copy(quoted, 1, True)
    centre.report_copy(quoted, 2, False)
    receipt = centre.finish(quoted)
    balance = ledger_balance(centre.db, quoted)
    assert centre.finish(quoted) == receipt
    assert receipt.refunded_yen == 200 and receipt.copies_printed == 1
    # only what came out has its 発行番号 on the receipt, on the retry too
    assert [r.document_ids for r in rendering.receipts] == [(first.copies[0].document_id,)] * 2
    assert ledger_balance(centre.db, quoted) == balance    # the retry moved no money
    assert ledger_balance(centre.db, quoted).refunded == 200


def test_report_copy_cannot_flip(centre, quoted):
    pay(centre, quoted, 500)
    centre.settle(quoted)
    centre.issue(quoted)
    centre.report_copy(quoted, 1, False)
    with refused(Reason.WRONG_STEP):
        centre.report_copy(quoted, 1, True)
    with refused(Reason.UNKNOWN_COPY):
        centre.report_copy(quoted, 3, True)


def test_cancel_before_issue_refunds_everything_once(centre, quoted):
    pay(centre, quoted, 100, 50, 10)
    assert centre.cancel(quoted).yen == 160
    assert centre.cancel(quoted).yen == 160
    assert ledger_balance(centre.db, quoted).refunded == 160
    with refused(Reason.WRONG_STEP):
        centre.insert_coin(quoted, 4, 100)


def test_cancel_after_settle_keeps_change_paid_out(centre, quoted):
    pay(centre, quoted, 1000)
    assert centre.settle(quoted).change_yen == 600
    assert centre.cancel(quoted).yen == 400
    centre.close(quoted)
    assert ledger_balance(centre.db, quoted).balanced


def test_cancel_mid_print_refunds_the_unprinted_copies_as_owed_until_paid_out(centre, quoted):
    """2 × 200 yen, 400 in, copy 1 out: the 200 of copy 2 is owed, returned to be paid out,
    and settled only when the kiosk says its coin vendor paid it."""
    pay(centre, quoted, 100, 100, 100, 100)
    centre.settle(quoted)
    centre.issue(quoted)
    centre.report_copy(quoted, 1, True)
    assert centre.cancel(quoted).yen == 200
    assert centre.cancel(quoted).yen == 200                 # a retry: the same answer
    assert centre.close(quoted).yen == 200                  # still owed: close says so
    assert ledger_balance(centre.db, quoted).owed == 200
    kiosk = "seven-izumi-fuchu"
    assert [(o.session_id, o.yen) for o in centre.owed_refunds(kiosk)] == [(quoted, 200)]
    assert centre.refund_paid(quoted) == 200
    assert centre.refund_paid(quoted) == 0                  # a retry settles nothing twice
    balance = ledger_balance(centre.db, quoted)
    assert balance.balanced and (balance.refunded, balance.owed, balance.fees_printed) == (
        200, 0, 200)
    assert centre.owed_refunds(kiosk) == [] and centre.close(quoted).yen == 0


def test_close_of_an_issued_session_refunds_unprinted_copies(centre, quoted):
    pay(centre, quoted, 500)
    centre.settle(quoted)
    centre.issue(quoted)
    centre.report_copy(quoted, 1, True)
    centre.close(quoted)
    balance = ledger_balance(centre.db, quoted)
    assert balance.balanced and balance.refunded == 200 and balance.fees_printed == 200


def test_close_forgets_the_printed_bytes_and_the_request(centre, quoted):
    from backend.models import IssuedCopyRecord, KioskSession
    pay(centre, quoted, 500)
    centre.settle(quoted)
    issued = centre.issue(quoted)
    centre.finish(quoted)
    centre.close(quoted)
    with centre.db.unit() as s:
        session = s.get(KioskSession, quoted)
        assert session.request is None and session.challenge is None
        pdfs = [c.pdf for c in s.query(IssuedCopyRecord).filter_by(
            issuance_id=issued.issuance_id)]
        assert pdfs == [None, None]


def test_payment_still_says_settled_after_the_session_is_closed(centre, quoted):
    pay(centre, quoted, 500)
    assert not centre.payment(quoted).settled
    centre.settle(quoted)
    centre.issue(quoted)
    centre.finish(quoted)
    centre.close(quoted)
    after = centre.payment(quoted)
    assert after.settled and (after.inserted_yen, after.change_yen) == (500, 100)


def test_a_session_closed_unpaid_was_never_settled(centre, quoted):
    pay(centre, quoted, 100)
    centre.close(quoted)
    assert not centre.payment(quoted).settled


def test_expired_sessions_are_closed_with_refunds(centre, quoted, clock):
    pay(centre, quoted, 100)
    clock.advance(3600)
    assert centre.expire_sessions() == 1
    assert ledger_balance(centre.db, quoted).refunded == 100
    with refused(Reason.SESSION_CLOSED):
        centre.insert_coin(quoted, 2, 100)


def test_a_failing_renderer_leaves_the_session_settled(centre, quoted, rendering):
    def broken(db, **kwargs):
        raise RuntimeError("printer spooler gone")
    pay(centre, quoted, 500)
    centre.settle(quoted)
    centre._render_copies = broken
    with pytest.raises(RuntimeError):
        centre.issue(quoted)
    assert centre.payment(quoted).settled
    assert centre.cancel(quoted).yen == 400   # 100 went back as change at settle
    assert ledger_balance(centre.db, quoted).balanced


# --- the invariant: money in = fees of printed copies + refunds + change ----------------------

coins = st.lists(st.sampled_from(ACCEPTED_YEN), min_size=0, max_size=8)
plans = st.fixed_dictionaries({
    "copies": st.integers(1, 10),
    "coins": coins,
    "stop": st.sampled_from(["before_settle", "after_settle", "after_issue", "finish",
                             "close_only"]),
    "printed": st.lists(st.booleans(), min_size=10, max_size=10),
    "retries": st.booleans(),
})


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(plan=plans)
def test_money_in_equals_fees_printed_plus_refunds_plus_change(centre, login, plan):
    session_id, _ = login("tomakomai-yoko")
    quote = centre.quote(session_id, IssuanceRequest(C.TAX, copies=plan["copies"]))
    for seq, yen in enumerate(plan["coins"], start=1):
        centre.insert_coin(session_id, seq, yen)
        if plan["retries"]:
            centre.insert_coin(session_id, seq, yen)
    inserted = sum(plan["coins"])
    stages = ["before_settle", "after_settle", "after_issue", "finish"]
    stop = plan["stop"]
    if inserted >= quote.total_yen and stop != "before_settle" and stop != "close_only":
        centre.settle(session_id)
        if plan["retries"]:
            centre.settle(session_id)
        if stages.index(stop) >= stages.index("after_issue"):
            result = centre.issue(session_id)
            for copy, ok in zip(result.copies, plan["printed"]):
                centre.report_copy(session_id, copy.copy_no, ok)
            if stop == "finish":
                centre.finish(session_id)
        elif plan["retries"]:
            centre.cancel(session_id)
    elif stop == "before_settle":
        centre.cancel(session_id)
    centre.close(session_id)
    balance = ledger_balance(centre.db, session_id)
    assert balance.paid_in == inserted
    assert balance.balanced, balance
    assert ledger_balance(centre.db).balanced

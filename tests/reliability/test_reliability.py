"""Both conservations under randomised faults (kiosk.testing.reliability): a slice of
`scripts/soak` on SQLite and on PostgreSQL, and proof that the harness catches what it is for.
"""

from __future__ import annotations

import contextlib

import pytest

from backend.centre_money import PaymentSteps
from backend.reasons import ServiceError
from kiosk.devices.coins import ChangeShortage
from kiosk.testing import reliability
from kiosk.testing.reliability import Tally, run_seed
from kiosk.testing.soak import open_soak_centre, soak


@pytest.fixture(scope="module")
def centre(tmp_path_factory):
    c = open_soak_centre(tmp_path_factory.mktemp("soak") / "home", None)
    yield c
    c.close_database()


def test_200_seeds_on_sqlite_lose_no_yen_and_no_copy(centre) -> None:
    tally = soak(centre, range(200))
    assert tally.violations == []
    assert tally.seeds == 200 and tally.sessions == 600
    assert tally.faults > 400 and tally.yen_in > 0 and tally.yen_out > 0


@pytest.mark.postgres
def test_50_seeds_on_postgresql_lose_no_yen_and_no_copy(postgres_cluster, tmp_path) -> None:
    url = postgres_cluster.create_database("kiosk_reliability")
    c = open_soak_centre(tmp_path / "home", url)
    try:
        tally = soak(c, range(1000, 1050))
    finally:
        c.close_database()
    assert tally.violations == [] and tally.seeds == 50 and tally.faults > 100


def broken(centre, monkeypatch, seeds=range(5000, 5060)) -> list[str]:
    tally = Tally()
    for seed in seeds:
        try:
            run_seed(centre, seed, tally)
        except ServiceError as exc:          # a broken centre may also refuse outright
            tally.violations.append(str(exc))
    monkeypatch.undo()
    return tally.violations


def test_it_catches_a_refund_recorded_but_never_handed_back(centre, monkeypatch) -> None:
    """The original defect: cancel() refused once issued, close() wrote the refund of the
    unprinted copies but handed nothing back to pay out, and no start paid it later."""
    from backend.api import Refund
    from backend.centre_core import ISSUED
    from backend.reasons import Reason

    cancel, close = PaymentSteps.cancel, PaymentSteps.close

    def old_cancel(self, sid):
        with self._unit() as s:
            if self._context(s, sid).session.state == ISSUED:
                raise ServiceError(Reason.WRONG_STEP, "issued")
        return cancel(self, sid)

    def old_close(self, sid):
        close(self, sid)
        return Refund(0)

    monkeypatch.setattr(PaymentSteps, "cancel", old_cancel)
    monkeypatch.setattr(PaymentSteps, "close", old_close)
    monkeypatch.setattr(PaymentSteps, "owed_refunds", lambda self, kiosk_id: [])
    assert any("owed" in v or "coins in" in v for v in broken(centre, monkeypatch))


def test_it_catches_a_payout_never_reported(centre, monkeypatch) -> None:
    def pay_without_telling(self, session_id, yen, *, escrow=False):
        if yen > 0:
            with contextlib.suppress(ChangeShortage):     # out of change: paid nothing either
                (self.vendor.refund if escrow else self.vendor.pay_out)(yen)
    monkeypatch.setattr(reliability.Kiosk, "pay_out", pay_without_telling)
    assert any("still owed" in v for v in broken(centre, monkeypatch))


def test_it_catches_a_sweep_of_paid_sessions(centre, monkeypatch) -> None:
    import backend.centre_money as money
    monkeypatch.setattr(money, "BEFORE_PAYMENT", (*money.BEFORE_PAYMENT, *money.PAID))
    assert broken(centre, monkeypatch, range(6000, 6150))


def test_it_catches_a_copy_handed_to_the_wrong_person(centre, monkeypatch) -> None:
    real = reliability.Kiosk._print

    def mixed_up(self, sid, step):
        real(self, sid, step)
        if len(self.printed) > 1:          # the tray hands out someone else's page
            self.printed[-1] = (sid, self.printed[-1][1], self.printed[0][2])
    monkeypatch.setattr(reliability.Kiosk, "_print", mixed_up)
    assert any("no matching record" in v for v in broken(centre, monkeypatch))

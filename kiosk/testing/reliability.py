"""Seeded, randomised sessions through the centre under faults, checking that money and paper
are never lost: what `tests/reliability` runs a slice of and `scripts/soak` runs at scale.

Each seed plays a few sessions on two kiosks, interleaved step by step in a random order.
Each kiosk follows the kiosk's money protocol (as `kiosk.app` carries it out): every call is
retried until it answers (the centre's steps are idempotent); a refund is paid out of the
coin vendor first and reported (`refund_paid`) after; a kiosk that stops comes back with
`recover` and pays what it owes. Faults, each drawn at random:

- the answer of a centre call lost, before or after the call took effect (the network);
- the centre's database connection dropping mid-transaction (the unit rolls back whole);
- a call sent twice, and a later step tried too early (out of order: must be refused);
- the clock jumping past the idle limit, and staff sweeping idle sessions meanwhile;
- the printer failing after k copies (a jam, or a write that raises), the receipt failing;
- the coin vendor failing to pay out (the refund stays owed until the next start);
- the person walking away (cancel at any step), the kiosk process dying at any step.

After each seed every kiosk starts once more, and the checks are:
- physical: yen the coin vendors took in = fees of copies that came out + yen that left the
  vendors (change, refunds) + refunds still owed (and none is owed once the kiosks restarted);
- ledger: payments = fees of printed copies + change + refunds, over the seed's sessions;
- paper: every copy that came out has its record as printed, and each names its own holder.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError, StatementError

from backend.api import (ACCEPTED_YEN, CertificateCode, IssuanceKind, IssuanceRequest,
                         IssuedCopy)
from backend.clock import FixedClock
from backend.demo_data import DEMO_NOW
from backend.models import Issuance, IssuedCopyRecord
from backend.reasons import Reason, ServiceError
from kiosk.devices.coins import ChangeShortage, SimulatedCoinVendor
from kiosk.testing.conservation import money_violations

# Who uses which kiosk, and what they ask for (both open at DEMO_NOW, a Wednesday 10:00).
VISITS = (("seven-izumi-fuchu", "izumi-taro",
           (IssuanceRequest(CertificateCode.RESIDENT_RECORD, kind=IssuanceKind.SELF),
            IssuanceRequest(CertificateCode.SEAL_REGISTRATION))),
          ("lawson-tomakomai-ekimae", "tomakomai-yoko",
           (IssuanceRequest(CertificateCode.RESIDENT_RECORD, kind=IssuanceKind.SELF),
            IssuanceRequest(CertificateCode.TAX))))
MAX_RETRIES = 6


class LostAnswer(ConnectionError):
    """The call's answer never came back (it may or may not have taken effect)."""


class Died(Exception):
    """The kiosk process stopped here."""


class WalkedAway(Exception):
    """The person left (or pressed 終了する) at this step."""


def plain_copies(db, **kwargs) -> list[IssuedCopy]:
    """A stand-in for rendering whose bytes name the issuance and the holder."""
    return [IssuedCopy(n, f"{kwargs['issuance_id']}-{n}",
                       f"copy {n} of {kwargs['issuance_id']} for {kwargs['holder_resident_id']}"
                       .encode()) for n in range(1, kwargs["request"].copies + 1)]


def plain_receipt(data) -> bytes:
    return f"receipt {data.transaction_no}".encode()


@dataclass
class Tally:
    seeds: int = 0
    sessions: int = 0
    faults: int = 0
    yen_in: int = 0
    yen_out: int = 0
    unrecorded: int = 0           # yen taken in but never in the ledger (all given back)
    violations: list[str] = field(default_factory=list)

    def line(self) -> dict:
        return {"seeds": self.seeds, "sessions": self.sessions, "faults": self.faults,
                "violations": len(self.violations), "yen_in": self.yen_in,
                "yen_out": self.yen_out, "yen_never_in_the_ledger": self.unrecorded}


class Wire:
    """The centre as a kiosk reaches it: an answer is lost now and then (`rate`), and now and
    then the centre's own database connection drops in the middle of a call's transaction
    (the k-th statement fails: the whole unit must roll back, and the kiosk retries)."""

    def __init__(self, centre, rng: random.Random, rate: float, tally: Tally) -> None:
        self.centre, self.rng, self.rate, self.tally = centre, rng, rate, tally
        self._drop_in: int | None = None
        event.listen(centre.db.engine, "before_cursor_execute", self._statement)

    def detach(self) -> None:
        event.remove(self.centre.db.engine, "before_cursor_execute", self._statement)

    def _statement(self, *args) -> None:
        if self._drop_in is not None:
            self._drop_in -= 1
            if self._drop_in <= 0:
                self._drop_in = None
                raise DisconnectionError("the database connection dropped")

    def __getattr__(self, name: str):
        call = getattr(self.centre, name)

        def over_the_wire(*args):
            lost = self.rng.random() < self.rate
            if lost and self.rng.random() < 0.5:
                self.tally.faults += 1
                raise LostAnswer(f"{name}: lost before the centre")
            if self.rng.random() < self.rate:
                self.tally.faults += 1
                self._drop_in = self.rng.randint(1, 8)
            try:
                result = call(*args)
            except (DisconnectionError, StatementError) as exc:
                raise LostAnswer(f"{name}: {exc}") from None
            finally:
                self._drop_in = None
            if lost:
                self.tally.faults += 1
                raise LostAnswer(f"{name}: answer lost")
            return result

        return over_the_wire


class Kiosk:
    """One terminal: its coin vendor and output tray survive its process dying."""

    def __init__(self, kiosk_id: str, wire: Wire, rng: random.Random, tally: Tally) -> None:
        self.kiosk_id, self.wire, self.rng, self.tally = kiosk_id, wire, rng, tally
        self.vendor = SimulatedCoinVendor()
        self.printed: list[tuple[str, int, bytes]] = []   # the output tray: (session, copy, bytes)
        self.printing_for: str | None = None   # the job under way (kept on disk, like escrow_for)
        self.vendor_broken = False       # its payouts from the cash box fail (not its escrow)
        self.escrow_for: str | None = None   # the sale the escrow holds coins for (kept on disk)

    def call(self, name: str, *args):
        for _ in range(MAX_RETRIES):
            try:
                return getattr(self.wire, name)(*args)
            except LostAnswer:
                continue
        return getattr(self.wire.centre, name)(*args)   # the line came back

    def pay_out(self, session_id: str, yen: int, *, escrow: bool = False) -> None:
        if yen <= 0:
            return
        if escrow:
            self.vendor.refund(yen)                      # the escrow flap is mechanical
        elif self.vendor_broken:
            self.tally.faults += 1
            return                                       # stays owed
        else:
            try:
                self.vendor.pay_out(yen)
            except ChangeShortage:                       # the hoppers cannot make it: owed
                self.tally.faults += 1
                return
        self.call("refund_paid", session_id)

    def start(self) -> None:
        """The kiosk (re)starts: the coins of a sale it never finished come back out of the
        escrow; it closes what it left and pays what it still owes."""
        self._report_tray()               # copies that came out before it died count
        escrowed, sale = self.vendor.inserted_yen, self.escrow_for
        if escrowed:
            self.vendor.refund(escrowed)
        self.vendor.close()
        self.escrow_for = None
        for owed in self.call("recover", self.kiosk_id):
            if owed.session_id == sale and escrowed >= owed.yen:
                self.call("refund_paid", owed.session_id)    # those very coins paid it
            else:
                self.pay_out(owed.session_id, owed.yen)

    def session(self, card: str, cards, requests, clock: FixedClock):
        """One person's visit, as a generator: it yields after each step (the scheduler
        interleaves kiosks there) and may raise Died at any of them."""
        rng = self.rng
        die_at = rng.randrange(40) if rng.random() < 0.15 else -1
        walk_at = rng.randrange(14) if rng.random() < 0.15 else -1
        steps = iter(range(100))

        def step() -> None:
            n = next(steps)
            if n == die_at:
                self.tally.faults += 1
                raise Died(n)
            if n == walk_at:
                raise WalkedAway(n)

        if self.vendor.fault == Reason.CHANGE_LOW:   # 釣銭切れ: staff refill before anyone starts
            self.vendor.refill()
        start = self.call("begin_session", self.kiosk_id)
        sid = start.session_id
        self.tally.sessions += 1
        try:
            yield sid
            certificate = cards.certificate(card)
            self.call("precheck_card", sid, certificate)
            step()
            yield sid
            self.call("authenticate", sid, certificate, cards.sign(card, start.challenge))
            request = rng.choice(requests)
            request = IssuanceRequest(request.certificate, request.scope, request.kind,
                                      copies=rng.randint(1, 3))
            quote = self.call("quote", sid, request)
            step()
            yield sid
            self.escrow_for = sid
            self.vendor.open(quote.total_yen)
            paid, seq = 0, 0
            while paid < quote.total_yen:
                coin = rng.choice([c for c in ACCEPTED_YEN if c >= 100] or ACCEPTED_YEN)
                self.vendor.insert(coin)
                seq += 1
                paid = self.call("insert_coin", sid, seq, coin).inserted_yen
                if rng.random() < 0.1:                      # a duplicate of the same coin
                    self.call("insert_coin", sid, seq, coin)
                step()
                yield sid
            self._out_of_order(sid)
            if rng.random() < 0.1:
                clock.set(clock.now() + timedelta(minutes=11))   # stalled: sweeps run
                self.call("expire_sessions")
            settled = self.call("settle", sid)
            step()
            self.vendor.settle(settled.change_yen)
            self.escrow_for = None
            yield sid
            self._print(sid, step)
            yield sid
            receipt = self.call("finish", sid)
            self.printing_for = None
            self.pay_out(sid, receipt.refunded_yen)
        except (ServiceError, WalkedAway):
            pass                          # refused (timed out, swept) or walked away
        self._end(sid)

    def _print(self, sid: str, step) -> None:
        rng = self.rng
        result = self.call("issue", sid)
        self.printing_for = sid
        jam_after = rng.randrange(len(result.copies) + 1) if rng.random() < 0.3 else None
        out = 0
        for copy in result.copies:
            if jam_after is not None and out >= jam_after:
                self.tally.faults += 1
                self.call("report_copy", sid, copy.copy_no, False)
                continue
            step()                                      # may die before this copy
            self.printed.append((sid, copy.copy_no, copy.pdf))
            out += 1
            step()                                      # may die with it out, unreported
            self.call("report_copy", sid, copy.copy_no, True)
            if rng.random() < 0.1:
                self.call("report_copy", sid, copy.copy_no, True)     # sent twice

    def _report_tray(self) -> None:
        """Every copy of the job under way that is in the output tray is reported printed
        (already reported: the same answer; the session closed meanwhile: nothing to do)."""
        if self.printing_for is not None:
            for sid, copy_no, _ in self.printed:
                if sid == self.printing_for:
                    try:
                        self.call("report_copy", sid, copy_no, True)
                    except ServiceError:
                        pass
            self.printing_for = None

    def _out_of_order(self, sid: str) -> None:
        """A later step tried too early is refused, and changes nothing."""
        if self.rng.random() < 0.2:
            self.tally.faults += 1
            try:
                self.wire.centre.finish(sid)
            except ServiceError:
                return
            self.tally.violations.append(f"{sid}: finish before settle was accepted")

    def _end(self, sid: str) -> None:
        """The end of every visit (done, walked away, refused): refund, then close."""
        self._report_tray()
        refunded = 0
        try:
            refunded = self.call("cancel", sid).yen
        except ServiceError:
            pass
        escrowed = self.vendor.inserted_yen
        if escrowed:      # not settled: the very coins come back (the ledger may miss one)
            self.pay_out(sid, max(refunded, escrowed), escrow=True)
        else:
            self.pay_out(sid, refunded)
        self.vendor.close()
        self.escrow_for = None
        self.pay_out(sid, self.call("close", sid).yen)


def run_seed(centre, seed: int, tally: Tally, *, sessions: int = 3,
             lost_rate: float = 0.05) -> None:
    """Play one seed against `centre` (its clock a FixedClock) and check its conservation."""
    from backend.testing.cards import CardInHand

    rng = random.Random(seed)
    clock: FixedClock = centre.clock
    clock.set(DEMO_NOW)
    wire = Wire(centre, rng, lost_rate, tally)
    kiosks = {kid: Kiosk(kid, wire, rng, tally) for kid, _, _ in VISITS}
    for kiosk in kiosks.values():
        kiosk.start()
    cards = CardInHand(centre.paths)
    queue = []
    for _ in range(sessions):
        kiosk_id, card_name, requests = rng.choice(VISITS)
        queue.append((kiosks[kiosk_id], card_name, requests))
    running: dict[str, object] = {}
    ids: list[str] = []
    while queue or running:
        idle = [q for q in queue if q[0].kiosk_id not in running]
        if idle and (not running or rng.random() < 0.3):
            kiosk, card, requests = idle[0]
            queue.remove(idle[0])
            kiosk.vendor_broken = rng.random() < 0.05
            running[kiosk.kiosk_id] = kiosk.session(card, cards, requests, clock)
        kiosk_id = rng.choice(list(running))
        try:
            sid = next(running[kiosk_id])        # type: ignore[call-overload]
            if sid not in ids:
                ids.append(sid)
        except StopIteration:
            del running[kiosk_id]
        except Died:
            del running[kiosk_id]
            kiosks[kiosk_id].start()              # its supervisor starts it again
        except ServiceError as exc:               # a visit that could not even begin
            del running[kiosk_id]
            tally.violations.append(f"seed {seed}: {kiosk_id} could not begin: {exc}")
        clock.set(clock.now() + timedelta(seconds=rng.randint(1, 20)))
    for kiosk in kiosks.values():                  # every kiosk starts again, vendors mended
        kiosk.vendor_broken = False
        kiosk.start()
    wire.detach()
    check_conservation(centre, seed, ids, kiosks.values(), tally)
    tally.seeds += 1


def check_conservation(centre, seed: int, ids: list[str], kiosks, tally: Tally) -> None:
    """The checks above, over the sessions `ids` of `centre` (anything with the centre's
    `db`) and `kiosks` (each with its coin `vendor` and what it `printed`: (session, copy
    number, the stand-in's bytes)); each broken rule is added to `tally.violations`."""
    fail = tally.violations.append
    found, accepted, paid_out, paid_in = money_violations(
        centre.db, ids, [k.vendor for k in kiosks], f"seed {seed}")
    tally.violations += found
    # Coins the ledger never saw (a coin in the slot as its session was swept) came back too.
    tally.unrecorded += accepted - paid_in
    with centre.db.unit() as s:
        records = {(i.session_id, c.copy_no): (c.status, i.resident_id, i.id)
                   for i, c in s.query(Issuance, IssuedCopyRecord).join(
                       IssuedCopyRecord, IssuedCopyRecord.issuance_id == Issuance.id)
                   .filter(Issuance.session_id.in_(ids))}
    printed = [(sid, n, pdf.decode()) for k in kiosks for sid, n, pdf in k.printed]
    for sid, n, text in printed:
        copy_no, issuance, holder = _parse(text)
        status, resident, issuance_id = records.get((sid, copy_no), (None, None, None))
        if (n != copy_no or status != "printed" or issuance != issuance_id
                or holder != str(resident)):
            fail(f"seed {seed}: a copy out of the tray has no matching record: {text}")
    if len(printed) != sum(1 for r in records.values() if r[0] == "printed"):
        fail(f"seed {seed}: {len(printed)} copies came out, the ledger says otherwise")
    tally.yen_in += accepted
    tally.yen_out += paid_out


def _parse(text: str) -> tuple[int, str, str]:
    _, n, _, issuance, _, holder = text.split()
    return int(n), issuance, holder

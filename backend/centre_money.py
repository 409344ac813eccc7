"""⑪ – ⑭ and the end of a session: coins, settle, issue, copies, finish, cancel, close.

Money: what goes in (payments) always leaves as fees of printed copies, change or refunds.
`settle` fixes the change (paid out at ⑪). Every refund — `cancel` (what was not paid out as
change), `finish` and a cancel after issuing (copies that did not print), `close` (whichever
of the two is still owed) — is recorded *owed* and returned to the kiosk, which pays it out of
its coin vendor and then reports `refund_paid`. Whatever a kiosk could not pay (it died, its
vendor failed) stays owed: `recover` hands it back at the kiosk's next start, and the daily
report lists it for staff. A paid session is finished or refunded, never swept away idle.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.api import (CertificateCode, IssueResult, IssuedCopy, OwedRefund, PaymentState,
                         Receipt, Refund)
from backend import registry
from backend.api_services import Service
from backend.centre_core import (BEFORE_PAYMENT, CANCELLABLE, CANCELLED, CLOSED, FINISHED,
                                 FREE_DONE, ISSUED, PAID, QUOTED, SERVED, SETTLED, CentreCore,
                                 _Context, inserted, issuance_of, issued)
from backend.models import (Issuance, IssuedCopyRecord, KioskSession, Municipality, Payment,
                            RefundRecord, TransactionNumber)
from backend.reasons import Reason, ServiceError
from backend.rules import fees, hours
from backend.step_results import from_json, quoted_request, quoted_unit_fee, stored, to_json

MAX_COIN_SEQ = 2**31 - 1        # a 32-bit column on every database
MAX_COPY_NO = 2**31 - 1         # the same
IDLE_SWEPT = (*BEFORE_PAYMENT, *FREE_DONE)   # what `expire_sessions` closes once idle


class PaymentSteps(CentreCore):
    # --- ⑪ payment ---------------------------------------------------------------------------

    def insert_coin(self, session_id: str, seq: int, yen: int) -> PaymentState:
        step = f"coin:{seq}"
        with self._step(session_id, QUOTED, stored_as=step,
                        check=lambda: _check_coin_seq(seq)) as (s, ctx):
            if ctx.done is not None:
                if ctx.done["yen"] != yen:
                    raise ServiceError(Reason.WRONG_STEP, f"{step} was {ctx.done['yen']} yen")
                return from_json(PaymentState, ctx.done["state"])
            fees.validate_coin(yen)
            s.add(Payment(session_id=session_id, seq=seq, yen=yen, received_at=ctx.now))
            s.flush()
            state = PaymentState(ctx.session.due_yen, inserted(s, session_id))
            self._touch(ctx)
            self._store(s, ctx, step, {"yen": yen, "state": to_json(state)})
            return state

    def payment(self, session_id: str) -> PaymentState:
        """Where the money of a session stands (read only; also after close)."""
        with self._unit() as s:
            ctx = self._context(s, session_id, allow_closed=True)
            # settled: the payment was accepted (settle ran), whatever came after it
            return PaymentState(ctx.session.due_yen, inserted(s, session_id),
                                ctx.session.change_yen, stored(s, session_id, "settle") is not None)

    def settle(self, session_id: str) -> PaymentState:
        with self._step(session_id, QUOTED, stored_as="settle") as (s, ctx):
            if ctx.done is not None:
                return from_json(PaymentState, ctx.done)
            paid = inserted(s, session_id)
            change = fees.change_due(ctx.session.due_yen, paid)
            # Hours again, at the moment of payment: a session begun at 22:59 prints nothing
            # after 23:00; the certificate's own window and the issuer's maintenance too.
            request = quoted_request(ctx.session.request)
            resident = self._holder_row(s, ctx)
            issuer = registry.issuing_municipality(resident, request.scope)
            self._require_open(s, ctx.kiosk, ctx.now, issuer)
            reason = hours.certificate_window_refusal(
                ctx.now, registry.certificate_windows(s, issuer).get(request.certificate))
            if reason is not None:
                raise ServiceError(reason, request.certificate.value)
            ctx.session.change_yen = change
            ctx.session.state = SETTLED
            self._touch(ctx)
            state = PaymentState(ctx.session.due_yen, paid, change, True)
            self._store(s, ctx, "settle", to_json(state))
            return state

    # --- ⑫ – ⑭ -------------------------------------------------------------------------------

    def issue(self, session_id: str) -> IssueResult:
        with self._step(session_id, SETTLED, live=False, stored_as="issue") as (s, ctx):
            if ctx.done is not None:
                return _issue_result(s.get_one(Issuance, ctx.done["issuance_id"]))
            request = quoted_request(ctx.session.request)
            resident = self._holder_row(s, ctx)
            issuer = registry.issuing_municipality(resident, request.scope)
            issuance = Issuance(
                id=secrets.token_hex(16), transaction_no=_transaction_no(s, ctx.now),
                session_id=session_id, kiosk_id=ctx.kiosk.kiosk_id, resident_id=resident.id,
                municipality_code=issuer, certificate_code=request.certificate.value,
                scope=request.scope.value, copies_requested=request.copies,
                unit_fee_yen=quoted_unit_fee(ctx.session.request), issued_at=ctx.now)
            s.add(issuance)
            s.flush()
            copies = self._render_copies(
                s, issuance_id=issuance.id, request=request, holder_resident_id=resident.id,
                municipality_code=issuer, issued_at=ctx.now, paths=self.paths)
            if len(copies) != request.copies:
                raise RuntimeError(f"rendering produced {len(copies)} of {request.copies} copies")
            for copy in copies:
                s.add(IssuedCopyRecord(issuance_id=issuance.id, copy_no=copy.copy_no,
                                       document_id=copy.document_id, pdf=copy.pdf))
            ctx.session.state = ISSUED
            self._touch(ctx)
            self._store(s, ctx, "issue", {"issuance_id": issuance.id})
            return IssueResult(issuance.id, tuple(copies))

    def report_copy(self, session_id: str, copy_no: int, printed: bool) -> None:
        step = f"copy:{copy_no}"
        with self._step(session_id, ISSUED, live=False, stored_as=step,
                        check=lambda: _check_copy_report(copy_no, printed)) as (s, ctx):
            if ctx.done is not None:
                if ctx.done["printed"] != printed:
                    raise ServiceError(Reason.WRONG_STEP, f"{step} already reported")
                return
            # Asked of the database only as a number its column can hold: any other is no copy.
            record = s.scalar(select(IssuedCopyRecord).join(Issuance).where(
                Issuance.session_id == session_id, IssuedCopyRecord.copy_no == copy_no)
            ) if 1 <= copy_no <= MAX_COPY_NO else None
            if record is None:
                copies = len(issued(s, session_id).copies)
                raise ServiceError(Reason.UNKNOWN_COPY, f"no copy {copy_no} of {copies}")
            record.status = "printed" if printed else "failed"
            self._touch(ctx)
            self._store(s, ctx, step, {"printed": printed})

    def finish(self, session_id: str) -> Receipt:
        """⑭ The receipt (its PDF rendered anew on a retry: documents are not kept).

        A free service's session (SERVED) finishes with no money and no paper: a `Receipt`
        of 0 yen whose `pdf` is empty — there is no 領収書 to print."""
        with self._step(session_id, ISSUED, SERVED, live=False, stored_as="finish") as (s, ctx):
            if ctx.done is not None:
                receipt = from_json(Receipt, ctx.done["receipt"])
                if ctx.session.service != Service.ISSUANCE:
                    return receipt
                at = datetime.fromisoformat(ctx.done["at"])
                return _with_pdf(receipt, self._receipt_pdf(s, ctx, receipt, at))
            if ctx.session.state == SERVED:
                return self._finish_free(s, ctx)
            return self._finish(s, ctx, render=True)

    def _finish_free(self, s: Session, ctx: _Context) -> Receipt:
        receipt = Receipt("", b"", 0, 0, 0, 0)
        ctx.session.state = FINISHED
        self._store(s, ctx, "finish", {"receipt": to_json(receipt), "at": ctx.now.isoformat()})
        return receipt

    def _finish(self, s: Session, ctx: _Context, *, render: bool) -> Receipt:
        issuance = issued(s, ctx.session.id)
        printed = sum(1 for c in issuance.copies if c.status == "printed")
        refund = fees.refund_for_unprinted(issuance.unit_fee_yen, issuance.copies_requested,
                                           printed)
        if refund:
            s.add(RefundRecord(session_id=ctx.session.id, kind="unprinted", yen=refund,
                               refunded_at=ctx.now))
        receipt = Receipt(issuance.transaction_no, b"", inserted(s, ctx.session.id),
                          ctx.session.change_yen, refund, printed)
        ctx.session.state = FINISHED
        # What a retry needs to answer the same, without the document itself.
        self._store(s, ctx, "finish", {"receipt": to_json(receipt), "at": ctx.now.isoformat()})
        if not render:
            return receipt
        return _with_pdf(receipt, self._receipt_pdf(s, ctx, receipt, ctx.now, issuance))

    def _receipt_pdf(self, s: Session, ctx: _Context, receipt: Receipt, at: datetime,
                     issuance: Issuance | None = None) -> bytes:
        from backend.rendering import ReceiptData

        issuance = issuance or issued(s, ctx.session.id)
        municipality = s.get_one(Municipality, issuance.municipality_code)
        # The 発行番号 of what came out (every copy of one issuance shares one), in order.
        copies = sorted(issuance.copies, key=lambda c: c.copy_no)
        printed = dict.fromkeys(c.document_id for c in copies if c.status == "printed")
        return self._render_receipt(ReceiptData(
            store=ctx.kiosk.store_name, issued_at=at, municipality_name=municipality.name,
            certificate=CertificateCode(issuance.certificate_code),
            copies_requested=issuance.copies_requested, copies_printed=receipt.copies_printed,
            unit_fee=issuance.unit_fee_yen, total_fee=issuance.unit_fee_yen * receipt.copies_printed,
            paid=receipt.paid_yen, change=receipt.change_yen, refunded=receipt.refunded_yen,
            transaction_no=receipt.transaction_no, document_ids=tuple(printed)))

    # --- the end of a session ----------------------------------------------------------------

    def cancel(self, session_id: str) -> Refund:
        # An unpaid session is cancelled even once lapsed: what it took comes back.
        with self._step(session_id, *CANCELLABLE, ISSUED, *FREE_DONE, live=False,
                        stored_as="cancel") as (s, ctx):
            if ctx.done is not None:
                return from_json(Refund, ctx.done)
            return self._cancel(s, ctx)

    def _cancel(self, s: Session, ctx: _Context) -> Refund:
        if ctx.session.state == ISSUED:
            # Mid-print (a jam, a failed write, staff shutting down): the copies that did not
            # come out are refunded, as finish would, without a receipt.
            refund = Refund(self._finish(s, ctx, render=False).refunded_yen)
        else:
            # Change already paid out at settle stays paid out; the rest comes back.
            refund = Refund(inserted(s, ctx.session.id) - ctx.session.change_yen)
            if refund.yen:
                s.add(RefundRecord(session_id=ctx.session.id, kind="cancel", yen=refund.yen,
                                   refunded_at=ctx.now))
        ctx.session.state = CANCELLED
        self._store(s, ctx, "cancel", to_json(refund))
        return refund

    def close(self, session_id: str) -> Refund:
        with self._unit() as s:
            ctx = self._context(s, session_id, allow_closed=True)
            self._close(s, ctx)
            return Refund(_owed(s, session_id))

    def _close(self, s: Session, ctx: _Context) -> None:
        if ctx.session.state == CLOSED:
            return
        if ctx.session.state in (*CANCELLABLE, ISSUED, *FREE_DONE):
            self._cancel(s, ctx)
        _forget(s, ctx.session)
        ctx.session.state = CLOSED
        ctx.session.closed_at = ctx.now

    def refund_paid(self, session_id: str) -> int:
        """The kiosk paid the session's owed refunds out: settle them. Returns the yen settled
        now (0 on a retry)."""
        with self._unit() as s:
            ctx = self._context(s, session_id, allow_closed=True)
            owed = s.scalars(select(RefundRecord).where(RefundRecord.session_id == session_id,
                                                        RefundRecord.paid_at.is_(None))).all()
            for row in owed:
                row.paid_at = ctx.now
            return sum(row.yen for row in owed)

    def refund_slip(self, session_id: str) -> bytes:
        """返金できませんでした: the slip for what this session still owes (nothing personal)."""
        from backend.rendering import render_slip
        from certificates_templates.documents import RefundSlip

        with self._unit() as s:
            ctx = self._context(s, session_id, allow_closed=True)
            issuance = issuance_of(s, session_id)
            reference = issuance.transaction_no if issuance is not None else session_id[:12]
            slip = RefundSlip(ctx.kiosk.store_name, ctx.kiosk.kiosk_id, ctx.kiosk.chain,
                              ctx.now, _owed(s, session_id), reference)
        return render_slip(slip)

    def owed_refunds(self, kiosk_id: str) -> list[OwedRefund]:
        from backend.admin import owed_refund_list

        with self._unit() as s:
            kiosk_id = registry.kiosk_row(s, kiosk_id).kiosk_id
        return [OwedRefund(o.session_id, o.yen, o.since)
                for o in owed_refund_list(self.db, kiosk_id)]

    def recover(self, kiosk_id: str) -> list[OwedRefund]:
        with self._unit() as s:
            kiosk = registry.kiosk_row(s, kiosk_id)
            left = s.scalars(select(KioskSession.id).where(
                KioskSession.kiosk_id == kiosk.kiosk_id, KioskSession.state != CLOSED)).all()
        for session_id in left:
            with self._unit() as s:
                self._close(s, self._context(s, session_id, allow_closed=True))
        return self.owed_refunds(kiosk_id)

    def expire_sessions(self) -> int:
        """Close every unpaid session idle past its expiry. Returns how many.

        A paid session is never swept: it is printing, or its kiosk died and settles it (or
        hands back what it owes) at its next start (`recover`). What an expired session owes
        (coins inserted, not settled) is recorded owed, for its kiosk or for staff.
        """
        now = self.clock.now()
        with self._unit() as s:
            stale = s.scalars(select(KioskSession.id).where(
                KioskSession.state.in_(IDLE_SWEPT), KioskSession.expires_at <= now)).all()
        closed = 0
        for session_id in stale:
            with self._unit() as s:
                ctx = self._context(s, session_id, allow_closed=True)
                # Looked at again under the row lock: it may have moved on since the query.
                if ctx.session.state in IDLE_SWEPT and ctx.session.expires_at <= now:
                    self._close(s, ctx)
                    closed += 1
        return closed

    def _busy_kiosk(self, s: Session, kiosk_id: str, now: datetime) -> None:
        """One live session per kiosk: a paid one still going refuses the next begin; unpaid
        ones left behind (the kiosk restarted) are closed, what they owe recorded owed."""
        live = s.scalars(select(KioskSession).where(
            KioskSession.kiosk_id == kiosk_id, KioskSession.state != CLOSED)
            .with_for_update()).all()
        if any(row.state in PAID for row in live):
            raise ServiceError(Reason.KIOSK_BUSY, kiosk_id)
        for row in live:
            self._close(s, self._context(s, row.id, allow_closed=True))


def _check_coin_seq(seq: object) -> None:
    """A coin's sequence number is an int from 1 that every database's column can hold."""
    if isinstance(seq, bool) or not isinstance(seq, int) or not 1 <= seq <= MAX_COIN_SEQ:
        raise ServiceError(Reason.INVALID_COIN, f"sequence {seq!r}"[:80])


def _check_copy_report(copy_no: object, printed: object) -> None:
    """A copy is reported by its number (an int) as printed or not (a bool)."""
    # One spelling per copy: 1, 1.0 and True must not be three different steps.
    if isinstance(copy_no, bool) or not isinstance(copy_no, int):
        raise ServiceError(Reason.UNKNOWN_COPY, repr(copy_no)[:80])
    if not isinstance(printed, bool):
        raise ServiceError(Reason.BAD_REQUEST, f"printed must be true or false: {printed!r}"[:80])


def _owed(s: Session, session_id: str) -> int:
    return sum(s.scalars(select(RefundRecord.yen).where(RefundRecord.session_id == session_id,
                                                        RefundRecord.paid_at.is_(None))))


def _with_pdf(receipt: Receipt, pdf: bytes) -> Receipt:
    return replace(receipt, pdf=pdf)


def _issue_result(issuance: Issuance) -> IssueResult:
    return IssueResult(issuance.id, tuple(IssuedCopy(c.copy_no, c.document_id, c.pdf or b"")
                                          for c in issuance.copies))


def _transaction_no(s: Session, now: datetime) -> str:
    """取引番号: the date and a number from a database counter, so no two ever collide (the
    counter would have to pass 10⁸ issuances in one day to repeat)."""
    counter = TransactionNumber(issued_on=now.date())
    s.add(counter)
    s.flush()
    return f"{now:%Y%m%d}{counter.id % 10**8:08d}"


def _forget(s: Session, session: KioskSession) -> None:
    """close(): the ledger stays; the request, the challenge and the printed bytes go."""
    with s.no_autoflush:          # the session's row written once, at the commit
        session.challenge = None
        session.request = None
        issuance = issuance_of(s, session.id)
        if issuance is not None:
            for copy in issuance.copies:
                copy.pdf = None

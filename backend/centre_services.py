"""① The kiosk's two other services (`backend.api_services.OtherServices`): the 本籍地
利用登録申請 and the signing-PIN reset. Neither takes money; both are steps of a session opened
for them (`begin_session(kiosk_id, service)`), on the same plumbing as 証明書交付.

Who a service cannot help is refused at ④ (`_refuse_for_service`, called by `authenticate`
before the session is bound). Then:

  registration: honseki_prefectures → honseki_municipalities → apply_registration (SERVED)
                → registration_slip → finish → close
  reset:        pin_reset_cryptogram (RESETTING; the reservation used up)
                → pin_reset_finished (SERVED) → finish → close
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import pin_reset, registrations, registry
from backend.api_services import HonsekiChoice, RegistrationReceipt, Service
from backend.centre_core import AUTHENTICATED, RESETTING, SERVED, CentreCore, SessionState, _Context
from backend.models import Card, HonsekiRegistration, Municipality, ResetReservation
from backend.reasons import Reason, ServiceError
from backend.rules import eligibility, resets
from backend.rules import registrations as registration_rules
from backend.step_results import stored

CHALLENGE_MAX = 64       # bytes: a card's GET CHALLENGE gives 8
# A card's holder who moved away or died: the signing certificate went with the 住民票.
RESET_STATUS_REFUSALS = {status: eligibility.STATUS_REFUSALS[status]
                         for status in ("moved_out", "deceased")}


class OtherServiceSteps(CentreCore):
    @contextmanager
    def _service_step(self, session_id: str, service: Service, *states: SessionState,
                      live: bool = True, stored_as: str | None = None,
                      check: Callable[[], None] | None = None,
                      ) -> Iterator[tuple[Session, _Context]]:
        """`_step`, for a session opened for `service` only."""
        with self._step(session_id, *states, live=live, stored_as=stored_as,
                        check=check) as (s, ctx):
            self._require_service(ctx, service)
            yield s, ctx

    def _refuse_for_service(self, s: Session, ctx: _Context, card: Card) -> None:
        """④ The person this session's service cannot help, refused before binding."""
        resident = card.resident
        reason: Reason | None = None
        if ctx.session.service == Service.HONSEKI_REGISTRATION:
            registrations.settle_due(s, ctx.now, resident.id)
            reason = (eligibility.person_refusal(registry.person(resident), ctx.now.date())
                      or registration_rules.applicant_refusal(registrations.applicant(resident)))
        elif ctx.session.service == Service.SIGNING_PIN_RESET:
            reason = (RESET_STATUS_REFUSALS.get(resident.status)
                      or resets.signing_refusal(card.signing_status)
                      or pin_reset.reservation_refusal(
                          pin_reset.latest_reservation(s, card.id, ctx.now), ctx.now))
        if reason is not None:
            raise ServiceError(reason, card.card_serial)

    # --- 戸籍証明書交付の利用登録申請 ------------------------------------------------------------

    def honseki_prefectures(self, session_id: str) -> list[str]:
        with self._service_step(session_id, Service.HONSEKI_REGISTRATION,
                                AUTHENTICATED) as (s, ctx):
            self._touch(ctx)
            return registrations.prefectures(s)

    def honseki_municipalities(self, session_id: str, prefecture: str) -> list[HonsekiChoice]:
        with self._service_step(session_id, Service.HONSEKI_REGISTRATION,
                                AUTHENTICATED) as (s, ctx):
            if not isinstance(prefecture, str):
                raise ServiceError(Reason.BAD_REQUEST, repr(prefecture)[:80])
            resident = self._holder_row(s, ctx)
            registrations.settle_due(s, ctx.now, resident.id)
            self._touch(ctx)
            return registrations.choices(s, prefecture, registrations.applicant(resident))

    def apply_registration(self, session_id: str, municipality_code: str,
                           hittosha_kana: str) -> RegistrationReceipt:
        with self._service_step(session_id, Service.HONSEKI_REGISTRATION, AUTHENTICATED,
                                stored_as="apply_registration") as (s, ctx):
            if ctx.done is not None:
                # The same application again (a retry) gets the same receipt; any other, none.
                row = s.get_one(HonsekiRegistration, ctx.done["registration_id"])
                if (row.municipality_code != municipality_code or row.hittosha_kana
                        != registration_rules.hittosha_kana(hittosha_kana)):
                    raise ServiceError(Reason.WRONG_STEP, "this session has applied already")
                return registrations.receipt(s, row)
            resident = self._holder_row(s, ctx)
            municipality = registrations.municipality(s, municipality_code)
            self._require_open(s, ctx.kiosk, ctx.now, municipality.code)
            registrations.settle_due(s, ctx.now, resident.id)
            row = registrations.apply(s, resident, municipality, hittosha_kana, session_id,
                                      ctx.now)
            ctx.session.state = SERVED
            self._touch(ctx)
            self._store(s, ctx, "apply_registration", {"registration_id": row.id})
            return registrations.receipt(s, row)

    def registration_slip(self, session_id: str) -> bytes:
        """申請受付 (PDF): also again, until the session closes."""
        from backend.rendering import render_slip
        from certificates_templates.documents import RegistrationSlip

        with self._unit() as s:
            ctx = self._context(s, session_id)
            self._require_service(ctx, Service.HONSEKI_REGISTRATION)
            done = stored(s, session_id, "apply_registration")
            if done is None:
                raise ServiceError(Reason.WRONG_STEP, "no application in this session")
            row = s.get_one(HonsekiRegistration, done["registration_id"])
            receipt = registrations.receipt(s, row)
            days = s.get_one(Municipality, row.municipality_code).registration_days
            slip = RegistrationSlip(
                ctx.kiosk.store_name, ctx.kiosk.kiosk_id, ctx.kiosk.chain, ctx.now,
                receipt.receipt_no, receipt.applied_on, receipt.prefecture,
                receipt.municipality_name, receipt.decision_by,
                days if receipt.decision_by is not None else None)
        return render_slip(slip)

    # --- 署名用電子証明書の暗証番号初期化 ----------------------------------------------------------

    def pin_reset_cryptogram(self, session_id: str, card_challenge: bytes) -> bytes:
        with self._service_step(session_id, Service.SIGNING_PIN_RESET,
                                AUTHENTICATED, RESETTING) as (s, ctx):
            challenge = _challenge(card_challenge)
            reason = resets.reset_hours_refusal(ctx.now)
            if reason is not None:
                raise ServiceError(reason, ctx.now.isoformat())
            self._require_open(s, ctx.kiosk, ctx.now)
            card = s.get_one(Card, ctx.session.card_id)
            if ctx.session.state == AUTHENTICATED:
                # Asked again under the lock: another kiosk may have used it meanwhile.
                reservation = pin_reset.latest_reservation(s, card.id, ctx.now, lock=True)
                reason = (resets.signing_refusal(card.signing_status)
                          or pin_reset.reservation_refusal(reservation, ctx.now))
                if reason is not None or reservation is None:
                    raise ServiceError(reason or Reason.NO_RESET_RESERVATION, card.card_serial)
                reservation.used_at, reservation.session_id = ctx.now, session_id
                ctx.session.state = RESETTING
            # A retry in this session (the card asked for a new challenge) is answered too.
            answer = self._answer_card(self.paths, card.card_serial, challenge)
            self._touch(ctx)
            return answer

    def pin_reset_finished(self, session_id: str, ok: bool) -> None:
        """RESETTING: the card's outcome is kept with the reservation. Straight after ④
        (ok False only): the card failed before the authority was asked, nothing used up."""
        with self._service_step(session_id, Service.SIGNING_PIN_RESET, AUTHENTICATED, RESETTING,
                                live=False, stored_as="pin_reset_finished",
                                check=lambda: _check_outcome(ok)) as (s, ctx):
            if ctx.done is not None:
                if ctx.done["ok"] != ok:
                    raise ServiceError(Reason.WRONG_STEP, "outcome already reported")
                return
            if ctx.session.state == AUTHENTICATED and ok:
                raise ServiceError(Reason.WRONG_STEP, "no reset was answered in this session")
            reservation = s.scalar(select(ResetReservation).where(
                ResetReservation.session_id == session_id))
            if reservation is not None:
                reservation.outcome = "reset" if ok else "failed"
            ctx.session.state = SERVED
            self._touch(ctx)
            self._store(s, ctx, "pin_reset_finished", {"ok": ok})


def _challenge(value: object) -> bytes:
    if not isinstance(value, (bytes, bytearray)) or not 1 <= len(value) <= CHALLENGE_MAX:
        raise ServiceError(Reason.BAD_REQUEST, "a card challenge is 1–64 bytes")
    return bytes(value)


def _check_outcome(ok: object) -> None:
    if not isinstance(ok, bool):
        raise ServiceError(Reason.BAD_REQUEST, f"ok must be true or false: {ok!r}"[:80])


__all__ = ["OtherServiceSteps"]

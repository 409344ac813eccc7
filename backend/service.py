"""The issuance centre: the one door the kiosk uses (`backend.api.IssuanceService`).

① – ⑩ live here (the session, the card, what is offered, the quote); the money and the paper
(⑪ – ⑭, cancel, close, owed refunds) in `backend.centre_money`; ①'s two other services (the
本籍地 利用登録申請, the signing-PIN reset) in `backend.centre_services`; the plumbing every step
shares in `backend.centre_core`. What the centre reads of kiosks, residents and cards is in
`backend.registry`; the checks of a request against the offerings in `backend.rules.requests`.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import config, family_registers, registrations, registry
from backend.api import (CertificateCode, Holder, IssuanceRequest, KioskInfo, Member, Offering,
                         Quote, Scope, KioskDay, ServiceHours, SessionStart)
from backend.centre_core import (AUTHENTICATED, CHALLENGE_BYTES, CHALLENGE_TTL, IDLE_TIMEOUT, OPEN,
                                 QUOTED, _Context, inserted)
from backend.api_services import Service
from backend.centre_money import PaymentSteps
from backend.centre_services import OtherServiceSteps
from backend.clock import Clock
from backend.config import Paths
from backend.db import Database
from backend.models import FamilyRegister, FeeSchedule, KioskSession, Resident
from backend.reasons import Reason, ServiceError
from backend.rules import eligibility, fees, hours, offers, resets
from backend.rules import requests as request_rules
from backend.step_results import quoted_request_json


class IssuanceCentre(PaymentSteps, OtherServiceSteps):
    """`backend.api.IssuanceService` over a database (SQLite or PostgreSQL)."""

    # --- kiosks and ① – ④ --------------------------------------------------------------------

    def kiosk(self, kiosk_id: str) -> KioskInfo:
        with self._unit() as s:
            return registry.kiosk_info(registry.kiosk_row(s, kiosk_id))

    def service_hours(self, kiosk_id: str) -> ServiceHours:
        """The hours the kiosk can issue today (the service's, within the store's), and why
        it cannot now, if it cannot (年末年始, maintenance, outside the hours)."""
        with self._unit() as s:
            kiosk = registry.kiosk_row(s, kiosk_id)
            calendar = registry.service_calendar(s, (kiosk.municipality_code,))
            store = hours.StoreHours(kiosk.opens, kiosk.closes)
            opens, closes = calendar.opens, calendar.closes
            if store.opens is not None and store.closes is not None and store.opens <= store.closes:
                opens, closes = max(opens, store.opens), min(closes, store.closes)
            return ServiceHours(opens, closes, hours.service_refusal(self._local(kiosk), calendar,
                                                                      store))

    def kiosk_day(self, kiosk_id: str) -> KioskDay:
        """Today's figures of the kiosk (the daily report's row), for its staff panel."""
        from backend.admin import daily_report

        with self._unit() as s:
            kiosk = registry.kiosk_row(s, kiosk_id)
            today, zone = self._local(kiosk).date(), ZoneInfo(kiosk.zone)
        row = daily_report(self.db, today, kiosk_id, zone)[0]
        return KioskDay(row.sessions, sum(row.copies.values()), row.yen_in, row.fees, row.refunds,
                        row.change, row.owed)

    def card_registry(self, kiosk_id: str) -> dict[str, str]:
        """The registry's status of each card by its tray name, for the simulator's card tray
        (F9) of a known kiosk."""
        with self._unit() as s:
            registry.kiosk_row(s, kiosk_id)
            return registry.card_statuses(s)

    def begin_session(self, kiosk_id: str, service: Service = Service.ISSUANCE) -> SessionStart:
        """① A session for one service. The reset only 6:30–23:00 (PIN_RESET_HOURS); every
        service only while the kiosk may serve at all (year-end, maintenance, store hours)."""
        service = request_rules.parse_choice(Service, service, Reason.BAD_REQUEST)
        with self._unit() as s:
            kiosk = registry.kiosk_row(s, kiosk_id)
            now = self._local(kiosk)
            if service is Service.SIGNING_PIN_RESET and resets.reset_hours_refusal(now):
                raise ServiceError(Reason.PIN_RESET_HOURS, now.isoformat())
            self._require_open(s, kiosk, now)
            self._busy_kiosk(s, kiosk.kiosk_id, now)
            challenge = secrets.token_bytes(CHALLENGE_BYTES)
            row = KioskSession(
                id=secrets.token_hex(16), kiosk_id=kiosk.kiosk_id, opened_at=now,
                expires_at=now + IDLE_TIMEOUT, challenge=challenge,
                challenge_expires_at=now + CHALLENGE_TTL, state=OPEN, service=service.value)
            s.add(row)
            return SessionStart(row.id, challenge, registry.kiosk_info(kiosk), now)

    def precheck_card(self, session_id: str, certificate_der: bytes) -> None:
        with self._step(session_id, OPEN) as (s, ctx):
            registry.verified_card(s, certificate_der, self._trust_anchor(), ctx.now)
            self._touch(ctx)

    def authenticate(self, session_id: str, certificate_der: bytes, signature: bytes) -> Holder:
        from backend.jpki.verify import verify_challenge_signature

        with self._step(session_id, OPEN, stored_as="authenticate") as (s, ctx):
            der = certificate_der if isinstance(certificate_der, (bytes, bytearray)) else b""
            fingerprint = hashlib.sha256(der).hexdigest()     # (not bytes: refused below)
            if ctx.done is not None:
                # A retry by the same card with the same signature over the challenge gets the
                # same holder; anything else (another card, any other bytes), nothing.
                sig = signature if isinstance(signature, (bytes, bytearray)) else b""
                if (ctx.done["certificate_sha256"] != fingerprint
                        or ctx.done.get("signature_sha256") != hashlib.sha256(sig).hexdigest()):
                    raise ServiceError(Reason.CHALLENGE_REUSED, "session already bound")
                return registry.holder(s, self._holder_row(s, ctx))
            if ctx.session.challenge_used or ctx.session.challenge is None:
                raise ServiceError(Reason.CHALLENGE_REUSED, session_id)
            if ctx.now >= ctx.session.challenge_expires_at:
                raise ServiceError(Reason.CHALLENGE_EXPIRED, session_id)
            verified, card = registry.verified_card(s, certificate_der, self._trust_anchor(),
                                                    ctx.now)
            if not isinstance(signature, (bytes, bytearray)):
                raise ServiceError(Reason.SIGNATURE_INVALID, "signature is not bytes")
            verify_challenge_signature(verified, ctx.session.challenge, bytes(signature))
            self._refuse_for_service(s, ctx, card)
            ctx.session.challenge_used = True
            ctx.session.card_id = card.id
            ctx.session.holder_resident_id = card.resident_id
            ctx.session.state = AUTHENTICATED
            self._touch(ctx)
            self._store(s, ctx, "authenticate", {
                "certificate_sha256": fingerprint,
                "signature_sha256": hashlib.sha256(bytes(signature)).hexdigest()})
            return registry.holder(s, card.resident)

    # --- ⑥ – ⑩ -------------------------------------------------------------------------------

    @contextmanager
    def _issuance_step(self, session_id: str) -> Iterator[tuple[Session, _Context]]:
        """⑥ – ⑩ belong to 証明書交付: a session of another service gets WRONG_STEP."""
        with self._step(session_id, AUTHENTICATED, QUOTED) as (s, ctx):
            self._require_service(ctx, Service.ISSUANCE)
            yield s, ctx

    def _offerings(self, s: Session, ctx: _Context, resident: Resident,
                   scope: Scope) -> list[Offering]:
        issuer = registry.issuing_municipality(resident, scope)
        if scope is Scope.HONSEKI:
            registrations.settle_due(s, ctx.now, resident.id)   # decided by now, if due
        schedule = s.scalars(select(FeeSchedule).where(
            FeeSchedule.municipality_code == issuer)).all()
        honseki_open = any(f.honseki_scope for f in schedule)
        person = registry.person(resident)
        today = ctx.now.date()
        reason = eligibility.scope_refusal(person, scope, issuer, today,
                                           honseki_for_nonresidents=honseki_open)
        if reason is not None:
            raise ServiceError(reason, issuer)
        self._require_open(s, ctx.kiosk, ctx.now, issuer)
        windows = registry.certificate_windows(s, issuer)
        household = registry.household_members(resident)
        foreign = any(r.nationality is not None for r in household)
        japanese = any(r.nationality is None for r in household)
        by_code = {f.certificate_code: f for f in schedule}
        lives_here = resident.municipality_code == issuer
        result = []
        for code in offers.ORDER:
            fee = by_code.get(code.value)
            if fee is None or (scope is Scope.HONSEKI and (
                    code not in eligibility.FAMILY_REGISTER
                    or not (lives_here or fee.honseki_scope))):
                continue
            reason = eligibility.certificate_refusal(
                person, code, scope, issuer, today, honseki_for_nonresidents=honseki_open)
            if reason is None:
                reason = hours.certificate_window_refusal(ctx.now, windows.get(code))
            result.append(Offering(code, fee.fee_yen, reason is None, reason,
                                   offers.kinds_for(code),
                                   offers.fields_for(code, foreign=foreign, japanese=japanese),
                                   offers.chooses_persons(code)))
        return result

    def offerings(self, session_id: str, scope: Scope) -> list[Offering]:
        scope = request_rules.parse_choice(Scope, scope, Reason.WRONG_STEP)
        with self._issuance_step(session_id) as (s, ctx):
            result = self._offerings(s, ctx, self._holder_row(s, ctx, whole=True), scope)
            self._touch(ctx)
            return result

    def members(self, session_id: str,
                certificate: CertificateCode = CertificateCode.RESIDENT_RECORD) -> list[Member]:
        """⑦ The household (住民票の写し), or the people now in the holder's 戸籍
        (戸籍個人事項証明書); KIND_NOT_OFFERED for a certificate that chooses no one."""
        code = fees.parse_certificate(certificate)
        if code not in (CertificateCode.RESIDENT_RECORD, CertificateCode.FAMILY_REGISTER_ONE):
            raise ServiceError(Reason.KIND_NOT_OFFERED, f"{code.value} chooses no one")
        with self._issuance_step(session_id) as (s, ctx):
            resident = self._holder_row(s, ctx)
            self._touch(ctx)
            if code is CertificateCode.FAMILY_REGISTER_ONE:
                return family_registers.members(self._register(s, resident))
            return [registry.member(m) for m in registry.household_members(resident)]

    @staticmethod
    def _register(s: Session, resident: Resident) -> FamilyRegister:
        register = family_registers.register_of(s, resident)
        if register is None:
            raise ServiceError(Reason.NO_FAMILY_REGISTER, "no 戸籍 of this 本籍 and 筆頭者")
        return register

    def _choices(self, s: Session, resident: Resident, offering: Offering
                 ) -> tuple[str, list[str]]:
        """Who may be chosen and who the holder is among them: the household, or the people
        of the holder's 戸籍 for an offering that chooses persons."""
        if not offering.persons:
            return (registry.member_id(resident),
                    [registry.member_id(m) for m in registry.household_members(resident)])
        register = self._register(s, resident)
        own = family_registers.holder_row(register, resident)
        if own is None:
            raise ServiceError(Reason.NO_FAMILY_REGISTER, "the holder is not in this 戸籍")
        return (family_registers.member_id(own),
                [family_registers.member_id(m) for m in family_registers.present(register)])

    def _validated(self, s: Session, ctx: _Context, request: IssuanceRequest
                   ) -> tuple[IssuanceRequest, int]:
        """The request normalised (members resolved) and its unit fee; refusals raise."""
        parsed = request_rules.parsed_request(request)
        resident = self._holder_row(s, ctx, whole=True)
        offering = request_rules.chosen_offering(
            parsed, self._offerings(s, ctx, resident, parsed.scope))
        holder, choices = self._choices(s, resident, offering)
        normalised = request_rules.normalised_request(parsed, offering, holder, choices)
        return normalised, offering.fee_yen

    def quote(self, session_id: str, request: IssuanceRequest) -> Quote:
        with self._issuance_step(session_id) as (s, ctx):
            if inserted(s, session_id):
                raise ServiceError(Reason.WRONG_STEP, "coins already inserted")
            normalised, unit = self._validated(s, ctx, request)
            total = unit * normalised.copies
            ctx.session.request = quoted_request_json(normalised, unit)
            ctx.session.due_yen = total
            ctx.session.state = QUOTED
            self._touch(ctx)
            return Quote(normalised.certificate, unit, normalised.copies, total)


def open_centre(paths: Paths, clock: Clock, database_url: str | None = None) -> IssuanceCentre:
    """The centre over `database_url` (else KIOSK_DATABASE_URL, else the SQLite file in
    `paths`), migrated."""
    database = Database(database_url or config.database_url(home=paths))
    database.migrate()
    return IssuanceCentre(paths, clock, database)


__all__ = ["CHALLENGE_TTL", "IDLE_TIMEOUT", "IssuanceCentre", "open_centre"]

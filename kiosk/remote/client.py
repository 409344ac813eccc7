"""`RemoteCentre`: the issuance centre as a kiosk reaches it over the network.

It is `backend.api.IssuanceService`, method for method, over the centre's wire
(`backend.server.wire`): HTTPS with the kiosk's own credential (mutual TLS), the centre
trusted by the kiosk CA's certificate only. A refusal comes back as the `ServiceError` the
centre raised; a centre that stays away past the retry policy (`kiosk.remote.retry`) as
ServiceError(CENTRE_UNREACHABLE), which the terminal shows as 通信エラー while it gives the
money back. Whatever it cannot read of an answer is SYSTEM_ERROR.

A kiosk speaks only for itself: the centre takes the kiosk id from the certificate, and this
client refuses a call for another kiosk before it is sent.
"""

from __future__ import annotations

import json
import logging
import random
import ssl
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx
from cryptography import x509

from backend.api import (CertificateCode, Holder, IssuanceRequest, IssueResult, KioskDay, KioskInfo, Member,
                         Offering, OwedRefund, PaymentState, Quote, Receipt, Refund, Scope,
                         ServiceHours, SessionStart)
from backend.api_services import HonsekiChoice, RegistrationReceipt, Service
from backend.kiosk_ca import CredentialFiles, kiosk_id_of
from backend.reasons import Reason, ServiceError
from backend.server import wire
from kiosk.remote.retry import RetryPolicy

log = logging.getLogger("kiosk.remote")
DEFAULT_POLICY = RetryPolicy()


def credential_kiosk_id(home: Path) -> str:
    """The kiosk id the credential in this kiosk home names. ServiceError
    KIOSK_CREDENTIAL_REFUSED if there is none, or it names no kiosk."""
    files = CredentialFiles.in_home(home)
    try:
        certificate = x509.load_pem_x509_certificate(files.certificate.read_bytes())
    except (OSError, ValueError) as exc:
        raise ServiceError(Reason.KIOSK_CREDENTIAL_REFUSED,
                           f"no kiosk credential in {files.directory}: {type(exc).__name__}"
                           ) from None
    kiosk_id = kiosk_id_of(certificate)
    if kiosk_id is None:
        raise ServiceError(Reason.KIOSK_CREDENTIAL_REFUSED, f"{files.certificate}: no kiosk id")
    return kiosk_id


class RemoteCentre:
    """The centre at `urls` (tried in order), as the kiosk whose credential is in `home`."""

    def __init__(self, urls: Sequence[str], home: Path, *, policy: RetryPolicy = DEFAULT_POLICY,
                 sleep: Callable[[float], None] = time.sleep,
                 transport: httpx.BaseTransport | None = None) -> None:
        if not urls:
            raise ValueError("no centre to talk to")
        self.urls = tuple(url.rstrip("/") for url in urls)
        self.kiosk_id = credential_kiosk_id(home)
        files = CredentialFiles.in_home(home)
        context = ssl.create_default_context(cafile=str(files.centre_ca))
        context.load_cert_chain(str(files.certificate), str(files.key))
        self.policy, self._sleep, self._rng = policy, sleep, random.Random()
        self._current = 0                     # the centre that answered last
        self._http = httpx.Client(
            verify=context, transport=transport, headers={"content-type": "application/json"},
            timeout=httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout))

    def close_database(self) -> None:
        """The terminal's shutdown (the embedded centre's name for it): the line is closed."""
        self._http.close()

    # --- the line ----------------------------------------------------------------------------

    def _call(self, name: str, **args: Any) -> Any:
        endpoint = wire.endpoints()[name]
        content = json.dumps(wire.request_body(endpoint, args)).encode()
        trouble = "not tried"
        waits = self.policy.waits(self._rng)
        for _ in range(self.policy.rounds):
            for offset in range(len(self.urls)):
                at = (self._current + offset) % len(self.urls)
                try:
                    response = self._http.post(self.urls[at] + endpoint.path, content=content)
                except httpx.TransportError as exc:        # no line, a reset, a timeout
                    trouble = f"{self.urls[at]}: {type(exc).__name__}"
                    continue
                if response.status_code in wire.RETRYABLE:
                    trouble = f"{self.urls[at]}: HTTP {response.status_code}"
                    continue
                self._current = at
                return self._answer(endpoint, response)
            wait = next(waits, None)
            if wait is None:
                break
            log.warning("%s: %s; trying again in %.2f s", name, trouble, wait)
            self._sleep(wait)
        raise ServiceError(Reason.CENTRE_UNREACHABLE, f"{name}: {trouble}")

    def _answer(self, endpoint: wire.Endpoint, response: httpx.Response) -> Any:
        try:
            data = response.json()
        except ValueError:
            raise ServiceError(Reason.SYSTEM_ERROR,
                               f"{endpoint.name}: HTTP {response.status_code}, not JSON") from None
        if response.status_code != 200:
            raise wire.refusal_of(response.status_code, data)
        try:
            return wire.result_of(endpoint, data)
        except ValueError as exc:
            raise ServiceError(Reason.SYSTEM_ERROR, str(exc)) from None

    def _own(self, kiosk_id: str) -> None:
        if kiosk_id != self.kiosk_id:
            raise ServiceError(Reason.UNKNOWN_KIOSK,
                               f"this kiosk is {self.kiosk_id}, not {kiosk_id!r}"[:120])

    # --- the kiosk -----------------------------------------------------------------------------

    def kiosk(self, kiosk_id: str) -> KioskInfo:
        self._own(kiosk_id)
        result: KioskInfo = self._call("kiosk")
        return result

    def service_hours(self, kiosk_id: str) -> ServiceHours:
        self._own(kiosk_id)
        result: ServiceHours = self._call("service_hours")
        return result

    def kiosk_day(self, kiosk_id: str) -> KioskDay:
        self._own(kiosk_id)
        result: KioskDay = self._call("kiosk_day")
        return result

    def card_registry(self, kiosk_id: str) -> dict[str, str]:
        self._own(kiosk_id)
        result: dict[str, str] = self._call("card_registry")
        return result

    def owed_refunds(self, kiosk_id: str) -> list[OwedRefund]:
        self._own(kiosk_id)
        result: list[OwedRefund] = self._call("owed_refunds")
        return result

    def recover(self, kiosk_id: str) -> list[OwedRefund]:
        self._own(kiosk_id)
        result: list[OwedRefund] = self._call("recover")
        return result

    # --- ① – ⑩ ---------------------------------------------------------------------------------

    def begin_session(self, kiosk_id: str, service: Service = Service.ISSUANCE) -> SessionStart:
        self._own(kiosk_id)
        result: SessionStart = self._call("begin_session", service=service)
        return result

    def precheck_card(self, session_id: str, certificate_der: bytes) -> None:
        self._call("precheck_card", session_id=session_id, certificate_der=certificate_der)

    def authenticate(self, session_id: str, certificate_der: bytes, signature: bytes) -> Holder:
        result: Holder = self._call("authenticate", session_id=session_id,
                                    certificate_der=certificate_der, signature=signature)
        return result

    def offerings(self, session_id: str, scope: Scope) -> list[Offering]:
        result: list[Offering] = self._call("offerings", session_id=session_id, scope=scope)
        return result

    def members(self, session_id: str,
                certificate: CertificateCode = CertificateCode.RESIDENT_RECORD) -> list[Member]:
        result: list[Member] = self._call("members", session_id=session_id,
                                          certificate=certificate)
        return result

    def quote(self, session_id: str, request: IssuanceRequest) -> Quote:
        result: Quote = self._call("quote", session_id=session_id, request=request)
        return result

    # --- ⑪ – ⑭ and the end of a session --------------------------------------------------------

    def insert_coin(self, session_id: str, seq: int, yen: int) -> PaymentState:
        result: PaymentState = self._call("insert_coin", session_id=session_id, seq=seq, yen=yen)
        return result

    def settle(self, session_id: str) -> PaymentState:
        result: PaymentState = self._call("settle", session_id=session_id)
        return result

    def issue(self, session_id: str) -> IssueResult:
        result: IssueResult = self._call("issue", session_id=session_id)
        return result

    def report_copy(self, session_id: str, copy_no: int, printed: bool) -> None:
        self._call("report_copy", session_id=session_id, copy_no=copy_no, printed=printed)

    def finish(self, session_id: str) -> Receipt:
        result: Receipt = self._call("finish", session_id=session_id)
        return result

    def cancel(self, session_id: str) -> Refund:
        result: Refund = self._call("cancel", session_id=session_id)
        return result

    def close(self, session_id: str) -> Refund:
        result: Refund = self._call("close", session_id=session_id)
        return result

    def refund_paid(self, session_id: str) -> int:
        result: int = self._call("refund_paid", session_id=session_id)
        return result

    def refund_slip(self, session_id: str) -> bytes:
        result: bytes = self._call("refund_slip", session_id=session_id)
        return result

    # --- ①'s other services ----------------------------------------------------------------------

    def honseki_prefectures(self, session_id: str) -> list[str]:
        result: list[str] = self._call("honseki_prefectures", session_id=session_id)
        return result

    def honseki_municipalities(self, session_id: str, prefecture: str) -> list[HonsekiChoice]:
        result: list[HonsekiChoice] = self._call("honseki_municipalities",
                                                 session_id=session_id, prefecture=prefecture)
        return result

    def apply_registration(self, session_id: str, municipality_code: str,
                           hittosha_kana: str) -> RegistrationReceipt:
        result: RegistrationReceipt = self._call(
            "apply_registration", session_id=session_id, municipality_code=municipality_code,
            hittosha_kana=hittosha_kana)
        return result

    def registration_slip(self, session_id: str) -> bytes:
        result: bytes = self._call("registration_slip", session_id=session_id)
        return result

    def pin_reset_cryptogram(self, session_id: str, card_challenge: bytes) -> bytes:
        result: bytes = self._call("pin_reset_cryptogram", session_id=session_id,
                                   card_challenge=card_challenge)
        return result

    def pin_reset_finished(self, session_id: str, ok: bool) -> None:
        self._call("pin_reset_finished", session_id=session_id, ok=ok)


__all__ = ["RemoteCentre", "credential_kiosk_id"]

"""What a session has chosen or learned so far (`Context`), and what follows from it: the
chosen `Offering`, the fee, the ⑩ request."""

from __future__ import annotations

from dataclasses import dataclass

from backend.api import (
    CertificateCode, Holder, IssuanceKind, IssuanceRequest, Member, Offering, PaymentState,
    PrintedField, Quote, Receipt, Scope,
)
from backend.api_services import HonsekiChoice, RegistrationReceipt, Service
from backend.reasons import Reason
from kiosk.flow.states import State


@dataclass(frozen=True)
class Context:
    """Everything the session has chosen or learned. Dropped whole at the end."""

    session_id: str | None = None
    busy: bool = False                        # a card read or authentication is under way
    notice: Reason | None = None              # shown inline on the current screen
    tries_left: int | None = None
    scope: Scope | None = None
    holder: Holder | None = None
    offerings: tuple[Offering, ...] = ()
    certificate: CertificateCode | None = None
    kind: IssuanceKind | None = None
    members: tuple[Member, ...] = ()
    member_ids: tuple[str, ...] = ()
    fields: frozenset[PrintedField] | None = None
    copies: int | None = None
    quote: Quote | None = None
    payment: PaymentState | None = None
    printed: int = 0
    total: int = 0
    fault: Reason | None = None
    receipt: Receipt | None = None
    message: Reason | None = None             # the refusal shown by MESSAGE
    editing: bool = False
    resume: State | None = None               # where CONTINUE returns to
    refund_yen: int = 0                       # 返金: paid back out of the coin vendor
    refund_owed_yen: int = 0                  # 返金: what the vendor could not pay (owed)
    service: Service = Service.ISSUANCE       # ① the service chosen
    # 利用登録申請
    prefectures: tuple[str, ...] = ()
    prefecture: str | None = None
    honseki_choices: tuple[HonsekiChoice, ...] = ()
    honseki_code: str | None = None
    hittosha_kana: str = ""
    registration: RegistrationReceipt | None = None
    # 暗証番号初期化
    signing_tries_left: int | None = None     # asked of the card after the reset

    @property
    def honseki_choice(self) -> HonsekiChoice | None:
        return next((h for h in self.honseki_choices if h.code == self.honseki_code), None)

    @property
    def offering(self) -> Offering | None:
        return next((o for o in self.offerings if o.certificate == self.certificate), None)

    @property
    def chooses_members(self) -> bool:
        """⑦ lists people to choose: 世帯の一部, or whose 戸籍個人事項証明書."""
        o = self.offering
        return self.kind == IssuanceKind.HOUSEHOLD_SOME or bool(o and o.persons)

    @property
    def unit_fee(self) -> int:
        o = self.offering
        return o.fee_yen if o else 0

    @property
    def municipality_name(self) -> str | None:
        """The municipality issuing this session's certificates (the chosen scope's)."""
        h = self.holder
        if h is None:
            return None
        return h.honseki_municipality_name if self.scope == Scope.HONSEKI else h.municipality_name

    @property
    def total_yen(self) -> int:
        return self.quote.total_yen if self.quote else self.unit_fee * (self.copies or 0)

    def request(self) -> IssuanceRequest:
        """The ⑩ request, as the backend takes it."""
        assert self.certificate is not None and self.copies is not None
        return IssuanceRequest(
            certificate=self.certificate, scope=self.scope or Scope.RESIDENCE, kind=self.kind,
            member_ids=self.member_ids if self.chooses_members else (),
            fields=self.fields or frozenset(), copies=self.copies,
        )

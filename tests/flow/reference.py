"""The reference session the flow tests start from: 住民票 with kinds and fields chosen, 2
copies, quoted, partly paid, one copy printed; and the offerings around it."""

from __future__ import annotations

from backend.api import (
    CertificateCode as C, Holder, IssuanceKind as K, Member, Offering, PaymentState,
    PrintedField as F, Quote, Receipt, Scope,
)
from datetime import date

from backend.api_services import HonsekiChoice, RegistrationReceipt
from backend.reasons import Reason
from kiosk.flow import Context, State

JUMINHYO = Offering(C.RESIDENT_RECORD, 200, True, kinds=tuple(K), fields=tuple(F))
INKAN = Offering(C.SEAL_REGISTRATION, 200, True)
KAZEI = Offering(C.TAX, 200, False, reason=Reason.NO_TAX_RECORD)
KOSEKI = Offering(C.FAMILY_REGISTER_ALL, 450, True)
HOLDER = Holder("和泉 太郎", "272191", "和泉市", "272191", "和泉市")
MEMBERS = (Member("m1", "和泉 太郎", "世帯主"), Member("m2", "和泉 花子", "妻"))
TOMAKOMAI = HonsekiChoice("012131", "苫小牧市", "北海道", True)
SAPPORO = HonsekiChoice("011002", "札幌市", "北海道", False, Reason.HONSEKI_NOT_OFFERED)
REGISTRATION = RegistrationReceipt("20260610000001", date(2026, 6, 10), "012131", "苫小牧市",
                                   "北海道", "マチヤ\u3000メイ", date(2026, 6, 12))


def reference() -> Context:
    return Context(
        session_id="s-1", scope=Scope.RESIDENCE, holder=HOLDER,
        offerings=(JUMINHYO, INKAN, KAZEI, KOSEKI), certificate=C.RESIDENT_RECORD,
        kind=K.SELF, members=MEMBERS, fields=frozenset({F.HEAD_AND_RELATION}), copies=2,
        quote=Quote(C.RESIDENT_RECORD, 200, 2, 400), payment=PaymentState(400, 100),
        printed=1, total=2, resume=State.COPIES,
        prefectures=("北海道", "大阪府"), honseki_choices=(TOMAKOMAI, SAPPORO),
    )


RECEIPT = Receipt("T-1", b"%PDF", 400, 0, 0, 2)

#: Every step of a session before printing (where 終了する and the idle prompt apply).
SESSION_STEPS = (State.TERMS, State.SERVICE_MENU, State.PLACE_CARD, State.MUNICIPALITY, State.PIN,
                 State.REMOVE_CARD, State.CERTIFICATE, State.ISSUANCE_KIND, State.MEMBERS,
                 State.FIELDS, State.COPIES, State.CONFIRM, State.PAYMENT,
                 State.HONSEKI_PREFECTURE, State.HONSEKI_MUNICIPALITY, State.HITTOSHA,
                 State.REGISTRATION_CONFIRM, State.NEW_SIGNING_PIN)
#: Where 終了する asks 取り消しますか？ first: a session is open.
ASKED_STEPS = SESSION_STEPS[2:]

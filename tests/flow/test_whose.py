"""⑦ whose: a 戸籍個人事項証明書 asks which of the 戸籍's people it certifies (its Offering says
`persons`), through the same members step as 世帯の一部, and the ⑩ request carries them."""

from __future__ import annotations

from backend.api import CertificateCode as C
from backend.api import Member, Offering
from kiosk.flow import Effect, Event, Flow, State
from tests.flow.reference import HOLDER

S, E = State, Event
KOJIN = Offering(C.FAMILY_REGISTER_ONE, 450, True, persons=True)
ZENBU = Offering(C.FAMILY_REGISTER_ALL, 450, True)
PEOPLE = (Member("k1", "和泉 太郎", "筆頭者"), Member("k3", "和泉 一郎", "長男"))


def _at_certificate() -> Flow:
    flow = Flow()
    for event, payload in ((E.START, {}), (E.AGREE, {}), (E.CHOOSE_SERVICE, {}),
                           (E.SESSION_OPENED, {"session_id": "s-1"}), (E.CARD_PLACED, {}),
                           (E.CARD_ACCEPTED, {}), (E.SCOPE_CHOSEN, {"scope": "residence"}),
                           (E.PIN_SUBMITTED, {}),
                           (E.AUTHENTICATED, {"holder": HOLDER, "offerings": (KOJIN, ZENBU)}),
                           (E.CARD_LIFTED, {})):
        flow.send(event, **payload)
    assert flow.state == S.CERTIFICATE
    return flow


def test_whose_is_asked_and_sent() -> None:
    flow = _at_certificate()
    step = flow.send(E.CERTIFICATE_CHOSEN, certificate=C.FAMILY_REGISTER_ONE)
    assert step.target == S.MEMBERS and Effect.LOAD_MEMBERS in step.effects
    flow.send(E.MEMBERS_LOADED, members=PEOPLE)
    flow.send(E.MEMBERS_CHOSEN, member_ids=("k3",))
    assert flow.state == S.COPIES                      # no kind, no fields
    flow.send(E.COPIES_CHOSEN, copies=1)
    assert flow.context.request().member_ids == ("k3",)
    assert flow.send(E.EDIT_MEMBERS).target == S.MEMBERS   # ⑩ 訂正 goes back to whose


def test_back_from_whose_is_the_certificate_and_the_whole_asks_no_one() -> None:
    flow = _at_certificate()
    flow.send(E.CERTIFICATE_CHOSEN, certificate=C.FAMILY_REGISTER_ONE)
    assert flow.send(E.BACK).target == S.CERTIFICATE
    assert flow.send(E.CERTIFICATE_CHOSEN, certificate=C.FAMILY_REGISTER_ALL).target == S.COPIES
    flow.send(E.COPIES_CHOSEN, copies=1)
    assert flow.context.request().member_ids == ()

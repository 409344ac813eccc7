"""One screen per step of the flow; `SCREENS` maps each `State` to its screen class."""

from __future__ import annotations

from kiosk.app.screens.base import KioskScreen
from kiosk.app.screens.certificate import CertificateScreen
from kiosk.app.screens.confirm import ConfirmScreen
from kiosk.app.screens.confirm_quit import ConfirmQuitScreen
from kiosk.app.screens.copies import CopiesScreen
from kiosk.app.screens.fields import FieldsScreen
from kiosk.app.screens.hittosha import HittoshaScreen
from kiosk.app.screens.honseki_municipality import HonsekiMunicipalityScreen
from kiosk.app.screens.honseki_prefecture import HonsekiPrefectureScreen
from kiosk.app.screens.idle_prompt import IdlePromptScreen
from kiosk.app.screens.issuance_kind import IssuanceKindScreen
from kiosk.app.screens.members import MembersScreen
from kiosk.app.screens.message import MessageScreen
from kiosk.app.screens.municipality import MunicipalityScreen
from kiosk.app.screens.new_signing_pin import NewSigningPinScreen
from kiosk.app.screens.payment import PaymentScreen
from kiosk.app.screens.pin import PinScreen
from kiosk.app.screens.pin_reset_done import PinResetDoneScreen
from kiosk.app.screens.pin_resetting import PinResettingScreen
from kiosk.app.screens.place_card import PlaceCardScreen
from kiosk.app.screens.print_fault import PrintFaultScreen
from kiosk.app.screens.printing import PrintingScreen
from kiosk.app.screens.receipt import ReceiptScreen
from kiosk.app.screens.refund import RefundScreen
from kiosk.app.screens.registration_confirm import RegistrationConfirmScreen
from kiosk.app.screens.registration_done import RegistrationDoneScreen
from kiosk.app.screens.remove_card import RemoveCardScreen
from kiosk.app.screens.service_menu import ServiceMenuScreen
from kiosk.app.screens.take_away import TakeAwayScreen
from kiosk.app.screens.terms import TermsScreen
from kiosk.app.screens.top import TopScreen
from kiosk.flow import State

SCREENS: dict[State, type[KioskScreen]] = {
    State(cls.SCREEN_ID): cls
    for cls in (TopScreen, TermsScreen, ServiceMenuScreen, PlaceCardScreen, MunicipalityScreen,
                PinScreen, RemoveCardScreen, CertificateScreen, IssuanceKindScreen, MembersScreen,
                FieldsScreen, CopiesScreen, ConfirmScreen, PaymentScreen, PrintingScreen,
                PrintFaultScreen, TakeAwayScreen, ReceiptScreen, MessageScreen, IdlePromptScreen,
                ConfirmQuitScreen, RefundScreen,
                # ①'s two free services
                HonsekiPrefectureScreen, HonsekiMunicipalityScreen, HittoshaScreen,
                RegistrationConfirmScreen, RegistrationDoneScreen, NewSigningPinScreen,
                PinResettingScreen, PinResetDoneScreen)
}

__all__ = ["SCREENS", "KioskScreen"]

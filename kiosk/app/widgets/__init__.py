"""Widgets shared by the kiosk's screens."""

from kiosk.app.widgets.bilingual import Bilingual
from kiosk.app.widgets.header import KioskHeader
from kiosk.app.widgets.keypad_entry import KeypadEntry
from kiosk.app.widgets.language_choice import LanguageChoice
from kiosk.app.widgets.tap_button import TapButton

__all__ = ["Bilingual", "KioskHeader", "KeypadEntry", "LanguageChoice", "TapButton"]

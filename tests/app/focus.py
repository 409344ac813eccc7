"""Where the keyboard focus must be on each step: on its main action (the button Enter
presses), so that a person with a keyboard, or a kiosk's Enter key, goes on at once.

The main action of each step, as a person would name it (and not read off the screens'
code): the first of the selectors that matches an enabled button; None: nothing is focused.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget

MAIN_ACTION: dict[str, tuple[str, ...] | None] = {
    "top": ("#admin_services",),              # 行政サービス (none while closed or paused)
    "terms": ("#agree",),                     # 同意する
    "service_menu": ("#certificate_service",),  # 証明書交付サービス
    "place_card": None,                       # ② the card on the reader is the action
    "municipality": ("#scope-residence",),    # お住まいの市区町村
    "pin": ("#confirm",),                     # 確定する (the digits come from the keys)
    "remove_card": None,                      # ⑤ the card off the reader is the action
    "certificate": ("#offers Button",),       # the first certificate on offer
    "issuance_kind": ("#kinds .-primary", "#kinds Button"),   # the kind chosen, or the first
    "members": ("#confirm",),                 # 確定する
    "fields": ("#confirm",),                  # 確定する
    "copies": ("#confirm",),                  # 確定する
    "confirm": ("#confirm",),                 # 確定する
    "payment": ("#coin-100",),                # the demo's coin slot: 100円, which most fees need
    "printing": None,                         # ⑫ nothing to press while it prints
    "print_fault": ("#ok",),                  # OK
    "take_away": ("#stop-voice",),            # 受け取りました（音声停止）
    "receipt": ("#done",),                    # 終了
    "message": ("#ok",),                      # OK
    "idle_prompt": ("#continue",),            # 続ける: the session goes on
    "confirm_quit": ("#no",),                 # いいえ: the safe choice
    "refund": ("#done",),                     # 終了
    # ①'s two free services
    "honseki_prefecture": ("#paged-choice .-primary", "#paged-choice Button.choice"),
    "honseki_municipality": ("#paged-choice .-primary", "#paged-choice Button.choice"),
    "hittosha": ("#kana-confirm",),           # 確定する under the 五十音
    "registration_confirm": ("#confirm",),    # 申請する
    "registration_done": ("#done",),          # 終了
    "new_signing_pin": ("#secret-confirm",),  # 確定する under the keys
    "pin_resetting": None,                    # the card is being reset: nothing to press
    "pin_reset_done": ("#done",),             # 終了
}


def main_action(screen: Screen) -> Widget | None:
    """The button that must have the focus on `screen` (None: none)."""
    for selector in MAIN_ACTION[getattr(screen, "SCREEN_ID", "")] or ():
        for widget in screen.query(selector):
            if not widget.disabled:
                return widget
    return None


class OnTheMainAction:
    """A `Check`: the focus is on the step's main action (the staff panels are not steps)."""

    def look(self, where: str, screen: Screen, leave_out: str | None) -> list[str]:
        step = getattr(screen, "SCREEN_ID", "")
        if step not in MAIN_ACTION:
            return []
        focused, wanted = screen.app.focused, main_action(screen)
        if focused is wanted:
            return []
        return [f"focus on {_name(focused)}, not on {_name(wanted)}"]


def _name(widget: Widget | None) -> str:
    if widget is None:
        return "nothing"
    return f"{type(widget).__name__}#{widget.id}" if widget.id else type(widget).__name__

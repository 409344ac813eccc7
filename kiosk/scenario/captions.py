"""Autoplay's captions: what the demo does next, in words a visitor reads (暗証番号を入力します),
not the script's own (`pin: "1234"`)."""

from __future__ import annotations

from kiosk.catalogue import Msg, msg
from kiosk.scenario.steps import (Copies, ExpectStep, Insert, Pin, PlaceCard, Press, RemoveCard,
                                  ReservePinReset, Restart, Step, Take, Tap, Type, Wait)

TAKEN = {"certificates": "caption_take_certificates", "receipt": "caption_take_receipt",
         "change": "caption_take_change", "card": "caption_remove_card"}


def caption(step: Step) -> Msg:
    match step:
        case Tap(target=target):
            return msg("caption_tap", label=target.removeprefix("#"))
        case PlaceCard():
            return msg("caption_place_card")
        case RemoveCard():
            return msg("caption_remove_card")
        case Pin():
            return msg("caption_pin")
        case Copies(count=count):
            return msg("caption_copies", n=count)
        case Insert(coins=coins):
            yen = sum(c for c in coins if isinstance(c, int))
            return msg("caption_insert", yen=f"{yen:,}")
        case Take(item=item):
            return msg(TAKEN[str(item)])
        case Wait(seconds=seconds):
            return msg("caption_wait", seconds=f"{seconds:g}")
        case Press(key=key):
            return msg("caption_press", name=key)
        case Type():
            return msg("caption_type")
        case ReservePinReset():
            return msg("caption_reserve")
        case Restart():
            return msg("caption_restart")
        case ExpectStep():
            return msg("caption_expect")
    raise TypeError(f"no caption for {step!r}")      # pragma: no cover - every step has one

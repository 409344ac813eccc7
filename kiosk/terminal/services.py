"""The terminal's side of ①'s two free services: the jobs that ask the centre for the 本籍地
lists, send the 利用登録申請 and print its slip, and reset the signing password on the card
with the reset authority's proof (leaflets 001 §3③, 002 p.7 and p.9).

The new password goes from the keyboard to the card only: the centre sees the card's
challenge and answers it, never the password. The card must still be on the reader from ④:
the reset needs the user-auth PIN verified on the same power-up, so the card is `resume`d,
not connected afresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backend.reasons import ServiceError
from kiosk.card.pin_reset import reset_signing_pin_with_authority, signing_pin_tries_left
from kiosk.devices.printer import PrinterFault
from kiosk.flow import Context, Effect, Event
from kiosk.terminal.session import Handler, Outcomes, opened

if TYPE_CHECKING:
    from kiosk.terminal.terminal import Terminal


def _prefectures(t: Terminal, sid: str | None) -> Outcomes:
    return [(Event.PREFECTURES_LOADED,
             {"prefectures": tuple(t.centre.honseki_prefectures(opened(sid)))})]


def _municipalities(t: Terminal, sid: str | None, prefecture: str) -> Outcomes:
    choices = t.centre.honseki_municipalities(opened(sid), prefecture)
    return [(Event.HONSEKI_LOADED, {"choices": tuple(choices)})]


def _apply(t: Terminal, sid: str | None, code: str, kana: str) -> Outcomes:
    """Send the application, then print its 申請受付 slip into the output tray. A slip that
    does not print leaves the application standing: its number is on the screen."""
    receipt = t.centre.apply_registration(opened(sid), code, kana)
    try:
        t.devices.printer.print_receipt(t.centre.registration_slip(opened(sid)))
    except (OSError, PrinterFault, ServiceError) as exc:
        t.device_error(exc, "the registration slip did not print")
    return [(Event.REGISTERED, {"receipt": receipt})]


def _reset(t: Terminal, sid: str | None, new_pin: str) -> Outcomes:
    session = opened(sid)
    transport = t.reader.resume()
    try:
        reset_signing_pin_with_authority(
            transport, lambda challenge: t.centre.pin_reset_cryptogram(session, challenge),
            new_pin)
    except BaseException:
        try:
            t.centre.pin_reset_finished(session, False)
        except ServiceError:
            pass                      # the refusal itself is what the person is told
        raise
    finally:
        del new_pin
    t.centre.pin_reset_finished(session, True)
    return [(Event.SIGNING_PIN_RESET, {"tries_left": signing_pin_tries_left(transport)})]


def _on_prefectures(t: Terminal, ctx: Context, secret: str | None) -> None:
    t.job(lambda: _prefectures(t, ctx.session_id), "honseki_prefectures")


def _on_municipalities(t: Terminal, ctx: Context, secret: str | None) -> None:
    prefecture = ctx.prefecture or ""
    t.job(lambda: _municipalities(t, ctx.session_id, prefecture), "honseki_municipalities")


def _on_apply(t: Terminal, ctx: Context, secret: str | None) -> None:
    code, kana = ctx.honseki_code or "", ctx.hittosha_kana
    t.job(lambda: _apply(t, ctx.session_id, code, kana), "apply_registration")


def _on_reset(t: Terminal, ctx: Context, secret: str | None) -> None:
    new_pin = secret or ""
    t.job(lambda: _reset(t, ctx.session_id, new_pin), "reset_signing_pin")


SERVICE_EFFECTS: dict[Effect, Handler] = {
    Effect.LOAD_PREFECTURES: _on_prefectures,
    Effect.LOAD_HONSEKI: _on_municipalities,
    Effect.APPLY_REGISTRATION: _on_apply,
    Effect.RESET_SIGNING_PIN: _on_reset,
}

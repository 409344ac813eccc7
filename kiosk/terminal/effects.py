"""What the terminal does for each `Effect` the flow returns: one handler per effect, in a
table, and the blocking calls they queue as jobs (whose outcomes are flow events).

The session's secrets live in `SessionSecrets` (`kiosk.terminal.session`), on the terminal
only. The PIN passes through `authenticate` and is not kept anywhere. The two free services'
effects are in `kiosk.terminal.services`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backend.api import CertificateCode, Scope
from backend.api_services import Service
from backend.reasons import Reason, ServiceError
from kiosk.card.auth import read_card, sign_challenge
from kiosk.card.errors import CardError
from kiosk.catalogue import text
from kiosk.flow import Context, Effect, Event
from kiosk.terminal.services import SERVICE_EFFECTS
from kiosk.terminal.session import Handler, Outcomes, SessionSecrets, opened

if TYPE_CHECKING:
    from kiosk.terminal.terminal import Terminal

__all__ = ["EFFECTS", "SessionSecrets", "opened", "perform"]


def perform(t: Terminal, effect: Effect, secret: str | None) -> None:
    EFFECTS[effect](t, t.flow.context, secret)


# --- the jobs (each runs off the terminal's thread, one at a time) -----------------------

def _begin(t: Terminal, service: Service) -> Outcomes:
    paused = t.paused()    # checked before any money can be taken
    if paused:
        raise ServiceError(Reason.SERVICE_PAUSED, str(paused))
    start = (t.centre.begin_session(t.kiosk_id) if service is Service.ISSUANCE
             else t.centre.begin_session(t.kiosk_id, service))
    t.secrets.start = start
    return [(Event.SESSION_OPENED, {"session_id": start.session_id})]


def _read_card(t: Terminal, sid: str | None) -> Outcomes:
    card = read_card(t.reader.connect())
    t.centre.precheck_card(opened(sid), card.certificate_der)
    if card.pin_tries_left == 0:
        raise CardError(Reason.PIN_LOCKED, 0)
    t.secrets.certificate_der = card.certificate_der
    return [(Event.CARD_ACCEPTED, {})]


def _authenticate(t: Terminal, sid: str | None, pin: str, scope: Scope | None,
                  service: Service) -> Outcomes:
    start, certificate = t.secrets.start, t.secrets.certificate_der
    if start is None or certificate is None:
        raise ServiceError(Reason.UNKNOWN_SESSION, "no card read in this session")
    try:
        signature = sign_challenge(t.reader.connect(), pin, start.challenge)
    except CardError as exc:
        if exc.reason == Reason.PIN_WRONG and exc.tries_left != 0:
            return [(Event.PIN_WRONG, {"tries_left": exc.tries_left})]
        if exc.reason == Reason.PIN_WRONG:
            raise CardError(Reason.PIN_LOCKED, 0) from exc
        raise
    finally:
        del pin
    holder = t.centre.authenticate(opened(sid), certificate, signature)
    offerings = (t.centre.offerings(opened(sid), scope or Scope.RESIDENCE)
                 if service is Service.ISSUANCE else ())
    return [(Event.AUTHENTICATED, {"holder": holder, "offerings": tuple(offerings)})]


def _settle(t: Terminal, sid: str | None) -> Outcomes:
    payment = t.centre.settle(opened(sid))
    t.devices.coins.settle(payment.change_yen)
    return [(Event.PAID, {"payment": payment})]


def _issue_and_print(t: Terminal, sid: str | None) -> Outcomes:
    def progress(printed: int, total: int) -> None:
        t.from_job(lambda: t.send(Event.PRINT_PROGRESS, printed=printed, total=total))

    printed, total, fault = t.cashier.print_job(opened(sid), progress)
    if fault is not None:
        return [(Event.PRINT_FAULT, {"reason": fault, "printed": printed, "total": total})]
    return [(Event.PRINTED, {"printed": printed, "total": total})]


def _cancel(t: Terminal, sid: str | None) -> Outcomes:
    """取消 confirmed with money in: the refund comes out now, and the 返金 screen says how much."""
    paid, owed = t.cashier.close(opened(sid), finished=False)
    return [(Event.REFUNDED, {"paid_yen": paid, "owed_yen": owed})]


def _close(t: Terminal, sid: str | None, finished: bool, lang: str) -> None:
    """Close behind the session; what was left behind is said in the language of the person
    who left it (the screens are back in the kiosk's own by now)."""
    t.cashier.close(sid, finished)
    reminders = t.reminders()
    if reminders:
        t.devices.speaker.say(reminders[0].get(lang), lang)


# --- the handlers (on the terminal's thread) --------------------------------------------

def _on_begin(t: Terminal, ctx: Context, secret: str | None) -> None:
    service = ctx.service
    t.job(lambda: _begin(t, service), "begin_session")


def _on_read_card(t: Terminal, ctx: Context, secret: str | None) -> None:
    t.job(lambda: _read_card(t, ctx.session_id), "read_card")


def _on_authenticate(t: Terminal, ctx: Context, secret: str | None) -> None:
    pin = secret or ""
    t.job(lambda: _authenticate(t, ctx.session_id, pin, ctx.scope, ctx.service), "authenticate")


def _on_members(t: Terminal, ctx: Context, secret: str | None) -> None:
    # ⑦'s people: the household, or the holder's 戸籍 for a certificate that asks whose
    whose = (ctx.certificate if ctx.offering and ctx.offering.persons and ctx.certificate
             else CertificateCode.RESIDENT_RECORD)
    t.job(lambda: [(Event.MEMBERS_LOADED,
                    {"members": t.centre.members(opened(ctx.session_id), whose)})], "members")


def _on_quote(t: Terminal, ctx: Context, secret: str | None) -> None:
    request = ctx.request()
    t.job(lambda: [(Event.QUOTED, {"quote": t.centre.quote(opened(ctx.session_id), request)})],
          "quote")


def _on_open_coins(t: Terminal, ctx: Context, secret: str | None) -> None:
    t.devices.coins.open(ctx.total_yen)


def _on_close_coins(t: Terminal, ctx: Context, secret: str | None) -> None:
    t.devices.coins.close()


def _on_settle(t: Terminal, ctx: Context, secret: str | None) -> None:
    t.job(lambda: _settle(t, ctx.session_id), "settle")


def _on_issue(t: Terminal, ctx: Context, secret: str | None) -> None:
    t.job(lambda: _issue_and_print(t, ctx.session_id), "issue")


def _on_start_reminder(t: Terminal, ctx: Context, secret: str | None) -> None:
    t.devices.speaker.start_repeating(text("take_away_voice", t.lang), t.clock.now(), t.lang)
    t.bell()


def _on_stop_reminder(t: Terminal, ctx: Context, secret: str | None) -> None:
    t.devices.speaker.stop()


def _on_finish(t: Terminal, ctx: Context, secret: str | None) -> None:
    sid = ctx.session_id
    t.job(lambda: [(Event.RECEIPT_READY, {"receipt": t.cashier.finish(opened(sid))})], "finish")


def _on_cancel(t: Terminal, ctx: Context, secret: str | None) -> None:
    t.devices.coins.close()          # no more coins: what is in goes back
    t.job(lambda: _cancel(t, ctx.session_id), "cancel")


def _on_end_session(t: Terminal, ctx: Context, secret: str | None) -> None:
    """Completed, cancelled or timed out: forget everything now; refund and close behind."""
    sid, finished, lang = ctx.session_id, ctx.receipt is not None, t.lang
    t.flow.reset()
    t.secrets.forget()
    t.sessions_ended += 1
    t.lang = t.default_lang          # the next person starts in the kiosk's own language
    t.devices.coins.close()
    t.devices.speaker.stop()
    if sid is None and not t.devices.coins.inserted_yen:
        return
    t.job(lambda: _close(t, sid, finished, lang), "close")


EFFECTS: dict[Effect, Handler] = {
    Effect.BEGIN_SESSION: _on_begin,
    Effect.READ_CARD: _on_read_card,
    Effect.AUTHENTICATE: _on_authenticate,
    Effect.LOAD_MEMBERS: _on_members,
    Effect.QUOTE: _on_quote,
    Effect.OPEN_COINS: _on_open_coins,
    Effect.CLOSE_COINS: _on_close_coins,
    Effect.SETTLE: _on_settle,
    Effect.ISSUE_AND_PRINT: _on_issue,
    Effect.START_REMINDER: _on_start_reminder,
    Effect.STOP_REMINDER: _on_stop_reminder,
    Effect.FINISH: _on_finish,
    Effect.CANCEL: _on_cancel,
    Effect.END_SESSION: _on_end_session,
    **SERVICE_EFFECTS,
}

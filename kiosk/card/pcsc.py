"""pyscard over PC/SC: the same client code against pcscd, exactly as with a hardware reader.

`PcscReader(reader_name)` finds a reader by (part of) its name, reports card presence
(SCardGetStatusChange) and waits for insertion or removal; `connect()` gives a
`PcscTransport`. PC/SC failures become CardError reasons: no service or reader → NO_CARD,
card pulled out mid-exchange → CARD_REMOVED, anything else → CARD_UNREADABLE.
"""

from __future__ import annotations

import os
import time

from smartcard import scard

from backend.reasons import Reason
from kiosk.card.errors import CardError

ENV_READER = "KIOSK_PCSC_READER"


def _code(hresult: int) -> int:
    """The unsigned 32-bit code: pyscard gives an HRESULT signed or not, by platform."""
    return hresult & 0xFFFFFFFF if hresult < 0 else hresult


# NOT_TRANSACTED: the link to the card broke mid-exchange (pulled out, or swapped too fast).
REMOVED = {_code(c) for c in (scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD,
                              scard.SCARD_W_RESET_CARD, scard.SCARD_W_UNPOWERED_CARD,
                              scard.SCARD_E_NOT_TRANSACTED)}
NO_READER = {_code(c) for c in (scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED,
                                scard.SCARD_E_NO_READERS_AVAILABLE,
                                scard.SCARD_E_READER_UNAVAILABLE, scard.SCARD_E_UNKNOWN_READER)}


def _fail(hresult: int, what: str) -> CardError:
    code = _code(hresult)
    message = f"{what}: {scard.SCardGetErrorMessage(hresult)} (0x{code:08X})"
    if code in REMOVED:
        return CardError(Reason.CARD_REMOVED, detail=message)
    if code in NO_READER:
        return CardError(Reason.NO_CARD, detail=message)
    return CardError(Reason.CARD_UNREADABLE, detail=message)


class PcscTransport:
    def __init__(self, card: int, protocol: int, atr: bytes) -> None:
        self._card, self._protocol, self.atr = card, protocol, atr

    @property
    def handle(self) -> tuple[int, int]:
        """(card handle, protocol) as PC/SC knows them: for a bare SCardTransmit beside us."""
        return self._card, self._protocol

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        hresult, answer = scard.SCardTransmit(self._card, self._protocol, list(apdu))
        if hresult != scard.SCARD_S_SUCCESS:
            raise _fail(hresult, "transmit")
        if len(answer) < 2:
            raise CardError(Reason.CARD_UNREADABLE, detail="response without a status word")
        return bytes(answer[:-2]), (answer[-2] << 8) | answer[-1]

    def close(self) -> None:
        scard.SCardDisconnect(self._card, scard.SCARD_LEAVE_CARD)


class PcscReader:
    """A PC/SC reader slot. `reader_name`: exact name, or a part of it (first match);
    default: $KIOSK_PCSC_READER, else the first reader pcscd lists."""

    def __init__(self, reader_name: str | None = None) -> None:
        self.wanted = reader_name or os.environ.get(ENV_READER) or ""
        self._context: int | None = None
        self._transport: PcscTransport | None = None

    @property
    def context(self) -> int:
        """The PC/SC context, established on first use and again after pcscd restarts."""
        if self._context is None:
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                raise _fail(hresult, "establish context")
            self._context = context
        return self._context

    def _forget_context(self) -> None:
        if self._context is not None:
            scard.SCardReleaseContext(self._context)
            self._context = None

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None
        self._forget_context()

    def __enter__(self) -> PcscReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def readers(self) -> list[str]:
        try:
            hresult, names = scard.SCardListReaders(self.context, [])
        except CardError:
            return []
        if hresult != scard.SCARD_S_SUCCESS:
            if _code(hresult) != _code(scard.SCARD_E_NO_READERS_AVAILABLE):
                self._forget_context()    # pcscd went away: start afresh next time
            return []
        return list(names)

    @property
    def name(self) -> str:
        names = self.readers()
        for candidate in names:
            if candidate == self.wanted or self.wanted in candidate:
                return candidate
        raise CardError(Reason.NO_CARD, detail=f"no PC/SC reader matching {self.wanted!r}")

    def _state(self, timeout_ms: int, known: int = scard.SCARD_STATE_UNAWARE) -> tuple[int, bytes]:
        hresult, states = scard.SCardGetStatusChange(self.context, timeout_ms,
                                                     [(self.name, known)])
        if hresult == scard.SCARD_E_TIMEOUT:
            return known, b""
        if hresult != scard.SCARD_S_SUCCESS:
            error = _fail(hresult, "get status change")
            if error.reason is Reason.NO_CARD:
                self._forget_context()
            raise error
        _, event_state, atr = states[0]
        return event_state & ~scard.SCARD_STATE_CHANGED, bytes(atr)

    def present(self) -> bool:
        try:
            state, _ = self._state(0)
        except CardError:
            return False
        return bool(state & scard.SCARD_STATE_PRESENT) and not state & scard.SCARD_STATE_MUTE

    def _wait(self, want_present: bool, timeout: float) -> bool:
        """Block in SCardGetStatusChange until presence is `want_present` or `timeout` passes."""
        deadline = time.monotonic() + timeout
        state, _ = self._state(0)
        while bool(state & scard.SCARD_STATE_PRESENT) != want_present:
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if remaining_ms <= 0:
                return False
            state, _ = self._state(min(remaining_ms, 500), state)
        return True

    def wait_for_card(self, timeout: float) -> bool:
        return self._wait(True, timeout)

    def wait_for_removal(self, timeout: float) -> bool:
        """⑤ The card was taken off (True), or still there after `timeout` (False)."""
        return self._wait(False, timeout)

    def resume(self) -> PcscTransport:
        """The last `connect()`'s handle, still open, so pcscd keeps the card powered and what
        was verified on it holds; a card taken off since answers CARD_REMOVED at transmit."""
        if self._transport is None:
            raise CardError(Reason.NO_CARD, detail="no card connected")
        return self._transport

    def connect(self) -> PcscTransport:
        if self._transport is not None:
            self._transport.close()
            self._transport = None
        hresult, card, protocol = scard.SCardConnect(
            self.context, self.name, scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
        if hresult != scard.SCARD_S_SUCCESS:
            error = _fail(hresult, "connect")
            raise CardError(Reason.NO_CARD, detail=error.detail) if error.reason in (
                Reason.CARD_REMOVED, Reason.NO_CARD) else error
        _, atr = self._state(0)
        self._transport = PcscTransport(card, protocol, atr)
        return self._transport

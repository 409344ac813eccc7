"""The kiosk's money and paper at the end of a session (釣銭・返金と印刷), without any UI.

Printing notes each copy in the print journal the moment it is out, before the centre hears
of it. A refund is paid out of the coin vendor first and only then reported (`refund_paid`);
should the vendor fail, it stays owed (a 返金できませんでした slip prints, the top screen says
so) and the kiosk's next start pays it (`recover`), or staff settle it from the daily report.
A refund paid out whose report did not get through (a remote centre out of reach) is noted in
the refund journal, so that the next start reports it instead of paying it twice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from backend.api import IssuanceService, Receipt
from backend.reasons import Reason, ServiceError
from kiosk.devices import Devices
from kiosk.devices.print_journal import PrintJournal
from kiosk.devices.refund_journal import RefundJournal
from kiosk.devices.printer import PrinterFault

OnError = Callable[[BaseException, str], None]
# The refusals that mean the centre is done with a session or a copy already, so a retry has
# nothing left to tell it. Any other failure (out of reach, a fault of its own) is tried again.
SETTLED = frozenset({Reason.WRONG_STEP, Reason.SESSION_CLOSED, Reason.UNKNOWN_SESSION,
                     Reason.UNKNOWN_COPY})


class Cashier:
    def __init__(self, centre: Callable[[], IssuanceService], devices: Devices,
                 journal: Path, on_error: OnError, refunds: Path) -> None:
        self._centre, self.devices, self._on_error = centre, devices, on_error
        self.journal = PrintJournal(journal)
        self.refunds = RefundJournal(refunds)
        self.unpaid: dict[str, int] = {}     # session → refund the coin vendor failed to pay
        self.slipped: set[str] = set()       # sessions whose 返金できませんでした slip is out
        self.unclosed: set[str] = set()      # sessions whose close did not reach the centre
        self._paid: dict[str, int] = {}       # session → refund paid out so far (for 返金)

    @property
    def centre(self) -> IssuanceService:
        return self._centre()

    def recover(self, kiosk_id: str) -> None:
        """At start: report the copies a job left noted, close what this kiosk left open,
        and pay every refund it still owes into the return tray — less what already left the
        vendor unreported (the refund journal), which is reported instead."""
        self.journal.replay(self._report_printed)
        unreported = self.refunds.unreported()
        for owed in self.centre.recover(kiosk_id):
            unreported.pop(owed.session_id, None)
            self._settle(owed.session_id, owed.yen)
        # The rest the centre does not list: it heard after all, or never had those coins.
        self.refunds.reported(*unreported)
        self.unclosed.clear()                # the centre closed every session left open

    def _settle(self, sid: str, owed: int) -> None:
        """The centre owes `owed` yen of refund for `sid`: pay what has not left the vendor
        yet (the refund journal says what has, unreported), and report it all as paid."""
        already = self.refunds.unreported().get(sid, 0)
        if already < owed:
            self.pay_out(sid, owed - already)
            return
        if already == 0:
            return
        if owed:
            try:
                self.centre.refund_paid(sid)     # those very coins paid it
            except ServiceError as exc:
                self._on_error(exc, f"refund_paid({sid}) failed")
                return
        self.refunds.reported(sid)           # reported now, or the coins were never in it

    def _report_printed(self, sid: str, copy_no: int) -> None:
        try:
            self.centre.report_copy(sid, copy_no, True)
        except ServiceError as exc:
            if exc.reason not in SETTLED:
                raise             # the journal keeps the copy for the next try
            # otherwise: already reported, or the session is long closed

    def print_job(self, sid: str, progress: Callable[[int, int], None]
                  ) -> tuple[int, int, Reason | None]:
        """⑫ Issue and print every copy: (printed, total, the fault that stopped it)."""
        result = self.centre.issue(sid)
        printer = self.devices.printer
        self.journal.begin(sid)
        printer.begin_job()
        total, printed = len(result.copies), 0
        fault: Reason | None = None
        for copy in result.copies:
            if fault is None:
                try:
                    printer.print_copy(copy.pdf)
                except PrinterFault as exc:
                    fault = exc.reason
                except OSError as exc:        # the device failed: a fault like any other
                    self._on_error(exc, f"printing copy {copy.copy_no} failed")
                    fault = Reason.SYSTEM_ERROR
                else:
                    printed += 1
                    self.journal.printed(copy.copy_no)    # out of the printer: noted
                    self.centre.report_copy(sid, copy.copy_no, True)
                    progress(printed, total)
                    continue
            self.centre.report_copy(sid, copy.copy_no, False)
        self.journal.done()
        del result   # the certificates' bytes: printed, and not kept
        return printed, total, fault

    def finish(self, sid: str) -> Receipt:
        """⑭ The money first: a receipt that fails to print must not keep anyone's refund."""
        receipt = self.centre.finish(sid)
        self.pay_out(sid, receipt.refunded_yen)
        try:
            self.devices.printer.print_receipt(receipt.pdf)
        except (OSError, PrinterFault) as exc:
            self._on_error(exc, "the receipt did not print")
        return receipt

    def pay_out(self, sid: str, yen: int, *, escrow: bool = False, report: bool = True) -> None:
        """Pay a refund out of the coin vendor (the very coins in escrow, if `escrow`), then
        tell the centre it left (or, unless `report`, note it for `_settle` to net off a
        refund the centre has yet to record). Should the vendor fail, the refund stays owed."""
        if yen <= 0:
            return
        try:
            if escrow:
                self.devices.coins.refund(yen)
            else:
                self.devices.coins.pay_out(yen)
        except Exception as exc:
            self._on_error(exc, f"the coin vendor could not pay out {yen} yen")
            self.unpaid[sid] = yen
            self._print_refund_slip(sid)
            return
        self.unpaid.pop(sid, None)
        self._paid[sid] = self._paid.get(sid, 0) + yen
        if not report:
            self.refunds.paid(sid, yen)
            return
        try:
            self.centre.refund_paid(sid)
        except ServiceError as exc:        # the money left; the ledger catches up at recover
            self.refunds.paid(sid, yen)
            self._on_error(exc, f"refund_paid({sid}) failed")
        else:
            self.refunds.reported(sid)

    def _print_refund_slip(self, sid: str) -> None:
        """The 返金できませんでした slip into the output tray: how much, whom to ask."""
        if sid in self.slipped:
            return
        try:
            self.devices.printer.print_receipt(self.centre.refund_slip(sid))
            self.slipped.add(sid)
        except Exception as exc:       # the screen and the daily report still say so
            self._on_error(exc, "the refund slip did not print")

    def close(self, sid: str | None, finished: bool) -> tuple[int, int]:
        """The end of every session: refund what is due (also mid-print), then close it.
        Returns the refund (paid out of the vendor, still owed), in yen, for 返金."""
        escrowed = self.devices.coins.inserted_yen
        if sid is None:
            if escrowed:
                self.devices.coins.refund(escrowed)
            return escrowed, 0
        try:
            refunded = self._cancel(sid) if not finished else 0
        except ServiceError:
            # The centre did not hear: the coins in escrow go back all the same, noted, and
            # the close is left to recovery, which nets them off what the centre then owes.
            self.pay_out(sid, escrowed, escrow=True, report=False)
            self.unclosed.add(sid)
            return self._paid.pop(sid, 0), self.unpaid.get(sid, 0)
        # The coins physically in escrow go back even if the ledger missed one.
        self.pay_out(sid, max(refunded, escrowed), escrow=True)
        try:
            still_owed = self.centre.close(sid).yen
        except ServiceError as exc:
            if exc.reason not in SETTLED:              # left open there: recover it
                self.unclosed.add(sid)
        else:
            self._settle(sid, still_owed)
        return self._paid.pop(sid, 0), self.unpaid.get(sid, 0)

    def _cancel(self, sid: str) -> int:
        """取消, also mid-print: first every copy the print journal says came out is
        reported (so that it is not refunded), then the centre refunds the rest. Raises when
        the centre cannot be told."""
        if self.journal.pending() == sid:
            self.journal.replay(self._report_printed)
        try:
            return self.centre.cancel(sid).yen
        except ServiceError as exc:
            if exc.reason in SETTLED:                  # closed or done with already
                return 0
            raise

"""The kiosk's brain without any UI: `Terminal` (flow, devices, centre, jobs) and the `View`
it publishes. No Textual here: an import contract says so."""

from kiosk.terminal.terminal import Terminal
from kiosk.terminal.view import StaffStatus, View

__all__ = ["StaffStatus", "Terminal", "View"]

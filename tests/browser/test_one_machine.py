"""Two browsers on one `kiosk serve`: one kiosk id is one machine, with one screen.

Each connection starts its own `kiosk run`, and a kiosk that starts recovers what it left
open, as a restarted machine does. A second app on the same kiosk would so close the first
one's live session, and pay its coins out of its own tray as well. So the second connection
waits, the page empty, until the first has closed; then its kiosk comes up.
"""

from __future__ import annotations

import shutil
import time

from tests.browser.conftest import SCREENSHOTS, ServedKiosk

SIZE = (1280, 800)


def test_a_second_browser_waits_for_the_kiosk_until_the_first_closes(
        served_kiosk: ServedKiosk) -> None:
    shots = SCREENSHOTS / "one-machine"
    shutil.rmtree(shots, ignore_errors=True)
    first = served_kiosk.page(SIZE, shots)
    second = None
    try:
        first.wait_for("行政サービス")
        first.tap("行政サービス")
        first.wait_for("ご利用上の同意事項")
        second = served_kiosk.page(SIZE, shots)
        deadline = time.monotonic() + 20
        while len(served_kiosk.kiosk_apps()) < 2:  # its own app started, and waits
            assert time.monotonic() < deadline, served_kiosk.output()
            time.sleep(0.1)
        assert second.screen() is None            # no kiosk on its page while it waits
        first.tap("同意する")                      # and the first goes on undisturbed
        first.wait_for("サービスを選択してください")
        assert second.screen() is None
        second.screenshot("second-waits")
    finally:
        first.close()                              # the first person leaves
    try:
        assert second is not None
        second.wait_for("行政サービス")
        second.screenshot("second-comes-up")
    finally:
        second.close()
    output = served_kiosk.stopped()
    assert "is open elsewhere" in output          # what the second one said while it waited
    assert "Traceback" not in output and "Error" not in output, output

"""SVG snapshots of the key screens at 80×24 (FixedClock, seeded demo data, no blinking).

Update after an intended change: `pytest tests/app/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from tests.app.conftest import SIZE, Drive


async def _at_top(kiosk: Drive) -> None:
    await kiosk.settle()


async def _at_pin(kiosk: Drive) -> None:
    await kiosk.to_pin()
    await kiosk.keys("1", "2")


async def _at_certificate(kiosk: Drive) -> None:
    await kiosk.to_certificate("izumi-hanako", "2345")    # 印鑑 disabled, with its reason


async def _at_confirm(kiosk: Drive) -> None:
    await kiosk.to_certificate()
    await kiosk.tap("#cert-juminhyo")
    await kiosk.tap("#kind-household_all")
    await kiosk.tap("#field-head_relation-yes")
    await kiosk.tap("#confirm")
    await kiosk.keys("2")
    await kiosk.tap("#confirm")


async def _at_payment(kiosk: Drive) -> None:
    await _at_confirm(kiosk)
    await kiosk.tap("#confirm")
    await kiosk.insert(100, 5)


@pytest.mark.parametrize("walk", [_at_top, _at_pin, _at_certificate, _at_confirm, _at_payment],
                         ids=["top", "pin", "certificate", "confirm", "payment"])
def test_key_screens(snap_compare, make_kiosk, clock, walk) -> None:
    app = make_kiosk()

    async def run_before(pilot) -> None:
        kiosk = Drive(app, pilot, clock)
        await kiosk.settle()
        await walk(kiosk)
        await kiosk.settle()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

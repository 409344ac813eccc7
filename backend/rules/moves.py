"""住民票の異動 (住民基本台帳法 §7): what a person's latest change was, from its dates.

A person born here who never moved became a resident by 出生 (no 前住所); one whose address
was set after they became a resident moved within the municipality (転居: 前住所 in the same
city); anyone else came from elsewhere (転入: 前住所 in another municipality). 職権記載 and the
like are entered by staff, never derived.
"""

from __future__ import annotations

from datetime import date, timedelta

BIRTH, MOVE_IN, MOVE_WITHIN = "出生", "転入", "転居"
WITH_PREVIOUS_ADDRESS = frozenset({MOVE_IN, MOVE_WITHIN})
NOTICE_DAYS = 14   # 法 §22–§23: a move is notified within 14 days


def move_reason(birth_date: date, became_resident_on: date, address_set_on: date) -> str:
    """The 異動事由 of the latest change."""
    if address_set_on < became_resident_on or became_resident_on < birth_date:
        raise ValueError("an address is set on or after becoming a resident, and after birth")
    if address_set_on > became_resident_on:
        return MOVE_WITHIN
    return BIRTH if became_resident_on == birth_date else MOVE_IN


def notified_on(moved_on: date, after_days: int, today: date) -> date:
    """届出日: `after_days` after the move (at most 14), never after today."""
    if not 0 <= after_days <= NOTICE_DAYS:
        raise ValueError(f"a move is notified within {NOTICE_DAYS} days")
    return min(moved_on + timedelta(days=after_days), max(today, moved_on))

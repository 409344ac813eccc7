"""Where and since when each demo resident lives, as the 住民票 prints it (住民基本台帳法 §7,
§30の45): 住民となった年月日, 住所を定めた年月日, the 異動事由 and 届出日 of that move, the 前住所
with its date, and a foreign resident's items. The one place the seed and the demo's 戸籍
check work these out from the demo data (`backend.rules.moves`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from backend.demo_data import DemoHousehold, DemoResident
from backend.rules import moves
from backend.rules.register_addresses import AddressLine, history

# ── 住民票 items of revision 0005 (住民基本台帳法 §7, §30の45) ─────────────────────────────
# Seeding derives each 異動 from the dates above (backend.rules.moves: 出生, else 転居 or 転入
# from the household's previous address); these say where that is not the whole story.
@dataclass(frozen=True)
class DemoResidence:
    resident_since: date | None = None     # 住民となった年月日, long before the latest move
    moved_days_ago: int | None = None      # 住所を定めた日 (the latest move), days before seeding
    notified_after_days: int = 7           # 届出日, days after the move (within 14: 法 §22)


@dataclass(frozen=True)
class DemoForeign:
    section_30_45: str                     # 中長期在留者 / 特別永住者 / …
    since: date                            # 外国人住民となった年月日 (somewhere in Japan)
    common_name: str | None = None         # 通称, where registered


# 大森: 転居 緑町 → 大成町 3000 days ago (美和 there since marriage); 光, born after, a 出生.
RESIDENCES: dict[str, DemoResidence] = {
    **{f"tomakomai-omori-{i:02d}": DemoResidence(date(1978, 4, 1), 3000) for i in range(1, 13)},
    "tomakomai-omori-04": DemoResidence(date(2002, 10, 1), 3000),
}
FOREIGN = {"izumi-nguyen": DemoForeign("中長期在留者", date(2016, 4, 5))}   # came to 大阪市 first

FORMER_STAY_YEARS = 6   # how long a person who moved in had lived at the 前住所 (demo)

# 附票: where people lived before the 住民票's 前住所, when they entered their 戸籍 earlier than
# they came to it (大森 大吉 and トメ married in 白老 and came to 苫小牧 in 1978; 美和 married
# from 札幌 and joined her husband in October; 緑 大輔 made his own 戸籍 in 札幌).
EARLIER: dict[str, tuple[AddressLine, ...]] = {
    "tomakomai-omori-01": (AddressLine("北海道白老郡白老町大町一丁目3番5号", date(1974, 5, 10)),),
    "tomakomai-omori-02": (AddressLine("北海道白老郡白老町大町一丁目3番5号", date(1974, 5, 10)),),
    "tomakomai-omori-04": (AddressLine("北海道札幌市中央区北1条西2丁目1番1号", date(1999, 4, 1)),),
    # 分籍 while living in 札幌, years before coming to 苫小牧's 本町.
    "tomakomai-tenkyo": (AddressLine("北海道札幌市白石区本通三丁目南2番4号", date(2010, 4, 1)),),
}


def residence(household: DemoHousehold, person: DemoResident, today: date,
              entered: date | None = None) -> dict[str, Any]:
    """住民となった年月日, 住所を定めた年月日, the 異動事由 and 届出日 of that move, and the 前住所
    with its own date where the move had one (`backend.rules.moves`). A person who came from
    elsewhere had set the 前住所 `FORMER_STAY_YEARS` before, and no later than the day they
    `entered` their 戸籍 (the 附票 starts from an address held then)."""
    extra = RESIDENCES.get(person.key, DemoResidence())
    since = max(extra.resident_since or today - timedelta(days=person.resident_days_ago),
                person.birth_date)
    moved_days_ago = extra.moved_days_ago or person.address_days_ago
    settled = since if moved_days_ago is None else max(today - timedelta(days=moved_days_ago),
                                                        since)
    reason = moves.move_reason(person.birth_date, since, settled)
    previous = reason in moves.WITH_PREVIOUS_ADDRESS
    stayed = since - timedelta(days=365 * FORMER_STAY_YEARS)
    former_since = (since if reason == moves.MOVE_WITHIN else
                    max(person.birth_date, stayed if entered is None else min(stayed, entered)))
    return dict(became_resident_on=since, address_set_on=settled, move_reason=reason,
                notified_on=moves.notified_on(settled, extra.notified_after_days, today),
                previous_address=household.previous_address if previous else None,
                previous_address_set_on=former_since if previous else None)


def foreign(person: DemoResident) -> dict[str, Any]:
    extra = FOREIGN.get(person.key)
    if extra is None:
        return {}
    return dict(section_30_45=extra.section_30_45, foreign_resident_since=extra.since,
                common_name=extra.common_name)


def resident_dates(household: DemoHousehold, person: DemoResident, today: date,
                   entered: date | None = None) -> tuple[date, date, str | None]:
    """(住民となった日, 住所を定めた日, 前住所) on the seeding day, as `residence` has them."""
    r = residence(household, person, today, entered)
    return r["became_resident_on"], r["address_set_on"], r["previous_address"]


def fuhyo(household: DemoHousehold, person: DemoResident, today: date,
          entered: date) -> tuple[AddressLine, ...]:
    """The person's lines on the 附票 of the 戸籍 they `entered`: the `EARLIER` addresses, the
    前住所, the 住所, from the one held on entry on (`backend.rules.register_addresses`)."""
    r = residence(household, person, today, entered)
    lines = list(EARLIER.get(person.key, ()))
    if r["previous_address"] is not None:
        lines.append(AddressLine(r["previous_address"], r["previous_address_set_on"]))
    lines.append(AddressLine(household.address, r["address_set_on"]))
    return history(lines, entered)


__all__ = ["EARLIER", "FOREIGN", "RESIDENCES", "DemoForeign", "DemoResidence", "foreign", "fuhyo",
           "residence", "resident_dates"]

"""A slice of the fleet soak (`scripts/soak --fleet`): four kiosks against the centre served on
PostgreSQL, real rendering, each 2023 incident at least once — a Kawasaki pair issuing for
two people within the same second, a Yokohama printer slower than every timeout followed by
someone else, a kiosk killed on each screen of KILL_AT. No certificate bears another person,
no yen is lost, nothing stays owed; and the audit does see a certificate that bears someone
else and a yen that never came out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.testing.fleet_kiosk import KILL_AT
from kiosk.testing.soak_fleet import CARDS, SoakPlan, audit, plan_visits, report, soak_fleet

SLICE = SoakPlan(sessions=40, kiosks=4, seed=17, verify_every=8, slow_seconds=1.5)


@pytest.mark.parametrize("seed", [SLICE.seed, 1, 2, 3])
def test_the_slices_plan_holds_each_incident_and_never_the_same_person_twice_running(seed) -> None:
    visits = plan_visits(replace(SLICE, seed=seed))
    assert sum(map(len, visits)) == SLICE.sessions
    flat = [v for kiosk in visits for v in kiosk]
    assert sum(v.meet is not None for v in flat) >= 2 and any(v.slow for v in flat)
    assert [v.kill_at for v in visits[1][2:2 + len(KILL_AT)]] == list(KILL_AT)
    for kiosk in visits:
        people = [v.card for v in kiosk]
        assert all(a != b for a, b in zip(people, people[1:], strict=False)), people
        assert set(people) <= set(CARDS)
    pairs: dict[int, list[str]] = {}
    for v in flat:
        if v.meet is not None:
            pairs.setdefault(id(v.meet), []).append(v.card)
    assert pairs and all(len(set(cards)) == 2 for cards in pairs.values())   # two people


@pytest.mark.postgres
def test_a_fleet_soak_slice_prints_no_one_elses_certificate_and_loses_no_yen(
        postgres_cluster, tmp_path) -> None:
    line, run, url = soak_fleet(postgres_cluster, tmp_path, SLICE)
    assert line["ok"], line
    assert line["sessions"] == SLICE.sessions and line["errors"] == 0
    assert line["certificates_read_back"] == line["certificates_printed"] > SLICE.sessions // 2
    assert line["certificates_verified"] >= SLICE.kiosks
    assert line["certificates_bearing_another_person"] == 0
    assert line["yen_lost"] == 0 and line["owed_refunds_left"] == 0
    assert line["yen_in"] > line["yen_out"] > 0
    assert line["kiosks_killed"] >= len(KILL_AT) and line["yokohama_slow_sessions"] >= 1
    assert line["kawasaki_pairs"] == line["kawasaki_pairs_within_1s"] >= 1   # the same second
    copies = [c for k in run.kiosks for c in k.copies]
    assert any(visit.slow for visit, _ in run.outcomes)
    for visit, outcome in run.outcomes:         # slower than every timeout, yet all printed
        if visit.slow:
            assert outcome.refused is None and not outcome.killed, outcome
            assert sum(c.session_id == outcome.session_id for c in copies) == visit.copies

    # The audit sees a certificate read back for someone it does not name…
    kiosk = next(k for k in run.kiosks if k.copies)
    copy = kiosk.copies[0]
    other = next(c for c in CARDS if c != copy.card)
    kiosk.copies[0] = replace(copy, card=other)
    found = audit(url, run)
    assert found.another_person == 1 and not report(run, found, 0.0)["ok"]
    kiosk.copies[0] = copy
    # …and 100 yen that never came out of a coin vendor that said it paid them.
    vendor = next(v for k in run.kiosks for v in k.vendors if v.paid_out_yen >= 100)
    vendor.paid_out_yen -= 100
    found = audit(url, run)
    assert found.yen_lost == 100 and found.violations and not report(run, found, 0.0)["ok"]

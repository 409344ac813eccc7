"""Autoplay (the same player, paced and highlighted) and the player's devices and lookups."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.config import Paths
from kiosk.devices.coins import SimulatedCoinVendor
from kiosk.scenario import autoplay as autoplay_module
from kiosk.scenario.harness import WatchedCoins
from kiosk.scenario.model import load_scenario, parse_scenario
from kiosk.scenario.runner import run_one

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def highlighted(monkeypatch) -> list[str]:
    """Record every widget autoplay highlights before pressing it."""
    seen: list[str] = []
    real = autoplay_module._highlighter

    def recording(app, pace):
        inner = real(app, pace)

        async def before_tap(widget):
            assert widget.styles.outline.top[0] == "", "no highlight left over from before"
            seen.append(widget.id or "")
            await inner(widget)
            assert widget.styles.outline.top[0] == ""   # taken off again after the press

        return before_tap

    monkeypatch.setattr(autoplay_module, "_highlighter", recording)
    return seen


def test_autoplay_plays_a_scenario_highlighting_each_button(demo_home: Paths, highlighted):
    scenario = load_scenario(ROOT / "scripts" / "scenarios" / "card-face-auth.yaml")
    passed, message, stopped = autoplay_module._play(scenario, demo_home, pace=0.0, linger=0.0,
                                                     lang="ja", headless=True)
    assert passed, message
    assert not stopped                     # it ran to its end (nobody closed the kiosk)
    assert highlighted == ["admin_services", "agree", "certificate_service", "ok"]


def test_autoplay_stops_at_a_broken_expectation(demo_home: Paths, highlighted):
    scenario = load_scenario(FIXTURES / "broken-expectation.yaml")
    passed, message, stopped = autoplay_module._play(scenario, demo_home, pace=0.0, linger=0.0,
                                                     lang="ja", headless=True)
    assert not passed
    assert message.startswith("step 13 (line 17): expected fee 500, got 400")
    assert len(highlighted) == 14          # every tap up to ⑨ 確定する; ⑩'s was never pressed


def test_autoplay_refuses_a_malformed_file_in_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nsteps:\n  - place_card: nobody\n", encoding="utf-8")
    assert autoplay_module.autoplay(bad, pace=0.0) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"kiosk run --autoplay: {bad}:3: unknown card 'nobody' (see `kiosk card list`)"


def test_watched_coins_tell_change_from_refund_and_a_jam_returns_every_coin():
    coins = WatchedCoins(SimulatedCoinVendor())
    coins.open(400)
    for yen in (100, 500):
        assert coins.insert(yen).accepted
    coins.settle(200)
    coins.pay_out(150)
    assert (coins.change_yen, coins.refund_yen) == (200, 150)
    assert sorted(coins.take_change()) == [50, 100, 100, 100]   # 200 change + 150 refund
    assert (coins.change_yen, coins.refund_yen) == (0, 0)
    coins.open(200)
    coins.insert(100)
    coins.refund(100)
    assert coins.refund_yen == 100 and coins.change_tray == (100,)

    jammed = WatchedCoins(SimulatedCoinVendor(), jammed=True)
    jammed.open(200)
    assert not jammed.insert(100).accepted
    assert jammed.inserted_yen == 0 and jammed.change_tray == (100,)


def test_an_ambiguous_label_asks_for_an_id(seeded_template: Paths, tmp_path):
    text = (ROOT / "tests" / "scenario" / "fixtures" / "broken-expectation.yaml").read_text(
        encoding="utf-8").replace("  - expect: {screen: confirm, fee: 500}\n", "  - tap: 訂正\n")
    result = run_one(parse_scenario(text, "ambiguous.yaml"), seeded_template.home, tmp_path)
    assert not result.passed
    assert "'訂正' matches several buttons (#edit-certificate, #edit-kind, #edit-fields, " \
           "#edit-copies): tap one by #id" in result.message


def test_a_disabled_button_is_not_pressed(seeded_template: Paths, tmp_path):
    text = """\
name: tap a disabled certificate
steps:
  - tap: 行政サービス
  - tap: 同意する
  - tap: 証明書交付サービス
  - place_card: izumi-hanako
  - tap: お住まいの市区町村の証明書
  - pin: "2345"
  - remove_card
  - tap: 印鑑登録証明書
"""
    result = run_one(parse_scenario(text, "disabled.yaml"), seeded_template.home, tmp_path)
    assert not result.passed
    assert "button '印鑑登録証明書' is disabled on screen 'certificate'" in result.message


def test_autoplay_loops_on_fresh_data_each_round(highlighted, capsys):
    scenario = ROOT / "scripts" / "scenarios" / "card-face-auth.yaml"
    assert autoplay_module.autoplay(scenario, pace=0.0, linger=0.0, headless=True, rounds=2) == 0
    out = capsys.readouterr().out
    assert out.count("preparing a fresh copy of the demo data") == 2 and out.count("PASS") == 2
    assert highlighted == ["admin_services", "agree", "certificate_service", "ok"] * 2


def test_every_step_has_a_caption_in_words():
    from kiosk.scenario.captions import caption
    from kiosk.scenario.model import parse_scenario

    steps = parse_scenario("""name: all
steps:
  - tap: 行政サービス
  - place_card: izumi-taro
  - pin: "1234"
  - remove_card
  - copies: 2
  - insert: [100, 100, 50]
  - take: change
  - take: card
  - wait: 61
  - press: enter
  - restart
  - expect: {screen: top}
""", "all.yaml").steps
    words = [caption(step).ja for step in steps]
    assert words[:6] == ["「行政サービス」を押します", "マイナンバーカードを置きます", "暗証番号を入力します",
                         "カードを取ります", "部数（2部）を入力します", "250円を入れます"]
    assert all(words) and not any("1234" in w or "pin" in w for w in words)   # never the PIN

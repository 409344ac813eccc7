"""`--centre` on the command line: what a kiosk refuses before it starts (no credential, a
`--kiosk` its credential does not name, a URL that is no https centre, autoplay), what
`kiosk script --centre` cannot play, and `kiosk serve` handing `--centre` to each kiosk."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from backend.config import Paths
from backend.kiosk_ca import KioskAuthority
from kiosk import cli
from kiosk.commands.serve import kiosk_command

ROOT = Path(__file__).resolve().parents[2]
URL = "https://127.0.0.1:9"           # never reached: every case is refused before


@pytest.fixture
def kiosk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "kiosk"
    KioskAuthority(Paths(tmp_path / "centre")).issue("seven-izumi-fuchu", home)
    monkeypatch.setenv("KIOSK_HOME", str(home))
    return home


@pytest.mark.parametrize("argv, said", [
    (["run", "--centre", URL, "--kiosk", "izumi-cityhall"],
     "this kiosk's credential is for seven-izumi-fuchu, not izumi-cityhall"),
    (["run", "--centre", "http://127.0.0.1:8443"], "a centre is https://HOST[:PORT]"),
    (["run", "--centre", URL, "--autoplay", "x.yaml"], "not with --centre"),
])
def test_a_kiosk_refuses_to_start_on_a_wrong_centre_option(kiosk_home, capsys, argv, said) -> None:
    assert cli.main(argv) == 2
    assert said in capsys.readouterr().err
    assert not (kiosk_home / "kiosk.sqlite3").exists()


def test_a_kiosk_without_a_credential_says_how_to_get_one(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "bare"))
    assert cli.main(["run", "--centre", URL]) == 2
    err = capsys.readouterr().err
    assert "no kiosk credential" in err and "kiosk admin kiosk-credential issue" in err
    assert cli.main(["script", "--centre", URL, str(ROOT / "scripts/scenarios/001-walkthrough.yaml")
                     ]) == 2


def test_a_scenario_that_writes_into_the_register_cannot_play_against_a_remote_centre(
        kiosk_home, tmp_path, capsys) -> None:
    scenario = ROOT / "scripts" / "scenarios" / "pin-reset-reservation-lapses.yaml"
    assert cli.main(["script", "--centre", URL, "--out", str(tmp_path / "out"),
                     str(scenario)]) == 1
    out = capsys.readouterr().out
    assert "reserve_pin_reset writes into the centre's register: not with --centre" in out
    assert out.strip().endswith("0 passed, 1 failed")


def test_kiosk_serve_hands_the_centre_to_each_kiosk() -> None:
    args = cli.build_parser().parse_args(["serve", "--centre", "https://a:8443,https://b:8443"])
    assert shlex.split(kiosk_command(args))[-2:] == ["--centre", "https://a:8443,https://b:8443"]
    assert "--centre" not in kiosk_command(cli.build_parser().parse_args(["serve"]))

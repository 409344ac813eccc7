"""`kiosk run` (and bare `kiosk`): options reach the app; it starts headless and exits; one
process at a time is a given kiosk."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from backend.clock import AdvancingClock, parse_clock
from kiosk import cli
from kiosk.commands.run import this_kiosk


class FakeTerminal:
    def subscribe(self, listener) -> None:
        pass


def test_run_options_reach_the_app(monkeypatch, demo_home) -> None:
    built = {}

    class FakeApp:
        return_code = 0
        first_screen_at = None
        terminal = FakeTerminal()

        def run(self, headless=False):
            built["headless"] = headless

    def fake_build_app(paths, clock, **kwargs):
        built.update(kwargs, paths=paths, clock=clock)
        return FakeApp()

    monkeypatch.setattr("kiosk.app.build_app", fake_build_app)
    assert cli.main(["--kiosk", "lawson-tomakomai-ekimae", "--clock", "2026-12-30T23:30",
                     "--lang", "en", "--idle", "30", "--reader", "inprocess"]) == 0
    assert built["kiosk_id"] == "lawson-tomakomai-ekimae" and built["lang"] == "en"
    assert built["idle_seconds"] == 30 and built["reader"] == "inprocess"
    assert built["print_seconds"] == 3.0          # a real machine's pace unless told
    assert isinstance(built["clock"], AdvancingClock)
    assert abs((built["clock"].now() - parse_clock("2026-12-30T23:30")).total_seconds()) < 60
    assert built["paths"].home == demo_home.home and built["headless"] is False


def test_lang_takes_each_language_of_the_catalogue(monkeypatch, demo_home) -> None:
    from kiosk.catalogue import LANGUAGES

    langs = []

    class FakeApp:
        return_code = 0
        first_screen_at = None
        terminal = FakeTerminal()

        def run(self, headless=False):
            pass

    monkeypatch.setattr("kiosk.app.build_app", lambda paths, clock, **kw: langs.append(kw["lang"])
                        or FakeApp())
    for lang in LANGUAGES:
        assert cli.main(["--lang", lang]) == 0
    assert langs == list(LANGUAGES) == ["ja", "en", "zh"]


def test_kiosk_starts_to_the_first_screen_and_exits(demo_home) -> None:
    env = {**os.environ, "KIOSK_HOME": str(demo_home.home)}
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "--clock", "2026-06-10T10:00",
                           "--benchmark-startup"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "first_screen_at=" in done.stdout
    peak_kb = int(done.stdout.split("peak_rss_kb=")[1].split()[0])
    assert 10_000 < peak_kb < 2_000_000    # its own peak, in kB, read from /proc


def test_a_second_kiosk_on_the_same_id_waits_until_the_first_is_gone(demo_home) -> None:
    env = {**os.environ, "KIOSK_HOME": str(demo_home.home)}
    with this_kiosk(demo_home, None):            # the default kiosk is open here
        second = subprocess.Popen(
            [sys.executable, "-m", "kiosk.cli", "--clock", "2026-06-10T10:00",
             "--benchmark-startup"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        assert second.stderr is not None
        said = second.stderr.readline()           # it says why it waits, then waits
        assert "is open elsewhere" in said and str(demo_home.home) in said
        time.sleep(0.5)
        assert second.poll() is None
        with this_kiosk(demo_home, "izumi-cityhall"):   # another kiosk id is another machine
            pass
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert "first_screen_at=" in out

"""`kiosk card list` with bad files in the tray, and `kiosk card insert` / `remove` through a
stand-in for vpcd (no PC/SC): `remove` signals only the live insert process holding the slot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from backend.config import Paths
from backend.jpki.card_image import card_file
from kiosk.cli import main
from kiosk.commands.card import DEFAULT_PORT, _state_file

GOOD = ["adult", "child", "expired", "face", "locked", "signing-locked"]


@pytest.fixture
def home(card_home, monkeypatch) -> Paths:
    monkeypatch.setenv("KIOSK_HOME", str(card_home.home))
    monkeypatch.delenv("KIOSK_DATABASE_URL", raising=False)
    return card_home


def bad_files(home: Paths) -> list[str]:
    adult = json.loads(card_file(home.card_tray, "adult").read_text(encoding="utf-8"))
    adult["card_name"] = "tries-text"
    adult["user_auth"]["tries_left"] = "3"
    contents = {"a-list": "[]", "a-string": '"adult"', "deep": "[" * 100_000 + "]" * 100_000,
                "tries-text": json.dumps(adult)}
    for name, content in contents.items():
        card_file(home.card_tray, name).write_text(content, encoding="utf-8")
    return ["a-list", "a-string", "deep", "tries-text"]


@pytest.mark.parametrize("as_json", [False, True], ids=["table", "json"])
def test_list_skips_each_bad_card_with_a_one_line_reason(home, capsys, as_json):
    bad = bad_files(home)
    flags = ["--json"] if as_json else []
    assert main(["card", "list", *flags, "--clock", "2026-06-10T10:00"]) == 0
    out, err = capsys.readouterr()
    if as_json:
        assert [row["name"] for row in json.loads(out)] == GOOD
    else:
        listed = [line.split()[0] for line in out.splitlines()[1:]]
        assert listed == GOOD
    skipped = err.splitlines()
    assert len(skipped) == len(bad) and "Traceback" not in err
    for name, line in zip(bad, skipped):
        assert f"{name}.card.json" in line, line


def test_insert_names_a_card_it_cannot_read(home, capsys):
    bad_files(home)
    assert main(["card", "insert", "a-list", "--port", "1"]) == 1
    assert "a-list.card.json" in capsys.readouterr().err


# -- remove ---------------------------------------------------------------------------------

def test_remove_never_signals_a_process_a_stale_file_names(home, capsys):
    """The file left by an insert process that is gone names a pid now someone else's: the
    slot's lock is free, so nobody is signalled and the stale file goes."""
    bystander = subprocess.Popen(["sleep", "30"])
    try:
        state = _state_file(home, DEFAULT_PORT)
        state.parent.mkdir(parents=True, exist_ok=True)
        state.write_text(json.dumps({"pid": bystander.pid, "card": "adult", "port": DEFAULT_PORT}))
        code = main(["card", "remove"])
        time.sleep(0.2)
        assert bystander.poll() is None, "remove signalled a process it did not start"
        assert code == 1 and "no card inserted" in capsys.readouterr().err
        assert not state.exists()
    finally:
        bystander.kill()
        bystander.wait()


def kiosk_card(home: Paths, *args: str) -> tuple[list[str], dict[str, str]]:
    """`kiosk card ARGS` as its own process: the command and its environment."""
    return ([sys.executable, "-m", "kiosk.cli", "card", *args],
            {**os.environ, "KIOSK_HOME": str(home.home)})


def start_insert(home: Paths, port: int) -> subprocess.Popen:
    """The real `kiosk card insert`, against the stand-in vpcd; returns once the card is in."""
    command, env = kiosk_card(home, "insert", "adult", "--port", str(port))
    inserted = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
    line = inserted.stdout.readline()
    assert "inserted" in line, line + inserted.stdout.read()
    return inserted


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()


def test_remove_signals_the_live_insert_process(home, vpcd, capsys):
    inserted = start_insert(home, vpcd.port)
    try:
        assert main(["card", "remove", "--port", str(vpcd.port)]) == 0
        assert inserted.wait(timeout=10) == 0
        assert "removed" in inserted.stdout.read()
        assert not _state_file(home, vpcd.port).exists()
    finally:
        stop(inserted)


def test_a_second_insert_into_a_held_slot_is_refused(home, vpcd):
    inserted = start_insert(home, vpcd.port)
    try:
        command, env = kiosk_card(home, "insert", "child", "--port", str(vpcd.port))
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=20)
        assert second.returncode == 1 and "already" in second.stderr, second
        assert inserted.poll() is None
        state = json.loads(_state_file(home, vpcd.port).read_text())
        assert (state["pid"], state["card"]) == (inserted.pid, "adult")
    finally:
        stop(inserted)


def test_an_insert_process_killed_outright_leaves_a_slot_remove_clears(home, vpcd, capsys):
    inserted = start_insert(home, vpcd.port)
    inserted.kill()
    inserted.wait()
    assert _state_file(home, vpcd.port).exists()
    assert main(["card", "remove", "--port", str(vpcd.port)]) == 1
    assert not _state_file(home, vpcd.port).exists()

"""`kiosk card list` and `kiosk card insert` with bad files in the tray."""

from __future__ import annotations

import json

import pytest

from backend.config import Paths
from backend.jpki.card_image import card_file
from kiosk.cli import main

GOOD = ["adult", "child", "expired", "face", "locked"]


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

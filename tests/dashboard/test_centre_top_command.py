"""`kiosk centre top` refuses what it cannot use before it opens any screen."""

from __future__ import annotations

import pytest

from kiosk.cli import main


@pytest.mark.parametrize("argv, said", [
    (["--interval", "0"], "--interval must be more than 0"),
    (["--interval", "-1"], "--interval must be more than 0"),
    (["--clock", "tomorrow"], "--clock must be ISO 8601"),
])
def test_refuses_bad_options(argv, said, capsys, demo_home):
    assert main(["centre", "top", *argv]) == 2
    assert said in capsys.readouterr().err

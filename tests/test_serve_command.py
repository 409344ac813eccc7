"""`kiosk serve`: the command each connection runs and the URL it prints.

The browser itself is tests/browser's (Chromium on a served kiosk); these need none.
"""

from __future__ import annotations

import shlex
import sys

from kiosk import cli
from kiosk.commands.serve import kiosk_command, public_url


def serve_args(*argv: str):
    return cli.build_parser().parse_args(["serve", *argv])


def test_each_connection_runs_this_interpreters_kiosk_with_the_options_given() -> None:
    args = serve_args("--kiosk", "lawson-tomakomai-ekimae", "--lang", "en",
                      "--clock", "2026-12-30T10:00", "--idle", "30")
    assert shlex.split(kiosk_command(args)) == [
        sys.executable, "-m", "kiosk.cli", "run", "--lang", "en",
        "--kiosk", "lawson-tomakomai-ekimae", "--clock", "2026-12-30T10:00", "--idle", "30.0"]
    # textual-serve hands the command to a shell: what it gets is quoted
    args = serve_args("--kiosk", "a b; rm -rf x")
    assert shlex.split(kiosk_command(args))[-2:] == ["--kiosk", "a b; rm -rf x"]
    assert serve_args().host == "127.0.0.1" and serve_args().port == 8000


def test_the_url_names_the_host_and_port() -> None:
    assert public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert public_url("::1", 8080) == "http://[::1]:8080/"

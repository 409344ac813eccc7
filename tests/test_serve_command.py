"""`kiosk serve`: the command each connection runs, the URL it prints, a port it cannot have.

The browser itself is tests/browser's (Chromium on a served kiosk); these need none.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
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


def test_a_port_in_use_is_said_and_no_url_is_printed(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "kiosk.cli", "serve", "--port", str(port)],
                              env={**os.environ, "KIOSK_HOME": str(tmp_path / "home")},
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == (f"kiosk serve: cannot listen on 127.0.0.1:{port}: "
                                   "Address already in use")

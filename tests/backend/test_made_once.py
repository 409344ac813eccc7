"""A municipality's document-signing key and the simulated CAs are made once per home, even when
several processes ask for them at the same instant: every process then signs with the one key
whose public half is on file."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from backend.config import Paths
from backend.document_keys import load_or_create_key, load_public_key
from backend.jpki.ca import load_or_create_ca

WORKERS = 8
CODE = "272191"


def _raw(public_key) -> bytes:
    return public_key.public_bytes(serialization.Encoding.DER,
                                   serialization.PublicFormat.SubjectPublicKeyInfo)


def signing_key(paths: Paths) -> bytes:
    return _raw(load_or_create_key(paths, CODE).public_key())


def user_auth_ca(paths: Paths) -> tuple[bytes, bytes]:
    ca = load_or_create_ca(paths)
    return ca.certificate_der, _raw(ca.private_key.public_key())


def _ask(homes: list[str], start, results, ask) -> None:
    for home in homes:        # every worker asks on the same fresh home, all at once
        start.wait()
        results.put((home, ask(Paths(Path(home)))))


def _ask_together(tmp_path: Path, ask, trials: int) -> dict[str, list]:
    """What each of WORKERS processes got from `ask` on each of `trials` fresh homes."""
    homes = [str(tmp_path / f"home-{trial}") for trial in range(trials)]
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(WORKERS), ctx.Queue()
    workers = [ctx.Process(target=_ask, args=(homes, start, results, ask))
               for _ in range(WORKERS)]
    for worker in workers:
        worker.start()
    got: dict[str, list] = {home: [] for home in homes}
    for _ in range(WORKERS * trials):
        home, answer = results.get(timeout=120)
        got[home].append(answer)
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return got


def test_processes_starting_together_sign_with_the_one_key_on_file(tmp_path) -> None:
    for home, keys in _ask_together(tmp_path, signing_key, trials=10).items():
        on_file = load_public_key(Paths(Path(home)), CODE)
        assert on_file is not None
        assert set(keys) == {_raw(on_file)}, f"{home}: {len(set(keys))} keys made"


def test_processes_starting_together_get_one_ca(tmp_path) -> None:
    for home, answers in _ask_together(tmp_path, user_auth_ca, trials=3).items():
        assert len(set(answers)) == 1, f"{home}: {len(set(answers))} CAs made"
        assert set(answers) == {user_auth_ca(Paths(Path(home)))}        # the one on file
        certificate, key = answers[0]
        ca = load_or_create_ca(Paths(Path(home)))
        assert _raw(ca.certificate.public_key()) == key                # its key and its certificate

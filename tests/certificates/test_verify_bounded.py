"""`kiosk verify` as a whole process, held to an address-space limit (RLIMIT_AS) and a wall
clock, on what a hostile hand gives it: a huge page count, a deflate bomb, an image claiming
gigabytes, nesting far beyond any certificate, certificates cut short, files that are no PDF.
Each file ends as not genuine (exit 1: 改ざん, no code…) or not checked (exit 2: 読めません,
beyond a limit) — never 本物, never a traceback, never the process killed by its limit; and a
genuine certificate beside them still verifies under the same limit."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from backend.config import Paths
from backend.document_keys import load_or_create_key
from certificates_templates import render_certificate
from certificates_templates.pdf_guard import LIMITS, MiB
from certificates_templates.verification import Ed25519Signer, Verdict
from kiosk.catalogue import VERDICTS
from kiosk.catalogue.verify import REFUSALS

from . import hostile
from .samples import household

ADDRESS_SPACE = 600 << 20    # the whole command's: below what its child would cap itself at (512 MiB above
WALL = 600                   # seconds for every file below, on a busy machine: far above the sum
                             # of the child's clock (LIMITS.seconds) over them all


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _hostile(genuine: bytes) -> dict[str, bytes]:
    files = {
        "pages-5000.pdf": hostile.many_pages(5_000),
        "deflate-bomb.pdf": hostile.deflate_bomb(mib=LIMITS.memory_bytes // MiB + 88),
        "image-bomb.pdf": hostile.image_bomb(),
        "image-whole.pdf": hostile.image_bomb(16_384, mib=256),     # 256 MiB of pixels, whole
        "huge-page.pdf": hostile.huge_page(),
        "deep-arrays.pdf": hostile.nested(100_000, "array"),
        "deep-content.pdf": hostile.nested(100_000, "content"),
        "cut-stream.pdf": hostile.cut_short(),
        "empty.pdf": b"",
        "text.pdf": "これはPDFではありません\n".encode() * 100,
        "png.pdf": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
        "header-only.pdf": b"%PDF-1.7\n",
    }
    for fraction in (0.1, 0.5, 0.9, 0.99):
        files[f"cut-{fraction}.pdf"] = genuine[:int(len(genuine) * fraction)]
    return files


@pytest.fixture(scope="module")
def verified(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path, dict[str, bytes]]:
    home = tmp_path_factory.mktemp("home")
    signer = Ed25519Signer("272191", load_or_create_key(Paths(home), "272191"))
    genuine = render_certificate(household(6), signer).pdf
    (home / "genuine.pdf").write_bytes(genuine)
    files = _hostile(genuine)
    for name, data in files.items():
        (home / name).write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "verify", str(home / "genuine.pdf"),
         *(str(home / name) for name in files)],
        env={**os.environ, "KIOSK_HOME": str(home)}, capture_output=True, text=True,
        timeout=WALL, preexec_fn=_limited)
    return done, home, files


def test_the_command_ends_by_itself_with_not_checked(verified):
    done, _, _ = verified
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])   # not killed, not 0
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr[-2000:]


def test_the_genuine_certificate_still_verifies_under_the_limit(verified):
    done, home, _ = verified
    # stdout has the genuine ones only: this one.
    assert done.stdout.splitlines() == [
        f"{home / 'genuine.pdf'}: {GENUINE} (genuine) — 272191 / 272191-T0001"], done.stdout


GENUINE = VERDICTS[Verdict.GENUINE].ja
UNREADABLE = VERDICTS[Verdict.UNREADABLE].ja
# Every other verdict, and every refusal (its words before the limit's figure).
WANTING = {m.ja for v, m in VERDICTS.items() if v is not Verdict.GENUINE} | {
    m.ja.split("（")[0] for m in REFUSALS.values()}


def test_each_hostile_file_is_refused_or_found_wanting_never_genuine(verified):
    done, home, files = verified
    said = {}
    for line in done.stderr.splitlines():
        name, _, verdict = line.partition(": ")
        if not line.startswith(" ") and Path(name).name in files:
            said[Path(name).name] = verdict
    assert set(said) == set(files), done.stderr[-2000:]
    for name, verdict in said.items():
        japanese = verdict.split(" (", 1)[0]
        assert japanese != GENUINE, (name, verdict)
        assert any(japanese.startswith(w) for w in WANTING), (name, verdict)
    # What is no PDF at all, or is broken in its streams, is not checked: 読めません.
    for name in ("empty.pdf", "text.pdf", "png.pdf", "header-only.pdf", "cut-stream.pdf"):
        assert said[name].startswith(UNREADABLE), (name, said[name])
    for name in ("pages-5000.pdf", "deflate-bomb.pdf", "image-whole.pdf", "huge-page.pdf",
                 "deep-arrays.pdf", "deep-content.pdf"):
        assert "検証しません" in said[name], (name, said[name])

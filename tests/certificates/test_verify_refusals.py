"""`kiosk verify` on files made to exhaust it: each is refused with a clear message (Japanese
first) and exit status 2, never a traceback; a genuine certificate beside them still verifies."""

from __future__ import annotations

import os
import subprocess
import sys

from backend.config import Paths
from backend.document_keys import load_or_create_key
from certificates_templates import render_certificate
from certificates_templates.verification import Ed25519Signer

from . import hostile
from .samples import household

HOSTILE = {   # file name: (its bytes, what the refusal says)
    "oversized.pdf": (lambda: hostile.oversized(2 * hostile.MiB), "ファイルが大きすぎる"),
    "deflate-bomb.pdf": (hostile.deflate_bomb, "圧縮されたデータが大きく展開される"),
    "deep-arrays.pdf": (lambda: hostile.nested(100_000, "array"), "入れ子が深すぎる"),
    "deep-dictionaries.pdf": (lambda: hostile.nested(100_000, "dict"), "入れ子が深すぎる"),
    "deep-content.pdf": (lambda: hostile.nested(100_000, "content"), "入れ子が深すぎる"),
    "many-pages.pdf": (lambda: hostile.many_pages(5_000), "ページが多すぎる"),
    "huge-page.pdf": (hostile.huge_page, "ページが大きすぎる"),
    "many-objects.pdf": (lambda: hostile.many_objects(40_000), "描画要素が多すぎる"),
}


def test_kiosk_verify_refuses_what_would_exhaust_it(tmp_path) -> None:
    signer = Ed25519Signer("272191", load_or_create_key(Paths(tmp_path), "272191"))
    genuine = tmp_path / "genuine.pdf"
    genuine.write_bytes(render_certificate(household(2), signer).pdf)
    for name, (make, _) in HOSTILE.items():
        (tmp_path / name).write_bytes(make())
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "verify", str(genuine),
         *(str(tmp_path / name) for name in HOSTILE)],
        env={**os.environ, "KIOSK_HOME": str(tmp_path)}, capture_output=True, text=True,
        timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    assert done.stdout.startswith(f"{genuine}: 本物 (genuine)")
    lines = done.stderr.splitlines()
    for name, (_, says) in HOSTILE.items():
        [said] = [line for line in lines if line.startswith(f"{tmp_path / name}: ")]
        japanese, english = said.removeprefix(f"{tmp_path / name}: ").split(" (", 1)
        assert says in japanese and english.endswith(")"), said
    assert len(lines) == len(HOSTILE), done.stderr

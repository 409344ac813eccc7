"""`kiosk script --out DIR` publishes the municipalities' public keys in DIR/keys, so that the
certificates its scenarios printed verify after their homes are gone: `kiosk verify --keys`."""

import os
import subprocess
import sys
from pathlib import Path

from backend import demo_data
from kiosk.cli import main as kiosk_main

ROOT = Path(__file__).resolve().parents[2]


def test_script_writes_the_public_keys_its_certificates_verify_against(tmp_path, capsys):
    out = tmp_path / "results"
    scenarios = [ROOT / "scripts/scenarios/kind-self.yaml", ROOT / "scripts/scenarios/cert-tax.yaml"]
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "script", *map(str, scenarios),
                           "--out", str(out), "--jobs", "2"],
                          env={**os.environ, "KIOSK_HOME": str(tmp_path / "unused")},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    keys = out / "keys"
    assert sorted(p.name for p in keys.iterdir()) == sorted(
        f"{m.code}.pub.pem" for m in demo_data.MUNICIPALITIES)
    assert all(b"PRIVATE" not in p.read_bytes() for p in keys.iterdir())
    printed = sorted(out.glob("*/printed/certificate-*.pdf"))
    assert len(printed) == 2                  # one per scenario, each from its own home
    assert kiosk_main(["verify", "--keys", str(keys), *map(str, printed)]) == 0
    said = capsys.readouterr().out
    assert said.count("本物") == 2 and "012131" in said and "272191" in said

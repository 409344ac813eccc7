"""Set-up installs what the program and the tests use: the Debian list and the Python locks.

A package installed by hand makes the suite pass on a used machine and fail on a fresh one.
These tests ask the package manager where each file the project relies on comes from, and
require it to come from set-up's list by hard dependencies alone (Depends and Pre-Depends:
set-up installs without Recommends), or from a package every Debian has (Essential or
Priority: required). And the venv must hold exactly what the lock pins.
"""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import tomllib
from functools import cache
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
SETUP = ROOT / "scripts" / "lib" / "setup.sh"
LOCKS = (ROOT / "scripts" / "lib" / "requirements.lock",
         ROOT / "scripts" / "lib" / "build-requirements.lock")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def setup_list(name: str) -> list[str]:
    shown = subprocess.run(
        ["bash", "-c", f'KIOSK_SETUP_DEFINE_ONLY=1 source "$0"; printf "%s\\n" "${{{name}[@]}}"',
         str(SETUP)], capture_output=True, text=True, check=True).stdout
    return shown.split()


# --- Debian packages -------------------------------------------------------------------------

def debian() -> None:
    # The project's machines are Debian 12 (set-up installs Debian's packages): without dpkg
    # these checks cannot run, and that is a failure, not a skip.
    if not (shutil.which("dpkg-query") and shutil.which("apt-cache")):
        pytest.fail("dpkg-query and apt-cache are missing: not the Debian machine set-up targets")


@cache
def hard_closure(packages: tuple[str, ...]) -> frozenset[str]:
    """The packages `apt-get install --no-install-recommends` brings with `packages`."""
    out = subprocess.run(
        ["apt-cache", "depends", "--recurse", "--installed", "--no-recommends",
         "--no-suggests", "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances",
         *packages], capture_output=True, text=True, check=True).stdout
    names = {line.strip().split(":")[0] for line in out.splitlines() if not line.startswith(" ")}
    names |= {line.split(":", 1)[1].strip().strip("<>").split(":")[0]
              for line in out.splitlines() if line.strip().startswith(("Depends:", "PreDepends:"))}
    return frozenset(names)


def owner(path: Path) -> str:
    """The installed package that owns `path` (also across Debian's merged /usr)."""
    candidates = [str(path)]
    if str(path).startswith("/usr/"):
        candidates.append(str(path)[4:])
    for candidate in candidates:
        found = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
        if found.returncode == 0:
            return found.stdout.split(":")[0].split(",")[0].strip()
    raise AssertionError(f"{path} is on this machine but no Debian package owns it")


def base_system(package: str) -> bool:
    shown = subprocess.run(["dpkg-query", "-W", "-f=${Essential} ${Priority}", package],
                           capture_output=True, text=True, check=True).stdout.split()
    return shown[0] == "yes" or shown[-1] == "required"


def relied_on() -> dict[str, Path]:
    """Each file the program or a test uses from the system, found as the code finds it."""
    from backend.testing.postgres import find_bin_dir
    from certificates_templates.fonts import _FILES, _find
    from kiosk.card.pcscd import VPCD_DRIVER_CONF
    from tests.browser.kiosk_page import CHROMEDRIVER, CHROMIUM

    files: dict[str, Path] = {}
    for program in ("pdftotext", "pdftoppm", "pdfinfo", "pcscd", "espeak-ng", "tmux",
                    "runuser", "gcc", "pkg-config", "fc-match"):
        where = shutil.which(program, path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin")
        assert where, f"{program} is not installed"
        files[program] = Path(where).resolve()
    for program in ("initdb", "pg_ctl"):
        files[program] = find_bin_dir() / program
    for face, names in _FILES.items():
        found = _find(names, None)
        assert found, f"no {face} font file"
        files[f"font {face}"] = found.resolve()
    files["vpcd driver configuration"] = VPCD_DRIVER_CONF
    files["PC/SC headers"] = Path("/usr/include/PCSC/winscard.h")
    files["C library headers"] = Path("/usr/include/stdio.h")
    files["poppler's Japanese CMaps"] = Path("/usr/share/poppler/cMap/Adobe-Japan1/UniJIS-UTF16-H")
    files["Asia/Tokyo"] = Path("/usr/share/zoneinfo/Asia/Tokyo")
    files["trust store"] = Path("/usr/sbin/update-ca-certificates")
    files["chromium"] = CHROMIUM.resolve()
    files["chromedriver"] = CHROMEDRIVER.resolve()
    # Chromium finds a font for the kanji it draws through fontconfig, as fc-match does.
    japanese = subprocess.run(["fc-match", "--format=%{file}", ":lang=ja"],
                              capture_output=True, text=True).stdout
    assert japanese, "fontconfig finds no font for Japanese"
    files["Chromium's Japanese font"] = Path(japanese).resolve()
    voices = shutil.which("espeak-ng")
    if voices:
        data = subprocess.run([voices, "--version"], capture_output=True, text=True).stdout
        voice_data = Path(data.split("Data at:")[-1].strip())
        files["espeak-ng's Japanese dictionary"] = voice_data / "ja_dict"
        files["espeak-ng's Mandarin dictionary (the Chinese voice)"] = voice_data / "cmn_dict"
    return files


def test_every_file_the_project_relies_on_comes_from_setups_list() -> None:
    debian()
    listed = tuple(setup_list("DEBIAN_PACKAGES"))
    closure = hard_closure(listed)
    for what, path in relied_on().items():
        assert path.exists(), f"{what}: {path} is missing (set-up should have installed it)"
        package = owner(path)
        assert package in closure or base_system(package), (
            f"{what} ({path}) comes from {package}, which set-up's list does not bring "
            f"without Recommends: add it to DEBIAN_PACKAGES in scripts/lib/setup.sh")


def test_the_closure_leaves_out_recommends() -> None:
    """The check above would pass poppler-data if Recommends counted: they must not."""
    debian()
    assert "poppler-data" not in hard_closure(("poppler-utils",))
    assert "libpoppler126" in hard_closure(("poppler-utils",)) or any(
        name.startswith("libpoppler") for name in hard_closure(("poppler-utils",)))


def test_each_listed_package_is_installed_and_has_its_reason() -> None:
    debian()
    text = SETUP.read_text()
    block = text.split("DEBIAN_PACKAGES=(", 1)[1].split("\n)", 1)[0]
    for line in block.strip().splitlines():
        name, _, reason = line.partition("#")
        assert name.strip() and len(reason.strip()) > 10, f"no reason given: {line!r}"
    for package in setup_list("DEBIAN_PACKAGES"):
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                                capture_output=True, text=True).stdout
        assert status == "install ok installed", f"{package}: {status or 'not installed'}"


# --- Python packages -------------------------------------------------------------------------

def pins(lock: Path) -> dict[str, tuple[str, str | None]]:
    """name → (version, marker) for every pinned requirement of a pip-style lock."""
    found = {}
    for line in lock.read_text().splitlines():
        m = PIN.match(line)
        if m:
            found[m.group(1).lower()] = (m.group(2), m.group(3))
    return found


def test_the_venv_holds_exactly_the_locked_versions() -> None:
    for lock in LOCKS:
        pinned = pins(lock)
        assert pinned, f"{lock.name} pins nothing"
        for name, (version, marker) in pinned.items():
            if marker and not Marker(marker).evaluate():
                continue
            installed = importlib.metadata.version(name)
            assert installed == version, f"{name}: {installed} installed, {version} locked"


def test_every_locked_file_has_a_hash() -> None:
    for lock in LOCKS:
        text = lock.read_text()
        entries = [block for block in re.split(r"\n(?=[A-Za-z])", text) if "==" in block]
        assert entries and all("--hash=sha256:" in entry for entry in entries), lock.name


def test_the_lock_satisfies_pyprojects_ranges_and_pins_textual_exactly() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pinned = pins(LOCKS[0])
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    for spec in map(Requirement, wanted):
        name = spec.name.lower()
        assert name in pinned, f"{name} is not in the lock: run scripts/lock"
        assert spec.specifier.contains(pinned[name][0], prereleases=True), (
            f"{name} {pinned[name][0]} is outside {spec.specifier}: run scripts/lock")
    import textual
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned["textual"][0])
    assert textual.__version__ == pinned["textual"][0]

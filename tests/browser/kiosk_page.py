"""The kiosk as a browser shows it: Debian's headless Chromium, driven through selenium, on
the page `kiosk serve` sends.

That page is an xterm.js terminal. Its text is read from the terminal's own buffer
(`buffer.active`, cell by cell, so a kanji's two cells are known), and a tap is a mouse
press at the pixel centre of the cells that show a label: the cell size is the `.xterm-screen`
element's size over the terminal's columns and rows. Nothing is pressed through the DOM.

textual-serve keeps its xterm.js `Terminal` inside its bundle. A script run before the page's
own (`Page.addScriptToEvaluateOnNewDocument`) puts a setter for `fitAddon` on
Object.prototype: the page's client object is the one thing that assigns it, so the setter
sees that object, keeps it as `window.__kioskClient`, and gives it the property as its own.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.keys import Keys

CHROMIUM = Path("/usr/bin/chromium")          # Debian's chromium
CHROMEDRIVER = Path("/usr/bin/chromedriver")  # Debian's chromium-driver, of the same build
WAIT_SECONDS = 20.0
# What stands beside a button's label on its face, and what draws a button's top edge (sets:
# a wide character's second cell is '', which `in` a string would always find).
_BESIDE_A_FACE = frozenset(" ▊▎▌▐")
_TOP_EDGE = frozenset("▔▀")

_FIND_CLIENT = """
Object.defineProperty(Object.prototype, 'fitAddon', {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, 'fitAddon',
                          {value, writable: true, configurable: true, enumerable: true});
    if (this.terminal && this.websocket_url) window.__kioskClient = this;
  },
});
"""
# Each row as [text of the cell, or '' for a wide character's second cell], and where the
# cells lie on the page.
_READ_SCREEN = """
const client = window.__kioskClient;
if (!client || !document.body.classList.contains('-first-byte')) return null;
const term = client.terminal, buffer = term.buffer.active, rows = [];
for (let y = 0; y < term.rows; y++) {
  const line = buffer.getLine(buffer.viewportY + y), cells = [];
  for (let x = 0; x < term.cols; x++) {
    const cell = line && line.getCell(x);
    cells.push(cell ? (cell.getWidth() === 0 ? '' : (cell.getChars() || ' ')) : ' ');
  }
  rows.push(cells);
}
const box = term.element.querySelector('.xterm-screen').getBoundingClientRect();
return {rows, cols: term.cols, left: box.left, top: box.top,
        width: box.width, height: box.height,
        closed: document.body.classList.contains('-closed')};
"""


class KioskPageError(AssertionError):
    """The page did not show what the step waited for."""


@dataclass(frozen=True)
class Found:
    row: int
    first: int        # the first and one past the last cell of the label
    end: int


@dataclass(frozen=True)
class Screen:
    """One reading of the terminal: its rows of cells and where they lie on the page."""

    rows: list[list[str]]
    left: float
    top: float
    cell_width: float
    cell_height: float
    closed: bool

    def line(self, row: int) -> str:
        return "".join(self.rows[row])

    @property
    def text(self) -> str:
        return "\n".join(self.line(y).rstrip() for y in range(len(self.rows)))

    def find_all(self, label: str) -> list[Found]:
        """Every place `label` is shown, in cells (a kanji is one character, two cells)."""
        found = []
        for y, cells in enumerate(self.rows):
            line, starts = "", []
            for x, cell in enumerate(cells):
                if cell:
                    starts.append(x)
                    line += cell[0]
            at = line.find(label)
            while at >= 0:
                last = starts[at + len(label) - 1]
                width = 2 if last + 1 < len(cells) and cells[last + 1] == "" else 1
                found.append(Found(y, starts[at], last + width))
                at = line.find(label, at + 1)
        return found

    def button(self, label: str) -> Found:
        """Where the button showing `label` is: among the places the label is shown, one
        standing alone between spaces (a button's face, not a word inside a sentence),
        preferably under a button's top edge (▔); the last such, as buttons come below."""
        def alone(f: Found) -> bool:
            cells = self.rows[f.row]
            return ((f.first == 0 or cells[f.first - 1] in _BESIDE_A_FACE)
                    and (f.end >= len(cells) or cells[f.end] in _BESIDE_A_FACE))

        def edged(f: Found) -> bool:
            return f.row > 0 and any(c in _TOP_EDGE for c in self.rows[f.row - 1][f.first:f.end])

        candidates = [f for f in self.find_all(label) if alone(f)]
        if not candidates:
            raise KioskPageError(f"no button {label!r} on the screen:\n{self.text}")
        edged_ones = [f for f in candidates if edged(f)]
        return (edged_ones or candidates)[-1]

    def centre(self, found: Found) -> tuple[int, int]:
        """The pixel at the middle of those cells, in the page's coordinates."""
        x = self.left + (found.first + found.end) / 2 * self.cell_width
        y = self.top + (found.row + 0.5) * self.cell_height
        return round(x), round(y)


class KioskPage:
    """One browser window on the kiosk's URL, at a given size."""

    def __init__(self, url: str, size: tuple[int, int], screenshots: Path) -> None:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for argument in ("--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
                         f"--window-size={size[0]},{size[1]}", "--no-first-run",
                         "--disable-extensions"):
            options.add_argument(argument)
        if os.geteuid() == 0:
            options.add_argument("--no-sandbox")     # Chromium's sandbox will not run as root
        self.driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        width, height = size
        # The page itself is width × height pixels, as a kiosk's screen would be (a headless
        # window keeps some of its size for a browser frame it does not draw).
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                    {"source": _FIND_CLIENT})
        self.screenshots = screenshots
        self.shots = 0
        self.driver.get(url)

    def close(self) -> None:
        self.driver.quit()

    # -- reading
    def screen(self) -> Screen | None:
        shown = self.driver.execute_script(_READ_SCREEN)
        if not shown:
            return None
        return Screen(shown["rows"], shown["left"], shown["top"],
                      shown["width"] / shown["cols"], shown["height"] / len(shown["rows"]),
                      shown["closed"])

    def wait_for(self, *words: str, timeout: float = WAIT_SECONDS) -> Screen:
        """The screen once it shows every one of `words` (and still shows them a moment
        later: a screen being replaced may show its successor's words half drawn)."""
        return self.wait_until(lambda s: all(w in s.text.replace(" ", "") for w in words),
                               f"the words {words}", timeout)

    def wait_until(self, ready: Callable[[Screen], bool], what: str,
                   timeout: float = WAIT_SECONDS) -> Screen:
        deadline = time.monotonic() + timeout
        last: Screen | None = None
        while time.monotonic() < deadline:
            last = self.screen()
            if last is not None and last.closed:
                raise KioskPageError(f"the kiosk's connection closed while waiting for {what}")
            if last is not None and ready(last):
                time.sleep(0.05)
                again = self.screen()
                if again is not None and ready(again):
                    return again
            time.sleep(0.05)
        shown = last.text if last else (
            "(no terminal on the page: not connected yet, or textual-serve's page no longer "
            "assigns `fitAddon` on its client, which is how this finds its terminal)")
        raise KioskPageError(f"after {timeout:.0f} s, no {what} on the screen:\n{shown}")

    # -- acting
    def tap(self, label: str, screen: Screen | None = None) -> None:
        """A mouse press and release at the centre of the button showing `label`."""
        screen = screen or self.wait_until(lambda s: bool(s.find_all(label)),
                                           f"button {label!r}")
        self.tap_at(*screen.centre(screen.button(label)))

    def tap_at(self, x: int, y: int) -> None:
        actions = ActionBuilder(self.driver, duration=0)
        actions.pointer_action.move_to_location(x, y)
        actions.pointer_action.click()
        actions.perform()

    def press(self, key: str) -> None:
        """A key on the keyboard, sent where the terminal takes its input (staff keys)."""
        self.driver.switch_to.active_element.send_keys(getattr(Keys, key.upper()))

    def fonts_for(self, text: str) -> dict[str, int]:
        """The system fonts Chromium draws `text` with in the terminal's font family (family
        → glyphs), as its renderer reports them for a probe element (the terminal itself is
        a canvas, which the renderer cannot be asked about)."""
        self.driver.execute_script("""
            const probe = document.createElement('span');
            probe.id = 'kiosk-font-probe';
            probe.style.fontFamily = window.__kioskClient.terminal.options.fontFamily;
            probe.textContent = arguments[0];
            document.body.appendChild(probe);""", text)
        cdp = self.driver.execute_cdp_cmd
        cdp("DOM.enable", {})
        cdp("CSS.enable", {})
        deadline = time.monotonic() + WAIT_SECONDS
        fonts: list[dict[str, Any]] = []
        while not fonts and time.monotonic() < deadline:    # empty until the probe is laid out
            root = cdp("DOM.getDocument", {})["root"]["nodeId"]
            node = cdp("DOM.querySelector", {"nodeId": root, "selector": "#kiosk-font-probe"})
            fonts = cdp("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
            time.sleep(0.05)
        self.driver.execute_script("document.getElementById('kiosk-font-probe').remove()")
        return {font["familyName"]: font["glyphCount"] for font in fonts}

    def screenshot(self, step: str) -> Path:
        self.shots += 1
        path = self.screenshots / f"{self.shots:02d}-{step}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
        return path

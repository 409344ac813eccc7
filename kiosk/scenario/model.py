"""The scenario file: a short YAML script of one or more kiosk sessions, parsed with line numbers.

    name: 住民票の写し 2部 (leaflet 001)
    clock: 2026-06-10T10:00:00+09:00      # optional; then advances as the session runs
    kiosk: seven-izumi-fuchu              # optional seeded kiosk id
    printer_fault: {kind: jam, after: 1}  # optional: jam | paper_out, after N good copies (0: 休止)
    coin_fault: jam                       # optional: the coin slot returns every coin
    size: 80x24                           # optional: the terminal's size, whatever --size says
    steps:
      - tap: 行政サービス                  # a button by its visible label, or "#id"
      - place_card: izumi-taro
      - pin: "1234"                       # typed on the keypad, then 確定する
      - remove_card
      - copies: 2                         # typed on the keypad (確定する is a separate tap)
      - insert: [100, 100, 50]
      - take: certificates                # | receipt | change | card
      - wait: 61                          # idle seconds: the kiosk clock moves on
      - press: enter                      # a key
      - type: マチヤ メイ                  # characters on a real keyboard (kana, A–Z, 0–9)
      - reserve_pin_reset: tomakomai-signlock   # the smartphone app's reservation, now
      - restart                           # the terminal restarts on the same data
      - expect: {screen: receipt, change: 0, printed: 2, pdf_text: 住民票}
      - expect: {signing_pin_tries_left: 5}   # asked of the card itself

Every problem a file can have (YAML syntax, an unknown step, a wrong type, an unknown card)
is a `ScenarioError` whose one-line message names the file and the line. Each step parses
into its own type (`kiosk.scenario.steps`); the nodes are read, lines kept, by
`kiosk.scenario.yaml_nodes`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypedDict

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.scenario.steps import (Coin, Copies, Expect, ExpectStep, Insert, Pin, PlaceCard, Press,
                                  RemoveCard, ReservePinReset, Restart, Step, Take, TakeItem, Tap,
                                  Type, Wait)
from kiosk.scenario.yaml_nodes import NodeReader, ScenarioError, compose, is_null, shown

TAKE_ITEMS = tuple(TakeItem)
PRINTER_FAULTS = ("jam", "paper_out")
COIN_FAULTS = ("jam",)  # the slot is jammed: every coin comes back
MAX_WAIT_SECONDS = 24 * 3600


@dataclass(frozen=True)
class PrinterFault:
    """The printer fails with `kind` after `after` copies have come out. 0 (the short form
    `printer_fault: jam`): faulted before anyone comes, so the service is paused (休止)."""

    kind: str
    after: int = 0


@dataclass(frozen=True)
class Scenario:
    name: str
    source: str                      # the file it came from
    steps: tuple[Step, ...]
    clock: datetime | None = None
    kiosk: str | None = None
    printer_fault: PrinterFault | None = None
    coin_fault: str | None = None
    size: tuple[int, int] | None = None     # fixed by the file (e.g. a layout that pages)
    description: str = ""
    header_lines: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def slug(self) -> str:
        """Directory name for its results: the file's stem."""
        return Path(self.source).stem

    def cards(self) -> set[str]:
        return {s.card for s in self.steps if isinstance(s, (PlaceCard, ReservePinReset))}


# --- steps ------------------------------------------------------------------------------


def _no_value(r: NodeReader, node: Node | None, what: str) -> None:
    if node is not None and not is_null(node):
        raise r.fail(node, f"{what} takes no value")
    return None


def _pin(r: NodeReader, node: Node, what: str) -> str:
    value = r.scalar(node, what)
    if not isinstance(value, str):
        raise r.fail(node, f'{what} must be quoted text of digits, e.g. pin: "1234", got {shown(value)}')
    if not value.isascii() or not value.isdigit() or len(value) > 16:
        raise r.fail(node, f"{what} must be 1–16 digits, got {shown(value)}")
    return value


def _coins(r: NodeReader, node: Node, what: str) -> tuple[Coin, ...]:
    """Yen amounts (valid or not: 1 and 5 yen are refused by the vendor) or a token name."""
    items = node.value if isinstance(node, SequenceNode) else [node]
    if not items:
        raise r.fail(node, f"{what} needs at least one coin")
    coins: list[Coin] = []
    for item in items:
        value = r.scalar(item, what)
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise r.fail(item, f"{what} takes yen amounts or coin names, got {shown(value)}")
        if isinstance(value, int) and not 0 < value <= 100_000:
            raise r.fail(item, f"{what}: a coin of {value} yen is not possible")
        if isinstance(value, str) and not value.strip():
            raise r.fail(item, f"{what}: empty coin name")
        coins.append(value)
    return tuple(coins)


def _take(r: NodeReader, node: Node, what: str) -> TakeItem:
    value = r.text(node, what)
    if value not in TAKE_ITEMS:
        raise r.fail(node, f"{what} must be one of {', '.join(TAKE_ITEMS)}, got {value!r}")
    return TakeItem(value)


def _tap(r: NodeReader, node: Node, what: str) -> str:
    value = r.scalar(node, what)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        raise r.fail(node, f"{what} must be a button label or #id, got {shown(value)}")
    return str(value)  # `tap: 1` on the keypad is a label too


def _typed(r: NodeReader, node: Node, what: str) -> str:
    chars = r.text(node, what)
    if not chars or len(chars) > 40:
        raise r.fail(node, f"{what} must be 1 to 40 characters, got {shown(chars)}")
    return chars


_EXPECT_FIELDS: dict[str, Callable[[NodeReader, Node, str], Any]] = {
    "screen": lambda r, n, w: r.text(n, w),
    "text": lambda r, n, w: r.texts(n, w),
    "text_lacks": lambda r, n, w: r.texts(n, w),
    "fee": lambda r, n, w: r.integer(n, w),
    "change": lambda r, n, w: r.integer(n, w),
    "printed": lambda r, n, w: r.integer(n, w),
    "pdf_text": lambda r, n, w: r.texts(n, w),
    "pdf_lacks": lambda r, n, w: r.texts(n, w),
    "refund": lambda r, n, w: r.integer(n, w),
    "pin_tries_left": lambda r, n, w: r.integer(n, w, 0, 16),
    "signing_pin_tries_left": lambda r, n, w: r.integer(n, w, 0, 16),
}


def _expect(r: NodeReader, node: Node, what: str) -> Expect:
    items = r.mapping(node, what)
    if not items:
        raise r.fail(node, f"{what} needs at least one of: {', '.join(_EXPECT_FIELDS)}")
    values = {}
    for key, key_node, value_node in items:
        parse = _EXPECT_FIELDS.get(key)
        if parse is None:
            raise r.fail(key_node, f"unknown expectation {shown(key)} (known: {', '.join(_EXPECT_FIELDS)})")
        values[key] = parse(r, value_node, f"expect.{key}")
    return Expect(**values)


class _At(TypedDict):
    """Where a step is: the fields every step has."""

    number: int
    line: int


# The step's value node (None for a bare step), its key (for messages) and where it is.
StepParser = Callable[[NodeReader, Node | None, str, _At], Step]


def _bare(make: type[RemoveCard] | type[Restart]) -> StepParser:
    def parse(r: NodeReader, node: Node | None, what: str, at: _At) -> Step:
        _no_value(r, node, what)
        return make(**at)
    return parse


STEP_PARSERS: dict[str, StepParser] = {
    Tap.action: lambda r, n, w, at: Tap(_tap(r, n, w), **at),
    Press.action: lambda r, n, w, at: Press(r.text(n, w), **at),
    Type.action: lambda r, n, w, at: Type(_typed(r, n, w), **at),
    ReservePinReset.action: lambda r, n, w, at: ReservePinReset(r.text(n, w), **at),
    PlaceCard.action: lambda r, n, w, at: PlaceCard(r.text(n, w), **at),
    RemoveCard.action: _bare(RemoveCard),
    Pin.action: lambda r, n, w, at: Pin(_pin(r, n, w), **at),
    Copies.action: lambda r, n, w, at: Copies(r.integer(n, w, 0, 999), **at),
    Insert.action: lambda r, n, w, at: Insert(_coins(r, n, w), **at),
    Take.action: lambda r, n, w, at: Take(_take(r, n, w), **at),
    Wait.action: lambda r, n, w, at: Wait(r.number(n, w, MAX_WAIT_SECONDS), **at),
    ExpectStep.action: lambda r, n, w, at: ExpectStep(_expect(r, n, w), **at),
    Restart.action: _bare(Restart),
}
BARE_STEPS = (RemoveCard.action, Restart.action)  # may be written as a plain list item


def _step(r: NodeReader, number: int, node: Node) -> Step:
    line = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        name = r.scalar(node, f"step {number}")
        if name in BARE_STEPS:
            return STEP_PARSERS[name](r, None, name, _At(number=number, line=line))
        if isinstance(name, str) and name in STEP_PARSERS:
            raise r.fail(node, f"step {number}: '{name}' needs a value ({name}: ...)")
        raise r.fail(node, f"step {number}: unknown step {shown(name)} (known: {', '.join(STEP_PARSERS)})")
    items = r.mapping(node, f"step {number}")
    if len(items) != 1:
        names = ", ".join(k for k, _, _ in items) or "nothing"
        raise r.fail(node, f"step {number} must be exactly one action, got {names}")
    key, key_node, value_node = items[0]
    parse = STEP_PARSERS.get(key)
    if parse is None:
        raise r.fail(key_node, f"step {number}: unknown step {shown(key)} "
                               f"(known: {', '.join(STEP_PARSERS)})")
    return parse(r, value_node, key, _At(number=number, line=key_node.start_mark.line + 1))


# --- header -----------------------------------------------------------------------------


def _clock(r: NodeReader, node: Node) -> datetime:
    if not isinstance(node, ScalarNode):
        raise r.fail(node, "clock must be an ISO 8601 date-time, e.g. 2026-04-01T10:00:00+09:00")
    from backend.clock import parse_clock

    try:
        at = parse_clock(str(node.value).strip())
    except (ValueError, TypeError, OverflowError) as exc:
        raise r.fail(node, f"clock: {node.value!r} is not an ISO 8601 date-time "
                           "(2026-04-01T10:00:00+09:00)") from exc
    return at


def _printer_fault(r: NodeReader, node: Node) -> PrinterFault:
    if isinstance(node, MappingNode):
        values = dict((k, v) for k, _, v in r.mapping(node, "printer_fault"))
        unknown = set(values) - {"kind", "after"}
        if unknown or "kind" not in values:
            raise r.fail(node, "printer_fault takes {kind: jam|paper_out, after: COPIES}")
        kind_node, after = values["kind"], values.get("after")
        after_n = r.integer(after, "printer_fault.after", 0, 99) if after is not None else 0
    else:
        kind_node, after_n = node, 0
    kind = r.text(kind_node, "printer_fault")
    if kind not in PRINTER_FAULTS:
        raise r.fail(kind_node, f"printer_fault must be one of {', '.join(PRINTER_FAULTS)}, got {kind!r}")
    return PrinterFault(kind, after_n)


def _coin_fault(r: NodeReader, node: Node) -> str:
    kind = r.text(node, "coin_fault")
    if kind not in COIN_FAULTS:
        raise r.fail(node, f"coin_fault must be one of {', '.join(COIN_FAULTS)}, got {kind!r}")
    return kind


def _size(r: NodeReader, node: Node) -> tuple[int, int]:
    shown_size = r.text(node, "size")
    width, _, height = shown_size.partition("x")
    if not (width.isdigit() and height.isdigit()) or not (40 <= int(width) <= 400
                                                          and 12 <= int(height) <= 200):
        raise r.fail(node, f"size must be WIDTHxHEIGHT (e.g. 80x24), got {shown_size!r}")
    return int(width), int(height)


HEADER_KEYS = ("name", "description", "clock", "kiosk", "printer_fault", "coin_fault", "size",
               "steps")


def parse_scenario(text: str, source: str = "<scenario>") -> Scenario:
    """Parse and validate the file's structure (not yet the demo names: see `check_names`)."""
    r = NodeReader(source)
    root = compose(text, source)
    if root is None:
        raise ScenarioError(source, 1, "the file is empty: it needs a name and steps")
    header: dict[str, tuple[Node, Node]] = {}
    for key, key_node, value_node in r.mapping(root, "the scenario"):
        if key not in HEADER_KEYS:
            raise r.fail(key_node, f"unknown header {shown(key)} (known: {', '.join(HEADER_KEYS)})")
        header[key] = (key_node, value_node)
    for needed in ("name", "steps"):
        if needed not in header:
            raise ScenarioError(source, 1, f"missing '{needed}:'")

    def value(key: str, parse: Callable[[Node], Any]) -> Any:
        return parse(header[key][1]) if key in header and not is_null(header[key][1]) else None

    steps_node = header["steps"][1]
    if not isinstance(steps_node, SequenceNode) or not steps_node.value:
        raise r.fail(steps_node, "steps must be a non-empty list of actions")
    steps = tuple(_step(r, i, node) for i, node in enumerate(steps_node.value, start=1))
    name_node = header["name"][1]
    if not isinstance(name_node, ScalarNode) or not str(name_node.value).strip():
        raise r.fail(name_node, "name must be non-empty text")
    return Scenario(
        name=str(name_node.value).strip(),
        source=source,
        steps=steps,
        clock=value("clock", lambda n: _clock(r, n)),
        kiosk=value("kiosk", lambda n: r.text(n, "kiosk")),
        printer_fault=value("printer_fault", lambda n: _printer_fault(r, n)),
        coin_fault=value("coin_fault", lambda n: _coin_fault(r, n)),
        size=value("size", lambda n: _size(r, n)),
        description=value("description", lambda n: r.text(n, "description")) or "",
        header_lines={k: key_node.start_mark.line + 1 for k, (key_node, _) in header.items()},
    )


def check_names(scenario: Scenario, cards: Iterable[str], kiosks: Iterable[str]) -> None:
    """Cards and kiosks must be seeded demo names (`kiosk card list`)."""
    known_cards, known_kiosks = set(cards), set(kiosks)
    for step in scenario.steps:
        if isinstance(step, (PlaceCard, ReservePinReset)) and step.card not in known_cards:
            raise ScenarioError(scenario.source, step.line,
                                f"unknown card {step.card!r} (see `kiosk card list`)")
    if scenario.kiosk is not None and scenario.kiosk not in known_kiosks:
        raise ScenarioError(scenario.source, scenario.header_lines.get("kiosk"),
                            f"unknown kiosk {scenario.kiosk!r} (known: {', '.join(sorted(known_kiosks))})")


def load_scenario(path: str | Path) -> Scenario:
    """Read and parse one file; unreadable files are `ScenarioError`s too."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ScenarioError(source, None, f"cannot read the file ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScenarioError(source, line, "the file is not UTF-8 text") from None
    return parse_scenario(text, source)

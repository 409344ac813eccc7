"""The scenario file format: what parses, and every malformed file as one line naming the line."""

from __future__ import annotations

import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.scenario.model import (
    PrinterFault,
    ScenarioError,
    check_names,
    load_scenario,
    parse_scenario,
)
from kiosk.scenario.steps import (
    Copies,
    Expect,
    ExpectStep,
    Insert,
    Pin,
    PlaceCard,
    Press,
    RemoveCard,
    Restart,
    Take,
    TakeItem,
    Tap,
    Wait,
)

GOOD = """\
name: 住民票の写し 2部
description: the leaflet 001 walkthrough
clock: 2026-06-10T10:00:00+09:00
kiosk: seven-izumi-fuchu
printer_fault: {kind: jam, after: 1}
coin_fault: jam
steps:
  - tap: 行政サービス
  - tap: "#agree"
  - place_card: izumi-taro
  - pin: "1234"
  - remove_card
  - copies: 2
  - tap: 1
  - insert: [100, 100, 50, 5, foreign]
  - insert: 1000
  - take: change
  - wait: 90.5
  - press: enter
  - restart:
  - expect:
      screen: receipt
      text: [領収書, 証明書]
      text_lacks: 個人番号
      fee: 400
      change: 600
      printed: 2
      pdf_text: 住民票
      pdf_lacks: [個人番号]
      refund: 0
      pin_tries_left: 3
"""


def parse(text: str) -> object:
    return parse_scenario(textwrap.dedent(text), "s.yaml")


def error(text: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        parse(text)
    message = str(info.value)
    assert "\n" not in message and message.startswith("s.yaml")
    return info.value


def test_a_complete_file_parses_into_typed_steps():
    s = parse(GOOD)
    assert s.name == "住民票の写し 2部"
    assert s.description == "the leaflet 001 walkthrough"
    assert s.clock == datetime(2026, 6, 10, 10, 0, tzinfo=timezone(timedelta(hours=9)))
    assert s.kiosk == "seven-izumi-fuchu"
    assert s.printer_fault == PrinterFault("jam", 1)
    assert s.coin_fault == "jam"
    assert [st.number for st in s.steps] == list(range(1, 15))
    assert [st.line for st in s.steps] == list(range(8, 22))
    at = [{"number": st.number, "line": st.line} for st in s.steps]
    assert s.steps == (
        Tap("行政サービス", **at[0]), Tap("#agree", **at[1]), PlaceCard("izumi-taro", **at[2]),
        Pin("1234", **at[3]), RemoveCard(**at[4]), Copies(2, **at[5]), Tap("1", **at[6]),
        Insert((100, 100, 50, 5, "foreign"), **at[7]), Insert((1000,), **at[8]),
        Take(TakeItem.CHANGE, **at[9]), Wait(90.5, **at[10]), Press("enter", **at[11]),
        Restart(**at[12]),
        ExpectStep(Expect(
            screen="receipt", text=("領収書", "証明書"), text_lacks=("個人番号",), fee=400,
            change=600, printed=2, pdf_text=("住民票",), pdf_lacks=("個人番号",), refund=0,
            pin_tries_left=3), **at[13]),
    )
    # As the transcript records them: the key and the value written after it.
    assert [(st.action, st.argument) for st in s.steps[9:13]] == [
        ("take", "change"), ("wait", 90.5), ("press", "enter"), ("restart", None)]
    assert [st.describe() for st in s.steps[7:10]] == [
        "insert: (100, 100, 50, 5, 'foreign')", "insert: (1000,)", "take: change"]
    assert s.cards() == {"izumi-taro"}


def test_optional_header_fields_default_to_none():
    s = parse("name: x\nsteps:\n  - tap: 同意する\n")
    assert (s.clock, s.kiosk, s.printer_fault, s.coin_fault, s.size) == (None,) * 5
    assert parse("name: x\nsize: 80x24\nsteps:\n  - tap: a\n").size == (80, 24)


def test_a_naive_clock_is_japan_time_and_a_quoted_clock_works():
    s = parse('name: x\nclock: "2026-12-31T22:59:00"\nsteps: [{tap: a}]\n')
    assert s.clock.utcoffset() == timedelta(hours=9) and s.clock.hour == 22


def test_printer_fault_short_form():
    assert parse("name: x\nprinter_fault: paper_out\nsteps: [{tap: a}]").printer_fault == \
        PrinterFault("paper_out", 0)


def test_the_slug_is_the_file_stem(tmp_path: Path):
    f = tmp_path / "001-walkthrough.yaml"
    f.write_text("name: x\nsteps: [remove_card]\n", encoding="utf-8")
    assert load_scenario(f).slug == "001-walkthrough"


@pytest.mark.parametrize("text, line, words", [
    ("name: x\nsteps:\n  - tap: a\n  - jump: b\n", 4, "unknown step 'jump'"),
    ("name: x\nsteps:\n  - tap: a\n  - dance\n", 4, "unknown step 'dance'"),
    ("name: x\nsteps:\n  - tap\n", 3, "'tap' needs a value"),
    ("name: x\nsteps:\n  - {tap: a, pin: '1'}\n", 3, "exactly one action"),
    ("name: x\nsteps:\n  - pin: 1234\n", 3, "quoted"),
    ("name: x\nsteps:\n  - pin: '12a4'\n", 3, "digits"),
    ("name: x\nsteps:\n  - copies: two\n", 3, "whole number"),
    ("name: x\nsteps:\n  - copies: -1\n", 3, "0–999"),
    ("name: x\nsteps:\n  - copies: true\n", 3, "whole number"),
    ("name: x\nsteps:\n  - insert: []\n", 3, "at least one coin"),
    ("name: x\nsteps:\n  - insert: [100, 1.5]\n", 3, "yen amounts"),
    ("name: x\nsteps:\n  - insert: [100, 0]\n", 3, "not possible"),
    ("name: x\nsteps:\n  - insert: [100, [1]]\n", 3, "single value"),
    ("name: x\nsteps:\n  - take: money\n", 3, "certificates, receipt, change, card"),
    ("name: x\nsteps:\n  - wait: soon\n", 3, "number of seconds"),
    ("name: x\nsteps:\n  - wait: -3\n", 3, "between 0"),
    ("name: x\nsteps:\n  - wait: .nan\n", 3, "number of seconds"),
    ("name: x\nsteps:\n  - remove_card: now\n", 3, "takes no value"),
    ("name: x\nsteps:\n  - tap: ''\n", 3, "button label"),
    ("name: x\nsteps:\n  - tap: [a]\n", 3, "single value"),
    ("name: x\nsteps:\n  - expect: {}\n", 3, "at least one of"),
    ("name: x\nsteps:\n  - expect: screen\n", 3, "mapping"),
    ("name: x\nsteps:\n  - expect:\n      colour: red\n", 4, "unknown expectation 'colour'"),
    ("name: x\nsteps:\n  - expect:\n      fee: 'a lot'\n", 4, "expect.fee must be a whole number"),
    ("name: x\nsteps:\n  - expect:\n      text: []\n", 4, "empty list"),
    ("name: x\nsteps:\n  - expect:\n      text: [a, {b: c}]\n", 4, "single value"),
    ("name: x\nsteps:\n  - expect:\n      pin_tries_left: 99\n", 4, "0–16"),
    ("name: x\nsteps:\n  - expect:\n      signing_pin_tries_left: -1\n", 4, "0–16"),
    ("name: x\nsteps:\n  - type: ''\n", 3, "non-empty text"),
    ("name: x\nsteps:\n  - type: " + "A" * 41 + "\n", 3, "1 to 40 characters"),
    ("name: x\nsteps:\n  - type: [a]\n", 3, "single value"),
    ("name: x\nsteps:\n  - reserve_pin_reset\n", 3, "needs a value"),
    ("name: x\nsteps:\n  - expect: {fee: 1, fee: 2}\n", 3, "given twice"),
    ("name: x\nsteps: []\n", 2, "non-empty list"),
    ("name: x\nsteps: tap\n", 2, "non-empty list"),
    ("name: x\n", 1, "missing 'steps:'"),
    ("steps: [{tap: a}]\n", 1, "missing 'name:'"),
    ("name: [a]\nsteps: [{tap: a}]\n", 1, "name must be"),
    ("name: x\ncolour: red\nsteps: [{tap: a}]\n", 2, "unknown header 'colour'"),
    ("name: x\nclock: tomorrow\nsteps: [{tap: a}]\n", 2, "ISO 8601"),
    ("name: x\nclock: [1]\nsteps: [{tap: a}]\n", 2, "ISO 8601"),
    ("name: x\nprinter_fault: fire\nsteps: [{tap: a}]\n", 2, "jam, paper_out"),
    ("name: x\nprinter_fault: {after: 1}\nsteps: [{tap: a}]\n", 2, "kind"),
    ("name: x\nprinter_fault: {kind: jam, after: x}\nsteps: [{tap: a}]\n", 2, "whole number"),
    ("name: x\ncoin_fault: melted\nsteps: [{tap: a}]\n", 2, "coin_fault must be one of"),
    ("name: x\nsize: big\nsteps: [{tap: a}]\n", 2, "size must be WIDTHxHEIGHT"),
    ("name: x\nsize: 10x5\nsteps: [{tap: a}]\n", 2, "size must be WIDTHxHEIGHT"),
    ("name: x\nkiosk: 12\nsteps: [{tap: a}]\n", 2, "kiosk must be non-empty text"),
    ("- a\n- b\n", 1, "mapping"),
    ("", 1, "empty"),
    ("name: x\nsteps:\n  - tap: [a\n", 4, "YAML error"),
    ("name: x\n  steps: 1\n", 2, "YAML error"),
    ("name: x\nsteps:\n  - tap: !!python/object:os.system echo\n", 3, "unreadable"),
    ("name: x\nsteps:\n  - copies: !!int zz\n", 3, "unreadable"),
    ("name: x\n? [a]\n: b\nsteps: [{tap: a}]\n", 2, "a key in the scenario must be a single value"),
    ("name: x\n7: b\nsteps: [{tap: a}]\n", 2, "keys in the scenario must be names"),
])
def test_malformed_files_give_one_line_naming_the_line(text, line, words):
    e = error(text)
    assert e.line == line, str(e)
    assert words in str(e)
    assert str(e).startswith(f"s.yaml:{line}: ")


def test_unknown_cards_and_kiosks_are_named_with_their_line():
    s = parse("name: x\nkiosk: nowhere\nsteps:\n  - place_card: izumi-taro\n  - place_card: nobody\n")
    with pytest.raises(ScenarioError, match=r"^s\.yaml:5: unknown card 'nobody'"):
        check_names(s, cards={"izumi-taro"}, kiosks={"nowhere"})
    with pytest.raises(ScenarioError, match=r"^s\.yaml:2: unknown kiosk 'nowhere'"):
        check_names(s, cards={"izumi-taro", "nobody"}, kiosks={"seven-izumi-fuchu"})
    check_names(s, cards={"izumi-taro", "nobody"}, kiosks={"nowhere"})


def test_a_reservation_names_a_known_card():
    s = parse("name: x\nsteps:\n  - reserve_pin_reset: nobody\n")
    with pytest.raises(ScenarioError, match=r"^s\.yaml:3: unknown card 'nobody'"):
        check_names(s, cards={"izumi-taro"}, kiosks=())
    assert s.cards() == {"nobody"}


def test_demo_vocabulary_accepts_demo_names():
    from backend import demo_data

    s = parse("name: x\nkiosk: izumi-cityhall\nsteps:\n  - place_card: tomakomai-locked\n")
    check_names(s, cards=[c.card_name for _, _, c in demo_data.cards()],
                kiosks=[k.kiosk_id for k in demo_data.KIOSKS])


def test_unreadable_and_non_utf8_files(tmp_path: Path):
    with pytest.raises(ScenarioError, match="cannot read the file"):
        load_scenario(tmp_path / "missing.yaml")
    bad = tmp_path / "latin.yaml"
    bad.write_bytes(b"name: x\nsteps:\n  - tap: caf\xe9\n")
    with pytest.raises(ScenarioError, match=r"latin\.yaml:3: the file is not UTF-8"):
        load_scenario(bad)


def test_deeply_nested_yaml_is_an_error_not_a_crash():
    with pytest.raises(ScenarioError):
        parse("name: x\nsteps: " + "[" * 5000 + "]" * 5000 + "\n")


def test_the_billion_laughs_alias_trick_is_refused_as_a_type_error():
    text = "name: x\na: &a [1, 1]\nb: &b [*a, *a]\nsteps: [{insert: *b}]\n"
    with pytest.raises(ScenarioError):
        parse(text)


# --- property: anything at all is either a scenario or one line of error -------------------

_step_names = st.sampled_from(["tap", "pin", "copies", "insert", "take", "wait", "expect",
                               "place_card", "remove_card", "press", "restart", "nope"])
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6) | _step_names,
                                                                inner, max_size=3),
    max_leaves=12,
)


def _check_one_line(text: str) -> None:
    try:
        parse_scenario(text, "junk.yaml")
    except ScenarioError as e:
        assert "\n" not in str(e) and str(e).startswith("junk.yaml")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_text_never_raises_anything_but_a_one_line_error(text):
    _check_one_line(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(_step_names, _json, min_size=0, max_size=2) | _json, max_size=5),
       _json)
def test_random_structures_never_raise_anything_but_a_one_line_error(steps, name):
    import yaml

    text = yaml.safe_dump({"name": name, "steps": steps}, allow_unicode=True)
    _check_one_line(text)


@settings(max_examples=200)
@given(st.binary(max_size=200))
def test_random_bytes_from_a_file_never_crash(tmp_path_factory, data):
    f = tmp_path_factory.mktemp("junk") / "junk.yaml"
    f.write_bytes(data)
    try:
        load_scenario(f)
    except ScenarioError as e:
        assert "\n" not in str(e)
